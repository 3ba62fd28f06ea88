"""Queries, dyad timelines, clusters, exports and imports of the event store.

Every store is in memory or in tmp_path and every record is built by hand: no model.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from communique.errors import StoreError
from communique.models import Article
from communique.store import CSV_COLUMNS, OWN_SOURCE, EventStore

VERSION = "0.1.0"
SRC = Path(__file__).resolve().parents[1] / "src"


def ent(code: str, sector: str | None = "GOV", text: str | None = None, **extra: Any) -> dict:
    return {"code": code, "sector": sector, "entity_text": text or code, **extra}


def rec(
    event_id: str,
    article_id: str,
    event: str = "CONSULT",
    day: str | None = "2025-01-15",
    actor: list[dict[str, Any]] | None = None,
    recipient: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A communique-style record; quad_code and event_scale come from PLOVER unless given."""
    return {
        "id": event_id,
        "article_id": article_id,
        "date": day,
        "event": event,
        "mode": [],
        "context": [],
        "actor": actor if actor is not None else [ent("KOR")],
        "recipient": recipient if recipient is not None else [],
        "aux": None,
        **extra,
    }


def art(article_id: str, outlet: str = "Outlet", published: date = date(2025, 1, 16)) -> Article:
    return Article(
        id=article_id,
        text=f"Text of {article_id}.",
        published=published,
        outlet=outlet,
        url=f"https://example.org/{article_id}",
        title=f"Title {article_id}",
    )


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


@pytest.fixture
def store() -> Iterator[EventStore]:
    with EventStore(":memory:") as s:
        yield s


# --------------------------------------------------------------------------- filters


