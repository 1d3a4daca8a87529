"""Ingest on one machine: worker processes read and extract, the parent alone writes the store.

The parent walks the sources (``ingest.sources.iter_items``), passes over those the store already
holds, and hands the rest to ``jobs`` worker processes in small chunks through a bounded window (so a
million-article corpus never sits in memory). Results come back in the order the items were found and
are written in batched transactions: whatever moment a run is killed at, the store holds a prefix of
whole articles, and the next run over the same paths picks up after it and ends with the store a clean
run gives.
"""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import BinaryIO

from ..errors import InputError
from ..ingest.sources import Item, iter_items, load_article
from ..settings import Settings
from ..store import Outcome, Store, WriteCounts

# Items per task sent to a worker: enough to make the cost of a round trip small.
CHUNK_ITEMS = 16
# Tasks in flight per worker: keeps every worker busy without reading far ahead.
WINDOW_PER_JOB = 4
# A transaction is committed after this many outcomes or this many seconds, whichever comes first.
BATCH_OUTCOMES = 200
BATCH_SECONDS = 1.0
# A worker stuck where the in-worker alarm cannot reach it (C code) is ended after its chunk's time
# budget plus this many seconds.
HARD_MARGIN_SECONDS = 30.0


class TimeBudgetExceeded(BaseException):
    """An article ran past ``article_seconds`` (a ``BaseException`` so that no stage swallows it)."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``TimeBudgetExceeded`` in the main thread after ``seconds``; elsewhere no limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeBudgetExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def content_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def process(item: Item, settings: Settings) -> Outcome:
    """One item through reading and the pipeline, within its time budget; never raises."""
    from ..api import get_pipeline  # the api imports this module

    try:
        with time_budget(settings.article_seconds):
            article = load_article(item, settings)
            if not article.text.strip():
                raise InputError(f"{item.source}: no text", "not-an-article")
            article = get_pipeline(settings)(article)
    except TimeBudgetExceeded:
        return Outcome(item.source, skip=("ingest", "timeout",
                                          f"{item.source}: took more than article_seconds="
                                          f"{settings.article_seconds}"))
    except InputError as e:
        return Outcome(item.source, skip=("ingest", e.reason, str(e)))
    except Exception as e:  # a bug or a pathological input: recorded, never lost
        return Outcome(item.source, skip=("ingest", "extraction-error", f"{type(e).__name__}: {e}"))
    if article.skipped:
        first = article.skipped[0]
        return Outcome(item.source, skip=(first.stage, first.reason, first.message))
    record = {"hash": content_hash(article.text), "text": article.text, "id": article.id,
              "url": article.url, "outlet": article.outlet, "published": article.published,
              "headline": article.headline, "language": article.language,
              "languages": list(article.languages)}
    return Outcome(item.source, article=record, statements=[s.to_dict() for s in article.statements])


Work = Callable[[Item, Settings], Outcome]


def process_chunk(items: list[Item], settings: Settings, work: Work = process) -> list[Outcome]:
    return [work(item, settings) for item in items]


def _init_worker() -> None:
    # Ctrl-C goes to the parent, which stops the run; workers must not die mid-chunk on their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Workers:
    """A process pool that can be thrown away and made anew when a worker dies or hangs."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, items: list[Item], settings: Settings, work: Work) -> Future[list[Outcome]]:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker)
        return self.executor.submit(process_chunk, items, settings, work)

    def kill(self) -> None:
        """End every worker now (a hung one cannot be asked to stop)."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        # ProcessPoolExecutor has no public way to end a busy worker before Python 3.14
        for proc in list(getattr(executor, "_processes", {}).values()):
            proc.kill()
        executor.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def map_ordered(chunks: Iterable[list[Item]], settings: Settings, jobs: int, work: Work = process,
                margin: float = HARD_MARGIN_SECONDS) -> Iterator[list[Outcome]]:
    """Outcomes of each chunk, in order; ``jobs`` > 1 runs them in worker processes.

    A worker that dies (out of memory, a crash in C code) or hangs past its chunk's time budget plus
    ``margin`` (stuck where the in-worker alarm cannot reach) costs the run nothing but that one
    item: the pool is made anew, and the chunks that were in flight are run again one item at a
    time, so the item that kills or hangs a worker is found and recorded as a skip.
    """
    if jobs <= 1:
        for chunk in chunks:
            yield process_chunk(chunk, settings, work)
        return
    workers = _Workers(jobs)
    window: deque[tuple[list[Item], Future[list[Outcome]]]] = deque()

    def drain_one() -> Iterator[list[Outcome]]:
        chunk, fut = window.popleft()
        try:
            yield fut.result(timeout=settings.article_seconds * len(chunk) + margin)
            return
        except (BrokenProcessPool, FuturesTimeout):
            pending = [chunk, *(c for c, _ in window)]
        window.clear()
        workers.kill()
        for c in pending:
            yield [_isolated(item, settings, work, workers, margin) for item in c]

    try:
        for chunk in chunks:
            window.append((chunk, workers.submit(chunk, settings, work)))
            if len(window) >= jobs * WINDOW_PER_JOB:
                yield from drain_one()
        while window:
            yield from drain_one()
    finally:
        for _, fut in window:
            fut.cancel()
        workers.close()


def _isolated(item: Item, settings: Settings, work: Work, workers: _Workers, margin: float) -> Outcome:
    """One item alone in a worker, after a worker died or hung on a chunk that held it."""
    fut = workers.submit([item], settings, work)
    try:
        return fut.result(timeout=settings.article_seconds + margin)[0]
    except BrokenProcessPool:
        why, reason = "the worker process died on this source (out of memory, or a crash)", "extraction-error"
    except FuturesTimeout:
        why, reason = f"hung for more than article_seconds={settings.article_seconds} + {margin}s", "timeout"
    workers.kill()
    return Outcome(item.source, skip=("ingest", reason, f"{item.source}: {why}"))


@dataclass(slots=True)
class Progress:
    """What a run has done so far; ``on_progress`` receives it after every batch."""

    articles: int = 0
    statements: int = 0
    skips: int = 0
    already: int = 0
    total: int | None = None  # items the paths hold, when known up front
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        return self.articles + self.skips + self.already

    @property
    def rate(self) -> float:
        spent = time.monotonic() - self.started
        return (self.articles + self.skips) / spent if spent > 0 else 0.0


def ingest_local(
    paths: Iterable[str],
    store: Store,
    *,
    settings: Settings,
    jobs: int = 1,
    stdin: BinaryIO | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    total: int | None = None,
) -> Progress:
    """Ingest ``paths`` into ``store`` with ``jobs`` processes; return the run's counts."""
    paths = list(paths)
    progress = Progress(total=total)
    totals = WriteCounts()

    def fresh() -> Iterator[Item]:
        for item in iter_items(paths, settings, stdin):
            if store.has_source(item.source):
                progress.already += 1
            else:
                yield item

    pending: list[Outcome] = []
    last = time.monotonic()

    def flush() -> None:
        nonlocal last
        if pending:
            counts = store.write(pending, run_id)
            totals.add(counts)
            progress.articles, progress.statements = totals.articles, totals.statements
            progress.skips = totals.skips
            pending.clear()
        last = time.monotonic()
        if on_progress is not None:
            on_progress(progress)

    # on Ctrl-C what is finished is written before the run is marked interrupted
    with store.recorded_run(paths, jobs, totals, before_interrupt=flush) as run_id:
        for outcomes in map_ordered(_chunks(fresh(), CHUNK_ITEMS), settings, jobs):
            pending.extend(outcomes)
            if len(pending) >= BATCH_OUTCOMES or time.monotonic() - last >= BATCH_SECONDS:
                flush()
        flush()
    return progress

