"""The event store: coded articles and their PLOVER records in one DuckDB file.

All SQL of communique lives in this module. Each PLOVER record is kept whole as JSON
(so keys added later are never lost) next to typed columns that queries filter on.
Actor and recipient entities get their own table so that a filter on a sector, or on a
code with its sector (``KOR/MIL``), matches any entity of an event, not only the first;
each event row also carries the sorted, distinct actor and recipient codes, which the
plain code filters, the dyad timeline and the event clusters use.

Datasets. Every event row has a ``source``: ``communique`` for what this program coded
(:meth:`EventStore.ingest`), or the name given to :meth:`EventStore.import_jsonl` for
PLOVER records made by another coder, so that two datasets can be compared in one
database. An event is identified by its source and its id.

Crash safety. Each article is written in one transaction, and each chunk of an import
in one transaction: a process killed at any point (``kill -9``) leaves every article
either as it was or as it was meant to be, and running the same ingest or import again
replaces what is there by id instead of adding to it.

A store connection is not thread-safe; open one :class:`EventStore` per thread.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO, TypedDict, Unpack

import duckdb

from communique.errors import StoreError
from communique.evaluate import AUX_MODES
from communique.models import Article
from communique.periods import PERIODS, next_period, period_start
from communique.scores import PLOVER_TYPES, event_scale, quad_code, valid_mode

logger = logging.getLogger(__name__)

OWN_SOURCE = "communique"
"""The ``source`` of the events this program coded; imports must use another name."""

"""The periods a dyad timeline can be counted by."""

NO_AUX = "none"
"""The ``aux`` filter value that selects events without an auxiliary mode."""

IMPORT_CHUNK = 10_000
"""Records written per transaction by an import."""

# No foreign keys: DuckDB checks them eagerly, which gets in the way of the
# delete-then-insert that replaces an article's events inside one transaction.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    published DATE,
    outlet VARCHAR,
    url VARCHAR,
    title VARCHAR,
    source VARCHAR,
    text VARCHAR,
    coded_at TIMESTAMP,
    coder_version VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    source VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    date DATE,
    time VARCHAR,
    event_type VARCHAR NOT NULL,
    modes VARCHAR[],
    context VARCHAR[],
    aux VARCHAR,
    quad_code INTEGER,
    event_scale DOUBLE,
    location_country VARCHAR,
    actor_codes VARCHAR[] NOT NULL,
    recipient_codes VARCHAR[] NOT NULL,
    coder_version VARCHAR,
    record JSON NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE TABLE IF NOT EXISTS entities (
    source VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient')),
    position INTEGER NOT NULL,
    code VARCHAR NOT NULL,
    sector VARCHAR,
    entity_text VARCHAR,
    identifier_id VARCHAR,
    identifier_text VARCHAR,
    office VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    speaker_code VARCHAR,
    speaker_text VARCHAR,
    conduit_text VARCHAR,
    channel VARCHAR,
    record JSON NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS coder_run_ids;
CREATE TABLE IF NOT EXISTS coder_runs (
    run_id INTEGER PRIMARY KEY DEFAULT nextval('coder_run_ids'),
    started_at TIMESTAMP NOT NULL,
    coder_version VARCHAR NOT NULL,
    articles INTEGER NOT NULL,
    events INTEGER NOT NULL
);
"""

_COLUMNS_SQL = """
SELECT table_name, column_name, data_type FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main'
  AND table_name IN ('articles', 'events', 'entities', 'quotes', 'coder_runs')
ORDER BY table_name, column_index
"""

# The events table of communique 0.1.0, before sources and code lists; such a store is
# rebuilt from its stored records when it is opened.
_FIRST_EVENT_COLUMNS = (
    "id",
    "article_id",
    "date",
    "time",
    "event_type",
    "modes",
    "context",
    "aux",
    "quad_code",
    "event_scale",
    "location_country",
    "coder_version",
    "record",
)

_UPSERT_ARTICLE = """
INSERT INTO articles (id, published, outlet, url, title, source, text, coded_at, coder_version)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    published = excluded.published, outlet = excluded.outlet, url = excluded.url,
    title = excluded.title, source = excluded.source, text = excluded.text,
    coded_at = excluded.coded_at, coder_version = excluded.coder_version
"""

_COLLIDING_IDS = """
SELECT id, article_id FROM events
WHERE source = ? AND article_id <> ? AND id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY id
"""

_ROLES = ("actor", "recipient")

# The article behind an event: the articles table for communique's own events, the
# record's PLOVER cite_info for imported ones.
_ARTICLE_JOIN = f"LEFT JOIN articles a ON e.source = '{OWN_SOURCE}' AND a.id = e.article_id"
_OUTLET = "coalesce(a.outlet, json_extract_string(e.record, '$.cite_info.publication'))"
_URL = "coalesce(a.url, json_extract_string(e.record, '$.cite_info.url'))"
_TITLE = "coalesce(a.title, json_extract_string(e.record, '$.cite_info.title'))"

# What makes reports one event: same dataset, date, type, actor codes, recipient codes
# and auxiliary mode. An undated report is an event of its own.
_CLUSTER_KEY = (
    "e.source, e.date, e.event_type, e.actor_codes, e.recipient_codes, e.aux,"
    " CASE WHEN e.date IS NULL THEN e.id END"
)

_RECORD_ORDER = "e.date NULLS LAST, e.source, e.article_id, e.id"


class EventFilters(TypedDict, total=False):
    """Filters of :meth:`EventStore.events` and the other queries; all must match.

    ``actor``, ``recipient`` and ``country`` (either role) are entity codes such as
    ``KOR``, or a code and a sector such as ``KOR/MIL`` for one entity with both;
    ``sector`` matches an actor or recipient of that sector; ``event_type`` is a PLOVER
    type; ``mode`` one of the event's modes; ``aux`` its auxiliary mode (future,
    hypothetical, negation, historical) or ``"none"`` for events without one;
    ``location`` the country code of the event's place; ``source`` the dataset
    (``communique`` or an import's name). Text is compared case-insensitively, except
    ``source`` and ``article_id``. ``since`` and ``until`` are inclusive and leave out
    events without a date.
    """

    actor: str | None
    recipient: str | None
    country: str | None
    sector: str | None
    event_type: str | None
    mode: str | None
    aux: str | None
    location: str | None
    source: str | None
    since: date | str | None
    until: date | str | None
    article_id: str | None


