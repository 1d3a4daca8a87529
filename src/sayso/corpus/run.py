"""Link a whole store: speakers and quote clusters computed from every statement, written back with the
ids they had wherever the same entity or cluster existed before.

Linking is deterministic and order-free: the store after ``ingest A; ingest B`` links like the store
after ``ingest A B``. Ids stay stable: a speaker keeps the id most of its statements were linked to (a
cluster likewise), and a new one gets a fresh id, so links to ``/speaker/12`` keep working after a new
ingest. With ``keep=True`` (the end of ``sayso ingest``) an earlier link also settles a surname that
fits two people equally well; ``sayso link`` (``keep=False``) decides everything afresh.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..store import Store
from .clusters import Cluster, Quote, find_clusters
from .link import Entity, Observation, SpeakerRecord, describe, find_speakers, prepare
from .names import key as name_key

_READ = (
    'SELECT s.id, s.article, s.ordinal, s."text", s."kind", s."language", s.speaker, s.speaker_mention, '
    "s.speaker_type, s.speaker_role, s.said_on, a.published, a.outlet, l.speaker, l.cluster, l.relation "
    "FROM statements s JOIN articles a ON a.id = s.article "
    "LEFT JOIN statement_links l ON l.statement = s.id ORDER BY s.id")


@dataclass(slots=True)
class LinkCounts:
    """What one linking run found and changed."""

    statements: int = 0
    linked: int = 0  # statements with a canonical speaker
    speakers: int = 0
    clusters: int = 0  # clusters of two statements or more
    clustered: int = 0  # statements in those clusters
    changed: int = 0  # statement links written (new or different)
    seconds: float = 0.0


def needs_linking(store: Store) -> bool:
    """Whether some statement has no link yet (a store ingested before linking existed, or a run
    interrupted between writing and linking)."""
    row = store.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM statements s LEFT JOIN statement_links l ON l.statement = s.id "
        "WHERE l.statement IS NULL)").fetchone()
    return bool(row[0])


def link_store(store: Store, *, keep: bool = True,
               on_phase: Callable[[str], None] | None = None) -> LinkCounts:
    """Link every statement of ``store`` to its speaker and its quote cluster, in one transaction."""
    started = time.monotonic()
    say = on_phase or (lambda _: None)
    say("reading statements")
    rows = store.conn.execute(_READ).fetchall()
    say("linking speakers")
    observations = _observations(rows)
    entities = find_speakers(observations, use_prior=keep)
    say("clustering quotes")
    quotes = _quotes(rows, entities)
    clusters = find_clusters(quotes)
    if any(o.ambiguous for o in observations):
        entities = find_speakers(observations, _cluster_context(quotes, clusters, entities), use_prior=keep)
    records = [describe(e) for e in entities]
    say("writing links")
    counts = _write(store, rows, records, quotes, clusters)
    counts.seconds = time.monotonic() - started
    return counts


def _date(said_on: str | None, published: str | None) -> str | None:
    return said_on or published


def _observations(rows: list[Any]) -> list[Observation]:
    by: dict[tuple[int, str, str], Observation] = {}
    for (sid, article, _ord, _text, _kind, lang, speaker, mention, stype, role, said_on, published,
         _outlet, old_speaker, _oc, _or) in rows:
        if not speaker or stype == "anonymous":
            continue
        kind = stype or "person"
        o = by.get((article, speaker, kind))
        if o is None:
            o = by[(article, speaker, kind)] = Observation(article, speaker, kind, lang)
        o.add(sid, mention, role, _date(said_on, published), old_speaker, lang)
    return [prepare(o) for o in by.values()]


def _quotes(rows: list[Any], entities: list[Entity]) -> list[Quote]:
    # the speaker label: a person by surname (the same words by two people of one surname are rare,
    # and an ambiguous "Umerov" must still meet Rustem Umerov's quotes), anything else by entity
    label: dict[int, str] = {}
    for n, e in enumerate(entities):
        tag = f"p:{e.surname_key}" if e.kind == "person" else f"e:{n}"
        for sid in e.statements:
            label[sid] = tag
    return [Quote(r[0], r[3], r[4], (r[11] or "9999", r[1], r[2]), r[12], label.get(r[0])) for r in rows]


def _cluster_context(quotes: list[Quote], clusters: list[Cluster], entities: list[Entity]
                     ) -> Callable[[Observation, list[Entity]], Entity | None]:
    """For a surname that fits several people: the one person the statement's cluster-mates were
    linked to, when exactly one of the candidates has such votes."""
    cluster_of: dict[int, int] = {}
    for c, cl in enumerate(clusters):
        for i in cl.members:
            cluster_of[quotes[i].statement] = c
    owner: dict[int, Entity] = {}
    for e in entities:
        for o in e.observations:
            if not o.ambiguous:
                for sid in o.statements:
                    owner[sid] = e

    def context(o: Observation, cands: list[Entity]) -> Entity | None:
        mine = set(o.statements)
        votes: Counter[int] = Counter()
        for sid in o.statements:
            c = cluster_of.get(sid)
            if c is None:
                continue
            for i in clusters[c].members:
                other = quotes[i].statement
                e = owner.get(other)
                if other in mine or e is None:
                    continue
                for n, cand in enumerate(cands):
                    if _same_entity(cand, e):
                        votes[n] += 1
        return cands[votes.most_common(1)[0][0]] if len(votes) == 1 else None

    return context


def _same_entity(a: Entity, b: Entity) -> bool:
    """Entities of two linking passes that hold the same first observation are the same."""
    return bool(a.observations) and bool(b.observations) and a.observations[0] is b.observations[0]


def _assign_ids(wanted: list[tuple[Counter[int], str]], old_by_key: dict[str, int],
                first_free: int) -> list[int]:
    """An id for each new record: the old id most of its statements had, else the old id of its key,
    else a fresh one; biggest records choose first, each old id is given once."""
    ids = [0] * len(wanted)
    taken: set[int] = set()
    order = sorted(range(len(wanted)), key=lambda i: -sum(wanted[i][0].values()))
    for i in order:
        prior, k = wanted[i]
        pick = next((old for old, _ in prior.most_common() if old not in taken), 0)
        if not pick and old_by_key.get(k, 0) not in taken:
            pick = old_by_key.get(k, 0)
        if pick:
            ids[i] = pick
            taken.add(pick)
    nxt = max([first_free, *taken]) + 1
    for i in order:
        if not ids[i]:
            ids[i] = nxt
            nxt += 1
    return ids


def _write(store: Store, rows: list[Any], records: list[SpeakerRecord], quotes: list[Quote],
           clusters: list[Cluster]) -> LinkCounts:
    conn = store.conn
    counts = LinkCounts(statements=len(rows), speakers=len(records))
    old_speakers = dict(conn.execute("SELECT key, id FROM speakers").fetchall())
    max_speaker = conn.execute("SELECT coalesce(max(id), 0) FROM speakers").fetchone()[0]
    keys = _unique_keys([r.key for r in records])
    speaker_ids = _assign_ids([(r.prior, k) for r, k in zip(records, keys, strict=True)], old_speakers,
                              max_speaker)
    speaker_of: dict[int, int] = {}
    for r, sid in zip(records, speaker_ids, strict=True):
        for st in r.statements:
            speaker_of[st] = sid
    counts.linked = len(speaker_of)
    old_cluster = {r[0]: r[14] for r in rows if r[14] is not None}
    max_cluster = conn.execute("SELECT coalesce(max(id), 0) FROM clusters").fetchone()[0]
    cluster_ids = _assign_ids(
        [(Counter(old_cluster[quotes[i].statement] for i in cl.members if quotes[i].statement in old_cluster),
          "") for cl in clusters], {}, max_cluster)
    old_links = {r[0]: (r[13], r[14], r[15]) for r in rows}
    links: list[tuple[int, int | None, int, str]] = []
    cluster_rows = []
    for cl, cid in zip(clusters, cluster_ids, strict=True):
        first = quotes[cl.members[0]]
        outlets = {quotes[i].outlet for i in cl.members if quotes[i].outlet}
        said_by = Counter(speaker_of[quotes[i].statement] for i in cl.members
                          if quotes[i].statement in speaker_of)
        cluster_rows.append((cid, cl.text, said_by.most_common(1)[0][0] if said_by else None,
                             first.statement, None if first.order[0] == "9999" else first.order[0],
                             first.outlet, len(cl.members), len(outlets)))
        if len(cl.members) > 1:
            counts.clusters += 1
            counts.clustered += len(cl.members)
        for i, rel in zip(cl.members, cl.relations, strict=True):
            st = quotes[i].statement
            link = (st, speaker_of.get(st), cid, rel)
            if old_links.get(st) != link[1:]:
                links.append(link)
    counts.changed = len(links)
    with store._transaction():
        # keys move between rows (a speaker renamed, two merged): park them out of the way first
        conn.execute("UPDATE speakers SET key = '~' || id")
        conn.execute("DELETE FROM aliases")
        conn.execute("DELETE FROM speaker_roles")
        conn.executemany(
            "INSERT INTO speakers (id, key, name, type, statements, first_said, last_said) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET key = excluded.key, "
            "name = excluded.name, type = excluded.type, statements = excluded.statements, "
            "first_said = excluded.first_said, last_said = excluded.last_said",
            [(sid, k, r.name, r.type, len(r.statements), r.first_said, r.last_said)
             for r, k, sid in zip(records, keys, speaker_ids, strict=True)])
        conn.executemany(
            'INSERT INTO aliases (speaker, alias, language, statements, "key") VALUES (?, ?, ?, ?, ?)',
            [(sid, alias, lang, n, name_key(alias))
             for r, sid in zip(records, speaker_ids, strict=True) for alias, lang, n in r.aliases])
        conn.executemany(
            "INSERT INTO speaker_roles (speaker, role, first_seen, last_seen, statements) "
            "VALUES (?, ?, ?, ?, ?)",
            [(sid, *role) for r, sid in zip(records, speaker_ids, strict=True) for role in r.roles])
        conn.executemany(
            'INSERT INTO clusters (id, "text", speaker, first_statement, first_seen, first_outlet, '
            "statements, outlets) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            '"text" = excluded."text", speaker = excluded.speaker, '
            "first_statement = excluded.first_statement, first_seen = excluded.first_seen, "
            "first_outlet = excluded.first_outlet, statements = excluded.statements, "
            "outlets = excluded.outlets", cluster_rows)
        conn.executemany(
            "INSERT INTO statement_links (statement, speaker, cluster, relation) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(statement) DO UPDATE SET speaker = excluded.speaker, "
            "cluster = excluded.cluster, relation = excluded.relation", links)
        conn.execute("DELETE FROM speakers WHERE key LIKE '~%'")
        conn.execute("DELETE FROM clusters WHERE id NOT IN (SELECT cluster FROM statement_links "
                     "WHERE cluster IS NOT NULL)")
    return counts


def _unique_keys(keys: list[str]) -> list[str]:
    """Keys made unique (two people of one name whose roles conflict: "person:x y", "person:x y #2")."""
    seen: Counter[str] = Counter()
    out = []
    for k in keys:
        seen[k] += 1
        out.append(k if seen[k] == 1 else f"{k} #{seen[k]}")
    return out
