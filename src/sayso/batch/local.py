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


def process_chunk(items: list[Item], settings: Settings) -> list[Outcome]:
    return [process(item, settings) for item in items]


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


def _died(chunk: list[Item], why: str) -> list[Outcome]:
    return [Outcome(i.source, skip=("ingest", "extraction-error", f"{i.source}: {why}")) for i in chunk]


def map_ordered(chunks: Iterable[list[Item]], settings: Settings, jobs: int) -> Iterator[list[Outcome]]:
    """Outcomes of each chunk, in order; ``jobs`` > 1 runs them in worker processes."""
    if jobs <= 1:
        for chunk in chunks:
            yield process_chunk(chunk, settings)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)
    window: deque[tuple[list[Item], Future[list[Outcome]]]] = deque()
    try:
        for chunk in chunks:
            window.append((chunk, pool.submit(process_chunk, chunk, settings)))
            if len(window) >= jobs * WINDOW_PER_JOB:
                done, fut = window.popleft()
                yield _result(done, fut)
        while window:
            done, fut = window.popleft()
            yield _result(done, fut)
    finally:
        for _, fut in window:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _result(chunk: list[Item], fut: Future[list[Outcome]]) -> list[Outcome]:
    try:
        return fut.result()
    except BrokenProcessPool:
        # a worker died (out of memory, a crash in C code): its chunk is recorded, not lost
        return _died(chunk, "the worker process died while reading this source")


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
    run_id = store.start_run(paths, jobs)
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

    status = "interrupted"
    try:
        for outcomes in map_ordered(_chunks(fresh(), CHUNK_ITEMS), settings, jobs):
            pending.extend(outcomes)
            if len(pending) >= BATCH_OUTCOMES or time.monotonic() - last >= BATCH_SECONDS:
                flush()
        flush()
        status = "done"
    finally:
        if status != "done":
            flush()  # Ctrl-C: what is finished is kept
        store.finish_run(run_id, totals, status)
    return progress

