"""The statement store on real SQLite files: migrations, idempotent writes, duplicates, skips."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from sayso.pipeline import VERSION
from sayso.store import Outcome, StoreError, open_store
from sayso.store.migrations import MIGRATIONS, applied_versions, migrate
from sayso.store.query import articles, counts, search, skip_counts, skips, statements


def _article(text: str, **extra: Any) -> dict[str, Any]:
    return {"hash": f"h-{text}", "text": text, "id": extra.get("id"), "outlet": extra.get("outlet"),
            "languages": ["en"], "language": "en"}


def _statement(text: str, start: int, speaker: str | None) -> dict[str, Any]:
    return {"id": f"s-{start}", "kind": "direct", "start": start, "end": start + len(text), "text": text,
            "speaker": speaker, "reported_by": ["Radio Liberty"], "confidence": 0.9}


def test_store_migrations_run_once_in_order(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        assert applied_versions(store.conn) == [m.version for m in MIGRATIONS]
        assert migrate(store.conn) == []
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    conn = sqlite3.connect(db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "statements", "skips", "runs", "schema_migrations"} <= names


@pytest.mark.parametrize(
    ("batches", "expected"),
    [
        # the same source written twice: once
        ([[Outcome("a", _article("x"))], [Outcome("a", _article("x"))]],
         {"articles": 1, "skips": 0}),
        # the same text from another source: a duplicate skip
        ([[Outcome("a", _article("x"))], [Outcome("b", _article("x"))]],
         {"articles": 1, "skips": 1}),
        # a skip recorded once per source
        ([[Outcome("a", skip=("ingest", "unreadable", "m"))],
          [Outcome("a", skip=("ingest", "unreadable", "m"))]],
         {"articles": 0, "skips": 1}),
        ([[Outcome("a", _article("x")), Outcome("b", _article("y"))]], {"articles": 2, "skips": 0}),
    ],
)
def test_store_write_is_idempotent(tmp_path: Path, batches: list[list[Outcome]],
                                   expected: dict[str, int]) -> None:
    with open_store(tmp_path / "s.db") as store:
        for batch in batches:
            store.write(batch)
        got = counts(store)
    assert {k: got[k] for k in expected} == expected


def test_store_statements_keep_contract_fields_and_version(tmp_path: Path) -> None:
    text = '"We will win," the minister said.'
    with open_store(tmp_path / "s.db") as store:
        store.write([Outcome("a", _article(text), [_statement("We will win,", 1, "the minister")])])
        rows = list(statements(store))
        found = list(search(store, "win"))
    assert len(rows) == 1
    row = rows[0]
    assert text[row["start"]:row["end"]] == row["text"]
    assert (row["speaker"], row["pipeline_version"], row["reported_by"]) == (
        "the minister", VERSION, '["Radio Liberty"]')
    assert [r["text"] for r in found] == ["We will win,"]


def test_store_duplicate_skip_names_the_first_source(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.write([Outcome("first", _article("same")), Outcome("second", _article("same"))])
        rows = list(skips(store))
        assert skip_counts(store) == {"duplicate": 1}
        assert [a["source"] for a in articles(store)] == ["first"]
    assert [(r["source"], r["reason"]) for r in rows] == [("second", "duplicate")]
    assert "first" in rows[0]["message"]


def test_store_failed_batch_writes_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        broken = Outcome("b", {"text": "no hash"})
        with pytest.raises(KeyError):
            store.write([Outcome("a", _article("x")), broken])
        assert counts(store)["articles"] == 0


@pytest.mark.parametrize("make_path", [
    lambda tmp: tmp / "missing-folder" / "s.db",
    lambda tmp: tmp,  # a folder, not a file
])
def test_store_unwritable_says_what_to_do(tmp_path: Path, make_path: Any) -> None:
    with pytest.raises(StoreError, match="--db"):
        open_store(make_path(tmp_path))


def test_store_readonly_missing_says_run_ingest(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="sayso ingest"):
        open_store(tmp_path / "none.db", readonly=True)


def test_store_locked_by_another_writer_is_a_store_error(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        store.conn.execute("PRAGMA busy_timeout=50")
        with pytest.raises(StoreError, match="run the same command again"):
            store.write([Outcome("a", _article("x"))])
        other.execute("ROLLBACK")
        store.write([Outcome("a", _article("x"))])
        assert counts(store)["articles"] == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [("bridges", ["We will build bridges"]), ("Smith", ["We will build bridges"]),
     ("win OR bridges", ["We will win,", "We will build bridges"]), ("nothing", [])],
)
def test_store_search_covers_every_batch(tmp_path: Path, query: str, expected: list[str]) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.write([Outcome("a", _article("one"), [_statement("We will win,", 1, "the minister")])])
    with open_store(tmp_path / "s.db") as store:
        store.write([Outcome("b", _article("two"), [_statement("We will build bridges", 1, "John Smith")])])
        found = sorted(r["text"] for r in search(store, query))
    assert found == sorted(expected)


RUN_ENDS = [
    (None, "done", False),
    (KeyboardInterrupt, "interrupted", True),
    (RuntimeError, "interrupted", True),
]


@pytest.mark.parametrize(("fail", "status", "flushed"), RUN_ENDS)
def test_store_recorded_run_marks_how_the_block_ended(tmp_path: Path, fail: type[BaseException] | None,
                                                      status: str, flushed: bool) -> None:
    from sayso.store import WriteCounts

    calls: list[str] = []
    totals = WriteCounts()
    with open_store(tmp_path / "runs.db") as store:
        try:
            flush = lambda: calls.append("flush")  # noqa: E731
            with store.recorded_run(["a.txt"], 2, totals, before_interrupt=flush) as run:
                assert run > 0
                totals.articles = 3
                if fail is not None:
                    raise fail
        except BaseException as e:  # the block's exception goes on after the run is recorded
            assert fail is not None and isinstance(e, fail)
    with sqlite3.connect(tmp_path / "runs.db") as conn:
        row = conn.execute("SELECT status, articles, jobs, finished IS NOT NULL FROM runs").fetchone()
    assert row == (status, 3, 2, 1)
    assert calls == (["flush"] if flushed else [])
