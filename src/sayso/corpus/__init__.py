"""The corpus layer: one speaker and one quote across the whole store.

- ``link``: speaker linking (mentions in any article, language, script or case → one ``speakers`` row);
- ``clusters`` and ``minhash``: quote clusters, DESIGN.md's ``dedupe`` stage (exact, near, fragment);
- ``run``: both over a store, written back with stable ids (``link_store``);
- ``queries``: search, a speaker, a cluster, totals, as plain dicts;
- ``export``: jsonl, csv, parquet, graphml, dna.

``Corpus`` is the store ``sayso.open_store`` returns: a ``Store`` with these questions as methods.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ..model import Article, Statement
from ..store import Store
from . import export as _export
from . import queries as _q
from .queries import QueryError
from .run import LinkCounts, link_store, needs_linking

__all__ = ["Corpus", "LinkCounts", "QueryError", "link_store", "needs_linking"]


class Corpus(Store):
    """A statement store with the corpus questions (``sayso.open_store(path)``)."""

    def __enter__(self) -> Corpus:
        return self

    def link(self, *, keep: bool = True, on_phase: Callable[[str], None] | None = None) -> LinkCounts:
        """Link every statement to its canonical speaker and quote cluster (see ``corpus.run``)."""
        return link_store(self, keep=keep, on_phase=on_phase)

    def needs_linking(self) -> bool:
        return needs_linking(self)

    def search(self, text: str | None = None, **filters: Any) -> Iterator[dict[str, Any]]:
        """Statements matching ``text`` (FTS5; a speaker's name in any spelling too), with filters
        ``speaker``, ``since``, ``until``, ``lang``, ``kind``, ``outlet``, ``limit``, ``sort``."""
        return _q.search(self, text, **filters)

    def speaker(self, name: str) -> dict[str, Any]:
        """One speaker by any alias or id: aliases, roles, weekly timeline, outlets, quotes."""
        return _q.speaker(self, name)

    def speakers(self, **filters: Any) -> Iterator[dict[str, Any]]:
        return _q.speakers(self, **filters)

    def cluster(self, cluster_id: int) -> dict[str, Any]:
        """One quote cluster with every appearance, earliest first."""
        return _q.cluster(self, cluster_id)

    def clusters(self, **filters: Any) -> Iterator[dict[str, Any]]:
        return _q.clusters(self, **filters)

    def stats(self) -> dict[str, Any]:
        return _q.stats(self)

    def export(self, fmt: str, out: Path | IO[str], *, min_cluster: int = 2) -> int:
        return _export.export(self, fmt, out, min_cluster=min_cluster)

    def article(self, ref: int | str) -> Article:
        """An article with its statements as the pipeline gave them: by row id, article id or hash."""
        rows = list(self.query(
            "SELECT id, article_id, url, outlet, published, headline, language, languages, text "
            "FROM articles WHERE id = ? OR article_id = ? OR hash = ? ORDER BY id LIMIT 1",
            (ref if isinstance(ref, int) else -1, str(ref), str(ref))))
        if not rows:
            raise QueryError(f"no article {ref!r} in the store")
        a = rows[0]
        fields = Statement.__dataclass_fields__
        statements = []
        for s in self.query("SELECT * FROM statements WHERE article = ? ORDER BY ordinal", (a["id"],)):
            values = {k: v for k, v in s.items() if k in fields and k != "id"}
            if isinstance(values.get("reported_by"), str):
                values["reported_by"] = tuple(json.loads(values["reported_by"]))
            statements.append(Statement(id=s["statement_id"], **values))
        return Article(text=a["text"], id=a["article_id"], published=a["published"], outlet=a["outlet"],
                       headline=a["headline"], url=a["url"], language=a["language"],
                       languages=json.loads(a["languages"] or "[]"), statements=statements)


def as_corpus(store: Store) -> Corpus:
    """The same open connection as a ``Corpus``."""
    return store if isinstance(store, Corpus) else Corpus(store.conn, store.path)
