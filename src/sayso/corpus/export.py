"""The store's statements and networks for other tools.

- ``jsonl`` / ``csv`` / ``parquet``: one row per statement (``EXPORT_COLUMNS``): the statement as the
  output contract has it, its canonical speaker, its quote cluster and how it joined it, its article.
- ``graphml``: one graph for Gephi and networkx: speakers, quote clusters and outlets as nodes (``kind``
  says which), edges ``said`` (speaker → cluster, ``weight`` = statements) and ``carried`` (speaker →
  outlet, ``weight`` = statements the outlet carried). Clusters of fewer than ``min_cluster``
  statements are left out (a quote printed once is no network tie).
- ``dna``: a CSV statements table shaped like the Discourse Network Analyzer's (id, document, title,
  source, date, actor, organisation, concept, agreement, text). A person is an ``actor``; an
  organisation, an outlet or a group is an ``organisation``; ``concept`` and ``agreement`` are not
  known to sayso and stay empty, as does anything else unknown.

Parquet needs pyarrow and GraphML networkx: both come with ``pip install 'sayso[export]'``.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import SaysoError
from ..store import Store

FORMATS = ("jsonl", "csv", "parquet", "graphml", "dna")
BINARY_FORMATS = ("parquet", "graphml")

# (column, SQL, parquet type): the statement as stored, its speaker as linked, its cluster, its article
EXPORT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("statement", "s.id", "int64"),
    ("statement_id", "s.statement_id", "string"),
    ("article", "a.id", "int64"),
    ("article_id", "a.article_id", "string"),
    ("outlet", "a.outlet", "string"),
    ("published", "a.published", "string"),
    ("url", "a.url", "string"),
    ("headline", "a.headline", "string"),
    ("kind", 's."kind"', "string"),
    ("start", 's."start"', "int64"),
    ("end", 's."end"', "int64"),
    ("text", 's."text"', "string"),
    ("language", 's."language"', "string"),
    ("group", 's."group"', "string"),
    ("speaker", "coalesce(sp.name, s.speaker)", "string"),
    ("speaker_entity", "l.speaker", "int64"),
    ("speaker_type", "coalesce(sp.type, s.speaker_type)", "string"),
    ("speaker_in_article", "s.speaker", "string"),
    ("speaker_mention", "s.speaker_mention", "string"),
    ("speaker_role", "s.speaker_role", "string"),
    ("cue", "s.cue", "string"),
    ("said_on", "s.said_on", "string"),
    ("said_on_precision", "s.said_on_precision", "string"),
    ("said_on_text", "s.said_on_text", "string"),
    ("venue", "s.venue", "string"),
    ("reported_by", "s.reported_by", "list<string>"),
    ("confidence", "s.confidence", "double"),
    ("cluster", "l.cluster", "int64"),
    ("relation", "l.relation", "string"),
    ("pipeline_version", "s.pipeline_version", "string"),
)
EXPORT_COLUMNS = tuple(f[0] for f in EXPORT_FIELDS)
DNA_COLUMNS = ("id", "document", "title", "source", "date", "actor", "organisation", "concept",
               "agreement", "text")


class ExportError(SaysoError):
    """An export cannot be written: a missing optional package, a format that needs a file."""

    reason = "export"


def statement_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every statement with its links and article, in article and text order (``reported_by`` a list)."""
    sql = ("SELECT " + ", ".join(f'{expr} AS "{name}"' for name, expr, _ in EXPORT_FIELDS)
           + " FROM statements s JOIN articles a ON a.id = s.article "
           "LEFT JOIN statement_links l ON l.statement = s.id LEFT JOIN speakers sp ON sp.id = l.speaker "
           "ORDER BY s.article, s.ordinal")
    for r in store.query(sql):
        if isinstance(r["reported_by"], str):
            r["reported_by"] = json.loads(r["reported_by"])
        yield r


def write_jsonl(store: Store, out: IO[str]) -> int:
    n = 0
    for r in statement_rows(store):
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(store: Store, out: IO[str]) -> int:
    """CSV with a header; ``reported_by`` joined with "; "."""
    w = csv.writer(out)
    w.writerow(EXPORT_COLUMNS)
    n = 0
    for r in statement_rows(store):
        r["reported_by"] = "; ".join(r["reported_by"] or [])
        w.writerow(["" if r[c] is None else r[c] for c in EXPORT_COLUMNS])
        n += 1
    return n


