"""A STAND-IN for the corpus linker (issue 6), for the web tests only.

``fill_corpus_tables_for_tests`` fills ``speakers``, ``aliases``, ``speaker_roles``, ``clusters`` and
``statement_links`` (schema V4_CORPUS) with plain SQL derived from the ingested statements: one speaker
per ``alias_key`` of the statement's speaker name, one cluster per normalised text. It is deliberately
simple; when the real linker is merged, the fixtures call it instead and this module goes.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from sayso.speakers.slavic_names import alias_key

_WORDS = re.compile(r"\w+")


def _day(row: dict[str, Any]) -> str | None:
    said = row["said_on"] or ""
    if len(said) == 10:
        return str(said)
    return (row["published"] or "")[:10] or None


def fill_corpus_tables_for_tests(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute(
        "SELECT s.id, s.speaker, s.speaker_mention, s.speaker_type, s.speaker_role, s.language, "
        's.said_on, s."text", a.published, a.outlet FROM statements s JOIN articles a ON a.id = s.article '
        "ORDER BY s.id")]
    people: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["speaker"]:
            people[alias_key(r["speaker"]) or r["speaker"]].append(r)
    speaker_of: dict[int, int] = {}
    with conn:
        for key, said in people.items():
            name = max((r["speaker"] for r in said), key=lambda n: (len(n), n.isascii()))
            days = sorted(d for d in map(_day, said) if d)
            cur = conn.execute(
                "INSERT INTO speakers (key, name, type, statements, first_said, last_said) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (key, name, said[0]["speaker_type"], len(said), days[0] if days else None,
                 days[-1] if days else None))
            sid = int(cur.lastrowid or 0)
            aliases: dict[tuple[str, str | None], int] = defaultdict(int)
            roles: dict[str, list[str | None]] = defaultdict(list)
            for r in said:
                speaker_of[r["id"]] = sid
                for alias in {r["speaker"], r["speaker_mention"]} - {None}:
                    aliases[(alias, r["language"])] += 1
                if r["speaker_role"]:
                    roles[r["speaker_role"]].append(_day(r))
            conn.executemany(
                "INSERT OR IGNORE INTO aliases (speaker, alias, language, statements) VALUES (?, ?, ?, ?)",
                [(sid, a, lang, n) for (a, lang), n in aliases.items()])
            conn.executemany(
                "INSERT INTO speaker_roles (speaker, role, first_seen, last_seen, statements) "
                "VALUES (?, ?, ?, ?, ?)",
                [(sid, role, min((d for d in ds if d), default=None), max((d for d in ds if d), default=None),
                  len(ds)) for role, ds in roles.items()])
        same: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            same[" ".join(_WORDS.findall(r["text"].casefold()))].append(r)
        for members in same.values():
            members.sort(key=lambda r: (_day(r) or "9999", r["id"]))
            first = members[0]
            cur = conn.execute(
                'INSERT INTO clusters ("text", speaker, first_statement, first_seen, first_outlet, '
                "statements, outlets) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (first["text"], speaker_of.get(first["id"]), first["id"], _day(first), first["outlet"],
                 len(members), len({r["outlet"] for r in members if r["outlet"]})))
            cid = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO statement_links (statement, speaker, cluster, relation) VALUES (?, ?, ?, ?)",
                [(r["id"], speaker_of.get(r["id"]), cid, "first" if i == 0 else "exact")
                 for i, r in enumerate(members)])
    conn.close()


def add_alias_for_tests(db: Path, speaker_name: str, alias: str) -> None:
    """One more alias for a speaker (the safety tests give one an HTML payload as a name)."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO aliases (speaker, alias, language, statements) "
                     "SELECT id, ?, 'en', 1 FROM speakers WHERE name = ?", (alias, speaker_name))
    conn.close()
