from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pytest

from communique.errors import StoreError
from communique.models import Article
from communique.store import EventStore

VERSION = "0.1.0"


def entity(code: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "sector": "GOV", "entity_text": text, **extra}


def record(
    event_id: str,
    article_id: str,
    *,
    event: str = "CONSULT",
    day: str | None = "2025-06-09",
    actor: list[dict[str, Any]] | None = None,
    recipient: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": event_id,
        "article_id": article_id,
        "date": day,
        "time": "12:00",
        "duration_minutes": 25,
        "event": event,
        "mode": ["phone"],
        "context": ["diplomatic"],
        "actor": actor if actor is not None else [entity("KOR", "South Korea")],
        "recipient": recipient if recipient is not None else [],
        "event_loc": None,
        "event_text": ["held their first phone call"],
        "quad_code": 1,
        "event_scale": 1.5,
        "cameo_code": "040",
        "cite_info": {"publication": "Outlet", "url": "https://example.org/a", "language": "en"},
        "coder": {"name": "communique", "version": VERSION},
        **extra,
    }


def article(article_id: str, title: str = "First title") -> Article:
    return Article(
        id=article_id,
        text="South Korean President Lee Jae-myung and Japanese Prime Minister ...",
        published=date(2025, 6, 10),
        outlet="Outlet",
        url=f"https://example.org/{article_id}",
        title=title,
        source=f"{article_id}.txt",
    )


@pytest.fixture
def store() -> Iterator[EventStore]:
    with EventStore(":memory:") as s:
        yield s


@pytest.fixture
def filled(store: EventStore) -> EventStore:
    """Three articles with events that differ in actors, recipients, types and dates."""
    store.ingest(
        article("a1"),
        [
            record(
                "ev-a1-1",
                "a1",
                actor=[entity("KOR", "Lee Jae-myung", office="President"), entity("JPN", "Japan")],
                recipient=[],
            ),
            record(
                "ev-a1-2",
                "a1",
                event="ACCUSE",
                day="2025-06-11",
                actor=[entity("PRK", "North Korea")],
                recipient=[entity("KOR", "Seoul")],
            ),
        ],
        VERSION,
    )
    store.ingest(
        article("a2"),
        [
            record(
                "ev-a2-1",
                "a2",
                event="aid",
                day="2025-05-01",
                actor=[entity("USA", "Washington")],
                recipient=[entity("UKR", "Kyiv"), entity("JPN", "Tokyo")],
                event_loc={"extracted_place": "Canada", "country_code": "CAN"},
            )
        ],
        VERSION,
    )
    store.ingest(
        article("a3"),
        [record("ev-a3-1", "a3", day=None, actor=[entity("JPN", "Japan")])],
        VERSION,
    )
    return store


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


def test_ingest_and_read_back_equal_records(store: EventStore) -> None:
    records = [
        record(
            "ev-1",
            "a1",
            actor=[entity("KOR", "Lee", identifier_id="person:lee-jae-myung", office="President")],
            event_loc={"extracted_place": "Canada", "country_code": "CAN", "lat": 56.1},
            future_key={"nested": [1, 2.5, None, "é"]},
        ),
        record("ev-2", "a1", event="ACCUSE", day="2025-06-10"),
    ]
    store.ingest(article("a1"), records, VERSION)
    assert store.events() == records
    assert store.article_ids() == ["a1"]
    assert store.counts() == {"articles": 1, "events": 2}


