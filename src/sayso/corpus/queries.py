"""Questions over a linked store, answered as plain dicts: search, a speaker, a cluster, the totals.

Every statement row carries the same fields (``STATEMENT_ROW``): the statement, its linked speaker
(the canonical name and the ``speakers`` id), its cluster and how it joined it, and the article it
appeared in. Lists are generators or bounded by ``limit``, so a large store never sits in memory.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ..errors import SaysoError
from ..store import Store
from .names import clean
from .names import key as name_key

KINDS = ("direct", "indirect", "mixed")
SORTS = ("rank", "date")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# The date a statement was said (said_on; a month or a year counts as its first day), else the day its
# article was published.
SAID_DATE = "substr(coalesce(s.said_on, a.published) || '-01-01', 1, 10)"

STATEMENT_ROW = (
    "s.id AS statement, s.statement_id, s.kind, s.\"text\", s.\"language\", "
    "coalesce(sp.name, s.speaker) AS speaker, l.speaker AS speaker_entity, sp.type AS speaker_type, "
    "s.speaker_mention AS mention, s.speaker_role AS role, s.cue, s.said_on, s.said_on_precision, "
    "s.venue, s.reported_by, s.confidence, l.cluster, l.relation, a.id AS article, a.article_id, "
    "a.outlet, a.published, a.url, a.headline")
_FROM = ("statements s JOIN articles a ON a.id = s.article "
         "LEFT JOIN statement_links l ON l.statement = s.id LEFT JOIN speakers sp ON sp.id = l.speaker")
_FTS_JOIN = "JOIN " + _FROM.replace("statements s JOIN", "statements s ON s.id = f.rowid JOIN", 1)


class QueryError(SaysoError):
    """A question the store cannot answer as asked: an unknown speaker or cluster, a bad filter."""

    reason = "query"


def _row(r: dict[str, Any]) -> dict[str, Any]:
    if isinstance(r.get("reported_by"), str):
        r["reported_by"] = json.loads(r["reported_by"])
    return r


def _check_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    if not _DATE.match(value):
        raise QueryError(f"{option} takes a date like 2024-10-18 (or 2024-10, or 2024), not {value!r}")
    return (value + "-01-01")[:10]


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: every word must occur ("word*" matches its beginning), a text
    in double quotation marks is a phrase; FTS5 syntax characters are taken literally."""
    text = text.strip()
    terms = []
    if len(text) > 1 and text[0] == text[-1] == '"' and text[1:-1].strip():
        return '"' + text[1:-1].strip().replace('"', '""') + '"'
    text = text.strip('"')
    for word in text.split():
        star = word.endswith("*")
        core = word.rstrip("*").replace('"', '""')
        if core:
            terms.append(f'"{core}"' + ("*" if star else ""))
    if not terms:
        raise QueryError("give some words to search for, e.g. sayso search \"very bad things\"")
    return " ".join(terms)


def speaker_ids(store: Store, name: str) -> list[int]:
    """The speakers a name can mean, most quoted first: an id, or any alias in any script ("Умеров"
    finds Rustem Umerov, and any other Umerov)."""
    if name.strip().isdigit():
        found = store.conn.execute("SELECT id FROM speakers WHERE id = ?", (int(name),)).fetchall()
        return [r[0] for r in found]
    k = name_key(clean(name))
    if not k:
        return []
    rows = store.conn.execute(
        'SELECT sp.id FROM aliases al JOIN speakers sp ON sp.id = al.speaker WHERE al."key" = ? '
        "GROUP BY sp.id ORDER BY sp.statements DESC, sp.id", (k,)).fetchall()
    if not rows:  # a full name the corpus has only as "First Last" in another order, or a surname
        rows = store.conn.execute(
            "SELECT id FROM speakers WHERE key = ? OR key = ? OR key LIKE ? ORDER BY statements DESC, id",
            (f"person:{k}", f"org:{k}", f"person:% {k}")).fetchall()
    return [r[0] for r in rows]


def _one_speaker(store: Store, name: str) -> list[int]:
    ids = speaker_ids(store, name)
    if not ids:
        raise QueryError(f"no speaker named {name!r} in the store; `sayso stats` lists the most quoted "
                         "ones, `sayso search WORDS` finds statements by their words")
    return ids


