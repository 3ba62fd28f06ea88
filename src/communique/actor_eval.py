"""Score the actor stage against a gold file of mentions (``communique eval-actors``).

Gold format: one article a JSONL line, ``{"id", "published", "text", "mentions": [...]}``;
``published`` (YYYY-MM-DD or null) is the date the article is resolved on, since who holds an
office depends on it. Each mention is an object:

- ``text``: the mention as written; ``occurrence`` (default 1): which whole-word occurrence
  of that text in the article it is, counting every one, also those inside longer names
  ("Lee" in "Lee Jae-myung" is an occurrence of "Lee").
- ``code``: the PLOVER code, or a list of codes for a mention that stands for several
  parties ("the two leaders"), or null for a mention that must code as no one
  ("analysts").
- ``sector``: the PLOVER sector, or a list of sectors any of which is right; null: not judged.
- ``office``, ``identifier``: judged where not null ("President", "person:lee-jae-myung").
- ``category``: optional label the figures are broken down by (country, body,
  person-dated, person-unknown, role, coreference, generic...).

Matching rule: a gold mention is resolved to the entities the article's
:class:`~communique.actors.ActorIndex` gives the token heading the gold span (the span's
syntactic root in the parse), the lookup the events stage makes for an argument: the noun
phrase headed by that token, else the phrase covering it (a name inside a longer name, a
possessive "Japan's" inside "Japan's Prime Minister Shigeru Ishiba"), else unnamed people by
their modifiers or place ("demonstrators in Baghdad"). Conjuncts are not added: "Lee" in
"Lee and Ishiba" is Lee alone.

Figures, over all mentions and per category:

- code: gold mentions with a code whose resolved codes are exactly the gold's (as a set);
- sector: those with a sector where every resolved entity has an acceptable sector
  (judged on its own, whatever the code);
- office, identifier: those where gold gives one and a resolved entity of a gold code has it;
- null: gold mentions with code null that resolve to no one (precision on what not to code).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.errors import GoldFormatError
from communique.evaluate import Accuracy, gold_date, gold_field, json_lines
from communique.models import Entity

if TYPE_CHECKING:  # the actor stage needs spaCy; reading and scoring gold do not
    from communique.actors import ActorIndex

log = logging.getLogger(__name__)

FIGURES: tuple[str, ...] = ("code", "sector", "office", "identifier", "null")
_CODE = re.compile(r"^[A-Z]{3}$")
_MENTION_KEYS = frozenset("text occurrence code sector office identifier category".split())


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldMention:
    """One gold mention: where it is in the text and what it must resolve to."""

    text: str
    occurrence: int
    start: int
    end: int
    """Character offsets of this occurrence in the article text."""
    codes: tuple[str, ...]
    """Empty for a mention that must code as no one."""
    sectors: tuple[str, ...] = ()
    """Acceptable sectors; empty: not judged."""
    office: str | None = None
    identifier: str | None = None
    category: str | None = None

    def describe(self) -> str:
        nth = f" #{self.occurrence}" if self.occurrence > 1 else ""
        label = f" [{self.category}]" if self.category else ""
        return f"{self.text!r}{nth}{label}"

    def expected(self) -> str:
        if not self.codes:
            return "no one"
        text = "+".join(self.codes) + "/" + ("|".join(self.sectors) or "*")
        extras = [x for x in (self.office, self.identifier) if x]
        return f"{text} ({', '.join(extras)})" if extras else text


@dataclass(frozen=True)
class ActorGoldArticle:
    """An article to resolve and the mentions in it."""

    id: str
    text: str
    published: date | None
    mentions: tuple[GoldMention, ...]


def read_actor_gold(path: Path) -> list[ActorGoldArticle]:
    """Read and check an actor gold file (format in the module docstring).

    Raises GoldFormatError naming the file, line and mention of the first problem, including
    a mention text that does not occur in its article as often as ``occurrence`` says.
    """
    articles: list[ActorGoldArticle] = []
    seen: set[str] = set()
    for _, where, obj in json_lines(path, "id, published, text and mentions"):
        article = _parse_article(obj, where)
        if article.id in seen:
            raise GoldFormatError(
                f"{where}: article id {article.id!r} is repeated — make it unique"
            )
        seen.add(article.id)
        articles.append(article)
    if not articles:
        raise GoldFormatError(
            f"{path}: no articles — write one JSON object a line with id, published, text "
            "and mentions"
        )
    log.debug("read %d actor gold articles from %s", len(articles), path)
    return articles


def _parse_article(obj: dict[str, Any], where: str) -> ActorGoldArticle:
    article_id = gold_field(obj, "id", str, where, "a unique string id")
    text = gold_field(obj, "text", str, where, "the article text as a string")
    mentions = gold_field(obj, "mentions", list, where, "a list of mention objects")
    if not article_id:
        raise GoldFormatError(f"{where}: 'id' is empty — give a unique string id")
    if not text.strip():
        raise GoldFormatError(f"{where}: 'text' is empty — give the article text")
    published = gold_date(obj, "published", where)
    on = date.fromisoformat(published) if published is not None else None
    parsed = tuple(
        _parse_mention(m, text, f"{where}: mention {n}") for n, m in enumerate(mentions, start=1)
    )
    return ActorGoldArticle(article_id, text, on, parsed)


def _parse_mention(obj: Any, article: str, where: str) -> GoldMention:
    if not isinstance(obj, dict):
        raise GoldFormatError(f'{where}: not an object — write {{"text": ..., "code": ...}}')
    unknown = sorted(set(obj) - _MENTION_KEYS)
    if unknown:
        raise GoldFormatError(
            f"{where}: unknown keys {unknown}; the keys are {', '.join(sorted(_MENTION_KEYS))}"
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldFormatError(f"{where}: 'text' must be the mention as written")
    occurrence = obj.get("occurrence", 1)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise GoldFormatError(f"{where} ({text!r}): 'occurrence' must be a whole number from 1")
    spans = occurrences(article, text)
    if len(spans) < occurrence:
        raise GoldFormatError(
            f"{where}: {text!r} occurs {len(spans)} times as a whole word in the text, so "
            f"occurrence {occurrence} does not exist — check the spelling and the count"
        )
    start, end = spans[occurrence - 1]
    codes = _strings(obj.get("code"), "code", where)
    bad = [c for c in codes if not _CODE.match(c)]
    if bad:
        raise GoldFormatError(f"{where} ({text!r}): code {bad[0]!r} is not three capital letters")
    sectors = _strings(obj.get("sector"), "sector", where)
    return GoldMention(
        text=text,
        occurrence=occurrence,
        start=start,
        end=end,
        codes=codes,
        sectors=sectors,
        office=_optional_string(obj, "office", where),
        identifier=_optional_string(obj, "identifier", where),
        category=_optional_string(obj, "category", where),
    )


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise GoldFormatError(f"{where}: '{key}' must be a string, a list of strings, or null")
    return tuple(values)


def _optional_string(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise GoldFormatError(f"{where}: '{key}' must be a string or null")
    return value


def occurrences(text: str, mention: str) -> list[tuple[int, int]]:
    """Character spans of ``mention`` in ``text`` as a whole word (no letter or digit
    touching either end), in order."""
    pattern = rf"(?<![^\W_]){re.escape(mention)}(?![^\W_])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


# --------------------------------------------------------------------------- resolving


def resolve_mention(index: ActorIndex, mention: GoldMention) -> list[Entity]:
    """The entities ``index`` gives the token heading the mention's span."""
    span = index.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    return index.entities_for(span.root, conjuncts=False)


