"""Questions over the store, as generators of plain dicts (a million rows never sit in memory)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import Store


def skips(store: Store, reason: str | None = None) -> Iterator[dict[str, Any]]:
    """Skipped sources in the order they were recorded, optionally of one reason code."""
    sql = "SELECT source, stage, reason, message, run_id FROM skips"
    params: tuple[Any, ...] = ()
    if reason is not None:
        sql += " WHERE reason = ?"
        params = (reason,)
    yield from store.query(sql + " ORDER BY id", params)


def skip_counts(store: Store) -> dict[str, int]:
    return {r["reason"]: r["n"] for r in store.query(
        "SELECT reason, count(*) AS n FROM skips GROUP BY reason ORDER BY reason")}


def articles(store: Store) -> Iterator[dict[str, Any]]:
    yield from store.query(
        "SELECT id, hash, source, article_id, url, outlet, published, headline, language, languages,"
        " text FROM articles ORDER BY id")


def statements(store: Store, article_hash: str | None = None) -> Iterator[dict[str, Any]]:
    """Statements with the content hash of their article, in article and text order."""
    sql = ("SELECT a.hash AS article_hash, s.* FROM statements s JOIN articles a ON a.id = s.article")
    params: tuple[Any, ...] = ()
    if article_hash is not None:
        sql += " WHERE a.hash = ?"
        params = (article_hash,)
    yield from store.query(sql + " ORDER BY s.article, s.ordinal", params)


def search(store: Store, words: str, limit: int = 100) -> Iterator[dict[str, Any]]:
    """Statements whose words or speaker match the FTS5 query ``words``, best first."""
    yield from store.query(
        "SELECT s.* FROM statements_fts f JOIN statements s ON s.id = f.rowid "
        "WHERE statements_fts MATCH ? ORDER BY rank LIMIT ?", (words, limit))


def counts(store: Store) -> dict[str, int]:
    row = next(store.query(
        "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM statements) AS "
        "statements, (SELECT count(*) FROM skips) AS skips, (SELECT count(*) FROM runs) AS runs"))
    return {k: int(v) for k, v in row.items()}
