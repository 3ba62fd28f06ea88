#!/usr/bin/env python3
"""Throughput benchmark: spaCy's parse alone, full coding, and coding and storing.

Not a test; run it by hand from the repository root on a corpus from
``scripts/make_corpus.py``:

    PYTHONPATH=src python scripts/make_corpus.py /tmp/corpus.jsonl
    PYTHONPATH=src python scripts/bench_throughput.py /tmp/corpus.jsonl
    PYTHONPATH=src python scripts/bench_throughput.py /tmp/corpus.jsonl --workers 1 2 4 --repeat 3

Three stages, each on 1 and 2 worker processes (``--workers``):

(a) parse: ``nlp.pipe`` over the article texts with the coder's pipeline and batch size
    (loaded by ``communique.nlp.load_pipeline``, so with the same settings), and spaCy's own
    ``n_process`` for more than one worker;
(b) code: ``communique.parallel.code_stream``, what ``communique code`` runs;
(c) store: the same, each result stored in a fresh DuckDB file as ``communique ingest`` does.

Each measurement runs in a process of its own (nothing loaded or cached carries over from
one to the next), reading the corpus as it goes. It times from its start (so the pipeline
is loaded inside the measure) to the last result, and also from the first result on: the
*steady* rate, which leaves out loading the model and starting workers, is the one the table
compares. Peak memory is the high-water mark of resident memory (VmHWM) of each process
that parses or codes: the worker processes, or the benchmark process itself with one worker.
Timings on a shared machine are noisy: every figure of one table comes from one run,
compared as ratios, and with ``--repeat`` the table shows the fastest of the runs (other
load only ever slows a run down; each run also reports how many cores other processes used
meanwhile). CPU time per article (of every process of the run, startup included) does not
depend on other load: equal figures on 1 and 2 workers mean parallelism costs no extra work.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

STAGES = ("parse", "code", "store")
LABELS = {"parse": "(a) parse", "code": "(b) code", "store": "(c) code + store"}
CODE_COST_TARGET = 1.25
SPEEDUP_TARGET = 1.8
MEMORY_TARGET_MIB = 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL articles (scripts/make_corpus.py)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="default: 1 2")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement")
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES))
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    parser.add_argument("--one", choices=STAGES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.corpus, args.workers[0])))
        return 0
    runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for _ in range(args.repeat):
        for stage in args.stages:
            for workers in args.workers:
                run = _run_alone(stage, args.corpus, workers)
                print(
                    f"{LABELS[stage]:18s} workers={workers}  {run['steady_rate']:7.1f} articles/s"
                    f"  (wall {run['wall']:.1f} s, others used {run['others_cores']:.2f} cores)",
                    file=sys.stderr,
                )
                runs.setdefault((stage, workers), []).append(run)
    best = {key: _best_run(values) for key, values in runs.items()}
    print(format_table(best, args.workers, args.repeat))
    if args.json:
        args.json.write_text(json.dumps([{"runs": v} for v in runs.values()], indent=1))
    return 0


def _run_alone(stage: str, corpus: Path, workers: int) -> dict[str, Any]:
    command = [sys.executable, __file__, str(corpus), "--one", stage, "--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{stage} on {workers} workers failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def _best_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest: other load on the machine only ever slows a run down."""
    return max(runs, key=lambda r: r["steady_rate"])


# --- one measurement, in a process of its own ------------------------------------------------


def measure(stage: str, corpus: Path, workers: int) -> dict[str, Any]:
    watch = _MemoryWatch()
    machine_start, cpu_start = _machine_busy(), _cpu_seconds()
    start = time.perf_counter()
    if stage == "parse":
        words = _parse(corpus, workers)
    else:
        words = _code(corpus, workers, store=stage == "store")
    first_at, first_words = None, 0
    articles = total_words = 0
    for n in words:
        if first_at is None:
            first_at, first_words = time.perf_counter(), n
        articles += 1
        total_words += n
    end = time.perf_counter()
    peaks = watch.stop()
    cpu = _cpu_seconds() - cpu_start  # the workers have ended: their time is counted
    others = _machine_busy() - machine_start - cpu
    steady = end - (first_at or end)
    return {
        "stage": stage,
        "workers": workers,
        "articles": articles,
        "words": total_words,
        "wall": end - start,
        "startup": (first_at or end) - start,
        "steady_rate": (articles - 1) / steady if steady else 0.0,
        "steady_words": (total_words - first_words) / steady if steady else 0.0,
        "cpu_ms_per_article": 1000 * cpu / articles if articles else 0.0,
        "others_cores": max(others, 0.0) / (end - start),
        "peak_mib_workers": peaks or [_self_peak_mib()],
        "peak_mib_main": _self_peak_mib(),
    }


