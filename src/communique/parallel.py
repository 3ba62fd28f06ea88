"""Coding on every core: chunks of articles go to worker processes, results come back in order.

:func:`code_stream` is what ``communique code`` and ``communique ingest`` run::

    from communique.inputs import read_articles
    from communique.parallel import code_stream
    from communique.pipeline import Settings

    for result in code_stream(read_articles(["news.jsonl"]), Settings(), workers=4):
        ...  # a CodedArticle or an InputProblem, in input order

It reads its input as it goes and keeps at most ``2 × workers`` chunks of
``Settings.batch_size`` articles in flight, and replaces its workers every
``RECYCLE_CHUNKS`` chunks (spaCy's vocabulary grows with every new word form), so memory
stays flat however long the input. Results come out in input order whatever the number of
workers, and an :class:`~communique.inputs.InputProblem` in the input comes out where it
was. One worker, or an input of a single chunk, is coded in this process, as
:meth:`Coder.code` does.

A chunk is whole parsing batches (the articles, not the problems among them, are counted),
so each article is parsed in the same company as in one process and the output does not
depend on the number of workers. Only a run of unreadable input longer than
``MAX_CHUNK_ITEMS`` closes a chunk early.

The work of a worker is :func:`code_chunk`: a plain function of the :class:`Settings`
(plain values) and a list of articles, whose only state is the process's coder, which
:func:`coder_for` builds from the settings on first use. The same function runs unchanged
on a distributed engine; with Dask (processes, one thread each)::

    bag = dask.bag.from_sequence(articles, partition_size=settings.batch_size)
    results = bag.map_partitions(lambda chunk: code_chunk(settings, list(chunk)))

Failures: an article whose stages fail is that article's problem (as in one process); a
chunk whose parse fails is coded again one article at a time; a worker that dies (killed,
out of memory) costs the chunks in flight, each of their articles reported as a problem,
and the rest goes on in fresh workers. An error in building the coder (no model, a bad
knowledge-base file) stops the run, as it does in one process.
"""

from __future__ import annotations

import functools
import itertools
import logging
import multiprocessing
import multiprocessing.queues
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from logging.handlers import QueueHandler

from .errors import CommuniqueError
from .inputs import InputProblem
from .models import Article
from .nlp import model_name
from .pipeline import CodedArticle, Coder, Settings, coding_problem

log = logging.getLogger(__name__)

Item = Article | InputProblem
Result = CodedArticle | InputProblem
Submit = Callable[[list[Article]], "Future[list[Result]]"]

CHUNKS_PER_WORKER = 2
"""Chunks in flight per worker: one being coded, one waiting, so no worker idles."""
RECYCLE_CHUNKS = 1000
"""Chunks a worker codes, on average, before fresh workers take over. spaCy's vocabulary
keeps every word form a process has seen (a million new forms cost about 600 MiB), so a
worker's memory grows with the variety of its input; a fresh one starts from the model's.
Starting workers costs a few seconds, under 1% of the time between two replacements."""
MAX_CHUNK_ITEMS = 1024
"""A chunk closes at this many items even when most are problems, to keep memory bounded."""
START_METHOD = "spawn"
"""Workers start as fresh interpreters: no copy of the parent's threads (DuckDB's) or locks,
and the same on every platform."""


def default_workers() -> int:
    """One worker per core."""
    return os.cpu_count() or 1


@functools.lru_cache(maxsize=1)
def coder_for(settings: Settings) -> Coder:
    """This process's coder for ``settings``, built on first use and kept."""
    return Coder(settings)


def code_chunk(settings: Settings, articles: list[Article]) -> list[Result]:
    """Code ``articles`` in this process: one result per article, in order.

    The unit of work of a worker, here or on a distributed engine.
    """
    coder = coder_for(settings)
    try:
        return list(coder.code(articles))
    except Exception:  # the parse of the batch failed: find the article it was
        log.debug("chunk of %d articles failed; coding them one by one", len(articles))
        return [_code_alone(coder, article) for article in articles]


def _code_alone(coder: Coder, article: Article) -> Result:
    try:
        [result] = coder.code([article])
    except Exception as exc:
        return coding_problem(article, exc)
    return result


def code_stream(
    items: Iterable[Item], settings: Settings | None = None, workers: int | None = None
) -> Iterator[Result]:
    """Code ``items`` on ``workers`` processes (default: one per core), in input order."""
    settings = settings or Settings()
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise CommuniqueError(f"workers must be at least 1, not {workers}")
    # Resolved here, so that every worker uses the pipeline this process would.
    settings = replace(settings, model=model_name(settings.model))
    items = iter(items)
    head, more = _first_chunk(items, settings.batch_size) if workers > 1 else ([], True)
    if workers == 1 or not more:
        # Starting workers costs more than coding a single chunk here.
        yield from coder_for(settings).code(itertools.chain(head, items))
        return
    with WorkerPool(settings, workers) as pool:
        yield from code_in_order(
            itertools.chain(head, items),
            pool.submit,
            chunk_size=settings.batch_size,
            max_pending=CHUNKS_PER_WORKER * workers,
        )


