"""What each page shows, read from the statement store: plain functions over one ``sqlite3`` connection
that return plain dicts (Datasette runs them in its reader threads through ``execute_fn``).

The corpus tables (``speakers``, ``aliases``, ``speaker_roles``, ``clusters``, ``statement_links``) are
filled by the linker; a store that was never linked (or predates those tables) still gets every page,
with speakers known only by the name in ``statements.speaker``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

CORPUS_TABLES = ("speakers", "aliases", "speaker_roles", "clusters", "statement_links")
# Rows a page lists before it offers the next page.
PAGE_SIZE = 100
HOME_ROWS = 15
SEARCH_ROWS = 50

Row = dict[str, Any]

# The statement columns every list shows, with the article's outlet and date and the statement's links.
_LIST_COLUMNS = (
    's.id, s.article, s.kind, s."text", s.speaker, s.speaker_role, s.cue, s.said_on, s.said_on_precision,'
    " s.language, a.outlet, a.published, a.headline"
)
# A statement's date for ordering and charts: when it was said (a full day), else the article's day.
STATEMENT_DAY = "coalesce(date(s.said_on), date(substr(a.published, 1, 10)))"


@dataclass(frozen=True, slots=True)
class Corpus:
    """Which corpus tables the store has, and whether the linker has filled them."""

    tables: bool
    linked: bool

    def link_columns(self) -> str:
        return ("l.speaker AS speaker_ref, l.cluster AS cluster, l.relation AS relation" if self.tables
                else "NULL AS speaker_ref, NULL AS cluster, NULL AS relation")

    def link_join(self) -> str:
        return "LEFT JOIN statement_links l ON l.statement = s.id" if self.tables else ""


def rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description or ()]
    return [dict(zip(names, r, strict=True)) for r in cur]


def one(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> Row | None:
    found = rows(conn, sql, params)
    return found[0] if found else None


def is_store(conn: sqlite3.Connection) -> bool:
    """Whether the database holds sayso's ``articles`` and ``statements`` tables."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"articles", "statements"} <= names


def corpus(conn: sqlite3.Connection) -> Corpus:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not set(CORPUS_TABLES) <= names:
        return Corpus(tables=False, linked=False)
    linked = conn.execute("SELECT 1 FROM statement_links WHERE speaker IS NOT NULL LIMIT 1").fetchone()
    return Corpus(tables=True, linked=linked is not None)


def _with_links(conn: sqlite3.Connection, c: Corpus, where: str, params: tuple[Any, ...],
                order: str, limit: int, offset: int = 0, join: str = "") -> list[Row]:
    sql = (f"SELECT {_LIST_COLUMNS}, {c.link_columns()} FROM statements s "
           f"JOIN articles a ON a.id = s.article {c.link_join()} {join} "
           f"WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?")
    return rows(conn, sql, (*params, limit, offset))


# --- home -------------------------------------------------------------------------------------------
def home(conn: sqlite3.Connection, search: str | None) -> Row:
    """Counts, the latest statements (by the date they were said, which the pipeline fills from the
    article's date when the text gives none; the index on ``said_on`` makes this a short read), the
    most-quoted speakers, and the statements matching ``search`` (each word must occur, newest first)."""
    c = corpus(conn)
    counts = one(conn, "SELECT (SELECT count(*) FROM articles) AS articles, "
                       "(SELECT count(*) FROM statements) AS statements") or {}
    latest = _with_links(conn, c, "1", (), "s.said_on DESC, s.id DESC", HOME_ROWS)
    if c.linked:
        speakers = rows(conn, "SELECT id AS speaker_ref, name, type, statements FROM speakers "
                              "ORDER BY statements DESC, name LIMIT ?", (HOME_ROWS,))
        counts["speakers"] = (one(conn, "SELECT count(*) AS n FROM speakers") or {}).get("n", 0)
        # reprinted: in another article than its first appearance (a headline's clause and its quoted
        # words, or a Russian clause and its quote, are two statements of one article, not a reprint);
        # a cluster in two outlets is one without looking further (1 ms, not 45, on 100,000 statements)
        counts["clusters"] = (one(conn, "SELECT count(*) AS n FROM clusters c WHERE c.statements > 1 "
                                        "AND (c.outlets > 1 OR EXISTS (SELECT 1 FROM statement_links l "
                                        "JOIN statements s ON s.id = l.statement WHERE l.cluster = c.id "
                                        "AND s.article IS NOT (SELECT article FROM statements "
                                        "WHERE id = c.first_statement)))")
                              or {}).get("n", 0)
    else:
        speakers = rows(conn, "SELECT NULL AS speaker_ref, speaker AS name, NULL AS type, "
                              "count(*) AS statements FROM statements WHERE speaker IS NOT NULL "
                              "GROUP BY speaker ORDER BY statements DESC, speaker LIMIT ?", (HOME_ROWS,))
        counts["speakers"] = (one(conn, "SELECT count(DISTINCT speaker) AS n FROM statements")
                              or {}).get("n", 0)
        counts["clusters"] = 0
    found = None
    if search is not None and fts_query(search):
        found = _with_links(conn, c, "s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts "
                                     "MATCH ? ORDER BY rowid DESC LIMIT ?)",
                            (fts_query(search), SEARCH_ROWS), "s.id DESC", SEARCH_ROWS)
    return {"counts": counts, "latest": latest, "speakers": speakers, "found": found,
            "linked": c.linked}


