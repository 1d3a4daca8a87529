"""Local batch runs: workers change nothing in the result; a run killed with SIGKILL and run again ends
with the store a clean run gives; the time budget makes a slow article a skip."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sayso.api import ingest
from sayso.batch.local import Progress, TimeBudgetExceeded, map_ordered, process, time_budget
from sayso.ingest.sources import Item
from sayso.settings import Settings
from sayso.store import Outcome


def article(n: int) -> str:
    return (f'"We will build {n} new bridges across the river this year," Mayor John Smith said on '
            f"Monday. He added that council number {n} had agreed. \"It is a good day,\" said Anna Lee.")


def corpus(root: Path, articles: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    with (root / "news.jsonl").open("w", encoding="utf-8") as fh:
        for n in range(articles):
            fh.write(json.dumps({"id": f"n{n}", "text": article(n)}) + "\n")
    for n in range(5):
        (root / f"file{n}.txt").write_text(article(10_000_000 + n), encoding="utf-8")
    (root / "bad.bin").write_bytes(bytes(range(256)) * 8)
    (root / "dup.txt").write_text(article(0), encoding="utf-8")
    return root


def snapshot(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[tuple[object, ...]]]:
    """What a store says, without the row ids and run ids that depend on timing."""
    with sqlite3.connect(db) as conn:
        articles = conn.execute(
            "SELECT hash, source, article_id, url, outlet, published, headline, languages, text "
            "FROM articles ORDER BY hash").fetchall()
        statements = conn.execute(
            'SELECT a.hash, s.ordinal, s.statement_id, s."kind", s."start", s."end", s."text", s.speaker, '
            "s.pipeline_version FROM statements s JOIN articles a ON a.id = s.article "
            "ORDER BY a.hash, s.ordinal").fetchall()
        skips = conn.execute("SELECT source, stage, reason FROM skips ORDER BY source").fetchall()
    return articles, statements, skips


def test_local_jobs_do_not_change_the_store(tmp_path: Path) -> None:
    root = corpus(tmp_path / "c", 300)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest([root], one, jobs=1)
    ingest([root], two, jobs=2)
    articles, statements, skips = snapshot(one)
    assert (len(articles), len(skips)) == (305, 2)
    assert statements
    assert snapshot(two) == (articles, statements, skips)


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


KILL_CORPUS = 3000


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus and the store of one uninterrupted run over it."""
    tmp = tmp_path_factory.mktemp("kill")
    root = corpus(tmp / "c", KILL_CORPUS)
    ingest([root], tmp / "clean.db", jobs=1)
    return root, tmp / "clean.db"


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_sigkill_then_resume_equals_clean_run(tmp_path: Path, clean_run: tuple[Path, Path],
                                                    jobs: int) -> None:
    total = KILL_CORPUS
    root, clean = clean_run
    killed = tmp_path / "killed.db"
    command = [sys.executable, "-m", "sayso.cli", "ingest", str(root), "--db", str(killed), "-q",
               "--jobs", str(jobs)]
    proc = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _count(killed) < 200 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group, workers too: a power cut
    proc.wait()
    at_kill = _count(killed)
    assert 0 < at_kill < total, f"the run was not killed mid-way ({at_kill} of {total} stored)"
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert snapshot(killed) == snapshot(clean)
    with sqlite3.connect(killed) as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["running", "done"]  # the killed run never finished; its record says so


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0.005, "timeout"), (30.0, None)],
)
def test_local_time_budget_makes_a_skip(seconds: float, expected: str | None) -> None:
    text = " ".join(article(n) for n in range(300))
    item = Item("big", "jsonl", data=json.dumps({"text": text}).encode(), record=1)
    outcome = process(item, Settings(article_seconds=seconds))
    assert (outcome.skip[1] if outcome.skip else None) == expected


def test_local_time_budget_raises_past_its_time() -> None:
    with pytest.raises(TimeBudgetExceeded), time_budget(0.01):
        time.sleep(1)


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (Item("s", "skip", reason="too-large", message="m"), "too-large"),
        (Item("j", "jsonl", data=b'{"text": "   "}', record=1), "not-an-article"),
        (Item("j", "jsonl", data=b'{"no": "text"}', record=1), "unreadable"),
        (Item("h", "html", data=b"<html><head></head><body></body></html>"), "not-an-article"),
        (Item("t", "text", data=b"\x00\x01\x02" * 100), "unreadable"),
    ],
)
def test_local_process_never_raises(item: Item, reason: str) -> None:
    outcome = process(item, Settings())
    assert outcome.article is None
    assert outcome.skip is not None and outcome.skip[1] == reason


def test_local_progress_reports(tmp_path: Path) -> None:
    root = corpus(tmp_path / "c", 50)
    seen: list[int] = []

    def report(p: Progress) -> None:
        seen.append(p.articles)

    done = ingest([root], tmp_path / "s.db", on_progress=report)
    assert seen[-1] == done.articles == 55
    assert done.rate > 0


def crash_or_hang(item: Item, settings: Settings) -> Outcome:
    """A reader that kills its worker on 'crash' and hangs (beyond any alarm) on 'hang'."""
    if item.source == "crash":
        os._exit(3)
    if item.source == "hang":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return Outcome(item.source, skip=("test", "fine", item.source))


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (["a", "crash", "b", "c", "d"], {"crash": "extraction-error"}),
        (["a", "b", "hang", "c"], {"hang": "timeout"}),
        (["crash", "hang", "a"], {"crash": "extraction-error", "hang": "timeout"}),
    ],
)
def test_local_a_dead_or_hung_worker_costs_one_item(sources: list[str], expected: dict[str, str]) -> None:
    items = [Item(s, "skip") for s in sources]
    chunks = [items[i:i + 2] for i in range(0, len(items), 2)]
    settings = Settings(article_seconds=0.2)
    out = [o for chunk in map_ordered(chunks, settings, 2, work=crash_or_hang, margin=1.0) for o in chunk]
    assert [o.source for o in out] == sources
    assert {o.source: o.skip[1] for o in out if o.skip and o.skip[1] != "fine"} == expected


def test_local_ctrl_c_keeps_finished_work_and_resumes(tmp_path: Path, clean_run: tuple[Path, Path]) -> None:
    root, clean = clean_run
    db = tmp_path / "interrupted.db"
    command = [sys.executable, "-m", "sayso.cli", "ingest", str(root), "--db", str(db), "-q", "--jobs", "2"]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _count(db) < 200 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 1
    with sqlite3.connect(db) as conn:
        status, stored = conn.execute("SELECT status, articles FROM runs").fetchone()
    assert status == "interrupted" and 0 < stored < KILL_CORPUS
    assert subprocess.run(command, timeout=120).returncode == 0
    assert snapshot(db) == snapshot(clean)
