"""Checks on the hand-curated leaders table src/communique/data/people.csv.

Only the csv module is used, so these tests say whether the data file itself is sound,
independently of the loader that reads it.
"""

import csv
import datetime as dt
import itertools
import re
from collections import defaultdict
from pathlib import Path

import pytest

PEOPLE_CSV = Path(__file__).resolve().parents[1] / "src" / "communique" / "data" / "people.csv"
HEADER = ["id", "name", "aliases", "code", "office", "sector", "start", "end", "source"]
OFFICES = {
    "President",
    "Prime Minister",
    "Chancellor",
    "King",
    "Queen",
    "Emperor",
    "Crown Prince",
    "Supreme Leader",
    "Chairman",
    "Premier",
    "Foreign Minister",
    "Secretary-General",
    "President of the European Commission",
    "President of the European Council",
    "High Representative",
}
# Offices that make someone "the leader" of the entity for the coverage check below.
HEAD_OFFICES = OFFICES - {"Foreign Minister", "Crown Prince", "High Representative"}
REQUIRED_CODES = {
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS",
    "SAU", "ZAF", "KOR", "TUR", "GBR", "USA", "EUR", "PRK", "UKR", "IRN", "ISR", "EGY", "PAK",
    "TWN", "UNO", "IGO",
}  # fmt: skip
CHECK_DAY = dt.date(2025, 6, 9)


def parse_day(text: str) -> dt.date:
    return dt.date.fromisoformat(text) if text else dt.date.max


@pytest.fixture(scope="module")
def header_and_rows() -> tuple[list[str], list[dict[str, str]]]:
    with PEOPLE_CSV.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [dict(zip(header, values, strict=True)) for values in reader]
    return header, rows


@pytest.fixture(scope="module")
def rows(header_and_rows: tuple[list[str], list[dict[str, str]]]) -> list[dict[str, str]]:
    return header_and_rows[1]


def holders(rows: list[dict[str, str]], code: str, office: str, day: dt.date) -> list[dict]:
    """Rows whose term covers day; the end date is the last day (or handover day) in office."""
    return [
        r
        for r in rows
        if r["code"] == code
        and r["office"] == office
        and parse_day(r["start"]) <= day <= parse_day(r["end"])
    ]


def is_acting(row: dict[str, str]) -> bool:
    return "acting" in row["source"].lower()


def test_header_is_exact(header_and_rows: tuple[list[str], list[dict[str, str]]]) -> None:
    assert header_and_rows[0] == HEADER


def test_row_count_in_expected_range(rows: list[dict[str, str]]) -> None:
    assert 500 <= len(rows) <= 900


def test_fields_are_well_formed(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["id"]), row
        assert row["name"].strip() == row["name"] and row["name"], row
        assert re.fullmatch(r"[A-Z]{3}", row["code"]), row
        assert row["office"] in OFFICES, row
        assert row["sector"] == "GOV", row
        assert row["source"].strip(), row


def test_dates_parse_and_start_not_after_end(rows: list[dict[str, str]]) -> None:
    for row in rows:
        start = dt.date.fromisoformat(row["start"])
        if row["end"]:
            assert start <= dt.date.fromisoformat(row["end"]), row
        # Terms that were already over before 1990 are out of scope.
        assert parse_day(row["end"]) >= dt.date(1990, 1, 1), row


def test_same_id_means_same_name_and_aliases(rows: list[dict[str, str]]) -> None:
    seen: dict[str, tuple[str, str]] = {}
    for row in rows:
        key = (row["name"], row["aliases"])
        assert seen.setdefault(row["id"], key) == key, row


def test_aliases_are_not_the_name_nor_bare_surnames(rows: list[dict[str, str]]) -> None:
    for row in rows:
        aliases = [a for a in row["aliases"].split("|") if a] if row["aliases"] else []
        surname = row["name"].split()[-1]
        assert len(aliases) == len(set(aliases)), row
        for alias in aliases:
            assert alias == alias.strip() and alias != row["name"], row
            if " " in row["name"]:
                assert alias != surname, row