def fts_query(words: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: each word a quoted phrase."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words.split())


# --- statement ------------------------------------------------------------------------------------
def statement(conn: sqlite3.Connection, statement_id: int) -> Row | None:
    """One statement with its article's text and metadata, its links, and the other pieces of its
    group (a quote interrupted by its attribution)."""
    c = corpus(conn)
    row = one(conn, f"SELECT s.*, a.id AS article_id, a.outlet, a.published, a.headline, a.url, "
                    f"a.source, a.text AS article_text, {c.link_columns()} FROM statements s "
                    f"JOIN articles a ON a.id = s.article {c.link_join()} WHERE s.id = ?",
              (statement_id,))
    if row is None:
        return None
    row["reported_by"] = _json_list(row.get("reported_by"))
    row["cluster_size"] = None
    if row["cluster"] is not None:
        size = one(conn, "SELECT statements, outlets FROM clusters WHERE id = ?", (row["cluster"],))
        row["cluster_size"] = size["statements"] if size else None
    if row["speaker_ref"] is not None:
        named = one(conn, "SELECT name FROM speakers WHERE id = ?", (row["speaker_ref"],))
        row["speaker_name"] = named["name"] if named else row["speaker"]
    else:
        row["speaker_name"] = row["speaker"]
    row["group_pieces"] = (
        rows(conn, 'SELECT id, "text", kind FROM statements WHERE article = ? AND "group" = ? '
                   "AND id != ? ORDER BY ordinal", (row["article"], row["group"], statement_id))
        if row.get("group") else [])
    return row


def _json_list(value: str | None) -> list[str]:
    if not value:
        return []
    try:
        items = json.loads(value)
    except ValueError:
        return [value]
    return [str(x) for x in items] if isinstance(items, list) else [str(items)]


# --- article --------------------------------------------------------------------------------------
def article(conn: sqlite3.Connection, article_id: int) -> Row | None:
    """The article with all its statements in text order (each with its offsets and links)."""
    c = corpus(conn)
    row = one(conn, "SELECT id, hash, source, article_id, url, outlet, published, headline, language, "
                    "languages, text FROM articles WHERE id = ?", (article_id,))
    if row is None:
        return None
    row["languages"] = _json_list(row.get("languages"))
    row["statements"] = rows(
        conn, f'SELECT s.id, s.kind, s."start", s."end", s."text", s.speaker, s.speaker_mention, '
              f"s.speaker_start, s.speaker_end, s.speaker_role, s.cue, s.cue_start, s.cue_end, s.said_on, "
              f"{c.link_columns()} FROM statements s {c.link_join()} WHERE s.article = ? ORDER BY s.ordinal",
        (article_id,))
    return row


# --- speaker --------------------------------------------------------------------------------------
def speaker(conn: sqlite3.Connection, speaker_id: int, offset: int = 0) -> Row | None:
    """A linked speaker: name, aliases, roles over time, the day of each statement, and one page of
    statements (newest first)."""
    c = corpus(conn)
    if not c.tables:
        return None
    row = one(conn, "SELECT id, key, name, type, statements, first_said, last_said FROM speakers "
                    "WHERE id = ?", (speaker_id,))
    if row is None:
        return None
    row["aliases"] = rows(conn, "SELECT alias, language, statements FROM aliases WHERE speaker = ? "
                                "ORDER BY statements DESC, alias", (speaker_id,))
    row["roles"] = rows(conn, "SELECT role, first_seen, last_seen, statements FROM speaker_roles "
                              "WHERE speaker = ? ORDER BY coalesce(first_seen, '9999'), role", (speaker_id,))
    join = "JOIN statement_links w ON w.statement = s.id"
    row["days"] = [r[0] for r in conn.execute(
        f"SELECT {STATEMENT_DAY} FROM statement_links w JOIN statements s ON s.id = w.statement "
        "JOIN articles a ON a.id = s.article WHERE w.speaker = ?", (speaker_id,))]
    row["total"] = len(row["days"])
    row["list"] = _with_links(conn, c, "w.speaker = ?", (speaker_id,), f"{STATEMENT_DAY} DESC, s.id DESC",
                              PAGE_SIZE, offset, join)
    row["linked"] = True
    return row


def speaker_by_name(conn: sqlite3.Connection, name: str, offset: int = 0) -> Row | None:
    """A speaker known only by the name the pipeline gave (an un-linked store): the mentions and roles
    its statements carry stand in for aliases and roles."""
    c = corpus(conn)
    total = conn.execute("SELECT count(*) FROM statements WHERE speaker = ?", (name,)).fetchone()[0]
    if not total:
        return None
    aliases = rows(conn, "SELECT speaker_mention AS alias, language, count(*) AS statements "
                         "FROM statements WHERE speaker = ? AND speaker_mention IS NOT NULL "
                         "GROUP BY speaker_mention, language ORDER BY statements DESC, alias", (name,))
    roles = rows(conn, f"SELECT s.speaker_role AS role, min({STATEMENT_DAY}) AS first_seen, "
                       f"max({STATEMENT_DAY}) AS last_seen, count(*) AS statements FROM statements s "
                       "JOIN articles a ON a.id = s.article "
                       "WHERE s.speaker = ? AND s.speaker_role IS NOT NULL "
                       "GROUP BY s.speaker_role ORDER BY coalesce(first_seen, '9999'), role", (name,))
    kinds = one(conn, "SELECT speaker_type FROM statements WHERE speaker = ? AND speaker_type IS NOT NULL "
                      "GROUP BY speaker_type ORDER BY count(*) DESC LIMIT 1", (name,))
    days = [r[0] for r in conn.execute(
        f"SELECT {STATEMENT_DAY} FROM statements s JOIN articles a ON a.id = s.article WHERE s.speaker = ?",
        (name,))]
    dated = sorted(d for d in days if d)
    return {
        "id": None, "name": name, "type": kinds["speaker_type"] if kinds else None, "aliases": aliases,
        "roles": roles, "days": days, "total": total, "statements": total,
        "first_said": dated[0] if dated else None, "last_said": dated[-1] if dated else None,
        "list": _with_links(conn, c, "s.speaker = ?", (name,), f"{STATEMENT_DAY} DESC, s.id DESC",
                            PAGE_SIZE, offset),
        "linked": False,
    }


def speaker_for_name(conn: sqlite3.Connection, name: str) -> int | None:
    """The linked speaker most of the statements under this name belong to, if the store is linked."""
    if not corpus(conn).linked:
        return None
    found = conn.execute(
        "SELECT l.speaker FROM statements s JOIN statement_links l ON l.statement = s.id "
        "WHERE s.speaker = ? AND l.speaker IS NOT NULL GROUP BY l.speaker ORDER BY count(*) DESC LIMIT 1",
        (name,)).fetchone()
    return int(found[0]) if found else None


# --- cluster --------------------------------------------------------------------------------------
def cluster(conn: sqlite3.Connection, cluster_id: int) -> Row | None:
    """A cluster of the same words reprinted: every appearance, earliest first, with its outlet."""
    c = corpus(conn)
    if not c.tables:
        return None
    row = one(conn, 'SELECT c.id, c."text", c.speaker AS speaker_ref, sp.name AS speaker_name, '
                    "c.first_statement, c.first_seen, c.first_outlet, c.statements, c.outlets "
                    "FROM clusters c LEFT JOIN speakers sp ON sp.id = c.speaker WHERE c.id = ?",
              (cluster_id,))
    if row is None:
        return None
    row["appearances"] = rows(
        conn, f"SELECT {_LIST_COLUMNS}, l.speaker AS speaker_ref, l.cluster, l.relation, "
              f"{STATEMENT_DAY} AS day FROM statement_links l JOIN statements s ON s.id = l.statement "
              f"JOIN articles a ON a.id = s.article WHERE l.cluster = ? "
              f"ORDER BY day IS NULL, day, l.relation != 'first', s.id", (cluster_id,))
    row["outlet_names"] = sorted({r["outlet"] for r in row["appearances"] if r["outlet"]})
    return row