@pytest.fixture
def varied(store: EventStore) -> EventStore:
    """Events that differ in sector, mode, aux, location and source."""
    store.ingest(
        art("a1"),
        [
            rec("m1", "a1", actor=[ent("KOR", "MIL")], recipient=[ent("PRK", "GOV")]),
            rec("p1", "a1", day="2025-01-16", actor=[ent("KOR"), ent("JPN")], mode=["Phone"]),
            rec(
                "h1",
                "a1",
                day="2025-01-17",
                actor=[ent("JPN")],
                recipient=[ent("KOR", "MIL")],
                aux="hypothetical",
                context=["hypothetical"],
                event_loc={"extracted_place": "Ottawa", "country_code": "CAN"},
            ),
        ],
        VERSION,
    )
    store.import_records(
        [rec("x1", "z", event="accuse", day="2025-01-18", actor=[ent("PRK", "GOV")])], "other"
    )
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"sector": "MIL"}, ["m1", "h1"]),
        ({"sector": "mil"}, ["m1", "h1"]),
        ({"actor": "KOR/MIL"}, ["m1"]),
        ({"actor": "kor/gov"}, ["p1"]),
        ({"actor": "KOR"}, ["m1", "p1"]),
        ({"recipient": "KOR/MIL"}, ["h1"]),
        ({"recipient": "KOR/GOV"}, []),
        ({"country": "KOR/MIL"}, ["m1", "h1"]),
        ({"country": "PRK"}, ["m1", "x1"]),
        ({"mode": "phone"}, ["p1"]),
        ({"mode": "PHONE"}, ["p1"]),
        ({"mode": "visit"}, []),
        ({"aux": "hypothetical"}, ["h1"]),
        ({"aux": "Hypothetical"}, ["h1"]),
        ({"aux": "none"}, ["m1", "p1", "x1"]),
        ({"aux": "future"}, []),
        ({"location": "can"}, ["h1"]),
        ({"source": "other"}, ["x1"]),
        ({"source": OWN_SOURCE}, ["m1", "p1", "h1"]),
        ({"event_type": "ACCUSE"}, ["x1"]),
        ({"since": "2025-01-16", "until": "2025-01-17"}, ["p1", "h1"]),
        ({"sector": "MIL", "aux": "none"}, ["m1"]),
        ({"country": "JPN", "mode": "phone", "source": OWN_SOURCE}, ["p1"]),
    ],
)
def test_every_filter(varied: EventStore, filters: dict[str, Any], expected: list[str]) -> None:
    assert ids(varied.events(**filters)) == expected


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"colour": "red"}, "unknown event filter colour"),
        ({"sector": ""}, "sector must be a non-empty text"),
        ({"mode": 3}, "mode must be a non-empty text"),
        ({"actor": "KOR/"}, "CODE/SECTOR"),
        ({"country": "A/B/C"}, "CODE/SECTOR"),
    ],
)
def test_bad_filters_raise(varied: EventStore, bad: dict[str, Any], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        varied.events(**bad)


# --------------------------------------------------------------------------- dyad


@pytest.fixture
def relations(store: EventStore) -> EventStore:
    """KOR and JPN over four months, with events that are not between the two."""
    store.ingest(
        art("r1"),
        [
            rec("acc", "r1", "ACCUSE", "2025-01-15", [ent("KOR")], [ent("JPN")], event_scale=-2.0),
            rec("agr", "r1", "AGREE", "2025-01-20", [ent("JPN")], [ent("KOR")], event_scale=3.0),
            # Held together: counts in the undirected dyad only.
            rec("call", "r1", "CONSULT", "2025-02-03", [ent("KOR"), ent("JPN")], []),
            # Together towards a third party, and both on the receiving end: not between them.
            rec("joint", "r1", "ACCUSE", "2025-02-04", [ent("KOR"), ent("JPN")], [ent("PRK")]),
            rec("both", "r1", "AID", "2025-02-05", [ent("USA")], [ent("KOR"), ent("JPN")]),
            rec("other", "r1", "ASSAULT", "2025-02-06", [ent("KOR")], [ent("CHN")]),
            rec("undated", "r1", "ACCUSE", None, [ent("KOR")], [ent("JPN")]),
            rec("apr", "r1", "THREATEN", "2025-04-10", [ent("KOR")], [ent("JPN")]),
        ],
        VERSION,
    )
    return store


def table(periods: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (p.period, p.total, p.counts, p.cooperative, p.conflictual, p.index_mean, p.index_sum)
        for p in periods
    ]


def test_dyad_by_month_counts_types_and_index(relations: EventStore) -> None:
    # CONSULT scores 2.5 and THREATEN -3.5 in PLOVER's table (data/plover_scores.csv).
    assert table(relations.dyad("KOR", "JPN", by="month")) == [
        ("2025-01", 2, {"AGREE": 1, "ACCUSE": 1}, 1, 1, 0.5, 1.0),
        ("2025-02", 1, {"CONSULT": 1}, 1, 0, 2.5, 2.5),
        ("2025-03", 0, {}, 0, 0, None, 0.0),
        ("2025-04", 1, {"THREATEN": 1}, 0, 1, -3.5, -3.5),
    ]


def test_dyad_is_unordered_by_default_and_case_blind(relations: EventStore) -> None:
    assert table(relations.dyad("jpn", "kor")) == table(relations.dyad("KOR", "JPN"))


def test_directed_dyad_keeps_a_to_b_only(relations: EventStore) -> None:
    assert table(relations.dyad("KOR", "JPN", directed=True)) == [
        ("2025-01", 1, {"ACCUSE": 1}, 0, 1, -2.0, -2.0),
        ("2025-02", 0, {}, 0, 0, None, 0.0),
        ("2025-03", 0, {}, 0, 0, None, 0.0),
        ("2025-04", 1, {"THREATEN": 1}, 0, 1, -3.5, -3.5),
    ]
    assert table(relations.dyad("JPN", "KOR", directed=True)) == [
        ("2025-01", 1, {"AGREE": 1}, 1, 0, 3.0, 3.0)
    ]


def test_dyad_by_week_year_and_day(relations: EventStore) -> None:
    weeks = relations.dyad("KOR", "JPN", by="week", until="2025-02-09")
    # 2025-01-15 is in ISO week 3 (Monday 13 January); 2025-02-03 a Monday of week 6.
    assert [(p.period, p.start, p.total) for p in weeks] == [
        ("2025-W03", date(2025, 1, 13), 1),
        ("2025-W04", date(2025, 1, 20), 1),
        ("2025-W05", date(2025, 1, 27), 0),
        ("2025-W06", date(2025, 2, 3), 1),
    ]
    assert table(relations.dyad("KOR", "JPN", by="year")) == [
        ("2025", 4, {"AGREE": 1, "CONSULT": 1, "ACCUSE": 1, "THREATEN": 1}, 2, 2, 0.0, 0.0)
    ]
    days = relations.dyad("KOR", "JPN", by="day", since="2025-01-19", until="2025-01-21")
    assert [(p.period, p.total) for p in days] == [
        ("2025-01-19", 0),
        ("2025-01-20", 1),
        ("2025-01-21", 0),
    ]


def test_dyad_since_until_bound_and_fill_the_range(relations: EventStore) -> None:
    periods = relations.dyad("KOR", "JPN", since=date(2024, 12, 1), until="2025-02-28")
    assert [(p.period, p.total) for p in periods] == [
        ("2024-12", 0),
        ("2025-01", 2),
        ("2025-02", 1),
    ]
    periods = relations.dyad("KOR", "JPN", since="2025-01-18")
    assert [(p.period, p.total) for p in periods] == [
        ("2025-01", 1),
        ("2025-02", 1),
        ("2025-03", 0),
        ("2025-04", 1),
    ]
    assert relations.dyad("KOR", "JPN", since="2026-01-01") == []
    assert relations.dyad("KOR", "BRA") == []


def test_dyad_takes_the_other_filters(relations: EventStore) -> None:
    conflict = relations.dyad("KOR", "JPN", event_type="THREATEN")
    assert [(p.period, p.total) for p in conflict] == [("2025-04", 1)]
    assert relations.dyad("KOR", "JPN", source="elsewhere") == []


def test_clustered_dyad_counts_an_event_once(store: EventStore) -> None:
    for n in (1, 2, 3):
        store.ingest(
            art(f"c{n}"),
            [rec(f"c{n}-1", f"c{n}", "ACCUSE", "2025-03-02", [ent("KOR")], [ent("JPN")])],
            VERSION,
        )
    store.ingest(
        art("c4"), [rec("c4-1", "c4", "AGREE", "2025-03-02", [ent("JPN")], [ent("KOR")])], VERSION
    )
    (reports,) = store.dyad("KOR", "JPN")
    (events,) = store.dyad("KOR", "JPN", clustered=True)
    assert (reports.total, reports.counts) == (4, {"AGREE": 1, "ACCUSE": 3})
    assert (events.total, events.counts) == (2, {"AGREE": 1, "ACCUSE": 1})
    assert events.index_sum == pytest.approx(2.5 - 3.0)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("KOR", "KOR"), {}, "two different codes"),
        (("KOR/GOV", "JPN"), {}, "entity code such as KOR"),
        (("KOR", ""), {}, "entity code"),
        (("KOR", "JPN"), {"by": "quarter"}, "cannot count a dyad by 'quarter'"),
        (("KOR", "JPN"), {"actor": "USA"}, "leave out actor"),
        (("KOR", "JPN"), {"since": "June"}, "not a date"),
    ],
)
def test_bad_dyad_raises(
    relations: EventStore, args: tuple[str, str], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        relations.dyad(*args, **kwargs)


# --------------------------------------------------------------------------- clusters


@pytest.fixture
def reported(store: EventStore) -> EventStore:
    """One KOR-JPN call reported by three articles (one of them twice) and more events."""
    call = {"actor": [ent("JPN"), ent("KOR")], "mode": ["phone"]}
    store.ingest(
        art("n1", "Yonhap", date(2025, 6, 10)),
        [rec("n1-a", "n1", day="2025-06-09", **call), rec("n1-b", "n1", day="2025-06-09", **call)],
        VERSION,
    )
    store.ingest(
        art("n2", "Kyodo", date(2025, 6, 9)),
        [
            rec("n2-a", "n2", day="2025-06-09", actor=[ent("KOR"), ent("JPN")]),
            # The same words with another aux, and an undated event: other events.
            rec("n2-b", "n2", day="2025-06-09", actor=[ent("KOR"), ent("JPN")], aux="negation"),
            rec("n2-c", "n2", day=None, actor=[ent("KOR"), ent("JPN")]),
        ],
        VERSION,
    )
    store.ingest(
        art("n3", "Yonhap", date(2025, 6, 11)),
        [
            rec("n3-a", "n3", day="2025-06-09", actor=[ent("KOR", "MIL"), ent("JPN")]),
            rec("n3-b", "n3", day="2025-06-09", actor=[ent("KOR")], recipient=[ent("JPN")]),
        ],
        VERSION,
    )
    return store


def test_reports_of_one_event_become_one_cluster(reported: EventStore) -> None:
    clusters = reported.clusters()
    assert [
        (c.date, c.actor, c.recipient, c.aux, c.report_count, c.article_count) for c in clusters
    ] == [
        ("2025-06-09", ["JPN", "KOR"], [], None, 4, 3),
        ("2025-06-09", ["JPN", "KOR"], [], "negation", 1, 1),
        ("2025-06-09", ["KOR"], ["JPN"], None, 1, 1),
        (None, ["JPN", "KOR"], [], None, 1, 1),
    ]
    call = clusters[0]
    assert (call.event, call.source, call.quad_code, call.outlet_count) == (
        "CONSULT",
        "communique",
        1,
        2,
    )
    assert call.modes == ["phone"]
    # Phone calls score 1.5 and other consultations 2.5: the mean of the reports.
    assert call.event_scale == pytest.approx((1.5 + 1.5 + 2.5 + 2.5) / 4)
    assert call.reports == [
        {
            "event_id": "n2-a",
            "article_id": "n2",
            "published": "2025-06-09",
            "outlet": "Kyodo",
            "url": "https://example.org/n2",
            "title": "Title n2",
        },
        *(
            {
                "event_id": event_id,
                "article_id": article_id,
                "published": published,
                "outlet": "Yonhap",
                "url": f"https://example.org/{article_id}",
                "title": f"Title {article_id}",
            }
            for event_id, article_id, published in (
                ("n1-a", "n1", "2025-06-10"),
                ("n1-b", "n1", "2025-06-10"),
                ("n3-a", "n3", "2025-06-11"),
            )
        ),
    ]
    # The per-article records stay available.
    assert len(reported.events()) == 7


def test_cluster_ids_are_stable_and_distinct(reported: EventStore) -> None:
    before = [c.cluster_id for c in reported.clusters()]
    assert len(set(before)) == len(before)
    assert all(c.startswith("cl-") for c in before)
    reported.ingest(
        art("n4"), [rec("n4-a", "n4", day="2025-06-09", actor=[ent("KOR"), ent("JPN")])], VERSION
    )
    after = reported.clusters()
    assert [c.cluster_id for c in after] == before
    assert after[0].article_count == 4


def test_cluster_filters_select_reports_first(reported: EventStore) -> None:
    (phone,) = reported.clusters(mode="phone")
    assert (phone.report_count, phone.article_count, phone.cluster_id) == (
        2,
        1,
        reported.clusters()[0].cluster_id,
    )
    assert [c.aux for c in reported.clusters(aux="negation")] == ["negation"]
    assert len(reported.clusters(limit=2)) == 2
    assert reported.clusters(source="other") == []


# --------------------------------------------------------------------------- export


@pytest.fixture
def exported(store: EventStore) -> EventStore:
    store.ingest(
        art("e1", "The Dong-A Ilbo", date(2025, 6, 9)),
        [
            rec(
                "e1-a",
                "e1",
                "AGREE",
                "2025-06-09",
                actor=[
                    ent(
                        "KOR",
                        "GOV",
                        "Lee",
                        identifier_id="person:lee",
                        identifier_text="Lee J",
                        office="President",
                    ),
                    ent("JPN", None, "Japan"),
                ],
                recipient=[ent("USA", "GOV", "Washington")],
                time="12:00",
                mode=["phone"],
                context=["hypothetical", "diplomatic"],
                aux="hypothetical",
                event_loc={
                    "extracted_place": "Canada",
                    "resolved_place": "Canada",
                    "country_code": "CAN",
                    "lat": 60.1,
                    "lon": -95.0,
                    "geonameid": 6251999,
                    "feature_class": "A",
                },
                event_text=["agreed"],
                cameo_code="057",
                cite_info={"publication": "The Dong-A Ilbo", "language": "en"},
            )
        ],
        VERSION,
    )
    store.import_records(
        [
            {
                "id": "ngec-1",
                "date": "2025-06-08",
                "event": ["ACCUSE"],
                "actor": [{"code": "PRK"}],
                "cite_info": {
                    "publication": "KCNA Watch",
                    "url": "https://k.example/1",
                    "title": "T",
                },
            }
        ],
        "ngec",
    )
    return store


EXPECTED_ROWS = [
    {
        "source": "ngec",
        "event_id": "ngec-1",
        "event_date": "2025-06-08",
        "event_type": "ACCUSE",
        "quad_code": "3",
        "event_scale": "-3.0",
        "actor_name": "PRK",
        "actor_country": "PRK",
        "actor_sectors": "",
        "recipient_country": "",
        "article_id": "https://k.example/1",
        "outlet": "KCNA Watch",
        "url": "https://k.example/1",
        "title": "T",
        "publication_date": "",
        "coder_version": "",
    },
    {
        "source": "communique",
        "event_id": "e1-a",
        "event_date": "2025-06-09",
        "time": "12:00",
        "event_type": "AGREE",
        "event_mode": "phone",
        "contexts": "hypothetical;diplomatic",
        "aux": "hypothetical",
        "quad_code": "1",
        "event_scale": "2.5",
        "cameo_code": "057",
        "actor_name": "Lee J;Japan",
        "actor_country": "KOR;JPN",
        "actor_sectors": "GOV;",
        "actor_title": "President;",
        "actor_name_raw": "Lee;Japan",
        "actor_id": "person:lee;",
        "recipient_name": "Washington",
        "recipient_country": "USA",
        "recipient_sectors": "GOV",
        "placename": "Canada",
        "raw_placename": "Canada",
        "country_code": "CAN",
        "latitude": "60.1",
        "longitude": "-95.0",
        "geonames_id": "6251999",
        "feature_class": "A",
        "event_text": "agreed",
        "article_id": "e1",
        "outlet": "The Dong-A Ilbo",
        "url": "https://example.org/e1",
        "title": "Title e1",
        "publication_date": "2025-06-09",
        "language": "en",
        "coder_version": VERSION,
    },
]


def test_csv_export_has_polecat_style_columns(exported: EventStore) -> None:
    out = io.StringIO()
    assert exported.export_csv(out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    for row, expected in zip(rows, EXPECTED_ROWS, strict=True):
        assert {k: row[k] for k in expected} == expected
    assert rows[1]["city"] == rows[1]["country"] == ""


def test_csv_export_takes_filters(exported: EventStore) -> None:
    out = io.StringIO()
    assert exported.export_csv(out, source="ngec") == 1
    assert out.getvalue().splitlines()[1].startswith("ngec,ngec-1,2025-06-08,")


def test_parquet_round_trip(exported: EventStore, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert exported.export_parquet(path) == 2
    con = duckdb.connect()
    result = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
    names = [d[0] for d in result.description]
    rows = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    assert names == list(CSV_COLUMNS)
    assert [r["event_id"] for r in rows] == ["ngec-1", "e1-a"]
    ours = rows[1]
    assert (ours["event_date"], ours["quad_code"], ours["event_scale"]) == (
        date(2025, 6, 9),
        1,
        2.5,
    )
    assert (ours["latitude"], ours["geonames_id"]) == (60.1, 6251999)
    assert (ours["actor_country"], ours["actor_title"]) == ("KOR;JPN", "President;")
    assert ours["publication_date"] == date(2025, 6, 9)
    # The same values as the CSV, typed.
    out = io.StringIO()
    exported.export_csv(out)
    for written, read in zip(csv.DictReader(io.StringIO(out.getvalue())), rows, strict=True):
        assert written == {k: "" if v is None else str(v) for k, v in read.items()}


def test_jsonl_export_gives_the_records_as_stored(exported: EventStore) -> None:
    out = io.StringIO()
    assert exported.export_jsonl(out, limit=5) == 2
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == exported.events()
    assert lines[0]["event"] == ["ACCUSE"]  # imported as given, PLOVER's list form


# --------------------------------------------------------------------------- import

FOREIGN = [
    # 1: minimal PLOVER record (the manual's example), event as a list
    {
        "id": "PHOX-1",
        "date": "2016-07-24",
        "actor": [{"code": "USA"}],
        "recipient": [{"code": "CAN"}],
        "event": ["CONSULT"],
    },
    # 2: blank line
    None,
    # 3: not JSON
    "{not json",
    # 4: no id
    {"date": "2016-07-24", "actor": [{"code": "USA"}], "event": "AID"},
    # 5: no event
    {"id": "PHOX-5", "actor": [{"code": "USA"}]},
    # 6: empty actor
    {"id": "PHOX-6", "actor": [], "event": "AID"},
    # 7: two types, a number id, lower case, aux in context, mode scored by PLOVER
    {
        "id": 7,
        "date": "2016-07-25",
        "actor": [{"code": "RUS", "sector": "MIL"}],
        "recipient": [{"code": "UKR"}],
        "event": ["threaten", "coerce"],
        "context": ["future", "military"],
    },
    # 8: bad date
    {"id": "PHOX-8", "date": "24/07/2016", "actor": [{"code": "USA"}], "event": "AID"},
    # 9: an id already read
    {"id": "PHOX-1", "actor": [{"code": "USA"}], "event": "AID"},
    # 10: an actor without a code
    {"id": "PHOX-10", "actor": [{"entity_text": "someone"}], "event": "AID"},
    # 11: not an object
    [1, 2],
    # 12: scores given, article from cite_info, no date
    {
        "id": "PHOX-12",
        "actor": [{"code": "usa"}],
        "event": "ASSAULT",
        "quad_code": 4,
        "event_scale": -9.0,
        "mode": ["aerial"],
        "cite_info": {"citation": "doc-77"},
    },
]


def foreign_lines(items: list[Any] = FOREIGN) -> list[str]:
    return [
        "" if item is None else item if isinstance(item, str) else json.dumps(item)
        for item in items
    ]


def test_import_of_foreign_plover_records(store: EventStore) -> None:
    result = store.import_jsonl(foreign_lines(), "phoenix")
    assert (result.source, result.read, result.stored) == ("phoenix", 11, 4)
    assert [(p.line, p.message.split(";")[0].split(" (")[0]) for p in result.problems] == [
        (3, "not JSON"),
        (4, "record without an 'id'"),
        (5, "record 'PHOX-5' has no 'event' type"),
        (6, "record 'PHOX-6' has no 'actor'"),
        (8, "record 'PHOX-8', event 'PHOX-8': date: '24/07/2016' is not a date"),
        (9, "id 'PHOX-1' was already on line 1"),
        (
            10,
            "record 'PHOX-10', event 'PHOX-10', actor 0:"
            " 'code' must be a non-empty string, got None",
        ),
        (11, "a PLOVER record is a JSON object, not list"),
    ]
    assert store.sources() == {"phoenix": 4}
    rows = store._con.execute(
        "SELECT id, article_id, date, event_type, aux, quad_code, event_scale, actor_codes,"
        " recipient_codes, coder_version FROM events ORDER BY id"
    ).fetchall()
    assert rows == [
        ("7:COERCE", "7", date(2016, 7, 25), "COERCE", "future", 4, -7.0, ["RUS"], ["UKR"], None),
        (
            "7:THREATEN",
            "7",
            date(2016, 7, 25),
            "THREATEN",
            "future",
            3,
            -3.5,
            ["RUS"],
            ["UKR"],
            None,
        ),
        ("PHOX-1", "PHOX-1", date(2016, 7, 24), "CONSULT", None, 1, 2.5, ["USA"], ["CAN"], None),
        ("PHOX-12", "doc-77", None, "ASSAULT", None, 4, -9.0, ["USA"], [], None),
    ]
    # The stored record is the record as given; split records get their one type.
    (first,) = store.events(source="phoenix", actor="USA", recipient="CAN")
    assert first == json.loads(foreign_lines()[0])
    assert [r["event"] for r in store.events(actor="RUS/MIL")] == ["coerce", "threaten"]


def test_import_again_replaces_instead_of_adding(store: EventStore) -> None:
    lines = foreign_lines()
    store.import_jsonl(lines, "phoenix")
    again = store.import_jsonl(lines, "phoenix")
    assert again.stored == 4
    assert store.sources() == {"phoenix": 4}
    assert store._con.execute("SELECT count(*) FROM entities").fetchall() == [(7,)]
    # --replace drops what the new file no longer has.
    store.import_jsonl(lines[:1], "phoenix", replace=True)
    assert ids(store.events()) == ["PHOX-1"]
    assert store._con.execute("SELECT count(*) FROM entities").fetchall() == [(2,)]


def test_import_in_chunks(store: EventStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("communique.store.IMPORT_CHUNK", 3)
    records = [rec(f"x{i}", "a", actor=[ent("KOR")], recipient=[ent("JPN")]) for i in range(10)]
    assert store.import_records(records, "chunks").stored == 10
    assert store.import_records(records, "chunks").stored == 10
    assert store.counts()["events"] == 10
    assert store._con.execute("SELECT count(*) FROM entities").fetchall() == [(20,)]


def test_imported_and_own_events_stay_apart(store: EventStore) -> None:
    own = rec("same-id", "a1", "AGREE", actor=[ent("KOR")], recipient=[ent("JPN")])
    store.ingest(art("a1"), [own], VERSION)
    store.import_records([{**own, "event": "ACCUSE"}], "polecat")
    assert store.sources() == {"communique": 1, "polecat": 1}
    # Ordered by date, then source.
    assert [r["event"] for r in store.events()] == ["AGREE", "ACCUSE"]
    # Re-ingesting the article replaces its own events only.
    store.ingest(art("a1"), [], VERSION)
    assert [r["event"] for r in store.events()] == ["ACCUSE"]
    (polecat,) = store.dyad("KOR", "JPN", source="polecat")
    assert polecat.counts == {"ACCUSE": 1}


def test_import_reads_bytes_and_a_byte_order_mark(store: EventStore) -> None:
    lines = [b"\xef\xbb\xbf" + foreign_lines()[0].encode(), b'{"id": "\xff"}\n']
    result = store.import_jsonl(lines, "bytes")
    assert result.stored == 1
    assert [(p.line, p.message) for p in result.problems] == [
        (2, "not UTF-8 text; PLOVER JSONL is UTF-8")
    ]


@pytest.mark.parametrize("source", ["", "  ", OWN_SOURCE, None])
def test_import_needs_a_name_other_than_communique(store: EventStore, source: Any) -> None:
    with pytest.raises(StoreError, match=r"source|name"):
        store.import_jsonl(foreign_lines(), source)


# --------------------------------------------------------------------------- layout

FIRST_LAYOUT = """
CREATE TABLE articles (id VARCHAR PRIMARY KEY, published DATE, outlet VARCHAR, url VARCHAR,
    title VARCHAR, source VARCHAR, text VARCHAR, coded_at TIMESTAMP, coder_version VARCHAR);
CREATE TABLE events (id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, date DATE,
    time VARCHAR, event_type VARCHAR NOT NULL, modes VARCHAR[], context VARCHAR[], aux VARCHAR,
    quad_code INTEGER, event_scale DOUBLE, location_country VARCHAR, coder_version VARCHAR,
    record JSON NOT NULL);
CREATE TABLE entities (event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient')), position INTEGER NOT NULL,
    code VARCHAR NOT NULL, sector VARCHAR, entity_text VARCHAR, identifier_id VARCHAR,
    office VARCHAR);
"""


def test_a_store_of_the_first_layout_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    record = rec(
        "ev-1", "a1", "AGREE", actor=[ent("KOR", identifier_text="Korea")], recipient=[ent("JPN")]
    )
    con = duckdb.connect(str(path))
    con.execute(FIRST_LAYOUT)
    con.execute("INSERT INTO articles (id, published) VALUES ('a1', DATE '2025-01-16')")
    con.execute(
        "INSERT INTO events VALUES ('ev-1', 'a1', DATE '2025-01-15', NULL, 'AGREE', [], [],"
        " NULL, 1, 2.5, NULL, '0.1.0', ?)",
        [json.dumps(record)],
    )
    con.execute(
        "INSERT INTO entities VALUES ('ev-1', 'a1', 'actor', 0, 'KOR', 'GOV', 'KOR', NULL, NULL)"
    )
    con.close()
    with EventStore(path) as store:
        assert store.events() == [record]
        assert store.sources() == {"communique": 1}
        assert [p.total for p in store.dyad("KOR", "JPN")] == [1]
        assert store._con.execute(
            "SELECT identifier_text FROM entities WHERE role = 'actor'"
        ).fetchall() == [("Korea",)]


# --------------------------------------------------------------------------- kill -9

ARTICLES = 200
EVENTS_PER_ARTICLE = 12

WRITER = textwrap.dedent(
    f"""
    import sys
    sys.path.insert(0, {str(SRC)!r})
    from communique.models import Article
    from communique.store import EventStore

    with EventStore(sys.argv[1]) as store:
        for a in range({ARTICLES}):
            records = [
                {{"id": f"a{{a}}-e{{e}}", "article_id": f"a{{a}}", "date": "2025-01-01",
                  "event": "CONSULT", "actor": [{{"code": "KOR"}}, {{"code": "JPN"}}],
                  "recipient": [{{"code": "USA"}}]}}
                for e in range({EVENTS_PER_ARTICLE})
            ]
            quotes = [{{"text": f"quote {{q}}"}} for q in range(3)]
            store.ingest(Article(id=f"a{{a}}", text="x" * 5000), records, "0.1.0", quotes=quotes)
            print(a, flush=True)
    """
)


def check_whole_articles(path: Path) -> int:
    """Every stored article has all its events, entities and quotes; how many are stored."""
    with EventStore(path) as store:
        con = store._con
        per_article = con.execute(
            """
            SELECT a.id,
                   (SELECT count(*) FROM events e WHERE e.article_id = a.id),
                   (SELECT count(*) FROM entities n WHERE n.article_id = a.id),
                   (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)
            FROM articles a
            """
        ).fetchall()
        for article_id, events, entities, quotes in per_article:
            assert (events, entities, quotes) == (
                EVENTS_PER_ARTICLE,
                3 * EVENTS_PER_ARTICLE,
                3,
            ), article_id
        orphans = con.execute(
            "SELECT"
            + ",".join(
                f" (SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles))"
                for table in ("events", "entities", "quotes")
            )
        ).fetchall()
        assert orphans == [(0, 0, 0)]
        return len(per_article)


@pytest.mark.slow  # three writer processes on a file store: a few seconds
def test_ingest_killed_mid_batch_leaves_whole_articles(tmp_path: Path) -> None:
    path = tmp_path / "killed.duckdb"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    stored: list[int] = []
    for kill_after in (5, 60):
        writer = subprocess.Popen(
            [sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None
        for _ in range(kill_after):
            assert writer.stdout.readline(), "the writer stopped early"
        # The writer is in the middle of the next articles: kill it there.
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        assert writer.returncode == -signal.SIGKILL
        stored.append(check_whole_articles(path))
    assert 5 <= stored[0] <= stored[1] <= ARTICLES
    # The first kill stops the batch early even on a slow machine.
    assert stored[0] < ARTICLES
    # Running it again finishes the job, with every article once.
    subprocess.run([sys.executable, str(script), str(path)], check=True, capture_output=True)
    assert check_whole_articles(path) == ARTICLES
    with EventStore(path) as store:
        counts = store._con.execute(
            "SELECT count(*), count(DISTINCT id), (SELECT count(*) FROM entities),"
            " (SELECT count(*) FROM quotes) FROM events"
        ).fetchall()
    total = ARTICLES * EVENTS_PER_ARTICLE
    assert counts == [(total, total, 3 * total, 3 * ARTICLES)]
