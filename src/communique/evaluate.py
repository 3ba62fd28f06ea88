"""Score coded PLOVER records against gold articles (``communique eval``).

The gold format and the scoring rules are those of the project's gold sets (one article a
JSONL line, each with a list of gold events); this module implements them and prints the same
figures, so a change can be checked against any gold set in that format.

Scoring, per article, then summed over articles:

1. Each coded record becomes an :class:`EventKey` (type, participants, aux): participants is
   the set of entity codes in actor and recipient together; aux is the first of future,
   hypothetical, negation, historical found in the record's ``context`` (None if none).
   Records with equal keys collapse into one; the first keeps its attributes.
2. Gold events are matched one-to-one, greedily, to coded keys whose type is one of the
   gold's acceptable types, whose aux equals the gold's (gold aux ``"*"`` accepts any aux) and
   whose participants equal the gold's (or overlap them, where the gold is lenient).
   Greedy order: required gold events first, then optional ones, each in file order; a
   gold event takes the first free coded key (in coded order) with exactly its participants,
   else the first free one that overlaps. Required events go first because an optional event
   must never cost a coder a hit ("neither required nor an error if coded"): in file order a
   lenient optional event could take the key a required event needs.
3. A matched required gold event is a true positive; an unmatched one a false negative. A
   coded key matched to nothing is a false positive. A key matched to an optional gold event
   is absorbed: neither a true nor a false positive, and a missed optional event is no false
   negative. Because keys are collapsed, two gold events with the same type, participants and
   aux can only both match if the coder produced two distinct keys for them: identical
   duplicate gold events cost a false negative each beyond the first.
4. On every matched pair, required or optional (the seed's only gold location sits on an
   optional event): date accuracy where the gold has a date, mode accuracy where it has a mode
   (the gold mode must be in the record's mode list), location accuracy where it has a
   location (equal to ``event_loc.country_code``), direction accuracy where it has a recipient
   (the set of coded actor codes equals the gold's actor set).
   Aux accuracy counts gold events whose aux is judged (not ``"*"``): matched ones are right
   by construction; a gold event that is unmatched while a free coded key has an acceptable
   type and its participants but another aux is counted as wrong ("missed only because the
   aux differed").

Diagnostics: per-type counts (a true positive is charged to the coded type, a false positive
to its own type, a false negative to the gold's first acceptable type); type confusions (for
each missed required gold event, a false-positive key with its participants and aux but
another type: gold first type -> coded type); per-article results.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from communique.errors import GoldFormatError
from communique.models import Article
from communique.scores import PLOVER_TYPES

logger = logging.getLogger(__name__)

AUX_MODES: tuple[str, ...] = ("future", "hypothetical", "negation", "historical")
ANY_AUX = "*"
"""Gold aux value meaning: the aux is not judged, any coded aux matches."""
ATTRIBUTES: tuple[str, ...] = ("date", "mode", "location", "direction", "aux")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldEvent:
    """One gold event. ``aux``: None is a plain assertion, ``"*"`` is not judged."""

    types: tuple[str, ...]
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    date: str | None = None
    mode: str | None = None
    aux: str | None = None
    location: str | None = None
    optional: bool = False
    lenient: bool = False

    @property
    def participants(self) -> frozenset[str]:
        return frozenset(self.actor) | frozenset(self.recipient)

    def describe(self) -> str:
        text = f"{'/'.join(self.types)} {_describe_codes(self.participants)}"
        if self.aux not in (None, ANY_AUX):
            text += f" [{self.aux}]"
        if self.lenient:
            text += " (lenient)"
        return text


@dataclass(frozen=True, kw_only=True)
class GoldArticle:
    """One gold article: the text to code and the events a coder should find in it."""

    id: str
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    text: str
    url: str | None = None
    gold: tuple[GoldEvent, ...] = ()

    def article(self, source: str | None = None) -> Article:
        """The article to code for this gold entry."""
        return Article(
            id=self.id,
            text=self.text,
            published=date.fromisoformat(self.published) if self.published else None,
            outlet=self.outlet,
            url=self.url,
            title=self.title,
            source=source,
        )


def json_lines(path: Path, fields: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Line number, ``path:line`` and object of each non-blank line of a JSONL gold file.

    Raises GoldFormatError naming the file and line when the file cannot be read, a line is
    not UTF-8 or not a JSON object (``fields`` says what an object should hold).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GoldFormatError(
            f"{path}: cannot read the gold file ({exc.strerror}) — check the path"
        ) from exc
    for number, raw in enumerate(data.splitlines(), start=1):
        where = f"{path}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise GoldFormatError(
                f"{where}: not UTF-8 (byte {exc.start + 1} of the line) — save the file as UTF-8"
            ) from exc
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(
                f"{where}: not valid JSON ({exc.msg} at column {exc.colno}) — "
                "write one JSON object per line"
            ) from exc
        if not isinstance(obj, dict):
            raise GoldFormatError(
                f"{where}: the line is a JSON {_json_type(obj)}, not an object — "
                f"write one JSON object per line with {fields}"
            )
        yield number, where, obj


def read_gold(path: Path) -> list[GoldArticle]:
    """Read and validate a gold JSONL file; blank lines are skipped, unknown keys ignored.

    A null value for an optional key means the key is absent. A repeated article id is
    renamed ``<id>#<line>`` with a warning. Raises GoldFormatError naming the file and line
    of the first problem.
    """
    articles: list[GoldArticle] = []
    first_line: dict[str, int] = {}
    for number, where, obj in json_lines(path, "id, text and gold"):
        article = _parse_article(obj, where)
        # Coded events are looked up by id, so a repeated id (the upstream PLOVER gold
        # standard repeats one) would score two texts against one event list.
        while article.id in first_line:
            unique = f"{article.id}#{number}"
            logger.warning(
                "%s: duplicate article id %r (first on line %d), scored as %r — "
                "give every article a unique id",
                where,
                article.id,
                first_line[article.id],
                unique,
            )
            article = replace(article, id=unique)
        first_line[article.id] = number
        articles.append(article)
    if not articles:
        raise GoldFormatError(
            f"{path}: no gold articles in the file — write one JSON object per line "
            "with id, text and gold"
        )
    logger.debug("read %d gold articles from %s", len(articles), path)
    return articles


def _parse_article(obj: dict[str, Any], where: str) -> GoldArticle:
    article_id = gold_field(obj, "id", str, where, "a unique string id")
    text = gold_field(obj, "text", str, where, "the article text as a string")
    gold = gold_field(obj, "gold", list, where, "a list of gold events (may be empty)")
    return GoldArticle(
        id=article_id,
        published=gold_date(obj, "published", where),
        outlet=gold_field(obj, "outlet", str, where, "a string or null", required=False),
        title=gold_field(obj, "title", str, where, "a string or null", required=False),
        text=text,
        url=gold_field(obj, "url", str, where, "a string or null", required=False),
        gold=tuple(
            _parse_event(event, f"{where}: gold event {index}")
            for index, event in enumerate(gold, start=1)
        ),
    )


def _parse_event(obj: Any, where: str) -> GoldEvent:
    if not isinstance(obj, dict):
        raise GoldFormatError(
            f"{where}: is a JSON {_json_type(obj)}, not an object — write each gold event as "
            'an object such as {"type": "CONSULT", "actor": ["KOR"], "recipient": ["JPN"]}'
        )
    return GoldEvent(
        types=_parse_types(obj, where),
        actor=_codes_field(obj, "actor", where),
        recipient=_codes_field(obj, "recipient", where),
        date=gold_date(obj, "date", where),
        mode=gold_field(obj, "mode", str, where, "a PLOVER mode string", required=False),
        aux=_aux_field(obj, where),
        location=gold_field(obj, "location", str, where, "a country code string", required=False),
        optional=bool(gold_field(obj, "optional", bool, where, "true or false", required=False)),
        lenient=bool(gold_field(obj, "lenient", bool, where, "true or false", required=False)),
    )


def _parse_types(obj: dict[str, Any], where: str) -> tuple[str, ...]:
    value = gold_field(obj, "type", (str, list), where, "a PLOVER type or a list of them")
    types = (value,) if isinstance(value, str) else tuple(value)
    if not types:
        raise GoldFormatError(
            f"{where}: 'type' is an empty list — give at least one acceptable PLOVER type"
        )
    for name in types:
        if name in PLOVER_TYPES:
            continue
        hint = (
            f"write it in capitals: {name.upper()}"
            if isinstance(name, str) and name.upper() in PLOVER_TYPES
            else f"use one of {', '.join(PLOVER_TYPES)}"
        )
        raise GoldFormatError(f"{where}: unknown event type {name!r} — {hint}")
    return types


def _aux_field(obj: dict[str, Any], where: str) -> str | None:
    aux = gold_field(obj, "aux", str, where, f"one of {', '.join(AUX_MODES)} or *", required=False)
    if aux is not None and aux not in (*AUX_MODES, ANY_AUX):
        raise GoldFormatError(
            f"{where}: unknown aux {aux!r} — use one of {', '.join(AUX_MODES)}, "
            '"*" (not judged), or leave it out for a plain assertion'
        )
    return aux


def _codes_field(obj: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = gold_field(obj, key, list, where, "a list of entity codes (may be empty)")
    for code in value:
        if not isinstance(code, str):
            raise GoldFormatError(
                f"{where}: '{key}' holds a {_json_type(code)} ({code!r}) — "
                'write entity codes as strings, e.g. ["KOR", "JPN"]'
            )
    return tuple(value)


def gold_date(obj: dict[str, Any], key: str, where: str) -> str | None:
    """The YYYY-MM-DD date under ``key``, checked to be a calendar date; absent or null: None."""
    value = gold_field(obj, key, str, where, "a YYYY-MM-DD date or null", required=False)
    if value is None:
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError as exc:
        raise GoldFormatError(
            f"{where}: '{key}' is {value!r}, not a YYYY-MM-DD date — "
            "write a real calendar date as YYYY-MM-DD, or null"
        ) from exc
    return value


def gold_field(
    obj: dict[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    where: str,
    expected: str,
    *,
    required: bool = True,
) -> Any:
    """The value of ``key``, checked against ``kind``; absent or null optional keys give None."""
    value = obj.get(key)
    if value is None:
        if required:
            raise GoldFormatError(f"{where}: missing required key '{key}' — give {expected}")
        return None
    if not isinstance(value, kind):
        raise GoldFormatError(
            f"{where}: '{key}' is a {_json_type(value)} ({value!r}) — give {expected}"
        )
    return value


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


# --------------------------------------------------------------------------- coded


@dataclass(frozen=True)
class EventKey:
    """What a coded event is scored on: type, participant codes, auxiliary mode."""

    type: str
    participants: frozenset[str]
    aux: str | None

    def describe(self) -> str:
        text = f"{self.type} {_describe_codes(self.participants)}"
        return f"{text} [{self.aux}]" if self.aux else text


@dataclass(frozen=True)
class _CodedEvent:
    key: EventKey
    record: Mapping[str, Any]
    """The first record with this key; its attributes are the ones scored."""


def key_of(record: Mapping[str, Any]) -> EventKey:
    """The scoring key of one PLOVER record as communique writes it."""
    types = _strings(record.get("event"))
    if len(types) != 1:
        raise ValueError(
            f"a coded record must carry exactly one PLOVER type in 'event', got "
            f"{record.get('event')!r}"
        )
    participants = _entity_codes(record.get("actor")) | _entity_codes(record.get("recipient"))
    aux = next((c for c in _strings(record.get("context")) if c in AUX_MODES), None)
    return EventKey(types[0], participants, aux)


def _collapse(records: Iterable[Mapping[str, Any]]) -> list[_CodedEvent]:
    keyed: dict[EventKey, _CodedEvent] = {}
    for record in records:
        key = key_of(record)
        keyed.setdefault(key, _CodedEvent(key, record))
    return list(keyed.values())


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _entity_codes(entities: Iterable[Mapping[str, Any]] | None) -> frozenset[str]:
    """Codes of a record's entity list; an entity without a code names no participant."""
    return frozenset(e["code"] for e in entities or () if e.get("code"))


