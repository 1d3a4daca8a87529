"""The Spark engine of ``sayso batch`` (the optional ``sayso[spark]`` extra; nothing else imports it).

1. The driver reads the inputs as ``sayso ingest`` does (``iter_items``) and writes the items, part by
   part, to ``DIR.partial/_work/staging/part-NNNNN.parquet`` (``seq``, ``part`` and the pickled
   ``Item``), in flat memory.
2. Spark reads that folder as a DataFrame of articles with one partition per staged file (one part
   per task, no shuffle) and maps it with ``mapInArrow``: each task runs its items through
   ``batch.local.process`` and writes its part with ``parquet.PartWriter`` under a folder of its own
   task attempt, then returns one summary row.
3. The driver moves the files of the attempts that succeeded into place (``OutputDir.commit``); files
   of failed or retried attempts are never used.

Nothing of a Spark job is committed before the whole job has succeeded (a failed job leaves the
output as it was before it), and then the parts are committed in order, so that a run stopped at any
moment is resumed after its last whole part, like a local one.

On a cluster, ``DIR`` must be on a file system that the driver and every executor see at the same
path, and so must the inputs that are single files (text, HTML); JSON lines, WARC records and feed
entries travel inside the job.
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
import re
import shutil
import sys
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from ..ingest.sources import Item
from ..settings import Settings
from . import BatchError, require
from .local import process
from .output import OutputDir
from .parquet import PartInfo, PartWriter, part_name
from .run import BatchProgress, OnProgress

pa: Any = require("pyarrow", "spark")
pq: Any = require("pyarrow.parquet", "spark")

STAGED = pa.schema([("seq", pa.int64()), ("part", pa.int32()), ("item", pa.binary())])
SUMMARY = pa.schema([("attempt", pa.string()), ("info", pa.string())])  # info: a PartInfo as JSON
SUMMARY_DDL = "attempt string, info string"
STAGE_ROWS = 256
# With a file's open cost as large as the largest split, Spark puts each staged file (one part) in a
# partition of its own and never splits one.
ONE_FILE_PER_PARTITION = {"spark.sql.files.maxPartitionBytes": str(1 << 40),
                          "spark.sql.files.openCostInBytes": str(1 << 40)}
PROGRESS_SECONDS = 0.5
# In local mode the JVM only moves bytes between files and the Python workers: its quick compiler
# (C1) and one GC thread halve its start-up CPU time (12 to 6 CPU seconds here), which the Python
# workers need on a small machine.
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def stage(out: OutputDir, items: Iterable[Item], on_progress: OnProgress | None) -> int:
    """Write the items from ``out.next_seq`` on into one Parquet file per part; returns how many."""
    folder = out.work / "staging"
    folder.mkdir(parents=True, exist_ok=True)
    size = out.spec.part_articles
    progress = BatchProgress("read", "items")
    writer: Any = None
    part = -1
    rows: list[dict[str, Any]] = []

    def flush() -> None:
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=STAGED))
            rows.clear()
        if on_progress is not None:
            on_progress(progress)

    try:
        for seq, item in enumerate(itertools.islice(items, out.next_seq, None), out.next_seq):
            if seq // size != part:
                flush()
                if writer is not None:
                    writer.close()
                part = seq // size
                writer = pq.ParquetWriter(str(folder / part_name(part)), STAGED, compression="zstd")
            rows.append({"seq": seq, "part": part, "item": pickle.dumps(item, pickle.HIGHEST_PROTOCOL)})
            progress.done += 1
            if len(rows) >= STAGE_ROWS:
                flush()
        flush()
    finally:
        if writer is not None:
            writer.close()
    return progress.done


def process_part(batches: Iterator[Any], *, settings: Settings, attempts: str) -> Iterator[Any]:
    """A Spark task: the staged items of its partition through the pipeline into part files under a
    folder of its own attempt; yields one summary row per part."""
    from pyspark import TaskContext

    ctx = TaskContext.get()
    folder = Path(attempts) / (f"task-{ctx.taskAttemptId()}" if ctx is not None else uuid.uuid4().hex)
    writers: dict[int, PartWriter] = {}
    extract = write = 0.0
    for batch in batches:
        for seq, part, blob in zip(*(batch.column(c).to_pylist() for c in ("seq", "part", "item")),
                                   strict=True):
            began = time.perf_counter()
            outcome = process(pickle.loads(blob), settings)
            done = time.perf_counter()
            writer = writers.get(part) or writers.setdefault(part, PartWriter(folder, part))
            writer.add(seq, outcome)
            extract += done - began
            write += time.perf_counter() - done
    rows = []
    for writer in writers.values():
        began = time.perf_counter()
        info = writer.close()
        info.seconds_extract = extract / len(writers)
        info.seconds_write = (write + time.perf_counter() - began) / len(writers)
        rows.append({"attempt": str(folder), "info": json.dumps(info.to_dict())})
    yield pa.RecordBatch.from_pylist(rows, schema=SUMMARY)


def find_java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


@contextmanager
def spark_session(master: str | None) -> Iterator[Any]:
    """The active Spark session (one that ``spark-submit`` or the caller made), else a new one on
    ``master`` (default ``local[*]``), stopped at the end."""
    require("pandas", "spark")  # pyspark's Arrow functions import it
    require("pyspark", "spark")
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    if find_java() is None:
        raise BatchError("Spark needs Java 17 or newer and none was found: install it (Debian/Ubuntu: "
                         "apt-get install openjdk-17-jre-headless) or set JAVA_HOME")
    builder = SparkSession.builder.appName("sayso batch").config("spark.ui.showConsoleProgress", "false")
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this process: its --master
    if not submitted:
        master = master or "local[*]"
        builder = builder.master(master)
        if is_local(master):
            # workers must run this Python (with sayso), and a host name that does not resolve must not
            # stop the JVM
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = (builder.config("spark.driver.host", "127.0.0.1")
                       .config("spark.driver.bindAddress", "127.0.0.1").config("spark.ui.enabled", "false")
                       .config("spark.driver.extraJavaOptions", LOCAL_JVM_OPTIONS))
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # pyspark raises its own (non-sayso) errors from the JVM launch
        raise BatchError(f"cannot start Spark on {master or 'the spark-submit master'}: {_first_line(e)}; "
                         "check the --master URL, Java (JAVA_HOME) and that pyspark matches the cluster's "
                         "Spark version") from e
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


@contextmanager
def _conf(spark: Any, values: dict[str, str]) -> Iterator[None]:
    """Set SQL settings for the duration of one job, then put the caller's back."""
    before = {k: spark.conf.get(k, None) for k in values}
    for k, v in values.items():
        spark.conf.set(k, v)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                spark.conf.unset(k)
            else:
                spark.conf.set(k, v)