def search(store: Store, text: str | None = None, *, speaker: str | None = None,
           since: str | None = None, until: str | None = None, lang: str | None = None,
           kind: str | None = None, outlet: str | None = None, limit: int = 50,
           sort: str = "rank") -> Iterator[dict[str, Any]]:
    """Statements whose words (or speaker's name, in any of its spellings) match ``text``, filtered;
    best match first (``sort="rank"``) or earliest first (``sort="date"``)."""
    if kind is not None and kind not in KINDS:
        raise QueryError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    where: list[str] = []
    params: list[Any] = []
    if speaker is not None:
        ids = _one_speaker(store, speaker)
        where.append(f"l.speaker IN ({', '.join('?' * len(ids))})")
        params += ids
    for value, op, option in ((since, ">=", "--since"), (until, "<=", "--until")):
        d = _check_date(value, option)
        if d is not None:
            where.append(f"{SAID_DATE} {op} ?")
            params.append(d)
    for value, column in ((lang, 's."language"'), (kind, 's."kind"')):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if outlet is not None:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    order = f"{SAID_DATE}, a.published, s.article, s.ordinal"
    if text is not None and text.strip():
        match = fts_query(text)
        names = _alias_names(store, text)
        if names:
            match = f"({match}) OR speaker : ({' OR '.join(_phrase(n) for n in names)})"
        sql = f"SELECT {STATEMENT_ROW} FROM statements_fts f {_FTS_JOIN} WHERE statements_fts MATCH ?"
        params.insert(0, match)
        if sort == "rank":
            order = "f.rank"
    else:
        sql = f"SELECT {STATEMENT_ROW} FROM {_FROM} WHERE 1"
    for w in where:
        sql += f" AND {w}"
    sql += f" ORDER BY {order} LIMIT ?"
    params.append(max(0, limit))
    for r in store.query(sql, params):
        yield _row(r)