def write_dna(store: Store, out: IO[str]) -> int:
    """The statements as the Discourse Network Analyzer's statement table (see the module docstring)."""
    w = csv.writer(out)
    w.writerow(DNA_COLUMNS)
    n = 0
    for r in statement_rows(store):
        person = r["speaker_type"] == "person"
        collective = r["speaker_type"] in ("organisation", "media", "group")
        speaker = r["speaker"] or ""
        w.writerow([r["statement_id"], r["article_id"] or f"article-{r['article']}", r["headline"] or "",
                    r["outlet"] or "", r["said_on"] or r["published"] or "",
                    speaker if person else "", speaker if collective else "", "", "", r["text"]])
        n += 1
    return n


def _need(module: str, what: str) -> Any:
    try:
        return __import__(module)
    except ImportError as e:
        raise ExportError(f"{what} needs the {module} package: pip install 'sayso[export]'") from e


def write_parquet(store: Store, path: Path, batch_rows: int = 50_000) -> int:
    """Parquet via pyarrow, written in row groups of ``batch_rows`` (memory stays bounded)."""
    pa = _need("pyarrow", "Parquet export")
    import pyarrow.parquet as pq

    types = {"int64": pa.int64(), "string": pa.string(), "double": pa.float64(),
             "list<string>": pa.list_(pa.string())}
    schema = pa.schema([(name, types[kind]) for name, _, kind in EXPORT_FIELDS])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for r in statement_rows(store):
            batch.append(r)
            if len(batch) >= batch_rows:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def network(store: Store, min_cluster: int = 2) -> Any:
    """The speaker–cluster and speaker–outlet network as a ``networkx.Graph``."""
    nx = _need("networkx", "GraphML export")
    g = nx.Graph()
    for sid, name, type_, n in store.conn.execute("SELECT id, name, type, statements FROM speakers"):
        g.add_node(f"speaker:{sid}", kind="speaker", label=name, type=type_ or "", statements=n)
    said: Counter[tuple[int, int]] = Counter()
    carried: Counter[tuple[int, str]] = Counter()
    for speaker, cluster, size, outlet in store.conn.execute(
            "SELECT l.speaker, l.cluster, c.statements, a.outlet FROM statement_links l "
            "JOIN statements s ON s.id = l.statement JOIN articles a ON a.id = s.article "
            "LEFT JOIN clusters c ON c.id = l.cluster WHERE l.speaker IS NOT NULL"):
        if cluster is not None and size is not None and size >= min_cluster:
            said[(speaker, cluster)] += 1
        if outlet:
            carried[(speaker, outlet)] += 1
    for cid, text, n, outlets, first_seen, first_outlet in store.conn.execute(
            'SELECT id, "text", statements, outlets, first_seen, first_outlet FROM clusters '
            "WHERE statements >= ?", (min_cluster,)):
        g.add_node(f"cluster:{cid}", kind="cluster", label=text, statements=n, outlets=outlets,
                   first_seen=first_seen or "", first_outlet=first_outlet or "")
    for outlet in sorted({o for _, o in carried}):
        g.add_node(f"outlet:{outlet}", kind="outlet", label=outlet)
    for (speaker, cluster), n in said.items():
        g.add_edge(f"speaker:{speaker}", f"cluster:{cluster}", relation="said", weight=n)
    for (speaker, outlet), n in carried.items():
        g.add_edge(f"speaker:{speaker}", f"outlet:{outlet}", relation="carried", weight=n)
    return g


def write_graphml(store: Store, path: Path, min_cluster: int = 2) -> int:
    """GraphML of ``network``; returns the number of nodes."""
    nx = _need("networkx", "GraphML export")
    g = network(store, min_cluster)
    nx.write_graphml(g, str(path))
    return int(g.number_of_nodes())


def export(store: Store, fmt: str, out: Path | IO[str], *, min_cluster: int = 2) -> int:
    """Write the store in ``fmt`` to ``out`` (a path; a text stream for jsonl, csv and dna); return
    the number of rows written (nodes for graphml)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in BINARY_FORMATS:
        if not isinstance(out, Path):
            raise ExportError(f"{fmt} is written to a file: give one with -o FILE")
        return write_parquet(store, out) if fmt == "parquet" else write_graphml(store, out, min_cluster)
    writer = {"jsonl": write_jsonl, "csv": write_csv, "dna": write_dna}[fmt]
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as f:
            return writer(store, f)
    return writer(store, out)