def test_typed_columns_are_filled(store: EventStore) -> None:
    rec = record(
        "ev-1",
        "a1",
        actor=[entity("KOR", "Lee", identifier_id="person:lee", office="President")],
        recipient=[entity("JPN", "Japan")],
        event_loc={"extracted_place": "Canada", "country_code": "CAN"},
        aux="future",
    )
    quote = {
        "text": "We agreed",
        "speaker": entity("KOR", "Lee"),
        "conduit": entity("KOR", "Yonhap"),
        "channel": "call readout",
        "event_ids": ["ev-1"],
    }
    store.ingest(article("a1"), [rec], VERSION, quotes=[quote])
    con = store._con
    assert con.execute(
        "SELECT id, article_id, date, time, event_type, modes, context, aux, quad_code,"
        " event_scale, location_country, coder_version FROM events"
    ).fetchall() == [
        (
            "ev-1",
            "a1",
            date(2025, 6, 9),
            "12:00",
            "CONSULT",
            ["phone"],
            ["diplomatic"],
            "future",
            1,
            1.5,
            "CAN",
            VERSION,
        )
    ]
    assert con.execute(
        "SELECT role, position, code, sector, entity_text, identifier_id, office"
        " FROM entities ORDER BY role"
    ).fetchall() == [
        ("actor", 0, "KOR", "GOV", "Lee", "person:lee", "President"),
        ("recipient", 0, "JPN", "GOV", "Japan", None, None),
    ]
    assert con.execute(
        "SELECT article_id, position, text, speaker_code, speaker_text, conduit_text, channel"
        " FROM quotes"
    ).fetchall() == [("a1", 0, "We agreed", "KOR", "Lee", "Yonhap", "call readout")]
    assert con.execute("SELECT published, title, coder_version FROM articles").fetchall() == [
        (date(2025, 6, 10), "First title", VERSION)
    ]


def test_reingest_replaces_article_events_entities_and_quotes(store: EventStore) -> None:
    quotes = [{"text": "one"}, {"text": "two"}]
    store.ingest(
        article("a1"), [record("ev-1", "a1"), record("ev-2", "a1")], VERSION, quotes=quotes
    )
    store.ingest(article("b"), [record("ev-b", "b")], VERSION)
    store.ingest(
        article("a1", title="Second title"),
        [record("ev-1", "a1", event="ACCUSE")],
        "0.2.0",
        quotes=[{"text": "three"}],
    )
    assert store.counts() == {"articles": 2, "events": 2}
    assert [(r["id"], r["event"]) for r in store.events(article_id="a1")] == [("ev-1", "ACCUSE")]
    assert ids(store.events(article_id="b")) == ["ev-b"]
    con = store._con
    assert con.execute("SELECT count(*) FROM entities WHERE article_id = 'a1'").fetchall() == [(1,)]
    assert con.execute("SELECT text FROM quotes").fetchall() == [("three",)]
    assert con.execute("SELECT title, coder_version FROM articles WHERE id = 'a1'").fetchall() == [
        ("Second title", "0.2.0")
    ]


def test_reingest_with_no_events_clears_them(filled: EventStore) -> None:
    filled.ingest(article("a1"), [], VERSION)
    assert filled.events(article_id="a1") == []
    assert filled.counts() == {"articles": 3, "events": 2}


def test_events_are_ordered_by_date_then_article_then_id(filled: EventStore) -> None:
    assert ids(filled.events()) == ["ev-a2-1", "ev-a1-1", "ev-a1-2", "ev-a3-1"]
    assert ids(filled.events(limit=2)) == ["ev-a2-1", "ev-a1-1"]
    assert filled.events(limit=0) == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "JPN"}, ["ev-a1-1", "ev-a3-1"]),
        ({"actor": "jpn"}, ["ev-a1-1", "ev-a3-1"]),
        ({"actor": "KOR"}, ["ev-a1-1"]),
        ({"recipient": "KOR"}, ["ev-a1-2"]),
        ({"recipient": "JPN"}, ["ev-a2-1"]),
        ({"country": "KOR"}, ["ev-a1-1", "ev-a1-2"]),
        ({"country": "JPN"}, ["ev-a2-1", "ev-a1-1", "ev-a3-1"]),
        ({"country": "CAN"}, []),
        ({"event_type": "consult"}, ["ev-a1-1", "ev-a3-1"]),
        ({"event_type": "AID"}, ["ev-a2-1"]),
        ({"since": "2025-06-09"}, ["ev-a1-1", "ev-a1-2"]),
        ({"since": date(2025, 6, 10)}, ["ev-a1-2"]),
        ({"until": "2025-06-09"}, ["ev-a2-1", "ev-a1-1"]),
        ({"until": date(2025, 5, 1)}, ["ev-a2-1"]),
        ({"since": "2025-06-01", "until": date(2025, 6, 10)}, ["ev-a1-1"]),
        ({"since": datetime(2025, 6, 11, 23, 0)}, ["ev-a1-2"]),
        ({"article_id": "a3"}, ["ev-a3-1"]),
        ({"actor": "JPN", "event_type": "CONSULT", "article_id": "a1"}, ["ev-a1-1"]),
        ({"actor": "KOR", "recipient": "KOR"}, []),
    ],
)
def test_event_filters(filled: EventStore, filters: dict[str, Any], expected: list[str]) -> None:
    assert ids(filled.events(**filters)) == expected


