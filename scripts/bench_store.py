#!/usr/bin/env python3
"""Benchmark of the event store: load synthetic PLOVER events, then time analysts' queries.

Not a test; run it by hand from the repository root:

    PYTHONPATH=src python scripts/bench_store.py            # 1,000,000 events, 5 repetitions
    PYTHONPATH=src python scripts/bench_store.py --events 100000 --repeat 3 --db /tmp/b.duckdb

The events are drawn at random (seeded) with a realistic mix: country codes with a
long-tailed popularity (a few countries in most events, KOR and JPN among the busier
ones), PLOVER types in roughly the proportions news-coded datasets show (consultations
and statements far more common than material conflict), modes, sectors, auxiliary modes,
places, one to three actors and recipients, dates over eleven years, and one event in
five reported again by other articles. They are loaded through ``EventStore.import_records``,
the path ``communique import`` takes, into a fresh DuckDB file. Each query then runs
``--repeat`` times and the median, minimum and maximum wall times are printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from communique.evaluate import AUX_MODES
from communique.scores import MODES, event_scale, quad_code
from communique.store import EventStore

COUNTRIES = (
    "USA CHN RUS UKR ISR PSE IRN GBR FRA DEU IND PAK KOR JPN PRK TUR SYR IRQ SAU EGY AFG "
    "NGA ZAF BRA MEX CAN AUS ITA ESP POL VNM PHL IDN THA MMR TWN LBN YEM LBY SDN ETH KEN "
    "SOM VEN COL ARG CHL PER CUB HUN SRB GRC QAT ARE JOR MAR DZA BLR GEO ARM AZE KAZ"
).split()
TYPE_WEIGHTS = {
    "CONSULT": 24,
    "AGREE": 11,
    "SUPPORT": 8,
    "CONCEDE": 1,
    "COOPERATE": 5,
    "AID": 3,
    "RETREAT": 1,
    "REQUEST": 6,
    "ACCUSE": 12,
    "REJECT": 5,
    "THREATEN": 4,
    "PROTEST": 4,
    "SANCTION": 2,
    "MOBILIZE": 2,
    "COERCE": 4,
    "ASSAULT": 8,
}
SECTORS = ("GOV",) * 10 + ("MIL",) * 3 + ("CVL", "OPP", "BUS", "MED", "JUD", "REB", "POL")
OUTLETS = ("Reuters", "AP", "AFP", "Yonhap", "Kyodo", "Xinhua", "Al Jazeera", "BBC")
FIRST_DAY = date(2015, 1, 1)
DAYS = (date(2025, 12, 31) - FIRST_DAY).days


def synthetic_records(n: int, seed: int) -> Iterator[dict[str, Any]]:
    """``n`` PLOVER records; about one in five repeats a recent event from another article."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(COUNTRIES))]
    # KOR and JPN get the popularity of a top-five country, so the dyad is a busy one.
    for code in ("KOR", "JPN"):
        weights[COUNTRIES.index(code)] = weights[4]
    types, type_weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    recent: list[dict[str, Any]] = []  # the last 1000 new events, as a ring

    def countries(k: int) -> list[str]:
        return list(dict.fromkeys(rng.choices(COUNTRIES, weights, k=k)))

    article = 0
    written = 0
    while written < n:
        article += 1
        outlet = rng.choice(OUTLETS)
        for position in range(min(rng.randint(1, 6), n - written)):
            if recent and rng.random() < 0.2:
                event = dict(rng.choice(recent))  # another report of a known event
            else:
                event_type = rng.choices(types, type_weights)[0]
                modes = (
                    [rng.choice(MODES[event_type])]
                    if MODES[event_type] and rng.random() < 0.3
                    else []
                )
                actors = countries(rng.choice((1, 1, 1, 1, 2, 2, 3)))
                recipients = [
                    c for c in countries(rng.choice((0, 1, 1, 1, 1, 2))) if c not in actors
                ]
                aux = rng.choice(AUX_MODES) if rng.random() < 0.08 else None
                place = rng.choice(actors + recipients) if rng.random() < 0.4 else None
                event = {
                    "date": (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat(),
                    "event": event_type,
                    "mode": modes,
                    "context": [aux] if aux else [],
                    "actor": [{"code": c, "sector": rng.choice(SECTORS)} for c in actors],
                    "recipient": [{"code": c, "sector": rng.choice(SECTORS)} for c in recipients],
                    "event_loc": {"country_code": place} if place else None,
                    "quad_code": quad_code(event_type),
                    "event_scale": event_scale(event_type, modes),
                }
                if len(recent) < 1000:
                    recent.append(event)
                else:
                    recent[written % 1000] = event
            written += 1
            yield {
                "id": f"syn-{article}-{position}",
                "article_id": f"art-{article}",
                **event,
                "event_text": ["synthetic"],
                "cite_info": {
                    "publication": outlet,
                    "url": f"https://example.org/{article}",
                    "title": f"Story {article}",
                },
            }


def timed(repeat: int, query: Callable[[], Any]) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = query()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events to load")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    parser.add_argument("--db", type=Path, help="new database file (default: a temporary one)")
    parser.add_argument("--seed", type=int, default=20250609)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="communique-bench-")
    db = args.db or Path(folder.name) / "bench.duckdb"
    if db.exists():
        sys.exit(f"{db} exists; the benchmark needs a fresh database file")

    with EventStore(db) as store:
        start = time.perf_counter()
        result = store.import_records(synthetic_records(args.events, args.seed), "synthetic")
        load = time.perf_counter() - start
        if result.problems:
            sys.exit(f"the generator made bad records: {result.problems[:3]}")
        size = db.stat().st_size / 2**20
        print(f"loaded {result.stored:,} events in {load:.1f} s ({result.stored / load:,.0f}/s);")
        print(f"{db.name}: {size:,.0f} MiB, DuckDB file, {args.repeat} runs per query\n")
        queries: list[tuple[str, Callable[[], Any], Callable[[Any], str]]] = [
            (
                "dyad KOR JPN --by month (all 11 years)",
                lambda: store.dyad("KOR", "JPN", by="month"),
                lambda r: f"{len(r)} months, {sum(p.total for p in r):,} events",
            ),
            (
                "dyad KOR JPN --by week --clustered",
                lambda: store.dyad("KOR", "JPN", by="week", clustered=True),
                lambda r: f"{len(r)} weeks, {sum(p.total for p in r):,} events",
            ),
            (
                "dyad USA CHN --by day --directed --since 2024-01-01",
                lambda: store.dyad("USA", "CHN", by="day", since="2024-01-01", directed=True),
                lambda r: f"{len(r)} days, {sum(p.total for p in r):,} events",
            ),
            (
                "events --country KOR --type ACCUSE --since 2020-01-01 --until 2021-12-31",
                lambda: store.events(
                    country="KOR", event_type="ACCUSE", since="2020-01-01", until="2021-12-31"
                ),
                lambda r: f"{len(r):,} records",
            ),
            (
                "events --actor RUS/MIL --recipient UKR --aux none --since 2022-01-01",
                lambda: store.events(
                    actor="RUS/MIL", recipient="UKR", aux="none", since="2022-01-01"
                ),
                lambda r: f"{len(r):,} records",
            ),
            (
                "events --clustered --country UKR --since 2024-01-01 --until 2024-12-31",
                lambda: store.clusters(country="UKR", since="2024-01-01", until="2024-12-31"),
                lambda r: f"{len(r):,} clusters",
            ),
        ]
        width = max(len(name) for name, _, _ in queries)
        print(f"{'query':<{width}}  median     min     max  result")
        for name, query, describe in queries:
            times, found = timed(args.repeat, query)
            print(
                f"{name:<{width}}  {statistics.median(times):6.3f}  {min(times):6.3f}"
                f"  {max(times):6.3f}  {describe(found)}"
            )
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
