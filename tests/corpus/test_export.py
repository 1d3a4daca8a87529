"""Every export read back (json, csv, pyarrow, networkx) and checked against the store."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sayso.corpus import Corpus
from sayso.corpus.export import DNA_COLUMNS, EXPORT_COLUMNS, ExportError, statement_rows


def store_rows(corpus: Corpus) -> list[dict[str, Any]]:
    return list(statement_rows(corpus))


def test_jsonl_export_is_the_store(corpus: Corpus) -> None:
    out = io.StringIO()
    n = corpus.export("jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(rows) == corpus.stats()["statements"]
    assert rows == store_rows(corpus)


def test_csv_export_is_the_store(corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "statements.csv"
    corpus.export("csv", path)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = store_rows(corpus)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [(r["statement_id"], r["speaker"], r["cluster"], r["reported_by"]) for r in rows] == [
        (e["statement_id"], e["speaker"] or "", str(e["cluster"]), "; ".join(e["reported_by"] or []))
        for e in expected]


def test_parquet_export_reads_back_with_pyarrow(corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "statements.parquet"
    assert corpus.export("parquet", path) == corpus.stats()["statements"]
    table = pq.read_table(path)
    assert table.column_names == list(EXPORT_COLUMNS)
    assert table.to_pylist() == store_rows(corpus)
    kind = table.schema.field("reported_by").type
    assert pa.types.is_list(kind) and pa.types.is_string(kind.value_type)


def test_graphml_export_reads_back_with_networkx(corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "network.graphml"
    nodes = corpus.export("graphml", path)
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == nodes
    kinds = {k: sum(1 for _, d in g.nodes(data=True) if d["kind"] == k)
             for k in ("speaker", "cluster", "outlet")}
    st = corpus.stats()
    assert kinds == {"speaker": st["speakers"], "cluster": st["clusters"], "outlet": 8}
    rustem = corpus.speaker("Rustem Umerov")
    node = f"speaker:{rustem['id']}"
    assert g.nodes[node]["label"] == "Rustem Umerov"
    carried = {g.nodes[o]["label"]: d["weight"] for _, o, d in g.edges(node, data=True)
               if d["relation"] == "carried"}
    assert carried == {o["outlet"]: o["statements"] for o in rustem["outlets"]}
    said = [d["weight"] for _, c, d in g.edges(node, data=True) if d["relation"] == "said"]
    assert sum(said) == sum(c["statements"] for c in corpus.clusters() if c["speaker"] == "Rustem Umerov")


def test_dna_export_has_the_analyzer_columns(corpus: Corpus) -> None:
    out = io.StringIO()
    corpus.export("dna", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == DNA_COLUMNS
    by_id = {r["id"]: r for r in rows}
    for e in store_rows(corpus):
        r = by_id[e["statement_id"]]
        got = (r["text"], r["source"], r["concept"], r["agreement"])
        assert got == (e["text"], e["outlet"] or "", "", "")
        if e["speaker_type"] == "person" and e["speaker_entity"] is not None:
            assert (r["actor"], r["organisation"]) == (e["speaker"], "")
        if e["speaker_type"] in ("organisation", "media") and e["speaker_entity"] is not None:
            assert (r["actor"], r["organisation"]) == ("", e["speaker"])
    assert by_id and any(r["organisation"] == "Financial Times" for r in rows)


@pytest.mark.parametrize(("fmt", "message"), [
    ("parquet", "give one with -o FILE"),
    ("graphml", "give one with -o FILE"),
    ("xlsx", "unknown export format"),
])
def test_export_errors(corpus: Corpus, fmt: str, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        corpus.export(fmt, io.StringIO())


@pytest.mark.parametrize(("fmt", "module"), [("parquet", "pyarrow"), ("graphml", "networkx")])
def test_a_missing_extra_is_named(corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str,
                                  module: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importing it fails
    with pytest.raises(ExportError, match=rf"needs the {module} package: pip install 'sayso\[export\]'"):
        corpus.export(fmt, tmp_path / "out")