def _first_chunk(items: Iterator[Item], size: int) -> tuple[list[Item], bool]:
    """The items up to the (size + 1)-th article, and whether there is more than one chunk."""
    head: list[Item] = []
    articles = 0
    for item in items:
        head.append(item)
        articles += isinstance(item, Article)
        if articles > size or len(head) > MAX_CHUNK_ITEMS:
            return head, True
    return head, False


def code_in_order(
    items: Iterable[Item],
    submit: Submit,
    *,
    chunk_size: int,
    max_pending: int,
    max_chunk_items: int = MAX_CHUNK_ITEMS,
) -> Iterator[Result]:
    """Group ``items`` into chunks of ``chunk_size`` articles, ``submit`` each, and yield the
    results in input order, problems where they were; at most ``max_pending`` chunks are
    read ahead. ``submit`` codes a list of articles into one result per article.
    """
    pending: deque[_Chunk] = deque()
    chunk = _Chunk()
    for item in items:
        chunk.add(item)
        if len(chunk.articles) == chunk_size or len(chunk.items) >= max_chunk_items:
            pending.append(chunk.submitted(submit))
            chunk = _Chunk()
            if len(pending) >= max_pending:
                yield from pending.popleft().results()
    if chunk.items:
        pending.append(chunk.submitted(submit))
    while pending:
        yield from pending.popleft().results()


class _Chunk:
    """Items in input order; the articles among them are coded together."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.articles: list[Article] = []
        self.future: Future[list[Result]] | None = None

    def add(self, item: Item) -> None:
        self.items.append(item)
        if isinstance(item, Article):
            self.articles.append(item)

    def submitted(self, submit: Submit) -> _Chunk:
        if self.articles:
            self.future = submit(self.articles)
        return self

    def results(self) -> Iterator[Result]:
        coded = iter(self._coded())
        for item in self.items:
            yield item if isinstance(item, InputProblem) else next(coded)

    def _coded(self) -> list[Result]:
        if self.future is None:
            return []
        try:
            results = self.future.result()
        except CommuniqueError:
            raise  # the coder cannot be built: nothing can be coded
        except Exception as exc:  # the worker died or the chunk could not be sent or returned
            return [coding_problem(article, exc) for article in self.articles]
        if len(results) != len(self.articles):
            raise RuntimeError(f"{len(results)} results for {len(self.articles)} articles")
        return results


class WorkerPool:
    """Worker processes that run :func:`code_chunk` with one settings; a context manager.

    Workers log through this process's logging setup, ignore Ctrl-C (this process stops
    them) and build their coder as they start. Every ``RECYCLE_CHUNKS`` chunks a worker
    codes on average, fresh workers take over from the next chunk on (the old ones finish
    what they have). Workers whose pool broke (one died) are replaced at the next
    submission, unless they broke before coding anything, which would happen again.
    """

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self._context = multiprocessing.get_context(START_METHOD)
        self._logs = _LogRelay(self._context.Queue())
        self._retired: list[Executor] = []
        self._executor = self._start()
        self._submitted = 0
        self._coded_any = False

    def _start(self) -> Executor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=self._context,
            initializer=_start_worker,
            initargs=(self.settings, self._logs.queue, logging.getLogger().getEffectiveLevel()),
        )

    def submit(self, articles: list[Article]) -> Future[list[Result]]:
        if self._submitted >= RECYCLE_CHUNKS * self.workers:
            log.debug("fresh workers after %d chunks", self._submitted)
            self._replace()
        try:
            future = self._executor.submit(code_chunk, self.settings, articles)
        except BrokenProcessPool:
            if not self._coded_any:
                raise CommuniqueError(
                    "the worker processes stopped before coding anything; run with "
                    "--workers 1 to see the error"
                ) from None
            log.warning("a worker process died; starting new ones")
            self._replace()
            future = self._executor.submit(code_chunk, self.settings, articles)
        self._submitted += 1
        future.add_done_callback(functools.partial(self._note, self._executor))
        return future

    def _replace(self) -> None:
        self._executor.shutdown(wait=False)  # it finishes the chunks it has
        self._retired.append(self._executor)
        self._executor = self._start()
        self._submitted = 0
        self._coded_any = False

    def _note(self, executor: Executor, future: Future[list[Result]]) -> None:
        if executor is self._executor and not future.cancelled() and future.exception() is None:
            self._coded_any = True

    def close(self) -> None:
        for executor in (*self._retired, self._executor):
            executor.shutdown(wait=True, cancel_futures=True)
        self._logs.stop()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _LogRelay:
    """Hands the workers' log records to this process's loggers of the same names."""

    def __init__(self, queue: multiprocessing.queues.Queue) -> None:
        self.queue = queue
        self._thread = threading.Thread(target=self._run, name="communique-log-relay", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (record := self.queue.get()) is not None:
            logging.getLogger(record.name).handle(record)

    def stop(self) -> None:
        self.queue.put(None)
        # A worker killed while writing a record can leave the queue locked: do not hang.
        self._thread.join(timeout=5)
        self.queue.close()


def _start_worker(settings: Settings, log_queue: multiprocessing.queues.Queue, level: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    root = logging.getLogger()
    root.handlers[:] = [QueueHandler(log_queue)]
    root.setLevel(level)
    try:
        coder_for(settings)
    except Exception:  # the first chunk builds it again and reports the error
        log.debug("building the coder failed", exc_info=True)