def _describe_codes(codes: Iterable[str]) -> str:
    return "{" + ", ".join(sorted(codes)) + "}"


# --------------------------------------------------------------------------- report


@dataclass
class Counts:
    """True positives, false positives, false negatives and the figures that follow."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        # Equal to the harmonic mean of P and R, and defined (0) when one of them is not.
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Accuracy:
    """How many of ``n`` judged matched pairs had the attribute right."""

    correct: int = 0
    n: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.n if self.n else None

    def add(self, ok: bool) -> None:
        self.n += 1
        self.correct += ok

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "n": self.n, "accuracy": self.value}


@dataclass
class ArticleResult:
    """One article's counts, with readable descriptions of what went wrong."""

    id: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional_matched: int = 0
    missed: list[str] = field(default_factory=list)
    """Unmatched required gold events."""
    false_positives: list[str] = field(default_factory=list)
    """Coded keys matched to no gold event."""
    attribute_errors: list[str] = field(default_factory=list)
    """Wrong date, mode, location or direction on matched pairs."""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class EvalReport:
    """Everything ``communique eval`` prints, summed over the gold articles."""

    totals: Counts = field(default_factory=Counts)
    gold_required: int = 0
    gold_optional: int = 0
    optional_matched: int = 0
    coded_records: int = 0
    coded_keys: int = 0
    """Coded events after collapsing records with equal keys."""
    accuracy: dict[str, Accuracy] = field(
        default_factory=lambda: {name: Accuracy() for name in ATTRIBUTES}
    )
    aux_misses: int = 0
    """Gold events missed only because the coded aux differed."""
    per_type: dict[str, Counts] = field(
        default_factory=lambda: {name: Counts() for name in PLOVER_TYPES}
    )
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(gold type, coded type) -> how often a missed gold event was coded as that type."""
    articles: list[ArticleResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_count": len(self.articles),
            "gold_required": self.gold_required,
            "gold_optional": self.gold_optional,
            "optional_matched": self.optional_matched,
            "coded_records": self.coded_records,
            "coded_keys": self.coded_keys,
            **self.totals.to_dict(),
            "accuracy": {name: acc.to_dict() for name, acc in self.accuracy.items()},
            "aux_misses": self.aux_misses,
            "per_type": {
                name: counts.to_dict() for name, counts in self.per_type.items() if _any(counts)
            },
            "confusion": [
                {"gold": gold, "coded": coded, "count": count}
                for (gold, coded), count in self.confusion.most_common()
            ],
            "articles": [article.to_dict() for article in self.articles],
        }

    def format_text(self, per_article: bool = False) -> str:
        """The printed report: totals, per-type table, attribute accuracies, confusions."""
        lines = [
            f"gold: {len(self.articles)} articles, {self.gold_required} required + "
            f"{self.gold_optional} optional events ({self.optional_matched} optional matched); "
            f"coded: {self.coded_records} records -> {self.coded_keys} events",
            "",
        ]
        rows = [("all", self.totals)]
        rows += [(name, counts) for name, counts in self.per_type.items() if _any(counts)]
        width = max(len(name) for name, _ in rows)
        lines.append(f"{'':<{width}}  {'TP':>4} {'FP':>4} {'FN':>4}  {'P':>5}  {'R':>5}  {'F1':>5}")
        for name, c in rows:
            lines.append(
                f"{name:<{width}}  {c.tp:>4} {c.fp:>4} {c.fn:>4}  {_fmt(c.precision):>5}  "
                f"{_fmt(c.recall):>5}  {_fmt(c.f1):>5}"
            )
        lines += ["", "on matched pairs (correct/n):"]
        for name, acc in self.accuracy.items():
            ratio = f"{acc.correct}/{acc.n}"
            line = f"  {name:<9} {ratio:>9}  {_fmt(acc.value):>5}"
            if name == "aux":
                line += f"  ({self.aux_misses} missed only because the aux differed)"
            lines.append(line)
        if self.confusion:
            lines += ["", "type confusions (missed gold type -> coded type, same participants):"]
            for (gold, coded), count in self.confusion.most_common():
                lines.append(f"  {gold} -> {coded}: {count}")
        if per_article:
            lines += ["", *self._format_articles()]
        return "\n".join(lines)

    def _format_articles(self) -> list[str]:
        width = max((len(a.id) for a in self.articles), default=2)
        lines = [f"{'id':<{width}}  {'TP':>4} {'FP':>4} {'FN':>4}"]
        for article in self.articles:
            lines.append(f"{article.id:<{width}}  {article.tp:>4} {article.fp:>4} {article.fn:>4}")
            lines += [f"  missed: {text}" for text in article.missed]
            lines += [f"  false positive: {text}" for text in article.false_positives]
            lines += [f"  wrong {text}" for text in article.attribute_errors]
        return lines


def _any(counts: Counts) -> bool:
    return bool(counts.tp or counts.fp or counts.fn)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


# --------------------------------------------------------------------------- scoring


def score(
    gold: Sequence[GoldArticle], coded: Mapping[str, Sequence[Mapping[str, Any]]]
) -> EvalReport:
    """Score coded records (article id -> PLOVER records) against gold articles.

    An article missing from ``coded`` was coded with no events; coded ids that are not in
    the gold are ignored (with a warning).
    """
    report = EvalReport()
    for article in gold:
        _score_article(article, coded.get(article.id, ()), report)
    unknown = set(coded) - {article.id for article in gold}
    if unknown:
        logger.warning(
            "%d coded article ids are not in the gold and were not scored, e.g. %s",
            len(unknown),
            sorted(unknown)[0],
        )
    return report


_Predicate = Callable[[GoldEvent, EventKey], bool]


def _type_ok(gold: GoldEvent, key: EventKey) -> bool:
    return key.type in gold.types


def _aux_ok(gold: GoldEvent, key: EventKey) -> bool:
    return gold.aux == ANY_AUX or key.aux == gold.aux


def _matches(gold: GoldEvent, key: EventKey) -> bool:
    return _type_ok(gold, key) and _aux_ok(gold, key)


def _aux_only_differs(gold: GoldEvent, key: EventKey) -> bool:
    return _type_ok(gold, key) and not _aux_ok(gold, key)


def _type_only_differs(gold: GoldEvent, key: EventKey) -> bool:
    return _aux_ok(gold, key) and not _type_ok(gold, key)


def _pick(
    gold: GoldEvent, coded: Sequence[_CodedEvent], taken: set[int], accept: _Predicate
) -> int | None:
    """Index of the first free coded key ``accept``-ed whose participants fit the gold's.

    Exactly equal participants win over a lenient overlap.
    """
    wanted = gold.participants
    overlapping: int | None = None
    for index, event in enumerate(coded):
        if index in taken or not accept(gold, event.key):
            continue
        if event.key.participants == wanted:
            return index
        if overlapping is None and gold.lenient and event.key.participants & wanted:
            overlapping = index
    return overlapping


def _score_article(
    article: GoldArticle, records: Sequence[Mapping[str, Any]], report: EvalReport
) -> None:
    coded = _collapse(records)
    result = ArticleResult(article.id)
    report.articles.append(result)
    report.coded_records += len(records)
    report.coded_keys += len(coded)

    order = sorted(range(len(article.gold)), key=lambda i: article.gold[i].optional)
    pairs: dict[int, int] = {}
    for gold_index in order:
        coded_index = _pick(article.gold[gold_index], coded, set(pairs.values()), _matches)
        if coded_index is not None:
            pairs[gold_index] = coded_index
    matched = set(pairs.values())

    for gold_index, gold in enumerate(article.gold):
        if gold.optional:
            report.gold_optional += 1
        else:
            report.gold_required += 1
        if gold_index in pairs:
            event = coded[pairs[gold_index]]
            _check_attributes(gold, event, report, result)
            if gold.optional:
                result.optional_matched += 1
            else:
                result.tp += 1
                report.per_type[event.key.type].tp += 1
        elif not gold.optional:
            result.fn += 1
            result.missed.append(gold.describe())
            report.per_type[gold.types[0]].fn += 1

    for index, event in enumerate(coded):
        if index not in matched:
            result.fp += 1
            result.false_positives.append(event.key.describe())
            report.per_type[event.key.type].fp += 1

    _diagnose_misses(article.gold, pairs, coded, report)
    report.optional_matched += result.optional_matched
    report.totals.tp += result.tp
    report.totals.fp += result.fp
    report.totals.fn += result.fn


def _check_attributes(
    gold: GoldEvent, event: _CodedEvent, report: EvalReport, result: ArticleResult
) -> None:
    record = event.record
    checks: list[tuple[str, object, object, bool]] = []
    if gold.aux != ANY_AUX:
        checks.append(("aux", gold.aux, event.key.aux, True))
    if gold.date is not None:
        checks.append(("date", gold.date, record.get("date"), record.get("date") == gold.date))
    if gold.mode is not None:
        modes = _strings(record.get("mode"))
        checks.append(("mode", gold.mode, list(modes), gold.mode in modes))
    if gold.location is not None:
        country = (record.get("event_loc") or {}).get("country_code")
        checks.append(("location", gold.location, country, country == gold.location))
    if gold.recipient:
        actors = _entity_codes(record.get("actor"))
        wanted = frozenset(gold.actor)
        checks.append(
            ("direction", _describe_codes(wanted), _describe_codes(actors), actors == wanted)
        )
    for name, want, got, ok in checks:
        report.accuracy[name].add(ok)
        if not ok:
            result.attribute_errors.append(
                f"{name}: {event.key.describe()}: gold {want}, coded {got}"
            )


def _diagnose_misses(
    golds: Sequence[GoldEvent],
    pairs: Mapping[int, int],
    coded: Sequence[_CodedEvent],
    report: EvalReport,
) -> None:
    """Explain unmatched gold events with false-positive keys that nearly fit them.

    Each false-positive key explains at most one gold event per kind of near miss.
    """
    aux_used = set(pairs.values())
    type_used = set(pairs.values())
    for index, gold in enumerate(golds):
        if index in pairs:
            continue
        if gold.aux != ANY_AUX:
            near = _pick(gold, coded, aux_used, _aux_only_differs)
            if near is not None:
                aux_used.add(near)
                report.aux_misses += 1
                report.accuracy["aux"].add(False)
        if not gold.optional:
            near = _pick(gold, coded, type_used, _type_only_differs)
            if near is not None:
                type_used.add(near)
                report.confusion[(gold.types[0], coded[near].key.type)] += 1
