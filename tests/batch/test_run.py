"""``sayso batch --engine local`` and ``sayso load``: the store a batch loads into is the store ``sayso
ingest`` makes; loading twice changes nothing; a run killed half-way and run again ends with the output
of a clean run; an output folder in the way is an error that says what to do."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_data import output_files, output_rows, store_snapshot, write_corpus
from click.testing import CliRunner

from sayso.api import ingest, load_batch, run_batch
from sayso.batch import BatchError
from sayso.batch.output import MANIFEST, PROGRESS
from sayso.cli import main
from sayso.settings import Settings


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "c", 120)


@pytest.fixture(scope="module")
def ingested(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    ingest([corpus], db)
    return db


@pytest.mark.parametrize(("jobs", "part_articles"), [(1, 1000), (2, 7), (1, 1)])
def test_run_local_then_load_equals_ingest(tmp_path: Path, corpus: Path, ingested: Path, jobs: int,
                                           part_articles: int) -> None:
    done = run_batch([corpus], tmp_path / "out", jobs=jobs, part_articles=part_articles)
    assert (done.items, done.skips, done.parts) == (129, 1, -(-129 // part_articles))
    counts = load_batch(tmp_path / "out", tmp_path / "batch.db")
    assert (counts.articles, counts.skips) == (127, 2)  # the binary file, and the repeated text
    assert store_snapshot(tmp_path / "batch.db") == store_snapshot(ingested)


def test_run_load_twice_changes_nothing(tmp_path: Path, corpus: Path) -> None:
    run_batch([corpus], tmp_path / "out", part_articles=50)
    db = tmp_path / "s.db"
    first = load_batch(tmp_path / "out", db)
    before = store_snapshot(db)
    again = load_batch(tmp_path / "out", db)
    assert (again.articles, again.statements, again.skips, again.already) == (0, 0, 0, 129)
    assert first.articles == 127
    assert store_snapshot(db) == before


def test_run_writes_months_and_a_manifest(tmp_path: Path, corpus: Path) -> None:
    done = run_batch([corpus], tmp_path / "out", part_articles=100)
    months = {p.name for p in (tmp_path / "out" / "articles").iterdir()}
    # six months of news, 2023-12 of the Russian lines, 2024-11 of the dated text files, undated ones
    assert months == {*(f"month=2024-{m:02d}" for m in range(1, 7)), "month=2023-12", "month=2024-11",
                      "month=unknown"}
    assert {p.name for p in (tmp_path / "out" / "skips").iterdir()} == {"month=unknown"}
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text())
    assert (manifest["engine"], manifest["items"], manifest["statements"]) == ("local", 129, done.statements)
    assert [p["part"] for p in manifest["parts"]] == [0, 1]
    rows = output_rows(tmp_path / "out")
    assert len(rows["statements"]) == done.statements
    assert {r["kind"] for r in rows["statements"]} <= {"direct", "indirect", "mixed"}
    assert all(r["month"] == (r["published"] or "unknown")[:7] or r["month"] == "unknown"
               for r in rows["articles"])
    assert not (tmp_path / "out.partial").exists()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("finished", "holds a finished batch run; choose another --output folder"),
        ("not-ours", "exists and is not a sayso batch output"),
        ("other-settings", "holds an unfinished run with other inputs, settings or sayso version"),
    ],
)
def test_run_refuses_an_output_in_the_way(tmp_path: Path, corpus: Path, setup: str, message: str) -> None:
    out = tmp_path / "out"
    if setup == "finished":
        run_batch([corpus], out)
    elif setup == "not-ours":
        out.mkdir()
        (out / "notes.txt").write_text("mine")
    else:
        (tmp_path / "out.partial").mkdir()
        (tmp_path / "out.partial" / PROGRESS).write_text(json.dumps({"spec": {"inputs": ["elsewhere"]},
                                                                     "parts": []}))
    with pytest.raises(BatchError, match=message):
        run_batch([corpus], out, settings=Settings(min_confidence=0.5))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"engine": "dask"}, "unknown engine 'dask'"),
        ({"master": "local[2]"}, "--master is for --engine spark"),
        ({"engine": "spark", "jobs": 4}, r"--jobs is for --engine local; .* --master, e.g. local\[4\]"),
        ({"part_articles": 0}, "at least 1"),
    ],
)
def test_run_rejects_bad_options(tmp_path: Path, corpus: Path, kwargs: dict[str, object],
                                 message: str) -> None:
    with pytest.raises(BatchError, match=message):
        run_batch([corpus], tmp_path / "out", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "not a finished sayso batch output"),
        (lambda p: (p.parent / "out.partial").mkdir(), "is an unfinished run: run the same `sayso batch`"),
    ],
)
def test_run_load_needs_a_finished_output(tmp_path: Path, make: object, message: str) -> None:
    out = tmp_path / "out"
    make(out)  # type: ignore[operator]
    with pytest.raises(BatchError, match=message):
        load_batch(out, tmp_path / "s.db")


KILL_LINES = 3000


def test_run_killed_then_run_again_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", KILL_LINES)
    run_batch([corpus], tmp_path / "clean", part_articles=100)
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from sayso.cli import main; main()", "batch", str(corpus),
               "--output", str(out), "-q", "--jobs", "2", "--part-articles", "100"]
    proc = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
    progress = tmp_path / "out.partial" / PROGRESS
    deadline = time.monotonic() + 60

    def parts_done() -> int:
        try:
            return len(json.loads(progress.read_text())["parts"])
        except (OSError, ValueError):
            return 0

    while parts_done() < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group, workers too: a power cut
    proc.wait()
    kept = parts_done()
    assert 0 < kept < KILL_LINES // 100, f"the run was not killed mid-way ({kept} parts kept)"
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert output_files(out) == output_files(tmp_path / "clean")
    assert output_rows(out) == output_rows(tmp_path / "clean")
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["items"] == KILL_LINES + 9


def test_run_cli_batch_then_load(tmp_path: Path, corpus: Path, ingested: Path) -> None:
    runner = CliRunner()
    out, db = tmp_path / "out", tmp_path / "s.db"
    done = runner.invoke(main, ["batch", str(corpus), "--output", str(out), "--part-articles", "40"])
    assert done.exit_code == 0, done.output
    assert "129 item(s): 128 article(s)" in done.stderr and "in 4 part(s)" in done.stderr
    loaded = runner.invoke(main, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    assert "127 article(s) stored" in loaded.stderr and "2 skipped" in loaded.stderr
    assert store_snapshot(db) == store_snapshot(ingested)
    twice = runner.invoke(main, ["batch", str(corpus), "--output", str(out)])
    assert twice.exit_code == 1 and "choose another --output folder" in twice.stderr