def _phrase(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _alias_names(store: Store, text: str) -> list[str]:
    """Every alias of the speakers ``text`` names (empty when it names none)."""
    k = name_key(clean(text))
    if not k:
        return []
    rows = store.conn.execute(
        'SELECT DISTINCT a2.alias FROM aliases a1 JOIN aliases a2 ON a2.speaker = a1.speaker '
        'WHERE a1."key" = ? LIMIT 200', (k,)).fetchall()
    return sorted({r[0] for r in rows})


def speaker(store: Store, name: str, *, recent: int = 10) -> dict[str, Any]:
    """One speaker: name, type, counts, aliases, roles with the dates they were seen, a weekly
    timeline, the outlets that carried it, its most reprinted quotes, its latest statements, and the
    other speakers the same name can mean."""
    ids = _one_speaker(store, name)
    sid = ids[0]
    out = next(store.query("SELECT id, key, name, type, statements, first_said, last_said FROM speakers "
                           "WHERE id = ?", (sid,)))
    out["aliases"] = list(store.query(
        "SELECT alias, language, statements FROM aliases WHERE speaker = ? "
        "ORDER BY statements DESC, alias", (sid,)))
    out["roles"] = list(store.query(
        "SELECT role, first_seen, last_seen, statements FROM speaker_roles WHERE speaker = ? "
        "ORDER BY first_seen, role", (sid,)))
    weeks: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    for said, outlet in store.conn.execute(
            f"SELECT {SAID_DATE}, a.outlet FROM statement_links l JOIN statements s ON s.id = l.statement "
            "JOIN articles a ON a.id = s.article WHERE l.speaker = ?", (sid,)):
        w = week_of(said)
        if w:
            weeks[w] += 1
        if outlet:
            outlets[outlet] += 1
    out["timeline"] = [{"week": w, "statements": n} for w, n in sorted(weeks.items())]
    out["outlets"] = [{"outlet": o, "statements": n} for o, n in outlets.most_common(10)]
    out["quotes"] = list(store.query(
        'SELECT id AS cluster, "text", statements, outlets, first_seen, first_outlet FROM clusters '
        "WHERE speaker = ? AND statements > 1 ORDER BY statements DESC, id LIMIT 5", (sid,)))
    out["recent"] = [_row(r) for r in store.query(
        f"SELECT {STATEMENT_ROW} FROM {_FROM} WHERE l.speaker = ? "
        f"ORDER BY {SAID_DATE} DESC, s.id DESC LIMIT ?", (sid, recent))]
    out["others"] = list(store.query(
        f"SELECT id, name, type, statements FROM speakers WHERE id IN ({', '.join('?' * len(ids[1:]))}) "
        "ORDER BY statements DESC, id", ids[1:])) if len(ids) > 1 else []
    return out


def week_of(day: str | None) -> str | None:
    """The ISO week of a date ("2024-10-18" → "2024-W42"); None when the date is not a day."""
    if not day:
        return None
    try:
        y, w, _ = date.fromisoformat(day[:10]).isocalendar()
    except ValueError:
        return None
    return f"{y}-W{w:02d}"


def week_start(week: str) -> date:
    y, w = week.split("-W")
    return date.fromisocalendar(int(y), int(w), 1)


def weeks_between(first: str, last: str) -> list[str]:
    """Every ISO week from ``first`` to ``last``, both included."""
    d, end = week_start(first), week_start(last)
    out = []
    while d <= end:
        y, w, _ = d.isocalendar()
        out.append(f"{y}-W{w:02d}")
        d += timedelta(days=7)
    return out


def cluster(store: Store, cluster_id: int) -> dict[str, Any]:
    """One quote cluster and every appearance of it, earliest first."""
    found = list(store.query(
        'SELECT c.id, c."text", c.speaker AS speaker_entity, sp.name AS speaker, c.first_statement, '
        "c.first_seen, c.first_outlet, c.statements, c.outlets FROM clusters c "
        "LEFT JOIN speakers sp ON sp.id = c.speaker WHERE c.id = ?", (cluster_id,)))
    if not found:
        raise QueryError(f"no cluster {cluster_id} in the store; `sayso search WORDS` shows the cluster "
                         "of each statement it finds")
    out = found[0]
    out["appearances"] = [_row(r) for r in store.query(
        f"SELECT {STATEMENT_ROW} FROM {_FROM} WHERE l.cluster = ? "
        "ORDER BY coalesce(a.published, '9999'), s.article, s.ordinal", (cluster_id,))]
    return out


def stats(store: Store, top: int = 10) -> dict[str, Any]:
    """Totals of the store and its most quoted speakers, outlets and most reprinted quotes."""
    one = store.conn.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM statements), "
        "(SELECT count(*) FROM statement_links WHERE speaker IS NOT NULL), (SELECT count(*) FROM speakers), "
        "(SELECT count(*) FROM clusters WHERE statements > 1), "
        "(SELECT coalesce(sum(statements), 0) FROM clusters WHERE statements > 1), "
        "(SELECT count(*) FROM skips), (SELECT min(published) FROM articles), "
        "(SELECT max(published) FROM articles), "
        "(SELECT count(*) FROM statements s LEFT JOIN statement_links l ON l.statement = s.id "
        "WHERE l.statement IS NULL)").fetchone()
    names = ("articles", "statements", "linked_statements", "speakers", "clusters", "clustered_statements",
             "skips", "first_published", "last_published", "unlinked_statements")
    out: dict[str, Any] = dict(zip(names, one, strict=True))
    out["speaker_types"] = dict(store.conn.execute(
        "SELECT type, count(*) FROM speakers GROUP BY type ORDER BY count(*) DESC").fetchall())
    out["languages"] = dict(store.conn.execute(
        'SELECT coalesce("language", \'?\'), count(*) FROM statements GROUP BY 1 ORDER BY 2 DESC').fetchall())
    out["kinds"] = dict(store.conn.execute(
        'SELECT "kind", count(*) FROM statements GROUP BY 1 ORDER BY 2 DESC').fetchall())
    out["top_speakers"] = list(store.query(
        "SELECT id, name, type, statements FROM speakers ORDER BY statements DESC, id LIMIT ?", (top,)))
    out["top_outlets"] = list(store.query(
        "SELECT a.outlet, count(*) AS statements FROM statements s JOIN articles a ON a.id = s.article "
        "WHERE a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY statements DESC, a.outlet LIMIT ?", (top,)))
    out["top_clusters"] = list(store.query(
        'SELECT c.id, c."text", sp.name AS speaker, c.statements, c.outlets, c.first_seen, c.first_outlet '
        "FROM clusters c LEFT JOIN speakers sp ON sp.id = c.speaker WHERE c.statements > 1 "
        "ORDER BY c.statements DESC, c.id LIMIT ?", (top,)))
    return out


def speakers(store: Store, *, type: str | None = None, limit: int = 100) -> Iterator[dict[str, Any]]:
    """Speakers, most quoted first (of one type: person, organisation, media, group)."""
    sql = "SELECT id, key, name, type, statements, first_said, last_said FROM speakers"
    params: list[Any] = []
    if type is not None:
        sql += " WHERE type = ?"
        params.append(type)
    yield from store.query(sql + " ORDER BY statements DESC, id LIMIT ?", [*params, limit])


def clusters(store: Store, *, min_statements: int = 2, limit: int = 100) -> Iterator[dict[str, Any]]:
    """Quote clusters, most reprinted first."""
    yield from store.query(
        'SELECT c.id, c."text", sp.name AS speaker, c.statements, c.outlets, c.first_seen, c.first_outlet '
        "FROM clusters c LEFT JOIN speakers sp ON sp.id = c.speaker WHERE c.statements >= ? "
        "ORDER BY c.statements DESC, c.id LIMIT ?", (min_statements, limit))
