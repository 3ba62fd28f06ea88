"""The actor knowledge base: countries, international bodies, people and role words.

The packaged tables in ``data/`` (``countries.csv``, ``igos.csv``, ``people.csv``,
``roles.csv``) are read once per process and cached; users' own YAML or CSV files are laid
over them by :meth:`KnowledgeBase.load`. Nothing here needs spaCy: a caller matches
:meth:`KnowledgeBase.surface_forms` in its documents (a PhraseMatcher on ``LOWER`` is
enough) and resolves every match with :meth:`KnowledgeBase.lookup`, dropping the matches
for which it returns nothing. ``lookup`` ignores case except in two ways that keep common
words out: a form written in capitals (US, WHO, IS, CAR) only matches text written in
capitals, and text written all in lower case ("turkey", "polish", "us") never matches a
proper name.
"""

from __future__ import annotations

import csv
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from communique.errors import KnowledgeBaseError

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"

SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE "
    "REL SOC".split()
)
"""PLOVER sector codes (manual v2.0, table "Sector Codes")."""

PEOPLE_COLUMNS = ("id", "name", "aliases", "code", "office", "sector", "start", "end", "source")
ENTRY_KINDS = frozenset("country capital seat adjective igo group body person".split())
ROLE_KINDS = frozenset({"person", "body", "group"})

_ORGANISATION_CODES = frozenset({"IGO", "UNO", "EUR"})
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC", "IMG", "ISM"})
"""Codes of parties that are no state: no place, no report's own country."""
_YAML_KEYS = frozenset("name code sector aliases office start end kind id".split())
_CODE = re.compile(r"^[A-Z]{3}$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014]")
_ROLE_LINKS = frozenset({"of", "for", "at"})
# Family name first in English-language news, so "Lee Jae-myung" is "Lee" and "Xi Jinping" "Xi".
_FAMILY_FIRST = frozenset({"CHN", "KOR", "PRK", "KHM", "ETH", "ERI"})
"""Where news calls a person by the first word of the name: a family name first (China,
the Koreas, Cambodia), or a given name before a father's name (Ethiopia and Eritrea:
"Abiy", "Isaias")."""
# Hong Kong and Taiwan officials often go by an English given name ("John Lee", "William Lai").
_FAMILY_FIRST_UNLESS_WESTERN = frozenset({"HKG", "TWN"})
_REGNAL = re.compile(r"^(?:[IVX]+|Jr\.?|Sr\.?)$")
_SURNAME_PARTICLES = frozenset("al el bin ibn van von der den de da di du la le dos".split())

# How a form's letter case constrains the text it matches (see the module docstring).
_ACRONYM, _PROPER, _ANY_CASE = "acronym", "proper", "any"


@dataclass(frozen=True)
class KBEntry:
    """One thing the knowledge base knows, as reached through one of its names."""

    code: str
    """PLOVER code: ISO 3166 alpha-3, KOS, or IGO, UNO, EUR, NGO, ISM, IMG, MNC."""
    kind: str
    """country, capital, seat, adjective, igo, group, body or person."""
    name: str
    """Canonical name (country name, body name, person name)."""
    sector: str | None
    """GOV for capitals, the seat's sector for seats, the body's sector, the office's sector."""
    identifier: str | None
    """Stable id: "country:KOR", "seat:RUS:kremlin", "igo:nato", "person:<id>"."""
    office: str | None = None
    start: date | None = None
    """Person rows: first day of the term."""
    end: date | None = None
    """Person rows: last day of the term; None while still in office."""
    source: str | None = None


@dataclass(frozen=True)
class Role:
    """A role word ("foreign minister", "lawmakers", "troops") and what it says of a mention."""

    word: str
    sector: str
    office: str | None
    kind: str
    """person, body or group."""
    generic: bool = False
    """True for head words ("spokesman", "forces") that take the sector of a modifying body."""


