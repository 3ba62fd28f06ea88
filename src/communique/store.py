"""The event store: coded articles and their PLOVER records in one DuckDB file.

All SQL of communique lives in this module. Each PLOVER record is kept whole as JSON
(so keys added later are never lost) next to typed columns that queries filter on.
Actor and recipient entities get their own table so that ``actor=``/``recipient=``/
``country=`` filters match any entity of an event, not only the first.

A store connection is not thread-safe; open one :class:`EventStore` per thread.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from communique.errors import StoreError
from communique.models import Article

logger = logging.getLogger(__name__)

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
    id VARCHAR PRIMARY KEY,
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
    coder_version VARCHAR,
    record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    event_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient')),
    position INTEGER NOT NULL,
    code VARCHAR NOT NULL,
    sector VARCHAR,
    entity_text VARCHAR,
    identifier_id VARCHAR,
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

_UPSERT_ARTICLE = """
INSERT INTO articles (id, published, outlet, url, title, source, text, coded_at, coder_version)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    published = excluded.published, outlet = excluded.outlet, url = excluded.url,
    title = excluded.title, source = excluded.source, text = excluded.text,
    coded_at = excluded.coded_at, coder_version = excluded.coder_version
"""

_INSERT_EVENT = """
INSERT INTO events (id, article_id, date, time, event_type, modes, context, aux, quad_code,
                    event_scale, location_country, coder_version, record)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_INSERT_ENTITY = """
INSERT INTO entities (event_id, article_id, role, position, code, sector, entity_text,
                      identifier_id, office)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

_INSERT_QUOTE = """
INSERT INTO quotes (article_id, position, text, speaker_code, speaker_text, conduit_text,
                    channel, record)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""

_COLLIDING_IDS = """
SELECT id, article_id FROM events
WHERE article_id <> ? AND id IN (SELECT unnest(?::VARCHAR[]))
ORDER BY id
"""

_ENTITY_MATCH = (
    "EXISTS (SELECT 1 FROM entities n WHERE n.event_id = e.id{role} AND upper(n.code) = upper(?))"
)

_ROLES = ("actor", "recipient")


class EventStore:
    """A DuckDB database of coded articles, their PLOVER events, entities and quotes."""

    def __init__(self, path: str | Path = "communique.duckdb") -> None:
        self.path = str(path)
        self._con = _connect(self.path)
        try:
            self._con.execute(_SCHEMA)
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
            event_row, entities = _event_rows(record, article.id, coder_version)
            event_rows.append(event_row)
            entity_rows.extend(entities)
        event_ids = [row[0] for row in event_rows]
        _check_unique(event_ids, article.id)
        quote_rows = [_quote_row(q, i, article.id) for i, q in enumerate(quotes)]

        con = self._con
        try:
            con.begin()
            try:
                collisions = con.execute(_COLLIDING_IDS, [article.id, event_ids]).fetchall()
                if collisions:
                    raise StoreError(_collision_message(collisions, article.id))
                con.execute(_UPSERT_ARTICLE, list(article_row))
                for table in ("quotes", "entities", "events"):
                    con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article.id])
                for sql, rows in (
                    (_INSERT_EVENT, event_rows),
                    (_INSERT_ENTITY, entity_rows),
                    (_INSERT_QUOTE, quote_rows),
                ):
                    if rows:
                        con.executemany(sql, [list(row) for row in rows])
                con.commit()
            except BaseException:
                con.rollback()
                raise
        except duckdb.Error as exc:
            raise StoreError(
                f"could not store article {article.id!r} in {self.path}: {exc}; "
                "nothing was changed for this article"
            ) from exc
        logger.debug(
            "stored article %s: %d events, %d entities, %d quotes",
            article.id,
            len(event_rows),
            len(entity_rows),
            len(quote_rows),
        )

    def events(
        self,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        country: str | None = None,
        event_type: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Stored PLOVER records matching every filter given, by date, article and id.

        ``actor``/``recipient`` match any actor/recipient entity code, ``country`` either
        role; codes and ``event_type`` are compared case-insensitively. ``since`` and
        ``until`` are inclusive and leave out events without a date.
        """
        clauses: list[str] = []
        params: list[Any] = []
        for value, sql in (
            (actor, _ENTITY_MATCH.format(role=" AND n.role = 'actor'")),
            (recipient, _ENTITY_MATCH.format(role=" AND n.role = 'recipient'")),
            (country, _ENTITY_MATCH.format(role="")),
            (event_type, "upper(e.event_type) = upper(?)"),
            (_parse_date(since, "since"), "e.date >= ?"),
            (_parse_date(until, "until"), "e.date <= ?"),
            (article_id, "e.article_id = ?"),
        ):
            if value is not None:
                clauses.append(sql)
                params.append(value)
        sql = "SELECT e.record FROM events e"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY e.date NULLS LAST, e.article_id, e.id"
        if limit is not None:
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
                raise StoreError(f"limit must be a whole number of 0 or more, got {limit!r}")
            sql += " LIMIT ?"
            params.append(limit)
        return [json.loads(record) for (record,) in self._query(sql, params)]

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

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, list(params)).fetchall()
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
    record: Mapping[str, Any], article_id: str, coder_version: str
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """The events row and the entities rows of one PLOVER record, checked."""
    if not isinstance(record, Mapping):
        raise StoreError(
            f"article {article_id!r}: event records must be mappings, not {type(record).__name__}"
        )
    event_id = record.get("id")
    if not isinstance(event_id, str) or not event_id:
        raise StoreError(f"article {article_id!r}: event record without a string id: {record!r}")
    where = f"article {article_id!r}, event {event_id!r}"
    if record.get("article_id", article_id) != article_id:
        raise StoreError(
            f"{where}: record says article_id {record['article_id']!r}; "
            "ingest each article's records with that article"
        )
    event_type = record.get("event")
    if not isinstance(event_type, str) or not event_type:
        raise StoreError(f"{where}: 'event' must be a PLOVER event type, got {event_type!r}")
    quad_code = record.get("quad_code")
    if quad_code is not None and (isinstance(quad_code, bool) or not isinstance(quad_code, int)):
        raise StoreError(f"{where}: 'quad_code' must be a whole number or null, got {quad_code!r}")
    scale = record.get("event_scale")
    if scale is not None and (isinstance(scale, bool) or not isinstance(scale, int | float)):
        raise StoreError(f"{where}: 'event_scale' must be a number or null, got {scale!r}")
    location = record.get("event_loc")
    if location is not None and not isinstance(location, Mapping):
        raise StoreError(f"{where}: 'event_loc' must be an object or null, got {location!r}")
    country = (location or {}).get("country_code")
    _check_text(country, "event_loc.country_code", where)
    event_row = (
        event_id,
        article_id,
        _parse_date(record.get("date"), f"{where}: date"),
        _check_text(record.get("time"), "time", where),
        event_type,
        _text_list(record.get("mode"), "mode", where),
        _text_list(record.get("context"), "context", where),
        _check_text(record.get("aux"), "aux", where),
        quad_code,
        None if scale is None else float(scale),
        country,
        coder_version,
        _to_json(record, where),
    )
    entity_rows = [
        _entity_row(entity, event_id, article_id, role, position, where)
        for role in _ROLES
        for position, entity in enumerate(_object_list(record.get(role), role, where))
    ]
    return event_row, entity_rows


def _entity_row(
    entity: Mapping[str, Any],
    event_id: str,
    article_id: str,
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
        for key in ("sector", "entity_text", "identifier_id", "office")
    ]
    return (event_id, article_id, role, position, code, *texts)


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
