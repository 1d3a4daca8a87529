"""The Spark engine on a real Spark in local mode (``local[2]``): the same articles give the same output
as the local engine, file for file and row for row, and its output loads into the store that ``sayso
ingest`` makes; a local run stopped half-way is finished by Spark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from batch_data import output_files, output_rows, store_snapshot, write_corpus

from sayso.api import ingest, load_batch, run_batch
from sayso.batch.run import BatchProgress
from sayso.batch.spark import find_java, python_error, spark_session

MASTER = "local[2]"
PART_ARTICLES = 25


@pytest.fixture(scope="module")
def java() -> str:
    found = find_java()
    if found is None:
        pytest.skip("Spark test skipped: no Java found (install openjdk-17-jre-headless or set JAVA_HOME; "
                    ".ci/run installs it)")
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("spark") / "c", 150)


@pytest.fixture(scope="module")
def local_output(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    run_batch([corpus], out, engine="local", jobs=2, part_articles=PART_ARTICLES)
    return out


def test_spark_output_equals_local_engine(java: str, corpus: Path, local_output: Path,
                                          tmp_path: Path) -> None:
    out = tmp_path / "spark"
    seen: list[tuple[str, int]] = []
    done = run_batch([corpus], out, engine="spark", master=MASTER, part_articles=PART_ARTICLES,
                     on_progress=lambda p: seen.append((p.phase, p.done)))
    assert (done.engine, done.items, done.parts) == ("spark", 159, 7)
    assert ("extract", 7) in seen and ("read", 159) in seen  # staged, then every task reported
    assert output_files(out) == output_files(local_output)
    rows, expected = output_rows(out), output_rows(local_output)
    assert [r["id"] for r in rows["statements"]] == [r["id"] for r in expected["statements"]]
    assert rows == expected
    assert len(rows["statements"]) == done.statements > 300
    db, reference = tmp_path / "spark.db", tmp_path / "ingest.db"
    load_batch(out, db)
    ingest([corpus], reference)
    assert store_snapshot(db) == store_snapshot(reference)


class Stop(Exception):
    """Raised from the progress callback: the run stops as a Ctrl-C would stop it."""


def test_spark_finishes_a_stopped_local_run(java: str, corpus: Path, local_output: Path,
                                            tmp_path: Path) -> None:
    out = tmp_path / "out"

    def stop_after_two_parts(p: BatchProgress) -> None:
        if p.done >= 2 * PART_ARTICLES + 5:
            raise Stop

    with pytest.raises(Stop):
        run_batch([corpus], out, engine="local", part_articles=PART_ARTICLES,
                  on_progress=stop_after_two_parts)
    assert (tmp_path / "out.partial").is_dir() and not out.exists()
    done = run_batch([corpus], out, engine="spark", master=MASTER, part_articles=PART_ARTICLES)
    assert done.resumed_items == 2 * PART_ARTICLES
    assert output_files(out) == output_files(local_output)
    rows = output_rows(out)
    assert rows == output_rows(local_output)
    with spark_session(MASTER) as spark:  # Spark reads the output back, months as a column
        statements = spark.read.parquet(str(out / "statements"))
        by_month = {r["month"]: r["count"] for r in statements.groupBy("month").count().collect()}
        texts = spark.read.parquet(str(out / "articles")).select("text").collect()
    assert by_month == {m: sum(r["month"] == m for r in rows["statements"]) for m in by_month}
    assert sum(by_month.values()) == len(rows["statements"])
    assert sorted(r["text"] for r in texts) == sorted(r["text"] for r in rows["articles"])


@pytest.mark.parametrize(
    ("modules", "absent"),
    [
        ("sayso, sayso.cli, sayso.api", ("pyspark", "pyarrow")),  # the core and the CLI
        ("sayso.batch.run, sayso.batch.parquet", ("pyspark",)),  # the local engine
    ],
)
def test_spark_is_imported_only_by_the_spark_engine(modules: str, absent: tuple[str, ...]) -> None:
    code = f"import sys, {modules}; print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(absent)}))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


JVM_TRACE = ("[PYTHON_EXCEPTION] An exception was thrown from the Python worker: Traceback (most recent "
             "call last):\n  File \"worker.py\", line 4207, in invoke_udf\n{error}\n SQLSTATE: 38000\n"
             "\tat org.apache.spark.api.python.BasePythonRunner$ReaderIterator.handlePythonException")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (JVM_TRACE.format(error="ModuleNotFoundError: No module named 'sayso'"),
         "ModuleNotFoundError: No module named 'sayso' on an executor: every executor needs sayso"),
        (JVM_TRACE.format(error="OSError: [Errno 28] No space left on device"),
         "OSError: [Errno 28] No space left on device"),
        ("Java gateway process exited before sending its port number\nmore", "Java gateway process exited"),
    ],
)
def test_spark_a_failed_job_says_why(text: str, message: str) -> None:
    assert python_error(Exception(text)).startswith(message)