def test_no_overlapping_terms_except_acting(rows: list[dict[str, str]]) -> None:
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if not is_acting(row):
            groups[(row["code"], row["office"])].append(row)
    for key, terms in groups.items():
        terms.sort(key=lambda r: parse_day(r["start"]))
        for earlier, later in itertools.pairwise(terms):
            assert parse_day(later["start"]) >= parse_day(earlier["end"]), (key, earlier, later)


def test_every_required_entity_has_a_leader_on_check_day(rows: list[dict[str, str]]) -> None:
    covered = {
        r["code"]
        for r in rows
        if r["office"] in HEAD_OFFICES and parse_day(r["start"]) <= CHECK_DAY <= parse_day(r["end"])
    }
    assert REQUIRED_CODES - covered == set()


def test_every_required_country_has_a_foreign_minister_row(rows: list[dict[str, str]]) -> None:
    with_fm = {r["code"] for r in rows if r["office"] == "Foreign Minister"}
    assert REQUIRED_CODES - {"EUR", "UNO", "IGO"} - with_fm == set()


def test_korean_president_mid_2025_is_lee_jae_myung(rows: list[dict[str, str]]) -> None:
    found = [r for r in holders(rows, "KOR", "President", CHECK_DAY) if not is_acting(r)]
    assert [(r["name"], r["start"]) for r in found] == [("Lee Jae-myung", "2025-06-04")]
    assert "Lee Jae Myung" in found[0]["aliases"].split("|")


def test_korean_president_2023_is_yoon_suk_yeol(rows: list[dict[str, str]]) -> None:
    found = holders(rows, "KOR", "President", dt.date(2023, 1, 1))
    assert [r["name"] for r in found] == ["Yoon Suk-yeol"]


def test_korean_acting_presidents_during_yoon_impeachment(rows: list[dict[str, str]]) -> None:
    found = holders(rows, "KOR", "President", dt.date(2025, 2, 1))
    assert sorted(r["name"] for r in found) == ["Choi Sang-mok", "Yoon Suk-yeol"]
    assert is_acting(next(r for r in found if r["name"] == "Choi Sang-mok"))


def test_japanese_prime_ministers(rows: list[dict[str, str]]) -> None:
    assert [r["name"] for r in holders(rows, "JPN", "Prime Minister", CHECK_DAY)] == [
        "Shigeru Ishiba"
    ]
    assert [r["name"] for r in holders(rows, "JPN", "Prime Minister", dt.date(2025, 11, 1))] == [
        "Sanae Takaichi"
    ]


@pytest.mark.parametrize(
    ("code", "office", "day", "name"),
    [
        ("USA", "President", CHECK_DAY, "Donald Trump"),
        ("USA", "President", dt.date(2023, 1, 1), "Joe Biden"),
        ("USA", "Foreign Minister", CHECK_DAY, "Marco Rubio"),
        ("DEU", "Chancellor", CHECK_DAY, "Friedrich Merz"),
        ("CAN", "Prime Minister", CHECK_DAY, "Mark Carney"),
        ("GBR", "Prime Minister", CHECK_DAY, "Keir Starmer"),
        ("GBR", "Foreign Minister", dt.date(2025, 10, 1), "Yvette Cooper"),
        ("CHN", "President", CHECK_DAY, "Xi Jinping"),
        ("RUS", "President", CHECK_DAY, "Vladimir Putin"),
        ("TUR", "President", CHECK_DAY, "Recep Tayyip Erdogan"),
        ("IRN", "Supreme Leader", CHECK_DAY, "Ali Khamenei"),
        ("UNO", "Secretary-General", CHECK_DAY, "António Guterres"),
        ("IGO", "Secretary-General", CHECK_DAY, "Mark Rutte"),
    ],
)
def test_known_office_holders(
    rows: list[dict[str, str]], code: str, office: str, day: dt.date, name: str
) -> None:
    assert [r["name"] for r in holders(rows, code, office, day)] == [name]