def normalise(text: str) -> str:
    """The lookup key of a name: folded case and accents, straight apostrophes, hyphens as
    spaces, no dots, no leading "the" and no trailing possessive."""
    folded = _fold(_core(text))
    return " ".join(_DASHES.sub(" ", folded).replace(".", "").split()).lower()


def _core(text: str) -> str:
    """The text as written, less a leading "the" and a trailing possessive."""
    core = " ".join(text.translate(_APOSTROPHES).split())
    if core[:4].lower() == "the ":
        core = core[4:]
    if core[-2:].lower() == "'s":
        core = core[:-2]
    elif core.endswith("'"):
        core = core[:-1]
    return core.strip()


def _fold(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _case_rule(form: str) -> str:
    core = _core(form)
    if not any(c.islower() for c in core):
        return _ACRONYM
    return _PROPER if any(c.isupper() for c in core) else _ANY_CASE


def _case_fits(rule: str, surface_core: str) -> bool:
    if rule == _ACRONYM:
        return not any(c.islower() for c in surface_core)
    if rule == _PROPER:
        return any(c.isupper() for c in surface_core)
    return True


def _variants(form: str) -> set[str]:
    """The spellings of a form that a phrase matcher should see: without "the", without
    accents, with spaces for hyphens and with curly apostrophes."""
    out = {form}
    if form[:4].lower() == "the ":
        out.add(form[4:])
    out |= {_fold(f) for f in out}
    out |= {_unhyphen(f) for f in out if "-" in f}
    out |= {f.replace("'", "\u2019") for f in out if "'" in f}
    return out


def _unhyphen(text: str) -> str:
    return text.replace("-", " ")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text).lower()).strip("-")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _surname(name: str, code: str) -> str | None:
    """The part of a person's name that news uses alone ("Trump", "Lee", "von der Leyen")."""
    tokens = name.split()
    # "Abdullah II", "Charles III": news says "King Abdullah", so there is no surname to match.
    if len(tokens) < 2 or _REGNAL.match(tokens[-1]):
        return None
    if code in _FAMILY_FIRST:
        return tokens[0]
    if code in _FAMILY_FIRST_UNLESS_WESTERN and (len(tokens) > 2 or "-" in name):
        return tokens[0]
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in _SURNAME_PARTICLES:
        i -= 1
    return " ".join(tokens[i:])


def _is_name_word(form: str, name: str) -> bool:
    """Whether an alias is one word of the person's own name ("Trump", "Lula"), which is
    matched like a surname."""
    words = normalise(name).split()
    return len(words) > 1 and normalise(form) in words


def _holds(term: KBEntry, on: date) -> bool:
    return (term.start is None or term.start <= on) and (term.end is None or on <= term.end)


def _start_key(term: KBEntry) -> date:
    return term.start or date.min


# --- reading and checking files ------------------------------------------------------------