def resolve_gold(
    articles: Sequence[ActorGoldArticle], model: str | None = None, actors: Sequence[Path] = ()
) -> dict[str, list[list[Entity]]]:
    """Parse and resolve every gold article: article id -> entities of each gold mention."""
    from communique.actors import ActorResolver
    from communique.knowledge import KnowledgeBase
    from communique.nlp import load_pipeline

    nlp = load_pipeline(model)
    resolver = ActorResolver(nlp, KnowledgeBase.load(list(actors)))
    out: dict[str, list[list[Entity]]] = {}
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        index = resolver(doc, article.published)
        out[article.id] = [resolve_mention(index, m) for m in article.mentions]
    return out


# --------------------------------------------------------------------------- scoring


@dataclass
class MentionResult:
    """One gold mention, what it resolved to and which figures it got right."""

    mention: GoldMention
    entities: list[Entity]
    judged: dict[str, bool]
    """Figure name -> right or wrong, for the figures this mention is judged on."""

    @property
    def wrong(self) -> list[str]:
        return [name for name, ok in self.judged.items() if not ok]

    def describe(self) -> str:
        coded = ", ".join(_describe_entity(e) for e in self.entities) or "no one"
        return (
            f"{self.mention.describe()}: wrong {'/'.join(self.wrong)}; gold "
            f"{self.mention.expected()}, coded {coded}"
        )


