"""Ordered, named migrations, each applied once and recorded in ``schema_migrations``.

A migration is appended to ``MIGRATIONS`` and never edited afterwards: a store made by an older sayso
is brought up to date by running the ones it has not recorded yet, in order, each in its own
transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from .schema import V1_TABLES, V2_SEARCH, V3_BATCH_SEARCH, V4_CORPUS, V5_ALIAS_KEYS, V6_FACET_INDEXES


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def apply(conn: sqlite3.Connection) -> None:
        # executescript would commit the open transaction; statements one by one stay inside it
        buffer = ""
        for line in sql.splitlines(keepends=True):
            buffer += line
            if sqlite3.complete_statement(buffer):
                conn.execute(buffer)
                buffer = ""

    return apply


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, statements, skips, runs", _script(V1_TABLES)),
    Migration(2, "full-text search over statements", _script(V2_SEARCH)),
    Migration(3, "search index filled per written batch", _script(V3_BATCH_SEARCH)),
    Migration(4, "speakers, aliases, roles, clusters and statement links", _script(V4_CORPUS)),
    Migration(5, "aliases found by their spelling-independent key", _script(V5_ALIAS_KEYS)),
    Migration(6, "indexes for the web UI: statements by kind, language, date said; articles by outlet",
              _script(V6_FACET_INDEXES)),
)


def applied_versions(conn: sqlite3.Connection) -> list[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
    )
    return [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]


def migrate(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply the migrations ``conn`` has not recorded yet; return the versions applied now."""
    done = set(applied_versions(conn))
    applied: list[int] = []
    for m in sorted(migrations, key=lambda m: m.version):
        if m.version in done:
            continue
        # the BEGIN IMMEDIATE makes two processes opening a new store at once apply it only once
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (m.version,)).fetchone():
                conn.execute("ROLLBACK")
                continue
            m.apply(conn)
            conn.execute("INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)",
                         (m.version, m.name, datetime.now(UTC).isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(m.version)
    return applied