@contextmanager
def _report_tasks(spark: Any, parts: int, on_progress: OnProgress | None) -> Iterator[None]:
    """Report finished tasks (parts) while the job runs, from Spark's status tracker."""
    if on_progress is None:
        yield
        return
    progress = BatchProgress("extract", "parts", total=parts)
    stop = threading.Event()
    tracker = spark.sparkContext.statusTracker()

    def poll() -> None:
        while not stop.wait(PROGRESS_SECONDS):
            done = 0
            for stage_id in tracker.getActiveStageIds():
                info = tracker.getStageInfo(stage_id)
                if info is not None:
                    done = max(done, info.numCompletedTasks)
            progress.done = max(progress.done, done)
            on_progress(progress)

    thread = threading.Thread(target=poll, name="sayso-spark-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        progress.done = parts
        on_progress(progress)


def run_spark(out: OutputDir, items: Iterable[Item], settings: Settings, master: str | None,
              on_progress: OnProgress | None) -> dict[str, float]:
    """Stage the items, run one Spark task per part, commit the parts; returns where the time went."""
    began = time.perf_counter()
    staged = stage(out, items, on_progress)
    timings = {"read": time.perf_counter() - began}
    if staged == 0:
        return timings
    attempts = out.work / "attempts"
    attempts.mkdir(parents=True, exist_ok=True)
    parts = len(list((out.work / "staging").glob("part-*.parquet")))
    began = time.perf_counter()
    with spark_session(master) as spark:
        timings["session"] = time.perf_counter() - began
        began = time.perf_counter()
        work = partial(process_part, settings=settings, attempts=str(attempts))
        try:
            with _conf(spark, ONE_FILE_PER_PARTITION), _report_tasks(spark, parts, on_progress):
                frame = spark.read.schema("seq long, part int, item binary").parquet(
                    str(out.work / "staging"))
                rows = frame.mapInArrow(work, SUMMARY_DDL).collect()
        except Exception as e:  # a failed job arrives as a py4j or pyspark error
            raise BatchError(f"the Spark job failed: {python_error(e)}; nothing of this run was kept: "
                             "run the same command again") from e
        timings["extract"] = time.perf_counter() - began
    began = time.perf_counter()
    results: dict[int, tuple[PartInfo, Path]] = {}
    for row in rows:
        info = PartInfo.from_dict(json.loads(row["info"]))
        results.setdefault(info.part, (info, Path(row["attempt"])))
    if len(results) != parts:
        raise BatchError(f"the Spark job returned {len(results)} of {parts} parts; nothing of this run was "
                         "kept: run the same command again")
    for part in sorted(results):  # in order, so that the parts in place are always the first ones
        info, folder = results[part]
        out.commit([info], folder)
    timings["commit"] = time.perf_counter() - began
    timings["task_extract"] = sum(info.seconds_extract for info, _ in results.values())
    timings["task_write"] = sum(info.seconds_write for info, _ in results.values())
    return timings


_PYTHON_ERROR = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exceeded)): .*$", re.MULTILINE)


def python_error(error: BaseException) -> str:
    """The Python exception a task died of (the last line of its traceback inside the JVM's error),
    with what to do when the executors cannot import sayso."""
    lines = [m.group(0).strip() for m in _PYTHON_ERROR.finditer(str(error))]
    if not lines:
        return _first_line(error)
    if "No module named 'sayso" in lines[-1]:
        return (f"{lines[-1]} on an executor: every executor needs sayso and its dependencies "
                "(docs/batch.md, 'Running on a cluster')")
    return lines[-1]


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