@pytest.mark.parametrize("bad", [{"since": "June 9"}, {"until": 20250609}, {"limit": -1}])
def test_bad_filter_values_raise(filled: EventStore, bad: dict[str, Any]) -> None:
    with pytest.raises(StoreError):
        filled.events(**bad)


@pytest.mark.parametrize(
    ("bad_record", "message"),
    [
        (record("ev-new", "a1", when=date(2025, 6, 9)), "JSON"),
        (record("ev-new", "a1", event_scale=float("nan"), quad_code=1), "event_scale|JSON"),
        (record("ev-new", "a1", day="2025-13-45"), "not a date"),
        (record("ev-new", "a1", day="9 June"), "YYYY-MM-DD"),
        (record("ev-new", "a1", mode="phone"), "mode"),
        (record("ev-new", "a1", actor=[{"entity_text": "no code"}]), "code"),
        (record("ev-new", "a1", quad_code="1"), "quad_code"),
        (record("", "a1"), "id"),
        (record("ev-new", "other"), "article_id"),
        ({"id": "ev-new", "article_id": "a1"}, "event"),
    ],
)
def test_bad_record_raises_and_keeps_previous_version(
    store: EventStore, bad_record: dict[str, Any], message: str
) -> None:
    store.ingest(article("a1"), [record("ev-old", "a1")], VERSION, quotes=[{"text": "old"}])
    with pytest.raises(StoreError, match=message):
        store.ingest(article("a1", title="New"), [record("ev-ok", "a1"), bad_record], VERSION)
    assert ids(store.events()) == ["ev-old"]
    assert store._con.execute("SELECT title FROM articles").fetchall() == [("First title",)]
    assert store._con.execute("SELECT text FROM quotes").fetchall() == [("old",)]


def test_bad_quote_raises_and_keeps_previous_version(store: EventStore) -> None:
    store.ingest(article("a1"), [record("ev-old", "a1")], VERSION)
    with pytest.raises(StoreError, match="speaker"):
        store.ingest(
            article("a1"), [record("ev-new", "a1")], VERSION, quotes=[{"text": "x", "speaker": 3}]
        )
    assert ids(store.events()) == ["ev-old"]


def test_duplicate_id_within_article_raises(store: EventStore) -> None:
    with pytest.raises(StoreError, match="two events with id 'ev-1'"):
        store.ingest(article("a1"), [record("ev-1", "a1"), record("ev-1", "a1")], VERSION)
    assert store.counts() == {"articles": 0, "events": 0}


def test_id_collision_with_another_article_names_both(store: EventStore) -> None:
    store.ingest(article("a1"), [record("ev-1", "a1")], VERSION)
    store.ingest(article("a2"), [record("ev-2", "a2")], VERSION)
    with pytest.raises(StoreError, match=r"'ev-1' of article 'a2'.*article 'a1'"):
        store.ingest(article("a2", title="New"), [record("ev-1", "a2")], VERSION)
    assert [(r["id"], r["article_id"]) for r in store.events()] == [("ev-1", "a1"), ("ev-2", "a2")]
    assert store._con.execute("SELECT title FROM articles WHERE id = 'a2'").fetchall() == [
        ("First title",)
    ]