def _parse(corpus: Path, workers: int) -> Iterator[int]:
    """Words of each article as spaCy finishes parsing it."""
    from communique.inputs import read_articles
    from communique.nlp import load_pipeline
    from communique.pipeline import Settings

    settings = Settings()
    nlp = load_pipeline(settings.model)
    texts = (_article(item).text for item in read_articles([corpus]))
    for doc in nlp.pipe(texts, batch_size=settings.batch_size, n_process=workers):
        yield len(doc.text.split())


def _code(corpus: Path, workers: int, store: bool) -> Iterator[int]:
    """Words of each article as it comes out coded (and stored)."""
    from communique import __version__
    from communique.inputs import read_articles
    from communique.parallel import code_stream
    from communique.pipeline import Settings
    from communique.store import EventStore

    results: Iterable[Any] = code_stream(read_articles([corpus]), Settings(), workers)
    if not store:
        for result in results:
            yield len(_article(result).text.split())
        return
    with tempfile.TemporaryDirectory() as tmp, EventStore(Path(tmp) / "bench.duckdb") as db:
        articles = events = 0
        for result in results:
            article = _article(result)
            db.ingest(article, result.records, __version__, quotes=result.quote_records())
            articles += 1
            events += len(result.records)
            yield len(article.text.split())
        db.record_run(__version__, articles, events)


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _machine_busy() -> float:
    """CPU seconds all processes of the machine have used since it started."""
    # cpu  user nice system idle iowait irq softirq ...
    ticks = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]]
    busy = sum(ticks[i] for i in (0, 1, 2, 5, 6))
    return busy / os.sysconf("SC_CLK_TCK")


def _article(item: Any) -> Any:
    """The article read or coded; a problem stops the benchmark (the corpus must be clean)."""
    from communique.inputs import InputProblem
    from communique.pipeline import CodedArticle

    if isinstance(item, InputProblem):
        sys.exit(f"bad input: {item}")
    return item.article if isinstance(item, CodedArticle) else item


def _self_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class _MemoryWatch:
    """Samples the peak resident memory (VmHWM) of this process's worker children."""

    def __init__(self, every: float = 0.2) -> None:
        self.peaks: dict[int, float] = {}
        self._every = every
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.wait(self._every):
            self._sample()

    def _sample(self) -> None:
        me = str(os.getpid())
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                if stat[1] != me:
                    continue
                if b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    continue
                status = Path(f"/proc/{pid}/status").read_text()
            except (OSError, IndexError):
                continue  # gone meanwhile
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    mib = int(line.split()[1]) / 1024
                    self.peaks[int(pid)] = max(self.peaks.get(int(pid), 0.0), mib)

    def stop(self) -> list[float]:
        self._done.set()
        self._thread.join()
        return sorted(self.peaks.values(), reverse=True)


# --- the table --------------------------------------------------------------------------------


def format_table(
    runs: dict[tuple[str, int], dict[str, Any]], workers: list[int], repeat: int
) -> str:
    """A Markdown table: rates, cost against the parse, speed-up against one worker, memory."""
    lines = [
        "| stage | workers | articles/s | words/s | time vs (a) | speed-up vs 1 worker"
        " | CPU ms/article | wall (s) | startup (s) | peak RSS per worker (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (stage, n), run in runs.items():
        parse = runs.get(("parse", n))
        one = runs.get((stage, workers[0]))
        cost = f"{parse['steady_rate'] / run['steady_rate']:.2f}×" if parse else "-"
        speedup = f"{run['steady_rate'] / one['steady_rate']:.2f}×" if one else "-"
        peak = max(run["peak_mib_workers"])
        lines.append(
            f"| {LABELS[stage]} | {n} | {run['steady_rate']:,.1f} | {run['steady_words']:,.0f}"
            f" | {cost} | {speedup} | {run['cpu_ms_per_article']:.1f} | {run['wall']:.1f}"
            f" | {run['startup']:.1f} | {peak:,.0f} |"
        )
    any_run = next(iter(runs.values()))
    lines.append("")
    lines.append(
        f"{any_run['articles']:,} articles, {any_run['words']:,} words, fastest of {repeat} runs; "
        f"targets: (b) at most {CODE_COST_TARGET}× the time of (a), "
        f"{SPEEDUP_TARGET}× the throughput on 2 workers, under {MEMORY_TARGET_MIB} MiB a worker."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