_FILTERS = frozenset(EventFilters.__optional_keys__)


@dataclass(frozen=True)
class DyadPeriod:
    """One period of a dyad timeline.

    ``index_mean`` is the mean ``event_scale`` (PLOVER's -10..+10 conflict-cooperation
    score) of the period's events between the two sides, ``index_sum`` its sum; events
    without a score count in ``total`` but not in the index. ``cooperative`` counts quad
    codes 1 and 2 (verbal and material cooperation), ``conflictual`` 3 and 4.
    """

    period: str
    """``2025-06-09`` (day), ``2025-W24`` (ISO week), ``2025-06`` (month) or ``2025``."""
    start: date
    counts: dict[str, int]
    """Events per PLOVER type; types without events are left out."""
    total: int
    cooperative: int
    conflictual: int
    index_mean: float | None
    index_sum: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "start": self.start.isoformat(),
            "total": self.total,
            "cooperative": self.cooperative,
            "conflictual": self.conflictual,
            "index_mean": None if self.index_mean is None else round(self.index_mean, 4),
            "index_sum": round(self.index_sum, 4),
            "counts": dict(self.counts),
        }


@dataclass(frozen=True)
class EventCluster:
    """One event and the reports of it: per-article records with the same cluster key.

    The key is (source, date, event type, actor codes, recipient codes, auxiliary mode);
    ``cluster_id`` is a hash of it, so it stays the same as reports are added.
    ``article_count`` is the source count (distinct articles, GDELT's NumArticles),
    ``report_count`` the number of records, which can be larger when one article reports
    the event twice. ``event_scale`` is the mean of the reports' scores (modes may differ).
    """

    cluster_id: str
    source: str
    date: str | None
    event: str
    actor: list[str]
    recipient: list[str]
    aux: str | None
    quad_code: int | None
    event_scale: float | None
    modes: list[str]
    report_count: int
    article_count: int
    outlet_count: int
    reports: list[dict[str, Any]] = field(default_factory=list)
    """Each report: event_id, article_id, published, outlet, url, title."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "source": self.source,
            "date": self.date,
            "event": self.event,
            "actor": list(self.actor),
            "recipient": list(self.recipient),
            "aux": self.aux,
            "quad_code": self.quad_code,
            "event_scale": None if self.event_scale is None else round(self.event_scale, 4),
            "modes": list(self.modes),
            "report_count": self.report_count,
            "article_count": self.article_count,
            "outlet_count": self.outlet_count,
            "reports": [dict(r) for r in self.reports],
        }


@dataclass(frozen=True)
class ImportProblem:
    """A record an import skipped: its line (or position) and what was wrong."""

    line: int
    message: str


@dataclass
class ImportResult:
    """What an import did: records read, events stored, records skipped."""

    source: str
    read: int = 0
    stored: int = 0
    problems: list[ImportProblem] = field(default_factory=list)


CSV_COLUMNS: tuple[str, ...] = (
    "source",
    "event_id",
    "event_date",
    "time",
    "event_type",
    "event_mode",
    "contexts",
    "aux",
    "quad_code",
    "event_scale",
    "cameo_code",
    *(
        f"{role}_{part}"
        for role in _ROLES
        for part in ("name", "country", "sectors", "title", "name_raw", "id")
    ),
    "placename",
    "raw_placename",
    "city",
    "district",
    "province",
    "country",
    "country_code",
    "latitude",
    "longitude",
    "geonames_id",
    "feature_class",
    "event_text",
    "article_id",
    "outlet",
    "url",
    "title",
    "publication_date",
    "language",
    "coder_version",
)
"""Columns of the flat export (CSV and Parquet), one row per event, after POLECAT's.

