"""The statement store: one SQLite file in WAL mode, written by one process at a time.

``Store.write`` takes a batch of ``Outcome`` records (an article with its statements, or a skip) and
writes them in one transaction, so a run killed at any moment leaves whole articles only. A source
already recorded (as an article or a skip) is never written twice, and an article whose text is already
stored under another source becomes a ``duplicate`` skip: re-ingesting the same content changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import SaysoError
from ..pipeline import VERSION
from .migrations import migrate
from .schema import SKIP_REASONS, STATEMENT_COLUMNS

__all__ = ["SKIP_REASONS", "Outcome", "Store", "StoreError", "WriteCounts", "open_store"]

# A writer waits this long for another process's lock before giving up.
BUSY_TIMEOUT_MS = 30_000


class StoreError(SaysoError):
    """The store cannot be opened or written (a fatal error for a run)."""

    reason = "store"


@dataclass(slots=True)
class Outcome:
    """What became of one source: an article (fields, text, content hash, statements) or a skip."""

    source: str
    article: dict[str, Any] | None = None
    statements: list[dict[str, Any]] = field(default_factory=list)
    skip: tuple[str, str, str] | None = None  # stage, reason, message


@dataclass(slots=True)
class WriteCounts:
    articles: int = 0
    statements: int = 0
    skips: int = 0
    already: int = 0  # sources found already recorded (a resumed or repeated run)

    def add(self, other: WriteCounts) -> None:
        self.articles += other.articles
        self.statements += other.statements
        self.skips += other.skips
        self.already += other.already


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """An open statement store; use ``open_store(path)``."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- runs -------------------------------------------------------------------------------
    def start_run(self, paths: Iterable[str], jobs: int) -> int:
        with self._transaction():
            cur = self.conn.execute(
                "INSERT INTO runs (started, paths, jobs, pipeline_version) VALUES (?, ?, ?, ?)",
                (_now(), json.dumps(list(paths), ensure_ascii=False), jobs, VERSION))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: WriteCounts, status: str = "done") -> None:
        with self._transaction():
            self.conn.execute(
                "UPDATE runs SET finished = ?, status = ?, articles = ?, statements = ?, skips = ? "
                "WHERE id = ?",
                (_now(), status, counts.articles, counts.statements, counts.skips, run_id))

    @contextmanager
    def recorded_run(self, paths: Iterable[str], jobs: int, counts: WriteCounts,
                     before_interrupt: Callable[[], None] | None = None) -> Iterator[int]:
        """A row in ``runs`` for the block (its id given to it), finished with ``counts`` as they are
        at the end: "done" when the block completes, "interrupted" when it raises (Ctrl-C included).
        On an interrupt ``before_interrupt`` runs first (to write what is finished); what is written
        stays, and a store that cannot be written keeps its first error."""
        run_id = self.start_run(paths, jobs)
        try:
            yield run_id
        except BaseException:
            with suppress(StoreError):
                if before_interrupt is not None:
                    before_interrupt()
                self.finish_run(run_id, counts, "interrupted")
            raise
        self.finish_run(run_id, counts, "done")

    # --- writing ----------------------------------------------------------------------------
    def has_source(self, source: str) -> bool:
        """Whether ``source`` is already recorded, as an article or a skip (then it is not read again)."""
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE source = ? UNION ALL SELECT 1 FROM skips WHERE source = ? "
            "LIMIT 1", (source, source)).fetchone()
        return row is not None

    def write(self, outcomes: Iterable[Outcome], run_id: int | None = None) -> WriteCounts:
        """Write a batch of outcomes in one transaction."""
        counts = WriteCounts()
        with self._transaction():
            last = self.conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]
            for o in outcomes:
                self._write_one(o, run_id, counts)
            self.conn.execute('INSERT INTO statements_fts(rowid, "text", speaker) '
                              'SELECT id, "text", speaker FROM statements WHERE id > ?', (last,))
        return counts

    def _write_one(self, o: Outcome, run_id: int | None, counts: WriteCounts) -> None:
        if self.has_source(o.source):
            counts.already += 1
            return
        if o.article is None:
            stage, reason, message = o.skip or ("ingest", "unreadable", "no article")
            self._skip(o.source, stage, reason, message, run_id, counts)
            return
        a = o.article
        row = self.conn.execute("SELECT source FROM articles WHERE hash = ?", (a["hash"],)).fetchone()
        if row is not None:
            self._skip(o.source, "store", "duplicate", f"the same text as {row[0]}", run_id, counts)
            return
        cur = self.conn.execute(
            "INSERT INTO articles (hash, source, article_id, url, outlet, published, headline, language,"
            " languages, text, pipeline_version, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a["hash"], o.source, a.get("id"), a.get("url"), a.get("outlet"), a.get("published"),
             a.get("headline"), a.get("language"), json.dumps(a.get("languages") or []), a["text"],
             VERSION, run_id))
        article_rowid = cur.lastrowid
        self.conn.executemany(_INSERT_STATEMENT, [
            (article_rowid, i, s["id"], *[s.get(c) for c in STATEMENT_COLUMNS], VERSION)
            for i, s in enumerate(_json_lists(o.statements))])
        counts.articles += 1
        counts.statements += len(o.statements)

    def _skip(self, source: str, stage: str, reason: str, message: str, run_id: int | None,
              counts: WriteCounts) -> None:
        self.conn.execute("INSERT INTO skips (source, stage, reason, message, run_id) VALUES (?, ?, ?, ?, ?)",
                          (source, stage, reason, message, run_id))
        counts.skips += 1

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction; a database error (disk full, locked by another writer) is a
        ``StoreError`` that says what to do, and what was committed before it stays."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise StoreError(
                f"cannot write the store {self.path} ({e}); free disk space, stop the other process "
                "writing it, or choose another file with --db, then run the same command again: it "
                "resumes where this run stopped") from e

    # --- reading ----------------------------------------------------------------------------
    def query(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        cur = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cur.description or ()]
        for row in cur:
            yield dict(zip(names, row, strict=True))


_INSERT_STATEMENT = (
    "INSERT INTO statements (article, ordinal, statement_id, "
    + ", ".join(f'"{c}"' for c in STATEMENT_COLUMNS)
    + ", pipeline_version) VALUES (?, ?, ?, "
    + ", ".join("?" for _ in STATEMENT_COLUMNS)
    + ", ?)"
)


def _json_lists(statements: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Statements with their list fields (``reported_by``) as JSON text."""
    for s in statements:
        lists = {k: json.dumps(list(v), ensure_ascii=False) for k, v in s.items()
                 if isinstance(v, list | tuple)}
        yield {**s, **lists} if lists else s


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    """Open (creating and migrating when needed) the SQLite store at ``path``; ``StoreError`` when it
    cannot be opened or written, with a message that says what to do."""
    where = str(path)
    try:
        if readonly:
            if not Path(where).exists():
                raise StoreError(f"no store at {where}; run `sayso ingest PATH... --db {where}` first")
            conn = sqlite3.connect(f"file:{where}?mode=ro", uri=True, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            conn = sqlite3.connect(where, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            migrate(conn)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except sqlite3.Error as e:
        raise StoreError(
            f"cannot open the store {where} for writing ({e}); give a writable file with --db, "
            "e.g. --db ~/sayso.db, or check the folder's permissions and free space") from e
    return Store(conn, where)
