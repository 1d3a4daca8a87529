"""``sayso batch`` and ``sayso load``: articles to Parquet with the local or the Spark engine, and
Parquet to a statement store.

Both engines number the items of the inputs the same way (``seq``), cut them into the same parts,
run every item through the same ``batch.local.process`` and write every part with the same
``parquet.PartWriter``: the local engine runs the parts one after the other on ``jobs`` worker
processes (the pool of ``sayso ingest``), Spark runs them as tasks, one part each.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..ingest.sources import Item, iter_items
from ..settings import Settings
from ..store import Outcome, WriteCounts, open_store
from . import BatchError
from .local import CHUNK_ITEMS, map_ordered
from .output import OutputDir, read_manifest, spec_of
from .parquet import PartInfo, PartWriter, read_outcomes

ENGINES = ("local", "spark")
# Items per part: a Spark task's work (about 10 s on one core), and the unit a stopped run resumes at.
PART_ARTICLES = 1000
# Outcomes written to the store per transaction by ``load``.
LOAD_BATCH = 500


@dataclass(slots=True)
class BatchProgress:
    """Where a run is: ``phase`` (``read``, ``extract``, ``load``), ``done`` of ``total`` ``unit``."""

    phase: str
    unit: str
    done: int = 0
    total: int | None = None
    articles: int = 0
    statements: int = 0
    skips: int = 0
    resumed: int = 0  # of ``done``, what an earlier run did
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        spent = time.monotonic() - self.started
        return (self.done - self.resumed) / spent if spent > 0 else 0.0


OnProgress = Callable[[BatchProgress], None]


@dataclass(slots=True)
class BatchResult:
    """What ``run_batch`` did: counts over the whole output (parts of an earlier, stopped run
    included; ``resumed_items`` says how many items those held) and where the time went."""

    output: Path
    engine: str
    items: int
    articles: int
    statements: int
    skips: int
    parts: int
    resumed_items: int
    seconds: float
    timings: dict[str, float]


def run_local(out: OutputDir, items: Iterable[Item], settings: Settings, jobs: int,
              on_progress: OnProgress | None) -> dict[str, float]:
    """The parts, in order, on ``jobs`` worker processes; each part is committed once whole."""
    part_size = out.spec.part_articles
    seq = out.next_seq  # outcomes come back in the order of the items, one each
    progress = BatchProgress("extract", "items", done=out.next_seq, resumed=out.next_seq)
    writer: PartWriter | None = None
    write = 0.0
    start = time.perf_counter()
    try:
        for outcomes in map_ordered(_chunks(itertools.islice(items, seq, None)), settings, jobs):
            began = time.perf_counter()
            for outcome in outcomes:
                part = seq // part_size
                if writer is not None and writer.info.part != part:
                    out.commit([_closed(writer, began)], out.work)
                    writer = None
                writer = writer or PartWriter(out.work, part)
                writer.add(seq, outcome)
                seq += 1
                _count(progress, outcome)
            write += time.perf_counter() - began
            if on_progress is not None:
                on_progress(progress)
        if writer is not None:
            out.commit([_closed(writer, time.perf_counter())], out.work)
            writer = None
    finally:
        if writer is not None:
            writer.abort()
    return {"extract_and_read": time.perf_counter() - start - write, "write": write}


def _chunks(items: Iterator[Item]) -> Iterator[list[Item]]:
    while chunk := list(itertools.islice(items, CHUNK_ITEMS)):
        yield chunk


def _closed(writer: PartWriter, began: float) -> PartInfo:
    info = writer.close()
    info.seconds_write += time.perf_counter() - began
    return info


def _count(progress: BatchProgress, outcome: Outcome) -> None:
    progress.done += 1
    if outcome.article is None:
        progress.skips += 1
    else:
        progress.articles += 1
        progress.statements += len(outcome.statements)


def run_batch(
    paths: Iterable[str | Path],
    output: str | Path,
    *,
    engine: str = "local",
    settings: Settings | None = None,
    jobs: int = 1,
    part_articles: int = PART_ARTICLES,
    master: str | None = None,
    stdin: BinaryIO | None = None,
    on_progress: OnProgress | None = None,
) -> BatchResult:
    """Read every article under ``paths`` and write their statements and skips to ``output`` as
    Parquet (see ``batch.parquet``); a stopped run is finished by running it again."""
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if master is not None and engine != "spark":
        raise BatchError("--master is for --engine spark; the local engine runs on this machine")
    if engine == "spark" and jobs > 1:
        raise BatchError("--jobs is for --engine local; Spark takes its cores from --master, e.g. local[4]")
    if part_articles < 1 or jobs < 1:
        raise BatchError("part_articles and jobs must be at least 1")
    names = [str(p) for p in paths]
    settings = settings or Settings()
    out = OutputDir(Path(output), spec_of(names, settings, part_articles))
    out.open()
    resumed = out.next_seq
    start = time.perf_counter()
    items = iter_items(names, settings, stdin)
    if engine == "spark":
        from .spark import run_spark

        timings = run_spark(out, items, settings, master, on_progress)
    else:
        timings = run_local(out, items, settings, jobs, on_progress)
    manifest = out.finish(engine, timings)
    return BatchResult(Path(output), engine, manifest["items"], manifest["articles"],
                       manifest["statements"], manifest["skips"], len(manifest["parts"]), resumed,
                       time.perf_counter() - start, timings)


def load(output: str | Path, db: str | Path, *, on_progress: OnProgress | None = None) -> WriteCounts:
    """Write a finished batch output into the store ``db``; loading it again changes nothing (every
    source already there counts as ``already``)."""
    from ..pipeline import VERSION

    root = Path(output)
    manifest = read_manifest(root)
    if manifest["pipeline_version"] != VERSION:
        raise BatchError(f"{root} was made by pipeline version {manifest['pipeline_version']} and this "
                         f"sayso is {VERSION}: load it with that version, or run the batch again")
    progress = BatchProgress("load", "items", total=manifest["items"])
    totals = WriteCounts()
    with open_store(db) as store, store.recorded_run([str(root.absolute())], 1, totals) as run_id:
        for batch in _batched(read_outcomes(root), LOAD_BATCH):
            counts = store.write(batch, run_id)
            totals.add(counts)
            progress.done += len(batch)
            progress.articles, progress.statements = totals.articles, totals.statements
            progress.skips = totals.skips
            if on_progress is not None:
                on_progress(progress)
    return totals


def _batched(outcomes: Iterable[Outcome], size: int) -> Iterator[list[Outcome]]:
    it = iter(outcomes)
    while batch := list(itertools.islice(it, size)):
        yield batch