POLECAT's names in snake case where the meaning is the same (``event_date``,
``event_mode``, ``contexts``, ``quad_code``, ``actor_name``, ``actor_country``,
``actor_sectors``, ``actor_title``, ``actor_name_raw``, ``placename``, ``latitude``,
``geonames_id``, ``publication_date``...). Differences: ``source`` is the dataset
(POLECAT's "Source", the publisher, is ``outlet``); an event can have several actors,
so each actor column lists them in order joined by ``;`` (an empty item where one
actor has no value, so the lists line up); ``actor_id`` is the knowledge-base
identifier where POLECAT has a Wikipedia id; ``event_scale`` is PLOVER's score.
"""


class EventStore:
    """A DuckDB database of coded articles, their PLOVER events, entities and quotes."""

    def __init__(self, path: str | Path = "communique.duckdb") -> None:
        self.path = str(path)
        self._con = _connect(self.path)
        try:
            self._con.execute(_SCHEMA)
            _upgrade_first_layout(self._con, self.path)
            _check_schema(self._con, self.path)
        except BaseException as exc:
            self._con.close()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"could not set up event store {self.path}: {exc}") from exc
            raise

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def ingest(
        self,
        article: Article,
        records: Sequence[Mapping[str, Any]],
        coder_version: str,
        *,
        quotes: Sequence[Mapping[str, Any]] = (),
    ) -> None:
        """Store an article with its events and quotes, replacing what was stored for it.

        Everything is checked before anything is written, and the write is one
        transaction: on any error the previous version of the article stays as it was.
        """
        if not isinstance(article.id, str) or not article.id:
            raise StoreError(f"article id must be a non-empty string, got {article.id!r}")
        now = _utc_naive(datetime.now(UTC))
        article_row = _article_row(article, coder_version, now)
        event_rows: list[tuple[Any, ...]] = []
        entity_rows: list[tuple[Any, ...]] = []
        for record in records:
            event_row, entities = _event_rows(
                record, article.id, coder_version, OWN_SOURCE, f"article {article.id!r}"
            )
            if record.get("article_id", article.id) != article.id:
                raise StoreError(
                    f"article {article.id!r}, event {event_row[1]!r}: record says article_id "
                    f"{record['article_id']!r}; ingest each article's records with that article"
                )
            event_rows.append(event_row)
            entity_rows.extend(entities)
        event_ids = [row[1] for row in event_rows]
        _check_unique(event_ids, article.id)
        quote_rows = [_quote_row(q, i, article.id) for i, q in enumerate(quotes)]

        def write(con: duckdb.DuckDBPyConnection) -> None:
            collisions = con.execute(_COLLIDING_IDS, [OWN_SOURCE, article.id, event_ids]).fetchall()
            if collisions:
                raise StoreError(_collision_message(collisions, article.id))
            con.execute(_UPSERT_ARTICLE, list(article_row))
            con.execute("DELETE FROM quotes WHERE article_id = ?", [article.id])
            for table in ("entities", "events"):
                con.execute(
                    f"DELETE FROM {table} WHERE source = ? AND article_id = ?",
                    [OWN_SOURCE, article.id],
                )
            _insert(con, "events", event_rows)
            _insert(con, "entities", entity_rows)
            _insert(con, "quotes", quote_rows)

        self._transaction(
            write, f"could not store article {article.id!r} in {self.path}", "for this article"
        )
        logger.debug(
            "stored article %s: %d events, %d entities, %d quotes",
            article.id,
            len(event_rows),
            len(entity_rows),
            len(quote_rows),
        )

    def import_jsonl(
        self, lines: Iterable[str | bytes], source: str, *, replace: bool = False
    ) -> ImportResult:
        """Import PLOVER JSONL made by another coder as dataset ``source``.

        Records need ``id``, ``event`` (a type, or PLOVER's list of types) and ``actor``
        (a non-empty list of entities with a ``code``); every other field is optional.
        A record with several event types becomes one event per type, with id
        ``ID:TYPE``. A record without ``quad_code``/``event_scale`` gets PLOVER's
        values for its type and modes in the columns queries use (the stored record
        stays as given). The article of a record is its ``article_id``, else its
        ``cite_info`` citation or URL, else the record itself; its coder version is
        ``cite_info.coder`` or ``coder``.

        A record already stored under this source with the same id is replaced, so
        importing a file again, or after an interrupted import, adds nothing twice;
        ``replace`` first removes every event of the source. Bad lines are skipped and
        listed in the result with their line numbers; blank lines are ignored.
        """

        def parsed() -> Iterator[tuple[int, Any]]:
            for number, line in enumerate(lines, 1):
                if number == 1:
                    line = line.removeprefix(
                        b"\xef\xbb\xbf" if isinstance(line, bytes) else "\ufeff"
                    )
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except UnicodeDecodeError:
                    yield number, _Unreadable("not UTF-8 text; PLOVER JSONL is UTF-8")
                except json.JSONDecodeError as exc:
                    yield number, _Unreadable(f"not JSON ({exc})")

        return self._import(parsed(), source, replace)

    def import_records(
        self, records: Iterable[Mapping[str, Any]], source: str, *, replace: bool = False
    ) -> ImportResult:
        """:meth:`import_jsonl` for records already parsed; problems give 1-based positions."""
        return self._import(enumerate(records, 1), source, replace)

    def _import(self, items: Iterable[tuple[int, Any]], source: str, replace: bool) -> ImportResult:
        if not isinstance(source, str) or not source.strip():
            raise StoreError(f"an import needs a dataset name (source), got {source!r}")
        if source == OWN_SOURCE:
            raise StoreError(
                f"{OWN_SOURCE!r} is the source of the events this program codes; "
                "import other coders' records under another name"
            )
        result = ImportResult(source=source)
        # Without earlier events of this source there is nothing to replace, which spares
        # a delete per chunk on a fresh import.
        ((earlier,),) = self._query("SELECT count(*) FROM events WHERE source = ?", [source])
        must_delete = bool(earlier)
        first_line: dict[str, int] = {}
        events: list[tuple[Any, ...]] = []
        entities: list[tuple[Any, ...]] = []
        pending_replace = replace

        def flush() -> None:
            nonlocal pending_replace, must_delete

            def write(con: duckdb.DuckDBPyConnection) -> None:
                if pending_replace:
                    for table in ("entities", "events"):
                        con.execute(f"DELETE FROM {table} WHERE source = ?", [source])
                elif must_delete:
                    ids = [row[1] for row in events]
                    for table, key in (("entities", "event_id"), ("events", "id")):
                        con.execute(
                            f"DELETE FROM {table} WHERE source = ?"
                            f" AND {key} IN (SELECT unnest(?::VARCHAR[]))",
                            [source, ids],
                        )
                _insert(con, "events", events)
                _insert(con, "entities", entities)

            self._transaction(write, f"could not import into {self.path}", "in this chunk")
            # After the source is emptied, nothing of it is left to replace.
            must_delete = must_delete and not pending_replace
            pending_replace = False
            result.stored += len(events)
            events.clear()
            entities.clear()

        for line, item in items:
            result.read += 1
            try:
                rows = _import_rows(item, source)
                for event_row, _ in rows:
                    seen = first_line.setdefault(event_row[1], line)
                    if seen != line:
                        raise StoreError(f"id {event_row[1]!r} was already on line {seen}")
            except StoreError as exc:
                result.problems.append(ImportProblem(line, str(exc)))
                continue
            for event_row, entity_rows in rows:
                events.append(event_row)
                entities.extend(entity_rows)
            if len(events) >= IMPORT_CHUNK:
                flush()
        if events or pending_replace:
            flush()
        logger.info(
            "imported %d events of %s (%d records read, %d skipped)",
            result.stored,
            source,
            result.read,
            len(result.problems),
        )
        return result

    def _transaction(
        self, write: Callable[[duckdb.DuckDBPyConnection], None], failure: str, scope: str
    ) -> None:
        """Run ``write(con)`` in one transaction; roll back on any error."""
        con = self._con
        try:
            con.begin()
            try:
                write(con)
                con.commit()
            except BaseException:
                con.rollback()
                raise
        except duckdb.Error as exc:
            raise StoreError(f"{failure}: {exc}; nothing was changed {scope}") from exc

    # ------------------------------------------------------------------ reading

    def events(
        self, *, limit: int | None = None, **filters: Unpack[EventFilters]
    ) -> list[dict[str, Any]]:
        """Stored PLOVER records matching every filter given, by date, source, article, id.

        See :class:`EventFilters` for the filters.
        """
        return list(self._records(limit, filters))

    def clusters(
        self, *, limit: int | None = None, **filters: Unpack[EventFilters]
    ) -> list[EventCluster]:
        """Events reported by one or more articles, each with its reports (see
        :class:`EventCluster` for the key). The filters select reports first, then the
        reports that are left are grouped. Ordered by date (undated last), type, codes.
        """
        where, params = _where(filters)
        sql = f"""
            SELECT e.source, e.date, e.event_type, e.actor_codes, e.recipient_codes, e.aux,
                   CASE WHEN e.date IS NULL THEN e.id END AS lone,
                   min(e.quad_code), avg(e.event_scale),
                   list_sort(list_distinct(flatten(list(e.modes)))),
                   count(*), count(DISTINCT e.article_id), count(DISTINCT {_OUTLET}),
                   list({{'event_id': e.id, 'article_id': e.article_id,
                          'published': CAST(a.published AS VARCHAR), 'outlet': {_OUTLET},
                          'url': {_URL}, 'title': {_TITLE}}}
                        ORDER BY a.published NULLS LAST, e.article_id, e.id)
            FROM events e {_ARTICLE_JOIN}
            {where}
            GROUP BY {_CLUSTER_KEY}
            ORDER BY e.date NULLS LAST, e.event_type, e.actor_codes, e.recipient_codes,
                     e.source, e.aux NULLS FIRST, lone
            {_limit(limit, params)}
        """
        clusters = []
        for row in self._query(sql, params):
            source, day, event_type, actors, recipients, aux, lone, quad, scale = row[:9]
            modes, reports, articles, outlets, listed = row[9:]
            key = [source, day.isoformat() if day else f"undated:{lone}", event_type]
            key += [",".join(actors), ",".join(recipients), aux or ""]
            digest = hashlib.sha1("|".join(key).encode()).hexdigest()[:16]
            clusters.append(
                EventCluster(
                    cluster_id=f"cl-{digest}",
                    source=source,
                    date=day.isoformat() if day else None,
                    event=event_type,
                    actor=list(actors),
                    recipient=list(recipients),
                    aux=aux,
                    quad_code=quad,
                    event_scale=scale,
                    modes=list(modes),
                    report_count=reports,
                    article_count=articles,
                    outlet_count=outlets,
                    reports=[dict(r) for r in listed],
                )
            )
        return clusters

    def dyad(
        self,
        a: str,
        b: str,
        by: str = "month",
        since: date | str | None = None,
        until: date | str | None = None,
        *,
        directed: bool = False,
        clustered: bool = False,
        **filters: Unpack[EventFilters],
    ) -> list[DyadPeriod]:
        """The timeline of events between ``a`` and ``b`` (entity codes such as KOR, JPN).

        An event is between the two when one is among its actors and the other among its
        recipients, in either direction, or when both are actors of an event without
        recipients (a call the two held, an agreement the two reached). ``directed``
        keeps only events with ``a`` among the actors and ``b`` among the recipients.
        ``clustered`` counts events instead of reports (see :meth:`clusters`).

        One :class:`DyadPeriod` per ``by`` period ("day", "week" (ISO, from Monday),
        "month" or "year") from the first to the last period with events, or from
        ``since`` to ``until`` where given, empty periods included. Undated events are
        left out. Other filters (``source``, ``aux``, ``event_type``, ``mode``,
        ``sector``, ``location``) narrow the events counted.
        """
        sides = [_dyad_code(a, "first side"), _dyad_code(b, "second side")]
        if sides[0] == sides[1]:
            raise StoreError(f"a dyad needs two different codes, got {sides[0]} twice")
        if by not in PERIODS:
            raise StoreError(f"cannot count a dyad by {by!r}; use one of {', '.join(PERIODS)}")
        taken = sorted({"actor", "recipient", "country", "article_id"} & set(filters))
        if taken:
            raise StoreError(
                f"a dyad sets actors and recipients itself; leave out {', '.join(taken)}"
            )
        start = _parse_date(since, "since")
        end = _parse_date(until, "until")
        where, params = _where({**filters, "since": start, "until": end})
        one_way = "(list_contains(e.actor_codes, ?) AND list_contains(e.recipient_codes, ?))"
        pair = [one_way]
        pair_params = [sides[0], sides[1]]
        if not directed:
            joint = (
                "(list_contains(e.actor_codes, ?) AND list_contains(e.actor_codes, ?)"
                " AND len(e.recipient_codes) = 0)"
            )
            pair += [one_way, joint]
            pair_params += [sides[1], sides[0], *sides]
        condition = f"e.date IS NOT NULL AND ({' OR '.join(pair)})"
        where = f"{where} AND {condition}" if where else f"WHERE {condition}"
        if clustered:
            units = f"""
                SELECT e.date, e.event_type, min(e.quad_code) AS quad_code,
                       avg(e.event_scale) AS event_scale
                FROM events e {where} GROUP BY {_CLUSTER_KEY}
            """
        else:
            units = f"SELECT e.date, e.event_type, e.quad_code, e.event_scale FROM events e {where}"
        sql = f"""
            SELECT CAST(date_trunc(?, date) AS DATE) AS period, event_type, count(*),
                   count(*) FILTER (WHERE quad_code IN (1, 2)),
                   count(*) FILTER (WHERE quad_code IN (3, 4)),
                   sum(event_scale), count(event_scale)
            FROM ({units}) GROUP BY period, event_type ORDER BY period, event_type
        """
        rows = self._query(sql, [by, *params, *pair_params])
        return _timeline(rows, by, start, end)

    def export_jsonl(
        self, out: TextIO, *, limit: int | None = None, **filters: Unpack[EventFilters]
    ) -> int:
        """Write the matching PLOVER records as stored, one JSON object a line; how many."""
        written = 0
        for record in self._records(limit, filters):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
        return written

    def export_csv(
        self, out: TextIO, *, limit: int | None = None, **filters: Unpack[EventFilters]
    ) -> int:
        """Write the matching events as CSV, :data:`CSV_COLUMNS`, one row each; how many."""
        sql, params = _flat_query(limit, filters)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        written = 0
        for row in self._stream(sql, params):
            writer.writerow(["" if value is None else value for value in row])
            written += 1
        return written

    def export_parquet(
        self, path: str | Path, *, limit: int | None = None, **filters: Unpack[EventFilters]
    ) -> int:
        """Write the matching events to a Parquet file with :data:`CSV_COLUMNS`; how many."""
        sql, params = _flat_query(limit, filters)
        ((written,),) = self._query(f"COPY ({sql}) TO ? (FORMAT parquet)", [*params, str(path)])
        return int(written)

    def sources(self) -> dict[str, int]:
        """Events stored per source (dataset), by name."""
        rows = self._query("SELECT source, count(*) FROM events GROUP BY source ORDER BY source")
        return dict(rows)

    def article_ids(self) -> list[str]:
        return [article_id for (article_id,) in self._query("SELECT id FROM articles ORDER BY id")]

    def counts(self) -> dict[str, int]:
        ((articles, events),) = self._query(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)"
        )
        return {"articles": articles, "events": events}

    def record_run(
        self,
        coder_version: str,
        articles: int,
        events: int,
        *,
        started_at: datetime | None = None,
    ) -> int:
        """Log one coder run (when it started, which version, how much it coded); its run id."""
        started = _utc_naive(started_at or datetime.now(UTC))
        ((run_id,),) = self._query(
            "INSERT INTO coder_runs (started_at, coder_version, articles, events)"
            " VALUES (?, ?, ?, ?) RETURNING run_id",
            [started, coder_version, articles, events],
        )
        return int(run_id)

    def runs(self) -> list[dict[str, Any]]:
        """Logged coder runs, oldest first; ``started_at`` is naive UTC."""
        rows = self._query(
            "SELECT run_id, started_at, coder_version, articles, events FROM coder_runs"
            " ORDER BY run_id"
        )
        keys = ("run_id", "started_at", "coder_version", "articles", "events")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def _records(self, limit: int | None, filters: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
        where, params = _where(filters)
        sql = f"SELECT e.record FROM events e {where} ORDER BY {_RECORD_ORDER}"
        sql += _limit(limit, params)
        for (record,) in self._stream(sql, params):
            yield json.loads(record)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"query on event store {self.path} failed: {exc}") from exc

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows in batches, so that an export never holds the whole result."""
        try:
            # A cursor of its own: the caller may query the store while this one is read.
            cursor = self._con.cursor()
            try:
                cursor.execute(sql, list(params))
                while batch := cursor.fetchmany(2048):
                    yield from batch
            finally:
                cursor.close()
        except duckdb.Error as exc:
            raise StoreError(f"query on event store {self.path} failed: {exc}") from exc


def _connect(path: str) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path)
    except duckdb.Error as exc:
        message = str(exc)
        if "not a valid DuckDB database" in message:
            raise StoreError(
                f"{path} is not a DuckDB database; give the path of a communique event "
                f"store, or a new file name to create one (DuckDB said: {message})"
            ) from exc
        if "lock" in message.lower():
            raise StoreError(
                f"{path} is locked by another process; close the program that has it open "
                f"or use another file (DuckDB said: {message})"
            ) from exc
        raise StoreError(f"could not open event store {path}: {message}") from exc


@functools.cache
def _expected_columns() -> tuple[tuple[str, str, str], ...]:
    con = duckdb.connect(":memory:")
    try:
        con.execute(_SCHEMA)
        return tuple(con.execute(_COLUMNS_SQL).fetchall())
    finally:
        con.close()


def _check_schema(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Refuse a database whose tables were made by another program or an older layout.

    ``CREATE TABLE IF NOT EXISTS`` leaves such tables alone, and the failures would
    otherwise surface later as puzzling query errors.
    """
    found = _by_table(con.execute(_COLUMNS_SQL).fetchall())
    expected = _by_table(_expected_columns())
    differing = sorted(table for table in expected if found.get(table) != expected[table])
    if differing:
        raise StoreError(
            f"{path} has tables that are not laid out as a communique event store "
            f"({', '.join(differing)} differ); use a new file for the store"
        )


def _by_table(rows: Sequence[tuple[str, str, str]]) -> dict[str, list[tuple[str, str]]]:
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, []).append((column, data_type))
    return tables


def _upgrade_first_layout(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Rebuild the events and entities of a communique 0.1.0 store from its records.

    The typed columns are derived from the stored records by the same code that
    derives them on ingest, so the upgraded store is what ingesting again would give.
    """
    columns = tuple(c for table, c, _ in con.execute(_COLUMNS_SQL).fetchall() if table == "events")
    if columns != _FIRST_EVENT_COLUMNS:
        return
    logger.warning("upgrading %s to the current store layout", path)
    con.begin()
    try:
        old = con.execute("SELECT article_id, coder_version, record FROM events").fetchall()
        con.execute("DROP TABLE entities")
        con.execute("DROP TABLE events")
        con.execute(_SCHEMA)
        rows = [
            _event_rows(json.loads(record), article_id, version, OWN_SOURCE, f"{path}: article")
            for article_id, version, record in old
        ]
        _insert(con, "events", [event for event, _ in rows])
        _insert(con, "entities", [entity for _, entities in rows for entity in entities])
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert rows given in the table's column order, as one statement.

    Each column goes in as one list parameter, unnested side by side: far faster than
    ``executemany``, which runs one statement per row.
    """
    if not rows:
        return
    columns = [(name, kind) for t, name, kind in _expected_columns() if t == table]
    names = ", ".join(name for name, _ in columns)
    values = ", ".join(f"unnest(${i}::{kind}[])" for i, (_, kind) in enumerate(columns, 1))
    con.execute(
        f"INSERT INTO {table} ({names}) SELECT {values}",
        [list(column) for column in zip(*rows, strict=True)],
    )


# -------------------------------------------------------------------------- filters


def _where(filters: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """The WHERE clause (on ``events e``) and its parameters for :class:`EventFilters`."""
    unknown = sorted(set(filters) - _FILTERS)
    if unknown:
        raise StoreError(
            f"unknown event filter {', '.join(unknown)}; the filters are "
            f"{', '.join(sorted(_FILTERS))}"
        )
    clauses: list[str] = []
    params: list[Any] = []
    for key, role in (("actor", "actor"), ("recipient", "recipient"), ("country", None)):
        value = _text_filter(filters, key)
        if value is None:
            continue
        code, sector = _split_code(value, key)
        if sector is None:
            roles = [role] if role else list(_ROLES)
            clauses.append("(" + " OR ".join(f"list_contains(e.{r}_codes, ?)" for r in roles) + ")")
            params += [code] * len(roles)
        else:
            clauses.append(_entity_exists(role, "upper(n.code) = ? AND upper(n.sector) = ?"))
            params += [code, sector]
    simple = (
        ("sector", None, lambda v: v.upper()),
        ("event_type", "e.event_type = ?", lambda v: v.upper()),
        ("mode", "list_contains(e.modes, ?)", lambda v: v.lower()),
        ("location", "upper(e.location_country) = ?", lambda v: v.upper()),
        ("source", "e.source = ?", lambda v: v),
        ("article_id", "e.article_id = ?", lambda v: v),
    )
    for key, sql, normal in simple:
        value = _text_filter(filters, key)
        if value is None:
            continue
        clauses.append(sql or _entity_exists(None, "upper(n.sector) = ?"))
        params.append(normal(value))
    aux = _text_filter(filters, "aux")
    if aux is not None:
        if aux.lower() == NO_AUX:
            clauses.append("e.aux IS NULL")
        else:
            clauses.append("e.aux = ?")
            params.append(aux.lower())
    for key, op in (("since", ">="), ("until", "<=")):
        day = _parse_date(filters.get(key), key)
        if day is not None:
            clauses.append(f"e.date {op} ?")
            params.append(day)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _entity_exists(role: str | None, condition: str) -> str:
    role_sql = f" AND n.role = '{role}'" if role else ""
    return (
        "EXISTS (SELECT 1 FROM entities n WHERE n.source = e.source AND n.event_id = e.id"
        f"{role_sql} AND {condition})"
    )


def _text_filter(filters: Mapping[str, Any], key: str) -> str | None:
    value = filters.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise StoreError(f"filter {key} must be a non-empty text, got {value!r}")
    return value.strip()


def _split_code(value: str, key: str) -> tuple[str, str | None]:
    """``KOR`` -> ("KOR", None); ``kor/mil`` -> ("KOR", "MIL")."""
    code, slash, sector = value.upper().partition("/")
    if not code or (slash and not sector) or "/" in sector:
        raise StoreError(f"filter {key}: {value!r} is not CODE or CODE/SECTOR (e.g. KOR/MIL)")
    return code, sector or None


def _dyad_code(value: Any, which: str) -> str:
    if not isinstance(value, str) or not value.strip() or "/" in value:
        raise StoreError(
            f"the {which} of a dyad must be an entity code such as KOR, got {value!r}"
            " (to narrow by sector use the sector filter)"
        )
    return value.strip().upper()


def _limit(limit: int | None, params: list[Any]) -> str:
    if limit is None:
        return ""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise StoreError(f"limit must be a whole number of 0 or more, got {limit!r}")
    params.append(limit)
    return " LIMIT ?"


# -------------------------------------------------------------------------- dyad timeline


def _timeline(
    rows: Sequence[tuple[Any, ...]], by: str, since: date | None, until: date | None
) -> list[DyadPeriod]:
    """Fold (period, type, counts...) rows into one DyadPeriod a period, gaps filled."""
    found: dict[date, list[tuple[Any, ...]]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(row)
    first = period_start(since, by) if since else min(found, default=None)
    last = period_start(until, by) if until else max(found, default=None)
    if first is None or last is None:
        return []
    order = {t: i for i, t in enumerate(PLOVER_TYPES)}
    timeline = []
    start = first
    while start <= last:
        typed = sorted(found.get(start, []), key=lambda r: (order.get(r[1], len(order)), r[1]))
        scored = sum(r[6] for r in typed)
        total_scale = sum(r[5] or 0.0 for r in typed)
        timeline.append(
            DyadPeriod(
                period=_period_label(start, by),
                start=start,
                counts={r[1]: r[2] for r in typed},
                total=sum(r[2] for r in typed),
                cooperative=sum(r[3] for r in typed),
                conflictual=sum(r[4] for r in typed),
                index_mean=total_scale / scored if scored else None,
                index_sum=total_scale,
            )
        )
        start = next_period(start, by)
    return timeline


def _period_label(start: date, by: str) -> str:
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if by == "year":
        return f"{start.year:04d}"
    return start.isoformat()


# -------------------------------------------------------------------------- flat export


def _flat_query(limit: int | None, filters: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """SQL for one row of :data:`CSV_COLUMNS` per matching event, and its parameters."""
    where, params = _where(filters)
    limit_sql = _limit(limit, params)
    parts = {
        "name": "coalesce(n.identifier_text, n.entity_text, n.code)",
        "country": "n.code",
        "sectors": "coalesce(n.sector, '')",
        "title": "coalesce(n.office, '')",
        "name_raw": "coalesce(n.entity_text, '')",
        "id": "coalesce(n.identifier_id, '')",
    }
    entity_columns = ",\n".join(
        f"string_agg({expr}, ';' ORDER BY n.position) FILTER (WHERE n.role = '{role}')"
        f" AS {role}_{part}"
        for role in _ROLES
        for part, expr in parts.items()
    )

    def loc(key: str) -> str:
        return f"json_extract_string(e.record, '$.event_loc.{key}')"

    text = "json_extract(e.record, '$.event_text')"
    columns = [
        "e.source",
        "e.id",
        "e.date",
        "e.time",
        "e.event_type",
        "array_to_string(e.modes, ';')",
        "array_to_string(e.context, ';')",
        "e.aux",
        "e.quad_code",
        "e.event_scale",
        "json_extract_string(e.record, '$.cameo_code')",
        *(f"ent.{role}_{part}" for role in _ROLES for part in parts),
        loc("resolved_place"),
        loc("extracted_place"),
        loc("city"),
        loc("district"),
        loc("province"),
        loc("country"),
        "e.location_country",
        f"TRY_CAST({loc('lat')} AS DOUBLE)",
        f"TRY_CAST({loc('lon')} AS DOUBLE)",
        f"TRY_CAST({loc('geonameid')} AS BIGINT)",
        loc("feature_class"),
        f"CASE json_type({text}) WHEN 'ARRAY'"
        f" THEN array_to_string(json_extract_string({text}, '$[*]'), ';')"
        f" ELSE json_extract_string({text}, '$') END",
        "e.article_id",
        _OUTLET,
        _URL,
        _TITLE,
        "a.published",
        "json_extract_string(e.record, '$.cite_info.language')",
        "e.coder_version",
    ]
    select = ",\n".join(
        f"{expr} AS {name}" for expr, name in zip(columns, CSV_COLUMNS, strict=True)
    )
    sql = f"""
        WITH matched AS (
            SELECT e.* FROM events e {where} ORDER BY {_RECORD_ORDER} {limit_sql}
        ),
        ent AS (
            SELECT n.source, n.event_id, {entity_columns}
            FROM entities n SEMI JOIN matched m ON n.source = m.source AND n.event_id = m.id
            GROUP BY n.source, n.event_id
        )
        SELECT {select}
        FROM matched e
        LEFT JOIN ent ON ent.source = e.source AND ent.event_id = e.id
        {_ARTICLE_JOIN}
        ORDER BY {_RECORD_ORDER}
    """
    return sql, params


# -------------------------------------------------------------------------- import


@dataclass(frozen=True)
class _Unreadable:
    """A line that is not a JSON value; the message says why."""

    message: str


def _import_rows(item: Any, source: str) -> list[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """The events and entities rows of one foreign PLOVER record (one per event type)."""
    if isinstance(item, _Unreadable):
        raise StoreError(item.message)
    if not isinstance(item, Mapping):
        raise StoreError(f"a PLOVER record is a JSON object, not {type(item).__name__}")
    event_id = item.get("id")
    if isinstance(event_id, int) and not isinstance(event_id, bool):
        item = {**item, "id": str(event_id)}
    elif not isinstance(event_id, str) or not event_id:
        raise StoreError("record without an 'id'; every PLOVER record needs one")
    event = item.get("event")
    types = event if isinstance(event, list) else [event]
    if not types or not all(isinstance(t, str) and t for t in types):
        raise StoreError(
            f"record {item['id']!r} has no 'event' type (a PLOVER type or a list of them),"
            f" got {event!r}"
        )
    if not item.get("actor"):
        raise StoreError(f"record {item['id']!r} has no 'actor'; PLOVER records need one")
    article_id = _import_article_id(item)
    version = _cite(item, "coder") or (
        item.get("coder") if isinstance(item.get("coder"), str) else None
    )
    records = (
        [item]
        if len(types) == 1
        else [{**item, "id": f"{item['id']}:{t.upper()}", "event": t} for t in types]
    )
    return [
        _event_rows(record, article_id, version, source, f"record {item['id']!r}")
        for record in records
    ]


def _import_article_id(record: Mapping[str, Any]) -> str:
    """The article a foreign record reports: its own article_id, citation or URL, or itself."""
    article_id = record.get("article_id")
    if isinstance(article_id, str) and article_id:
        return article_id
    return _cite(record, "citation") or _cite(record, "url") or str(record["id"])


def _cite(record: Mapping[str, Any], key: str) -> str | None:
    info = record.get("cite_info")
    value = info.get(key) if isinstance(info, Mapping) else None
    return value if isinstance(value, str) and value else None


# -------------------------------------------------------------------------- rows


def _article_row(article: Article, coder_version: str, coded_at: datetime) -> tuple[Any, ...]:
    where = f"article {article.id!r}"
    if not isinstance(article.text, str):
        raise StoreError(f"{where}: text must be a string, not {type(article.text).__name__}")
    return (
        article.id,
        _parse_date(article.published, f"{where}: published"),
        *(
            _check_text(getattr(article, key), key, where)
            for key in ("outlet", "url", "title", "source")
        ),
        article.text,
        coded_at,
        coder_version,
    )


def _event_rows(
    record: Mapping[str, Any],
    article_id: str,
    coder_version: str | None,
    source: str,
    context: str,
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """The events row and the entities rows of one PLOVER record, checked.

    ``context`` starts every error message ("article 'a1'", "record 'x'").
    """
    if not isinstance(record, Mapping):
        raise StoreError(f"{context}: event records must be mappings, not {type(record).__name__}")
    event_id = record.get("id")
    if not isinstance(event_id, str) or not event_id:
        raise StoreError(f"{context}: event record without a string id: {record!r}")
    where = f"{context}, event {event_id!r}"
    event_type = record.get("event")
    # PLOVER's own form is a list of types; one type is one event.
    if isinstance(event_type, list) and len(event_type) == 1:
        event_type = event_type[0]
    if not isinstance(event_type, str) or not event_type:
        raise StoreError(f"{where}: 'event' must be a PLOVER event type, got {event_type!r}")
    event_type = event_type.upper()
    quad = record.get("quad_code")
    if quad is not None and (isinstance(quad, bool) or not isinstance(quad, int)):
        raise StoreError(f"{where}: 'quad_code' must be a whole number or null, got {quad!r}")
    scale = record.get("event_scale")
    if scale is not None and (isinstance(scale, bool) or not isinstance(scale, int | float)):
        raise StoreError(f"{where}: 'event_scale' must be a number or null, got {scale!r}")
    location = record.get("event_loc")
    if location is not None and not isinstance(location, Mapping):
        raise StoreError(f"{where}: 'event_loc' must be an object or null, got {location!r}")
    country = (location or {}).get("country_code")
    _check_text(country, "event_loc.country_code", where)
    modes = [m.lower() for m in _text_list(record.get("mode"), "mode", where)]
    context_list = _text_list(record.get("context"), "context", where)
    aux = _aux(record, context_list, where)
    if quad is None or scale is None:
        default_quad, default_scale = _plover_scores(event_type, modes)
        quad = default_quad if quad is None else quad
        scale = default_scale if scale is None else scale
    entity_rows = [
        _entity_row(entity, event_id, article_id, source, role, position, where)
        for role in _ROLES
        for position, entity in enumerate(_object_list(record.get(role), role, where))
    ]
    codes = {
        role: sorted({row[5].upper() for row in entity_rows if row[3] == role}) for role in _ROLES
    }
    event_row = (
        source,
        event_id,
        article_id,
        _parse_date(record.get("date"), f"{where}: date"),
        _check_text(record.get("time"), "time", where),
        event_type,
        modes,
        context_list,
        aux,
        quad,
        None if scale is None else float(scale),
        country,
        codes["actor"],
        codes["recipient"],
        coder_version,
        _to_json(record, where),
    )
    return event_row, entity_rows


def _aux(record: Mapping[str, Any], context: list[str], where: str) -> str | None:
    """communique's ``aux``, else the first auxiliary mode PLOVER's ``context`` lists."""
    if "aux" in record:
        aux = _check_text(record["aux"], "aux", where)
        return aux.lower() if aux else None
    return next((c.lower() for c in context if c.lower() in AUX_MODES), None)


def _plover_scores(event_type: str, modes: list[str]) -> tuple[int | None, float | None]:
    """PLOVER's quad code and score for a type and its modes; None for other types."""
    if event_type not in PLOVER_TYPES:
        return None, None
    scored = [m for m in modes if valid_mode(event_type, m)]
    return quad_code(event_type), event_scale(event_type, scored)


def _entity_row(
    entity: Mapping[str, Any],
    event_id: str,
    article_id: str,
    source: str,
    role: str,
    position: int,
    where: str,
) -> tuple[Any, ...]:
    where = f"{where}, {role} {position}"
    code = entity.get("code")
    if not isinstance(code, str) or not code:
        raise StoreError(f"{where}: 'code' must be a non-empty string, got {code!r}")
    texts = [
        _check_text(entity.get(key), key, where)
        for key in ("sector", "entity_text", "identifier_id", "identifier_text", "office")
    ]
    return (source, event_id, article_id, role, position, code, *texts)


def _quote_row(quote: Mapping[str, Any], position: int, article_id: str) -> tuple[Any, ...]:
    where = f"article {article_id!r}, quote {position}"
    if not isinstance(quote, Mapping):
        raise StoreError(f"{where}: quotes must be mappings, not {type(quote).__name__}")
    text = quote.get("text")
    if not isinstance(text, str):
        raise StoreError(f"{where}: 'text' must be a string, got {text!r}")
    speaker = _optional_object(quote.get("speaker"), "speaker", where)
    conduit = _optional_object(quote.get("conduit"), "conduit", where)
    return (
        article_id,
        position,
        text,
        _check_text(speaker.get("code"), "speaker.code", where),
        _check_text(speaker.get("entity_text"), "speaker.entity_text", where),
        _check_text(conduit.get("entity_text"), "conduit.entity_text", where),
        _check_text(quote.get("channel"), "channel", where),
        _to_json(quote, where),
    )


def _check_unique(event_ids: list[str], article_id: str) -> None:
    seen: set[str] = set()
    for event_id in event_ids:
        if event_id in seen:
            raise StoreError(
                f"article {article_id!r} has two events with id {event_id!r}; "
                "event ids must be unique"
            )
        seen.add(event_id)


def _collision_message(collisions: list[tuple[Any, ...]], article_id: str) -> str:
    event_id, other = collisions[0]
    more = f" (and {len(collisions) - 1} more ids)" if len(collisions) > 1 else ""
    return (
        f"event id {event_id!r} of article {article_id!r} is already stored for article "
        f"{other!r}{more}; event ids must be unique across articles"
    )


def _check_text(value: Any, key: str, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise StoreError(f"{where}: {key!r} must be a string or null, got {value!r}")


def _text_list(value: Any, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return list(value)
    raise StoreError(f"{where}: {key!r} must be a list of strings, got {value!r}")


def _object_list(value: Any, key: str, where: str) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if isinstance(value, list | tuple) and all(isinstance(item, Mapping) for item in value):
        return list(value)
    raise StoreError(f"{where}: {key!r} must be a list of entity objects, got {value!r}")


def _optional_object(value: Any, key: str, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return value
    raise StoreError(f"{where}: {key!r} must be an entity object or null, got {value!r}")


def _parse_date(value: date | str | None, what: str) -> date | None:
    """A date from a ``date`` or a ``YYYY-MM-DD`` string; None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise StoreError(f"{what}: {value!r} is not a date; write it as YYYY-MM-DD")


def _to_json(value: Mapping[str, Any], where: str) -> str:
    try:
        return json.dumps(dict(value), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{where}: record cannot be written as JSON: {exc}") from exc


def _utc_naive(moment: datetime) -> datetime:
    """DuckDB TIMESTAMP has no time zone, so every stored time is UTC without one."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)