def _read_table(
    path: Path, columns: Sequence[str], required: Sequence[str]
) -> list[tuple[str, dict[str, str]]]:
    """Rows of a CSV file whose lines starting with "#" are comments, each with a "file, line
    N" label for messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    lines = [
        (n, line)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise KnowledgeBaseError(f"{path}: empty; expected a header row with {', '.join(columns)}")
    reader = csv.reader(line for _, line in lines)
    header = [h.strip() for h in next(reader)]
    missing = [c for c in required if c not in header]
    unknown = [h for h in header if h not in columns]
    if missing or unknown:
        raise KnowledgeBaseError(
            f"{path}, line {lines[0][0]}: header has missing columns {missing} and unknown "
            f"columns {unknown}; the columns are {', '.join(columns)}"
        )
    rows = []
    for (lineno, _), values in zip(lines[1:], reader, strict=True):
        where = f"{path}, line {lineno}"
        if len(values) != len(header):
            raise KnowledgeBaseError(
                f"{where}: {len(values)} fields where the header has {len(header)}; quote fields "
                f"that contain commas"
            )
        rows.append((where, {h: v.strip() for h, v in zip(header, values, strict=True)}))
    return rows


def _need(value: object, field: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeBaseError(f"{where}: '{field}' is required and must be non-empty text")
    return value.strip()


def _check_code(value: object, where: str) -> str:
    code = _need(value, "code", where).upper()
    if not _CODE.match(code):
        raise KnowledgeBaseError(
            f"{where}: code {value!r} is not a PLOVER code (three letters: an ISO 3166 alpha-3 "
            f"code such as KOR, or IGO, UNO, EUR, NGO, ISM, IMG, MNC)"
        )
    return code


def _check_sector(value: object, where: str) -> str | None:
    if value is None or value == "":
        return None
    sector = value.strip().upper() if isinstance(value, str) else ""
    if sector not in SECTORS:
        raise KnowledgeBaseError(
            f"{where}: sector {value!r} is not a PLOVER sector code; use one of "
            f"{', '.join(sorted(SECTORS))}"
        )
    return sector


def _check_date(value: object, field: str, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise KnowledgeBaseError(
            f"{where}: {field} {value!r} is not a date; write it as YYYY-MM-DD"
        ) from exc


def _check_term(start: date | None, end: date | None, where: str) -> None:
    if start and end and end < start:
        raise KnowledgeBaseError(f"{where}: end {end} is before start {start}")


# --- packaged tables -----------------------------------------------------------------------

Pair = tuple[str, KBEntry]
"""A form (a name as written) and the entry it names."""


def _country_pairs(path: Path) -> list[Pair]:
    columns = ("code", "name", "names", "adjectives", "capitals", "seats")
    pairs: list[Pair] = []
    for where, row in _read_table(path, columns, columns):
        code = _check_code(row["code"], where)
        name = _need(row["name"], "name", where)
        ident = f"country:{code}"
        country = KBEntry(code, "country", name, None, ident, source=path.name)
        adjective = KBEntry(code, "adjective", name, None, ident, source=path.name)
        capital = KBEntry(code, "capital", name, "GOV", ident, source=path.name)
        pairs += [(form, country) for form in [name, *_split(row["names"])]]
        pairs += [(form, adjective) for form in _split(row["adjectives"])]
        pairs += [(form, capital) for form in _split(row["capitals"])]
        for seat in _split(row["seats"]):
            form, _, sector = seat.partition(":")
            label = _core(form)
            entry = KBEntry(
                code,
                "seat",
                label,
                _check_sector(sector or "GOV", where),
                f"seat:{code}:{_slug(label)}",
                source=path.name,
            )
            pairs.append((form, entry))
    return pairs


def _igo_pairs(path: Path) -> list[Pair]:
    columns = ("code", "name", "names", "sector")
    pairs: list[Pair] = []
    for where, row in _read_table(path, columns, columns):
        code = _check_code(row["code"], where)
        name = _need(row["name"], "name", where)
        names = _split(row["names"])
        acronym = next((n for n in names if not any(c.islower() for c in n)), None)
        entry = KBEntry(
            code,
            "igo" if code in _ORGANISATION_CODES else "group",
            name,
            _check_sector(row["sector"], where),
            f"igo:{_slug(acronym or name)}",
            source=path.name,
        )
        pairs += [(form, entry) for form in [name, *names]]
    return pairs


def _role_rows(path: Path) -> list[Role]:
    columns = ("word", "sector", "office", "kind", "generic")
    roles = []
    for where, row in _read_table(path, columns, columns[:4]):
        kind = row["kind"]
        if kind not in ROLE_KINDS:
            raise KnowledgeBaseError(f"{where}: kind {kind!r} is not one of {sorted(ROLE_KINDS)}")
        sector = _check_sector(row["sector"], where)
        if sector is None:
            raise KnowledgeBaseError(f"{where}: a role needs a sector")
        roles.append(
            Role(
                word=_need(row["word"], "word", where),
                sector=sector,
                office=row["office"] or None,
                kind=kind,
                generic=row.get("generic", "") == "yes",
            )
        )
    return roles


def _people_pairs(path: Path, roles: dict[tuple[str, ...], Role]) -> list[Pair]:
    """Person terms of a file with the people.csv columns (one row per term)."""
    pairs: list[Pair] = []
    for where, row in _read_table(path, PEOPLE_COLUMNS, ("name", "code")):
        name = _need(row["name"], "name", where)
        pairs += _person_pairs(
            where=where,
            name=name,
            code=_check_code(row["code"], where),
            ident=row.get("id") or _slug(name),
            aliases=_split(row.get("aliases", "")),
            office=row.get("office") or None,
            sector=row.get("sector"),
            start=_check_date(row.get("start"), "start", where),
            end=_check_date(row.get("end"), "end", where),
            source=row.get("source") or str(path),
            roles=roles,
        )
    return pairs


def _person_pairs(
    *,
    where: str,
    name: str,
    code: str,
    ident: str,
    aliases: list[str],
    office: str | None,
    sector: object,
    start: date | None,
    end: date | None,
    source: str,
    roles: dict[tuple[str, ...], Role],
) -> list[Pair]:
    _check_term(start, end, where)
    role = roles.get(tuple(normalise(office).split())) if office else None
    entry = KBEntry(
        code,
        "person",
        name,
        _check_sector(sector, where) or (role.sector if role else "GOV"),
        f"person:{ident}",
        office=office,
        start=start,
        end=end,
        source=source,
    )
    return [(form, entry) for form in [name, *aliases]]


def _plural_country_pairs(pairs: Sequence[Pair]) -> list[Pair]:
    """ "the Koreas", "the two Sudans", "the Congos": a country's name in the plural stands
    for every country whose canonical name ends in it."""
    countries = {entry.code: entry for _, entry in pairs if entry.kind == "country"}
    names = {normalise(form) for form, entry in pairs if entry.kind == "country"}
    by_word: dict[str, list[KBEntry]] = {}
    for entry in countries.values():
        word = entry.name.split()[-1]
        if normalise(word) in names:
            by_word.setdefault(word, []).append(entry)
    return [
        (f"{word}s", e) for word, entries in by_word.items() if len(entries) > 1 for e in entries
    ]


@dataclass(frozen=True)
class _Packaged:
    pairs: tuple[Pair, ...]
    roles: tuple[Role, ...]


@lru_cache(maxsize=1)
def _packaged() -> _Packaged:
    roles = _role_rows(DATA_DIR / "roles.csv")
    pairs = _country_pairs(DATA_DIR / "countries.csv")
    pairs += _plural_country_pairs(pairs) + _igo_pairs(DATA_DIR / "igos.csv")
    people = DATA_DIR / "people.csv"
    if people.exists():
        pairs += _people_pairs(people, _role_index(roles))
    else:
        log.warning("%s is missing: the knowledge base has no people", people)
    return _Packaged(tuple(pairs), tuple(roles))


# --- users' files --------------------------------------------------------------------------


def _user_pairs(path: Path, roles: dict[tuple[str, ...], Role]) -> list[Pair]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise KnowledgeBaseError(f"{path}: no such knowledge-base file")
    if suffix == ".csv":
        return _people_pairs(path, roles)
    if suffix in (".yaml", ".yml"):
        return _yaml_pairs(path, roles)
    raise KnowledgeBaseError(
        f"{path}: unknown kind of knowledge-base file; give a .yaml/.yml list of entries or a "
        f".csv with the columns {', '.join(PEOPLE_COLUMNS)}"
    )


def _yaml_pairs(path: Path, roles: dict[tuple[str, ...], Role]) -> list[Pair]:
    import yaml  # only users' YAML files need it; keeps the packaged load fast

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"{path}: not a readable YAML file ({exc})") from exc
    if data is None:
        log.warning("%s has no entries", path)
        return []
    if not isinstance(data, list):
        raise KnowledgeBaseError(
            f"{path}: must be a YAML list of mappings (- name: ..., code: ...), one per person "
            f"or body; found {type(data).__name__}"
        )
    pairs: list[Pair] = []
    for number, item in enumerate(data, 1):
        where = f"{path}, entry {number}"
        if not isinstance(item, dict):
            raise KnowledgeBaseError(f"{where}: must be a mapping with name and code")
        unknown = sorted(str(k) for k in item if k not in _YAML_KEYS)
        if unknown:
            raise KnowledgeBaseError(
                f"{where}: unknown keys {unknown}; the keys are {', '.join(sorted(_YAML_KEYS))}"
            )
        name = _need(item.get("name"), "name", where)
        where = f"{where} ({name})"
        code = _check_code(item.get("code"), where)
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise KnowledgeBaseError(f"{where}: aliases must be a list of names")
        office = item.get("office")
        if office is not None and not isinstance(office, str):
            raise KnowledgeBaseError(f"{where}: office must be text")
        kind = item.get("kind") or ("person" if office else "body")
        if kind not in ENTRY_KINDS:
            raise KnowledgeBaseError(f"{where}: kind {kind!r} is not one of {sorted(ENTRY_KINDS)}")
        ident = str(item.get("id") or _slug(name))
        start = _check_date(item.get("start"), "start", where)
        end = _check_date(item.get("end"), "end", where)
        if kind == "person":
            pairs += _person_pairs(
                where=where,
                name=name,
                code=code,
                ident=ident,
                aliases=aliases,
                office=office,
                sector=item.get("sector"),
                start=start,
                end=end,
                source=str(path),
                roles=roles,
            )
            continue
        entry = KBEntry(
            code,
            kind,
            name,
            _check_sector(item.get("sector"), where),
            f"{kind}:{ident}",
            office=office,
            source=str(path),
        )
        pairs += [(form, entry) for form in [name, *aliases]]
    return pairs


def _override(base: Sequence[Pair], user: Sequence[Pair]) -> list[Pair]:
    """``base`` without what ``user`` renames: every base form whose key a user form has, and
    every term of a base person who shares a name, alias or id with a user entry."""
    claimed = {normalise(form) for form, _ in user}
    user_ids = {entry.identifier for _, entry in user}
    replaced = {
        entry.identifier
        for form, entry in base
        if entry.kind == "person" and (normalise(form) in claimed or entry.identifier in user_ids)
    }
    kept = [
        (form, entry)
        for form, entry in base
        if normalise(form) not in claimed and entry.identifier not in replaced
    ]
    return kept + list(user)


def _role_index(roles: Iterable[Role]) -> dict[tuple[str, ...], Role]:
    return {tuple(normalise(role.word).split()): role for role in roles}


def _unique(entries: Iterable[KBEntry]) -> list[KBEntry]:
    return list(dict.fromkeys(entries))


# --- the knowledge base --------------------------------------------------------------------


class KnowledgeBase:
    """Countries, international bodies, people and role words, looked up by name.

    Build it with :meth:`load`. It never changes after that, so one instance can be shared.
    """

    def __init__(self, pairs: Iterable[Pair], roles: Iterable[Role]) -> None:
        roles = list(roles)
        self._roles = _role_index(roles)
        self._role_len = max((len(k) for k in self._roles), default=0)
        # Spellings a phrase matcher must see: "vice-premier" is also "vice premier".
        self._role_words = sorted({v for role in roles for v in (role.word, _unhyphen(role.word))})
        self._index: dict[str, list[tuple[str, KBEntry]]] = {}
        self._countries: dict[str, KBEntry] = {}
        self._people: dict[str, list[KBEntry]] = {}
        self._surnames: dict[str, set[str]] = {}
        forms: set[str] = set()
        for form, entry in pairs:
            key = normalise(form)
            if not key:
                continue
            forms |= _variants(form)
            if entry.kind == "person" and entry.identifier and _is_name_word(form, entry.name):
                self._surnames.setdefault(key, set()).add(entry.identifier)
            else:
                self._index.setdefault(key, []).append((_case_rule(form), entry))
            if entry.kind == "country":
                self._countries.setdefault(entry.code, entry)
            elif entry.kind == "person" and entry.identifier:
                terms = self._people.setdefault(entry.identifier, [])
                if entry not in terms:
                    terms.append(entry)
        for ident, terms in self._people.items():
            terms.sort(key=_start_key)
            surname = _surname(terms[-1].name, terms[-1].code)
            if surname:
                self._surnames.setdefault(normalise(surname), set()).add(ident)
                forms |= _variants(surname)
        self._forms = sorted(forms)
        self._single_offices = {"head of state", "head of government"} | {
            t.office.casefold() for terms in self._people.values() for t in terms if t.office
        }

    @classmethod
    def load(cls, extra: Sequence[Path] | None = None) -> KnowledgeBase:
        """The packaged knowledge base with users' YAML or CSV files laid over it in order.

        A user entry replaces every packaged entry reached by one of its names, and all terms
        of a packaged person with the same name, alias or id. Raises KnowledgeBaseError for a
        malformed file, naming the file, the row or entry, and the problem.
        """
        if not extra:
            return _packaged_base()
        packaged = _packaged()
        roles = _role_index(packaged.roles)
        pairs: list[Pair] = list(packaged.pairs)
        for path in extra:
            pairs = _override(pairs, _user_pairs(Path(path), roles))
        return cls(pairs, packaged.roles)

    def surface_forms(self) -> list[str]:
        """Every name, adjective, capital, seat, body and person alias (and person surname), as
        written and in the spellings :func:`normalise` treats as equal, sorted."""
        return list(self._forms)

    def lookup(self, surface: str, on: date | None = None) -> list[KBEntry]:
        """What ``surface`` names, best first: countries and bodies, then people.

        People named in full give the terms that contain ``on`` (or, for a former holder, the
        last term that ended before ``on``; a term with ``end < on`` marks a former office
        holder; for someone not yet in office, the first term to come, ``start > on``);
        without ``on``, all their terms, latest first. A surname alone ("Lee") names a
        person only when no one else with that surname is in office on ``on`` (without ``on``:
        no one else in the knowledge base has it); it comes after any place or body of that
        name ("Hague": The Hague, then William Hague while he is in office).
        """
        key = normalise(surface)
        if not key:
            return []
        core = _core(surface)
        found = _unique(e for rule, e in self._index.get(key, ()) if _case_fits(rule, core))
        others = [e for e in found if e.kind != "person"]
        ids = _unique(e.identifier for e in found if e.kind == "person" and e.identifier)
        if ids:
            return others + [t for ident in ids for t in self._terms_on(ident, on)]
        if not _case_fits(_PROPER, core):
            return others
        return others + self._by_surname(key, on)

    def _terms_on(self, ident: str, on: date | None) -> list[KBEntry]:
        terms = self._people[ident]
        if on is None:
            return terms[::-1]
        current = [t for t in terms if _holds(t, on)]
        if current:
            return current[::-1]
        past = [t for t in terms if t.end is not None and t.end < on]
        return past[-1:] or terms[:1]

    def _by_surname(self, key: str, on: date | None) -> list[KBEntry]:
        ids = self._surnames.get(key, set())
        if on is not None:
            ids = {i for i in ids if any(_holds(t, on) for t in self._people[i])}
        if len(ids) != 1:
            return []
        return self._terms_on(next(iter(ids)), on)

    def country(self, code: str) -> KBEntry | None:
        """The country entry of a PLOVER country code (KOR, KOS...), or None."""
        return self._countries.get(code.upper())

    def role(self, words: str) -> Role | None:
        """The role a phrase names: "Foreign Minister" and "Ministry of Foreign Affairs" give
        GOV, "lawmakers" LEG; "army spokesman" gives a Spokesperson with sector MIL.

        The longest role words are taken left to right; the head is the last of them, or the
        last before "of"/"for"/"at" ("spokesperson of the army"). A generic head takes the
        sector of the nearest non-government role word beside it.
        """
        tokens = [t.removesuffix("'s") for t in normalise(words).split()]
        matches: list[tuple[int, int, Role]] = []
        i = 0
        while i < len(tokens):
            for n in range(min(self._role_len, len(tokens) - i), 0, -1):
                role = self._roles.get(tuple(tokens[i : i + n]))
                if role:
                    matches.append((i, i + n, role))
                    i += n
                    break
            else:
                i += 1
        if not matches:
            return None
        head = len(matches) - 1
        for k in range(len(matches) - 1):
            if _ROLE_LINKS & set(tokens[matches[k][1] : matches[k + 1][0]]):
                head = k
                break
        start, _, role = matches[head]
        if not role.generic:
            return role
        modifiers = [(abs(s - start), r) for k, (s, _, r) in enumerate(matches) if k != head]
        bodies = sorted((d, r.sector) for d, r in modifiers if r.sector != "GOV")
        return replace(role, sector=bodies[0][1]) if bodies else role

    def role_words(self) -> list[str]:
        """Every role word, as written in roles.csv and with spaces for hyphens, sorted."""
        return list(self._role_words)

    def single_office(self, office: str) -> bool:
        """Whether a country has one holder of ``office`` at a time: the offices of the
        people table (President, Prime Minister, Foreign Minister...) and heads of state and
        government. "Presidents" are then of several countries."""
        return office.casefold() in self._single_offices

    def office_holders(self, code: str, office: str, on: date) -> list[KBEntry]:
        """The terms of ``office`` in country ``code`` that contain ``on``, latest start first
        (two on a handover day)."""
        wanted = office.casefold()
        holders = [
            term
            for terms in self._people.values()
            for term in terms
            if term.code == code.upper()
            and (term.office or "").casefold() == wanted
            and _holds(term, on)
        ]
        return sorted(holders, key=_start_key, reverse=True)

    def person_terms(self, name_or_id: str) -> list[KBEntry]:
        """All terms of the person with this identifier ("person:<id>" or "<id>"), name or
        alias, earliest first."""
        for ident in (name_or_id, f"person:{name_or_id}"):
            if ident in self._people:
                return list(self._people[ident])
        key = normalise(name_or_id)
        ids = _unique(
            e.identifier for _, e in self._index.get(key, ()) if e.kind == "person" and e.identifier
        )
        if not ids and len(self._surnames.get(key, ())) == 1:
            ids = list(self._surnames[key])
        return self._terms_of(ids)

    def namesakes(self, surname: str) -> list[KBEntry]:
        """Every term of everyone news calls by ``surname`` alone, whatever the date, earliest
        first: "Bush" gives both presidents' terms. :meth:`lookup` names no one when several
        share a surname or none holds office on the date; a title beside the surname
        ("President Bush") may still say whose country it is."""
        if not _case_fits(_PROPER, _core(surname)):
            return []
        return self._terms_of(self._surnames.get(normalise(surname), ()))

    def _terms_of(self, ids: Iterable[str]) -> list[KBEntry]:
        return sorted((t for i in ids for t in self._people[i]), key=_start_key)

    def term_start(
        self, name: str, office: str | None = None, on: date | None = None
    ) -> date | None:
        """When the person took the office: the start of the term that contains ``on``, or of
        the latest term when ``on`` is None. A surname works where :meth:`lookup` resolves it."""
        ids = _unique(e.identifier for e in self.lookup(name, on) if e.kind == "person")
        terms = [t for i in ids if i for t in self._people[i]] or self.person_terms(name)
        if office:
            terms = [t for t in terms if (t.office or "").casefold() == office.casefold()]
        if on is not None:
            terms = [t for t in terms if _holds(t, on)]
        starts = [t.start for t in terms if t.start]
        return max(starts) if starts else None


@lru_cache(maxsize=1)
def _packaged_base() -> KnowledgeBase:
    packaged = _packaged()
    return KnowledgeBase(packaged.pairs, packaged.roles)