@dataclass
class ArticleActors:
    id: str
    results: list[MentionResult] = field(default_factory=list)

    @property
    def errors(self) -> list[MentionResult]:
        return [r for r in self.results if r.wrong]


@dataclass
class ActorReport:
    """Everything ``communique eval-actors`` prints."""

    articles: list[ArticleActors] = field(default_factory=list)

    def figures(self, category: str | None = None) -> dict[str, Accuracy]:
        """Each figure over all mentions, or over the mentions of one category."""
        out = {name: Accuracy() for name in FIGURES}
        for result in self._results():
            if category is None or result.mention.category == category:
                for name, ok in result.judged.items():
                    out[name].add(ok)
        return out

    def categories(self) -> list[str]:
        return list(
            dict.fromkeys(r.mention.category for r in self._results() if r.mention.category)
        )

    def _results(self) -> list[MentionResult]:
        return [r for a in self.articles for r in a.results]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_count": len(self.articles),
            "mention_count": len(self._results()),
            **{name: acc.to_dict() for name, acc in self.figures().items()},
            "categories": {
                cat: {name: acc.to_dict() for name, acc in self.figures(cat).items()}
                for cat in self.categories()
            },
            "articles": [
                {"id": a.id, "mentions": len(a.results), "errors": [r.describe() for r in a.errors]}
                for a in self.articles
            ],
        }

    def format_text(self, per_article: bool = False) -> str:
        results = self._results()
        nulls = sum(1 for r in results if not r.mention.codes)
        lines = [
            f"gold: {len(self.articles)} articles, {len(results)} mentions "
            f"({len(results) - nulls} to code, {nulls} to leave uncoded)",
            "",
        ]
        rows = [("all", self.figures())] + [(c, self.figures(c)) for c in self.categories()]
        width = max(len(name) for name, _ in rows)
        lines.append(f"{'':<{width}}" + "".join(f"  {name:>16}" for name in FIGURES))
        for name, figures in rows:
            lines.append(
                f"{name:<{width}}" + "".join(f"  {_cell(a):>16}" for a in figures.values())
            )
        if per_article:
            lines.append("")
            for article in self.articles:
                lines.append(f"{article.id}: {len(article.errors)}/{len(article.results)} wrong")
                lines += [f"  {r.describe()}" for r in article.errors]
        return "\n".join(lines)


def score_actors(
    articles: Sequence[ActorGoldArticle], resolved: Mapping[str, Sequence[Sequence[Entity]]]
) -> ActorReport:
    """Judge each gold mention against the entities it resolved to (same order as the gold's
    mentions; an article missing from ``resolved`` resolved nothing)."""
    report = ActorReport()
    for article in articles:
        entities = list(resolved.get(article.id, ()))
        entities += [[]] * (len(article.mentions) - len(entities))
        result = ArticleActors(article.id)
        for mention, ents in zip(article.mentions, entities, strict=False):
            result.results.append(MentionResult(mention, list(ents), judge(mention, ents)))
        report.articles.append(result)
    return report


def judge(mention: GoldMention, entities: Sequence[Entity]) -> dict[str, bool]:
    """The figures a mention is judged on, each right or wrong (rules in the module docstring)."""
    if not mention.codes:
        return {"null": not entities}
    judged = {"code": {e.code for e in entities} == set(mention.codes)}
    if mention.sectors:
        judged["sector"] = bool(entities) and all(e.sector in mention.sectors for e in entities)
    own = [e for e in entities if e.code in mention.codes]
    if mention.office is not None:
        wanted = mention.office.casefold()
        judged["office"] = any((e.office or "").casefold() == wanted for e in own)
    if mention.identifier is not None:
        judged["identifier"] = any(e.identifier_id == mention.identifier for e in own)
    return judged


def _describe_entity(e: Entity) -> str:
    extras = [x for x in (e.office, e.identifier_id) if x]
    text = f"{e.code}/{e.sector or '?'}"
    return f"{text} ({', '.join(extras)})" if extras else text


def _cell(acc: Accuracy) -> str:
    if not acc.n:
        return "-"
    return f"{acc.correct}/{acc.n} {acc.value:.3f}"