class FailingConnection:
    """Passes everything to DuckDB but fails on the first statement containing ``marker``."""

    def __init__(self, con: duckdb.DuckDBPyConnection, marker: str) -> None:
        self._con = con
        self._marker = marker

    def execute(self, sql: str, params: Any = None) -> Any:
        if self._marker in sql:
            raise duckdb.IOException("simulated disk failure")
        return self._con.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def test_database_failure_mid_write_rolls_back(store: EventStore) -> None:
    store.ingest(article("a1"), [record("ev-old", "a1")], VERSION, quotes=[{"text": "old"}])
    real = store._con
    store._con = FailingConnection(real, "INSERT INTO entities")  # type: ignore[assignment]
    with pytest.raises(StoreError, match=r"article 'a1'.*simulated disk failure"):
        store.ingest(
            article("a1", title="New"), [record("ev-new", "a1")], VERSION, quotes=[{"text": "n"}]
        )
    store._con = real
    assert ids(store.events()) == ["ev-old"]
    assert real.execute("SELECT title FROM articles").fetchall() == [("First title",)]
    assert real.execute("SELECT count(*) FROM entities").fetchall() == [(1,)]
    assert real.execute("SELECT text FROM quotes").fetchall() == [("old",)]
    # The store is usable again after the failed transaction.
    store.ingest(article("a1"), [record("ev-new", "a1")], VERSION)
    assert ids(store.events()) == ["ev-new"]


def test_file_store_reopens_with_data(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    records = [record("ev-1", "a1"), record("ev-2", "a1", event="ACCUSE")]
    with EventStore(path) as first:
        first.ingest(article("a1"), records, VERSION)
        first.record_run(VERSION, articles=1, events=2)
    with EventStore(str(path)) as second:
        assert second.events() == records
        assert second.counts() == {"articles": 1, "events": 2}
        assert [(r["run_id"], r["articles"], r["events"]) for r in second.runs()] == [(1, 1, 2)]


def test_record_run(store: EventStore) -> None:
    start = datetime(2025, 6, 9, 14, 30, tzinfo=timezone(timedelta(hours=2)))
    assert store.record_run(VERSION, 3, 7, started_at=start) == 1
    before = datetime.now(UTC).replace(tzinfo=None)
    assert store.record_run("0.2.0", 0, 0) == 2
    runs = store.runs()
    assert runs[0] == {
        "run_id": 1,
        "started_at": datetime(2025, 6, 9, 12, 30),
        "coder_version": VERSION,
        "articles": 3,
        "events": 7,
    }
    assert runs[1]["coder_version"] == "0.2.0"
    assert before <= runs[1]["started_at"] <= datetime.now(UTC).replace(tzinfo=None)


def test_non_duckdb_file_raises_with_path(tmp_path: Path) -> None:
    path = tmp_path / "garbage.duckdb"
    path.write_bytes(b"this is not a database\x00\xff\x10" * 100)
    with pytest.raises(StoreError, match="not a DuckDB database") as info:
        EventStore(path)
    assert str(path) in str(info.value)


def test_foreign_table_layout_raises(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE events (id INTEGER, name VARCHAR)")
    con.close()
    with pytest.raises(StoreError, match=r"other\.duckdb.*events"):
        EventStore(path)


def test_locked_file_raises_with_path(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    EventStore(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('open', flush=True);"
            " sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="locked") as info:
            EventStore(path)
        assert str(path) in str(info.value)
    finally:
        holder.communicate("")


def test_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = EventStore(tmp_path / "s.duckdb")
    store.close()
    with pytest.raises(StoreError):
        store.counts()
    with pytest.raises(StoreError):
        store.ingest(article("a1"), [], VERSION)
