"""The Datasette instance ``sayso serve`` runs: one store, read-only, with sayso's metadata and pages."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.plugins import pm

from ..store import StoreError
from . import queries

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
# Table pages show this much of a long cell (an article's text); the sayso pages show it all.
CELL_CHARS = 300

_STATEMENT_COLUMNS = {
    "article": "The article the statement is in (articles.id).",
    "ordinal": "Position of the statement in its article.",
    "statement_id": "Stable id of the statement (the same text and offsets give the same id).",
    "kind": "direct (inside quotation marks), indirect (reported speech) or mixed.",
    "start": "Offset of the first character in the article text.",
    "end": "Offset after the last character in the article text.",
    "text": "The words said, exactly as they stand in the article (article text [start:end]).",
    "language": "Language of the statement: en, ru or uk.",
    "group": "Pieces of one quote interrupted by its attribution share this id.",
    "speaker": "Canonical name of who said it.",
    "speaker_mention": "What the text says at speaker_start:speaker_end (a name, 'he', 'the minister').",
    "speaker_type": "person, organisation, media, anonymous source or group.",
    "speaker_role": "The speaker's role as the article gives it.",
    "speaker_id": "Id of the speaker within the article.",
    "cue": "The reporting word: said, told, according to, заявил …",
    "said_on": "When it was said (YYYY-MM-DD, YYYY-MM or YYYY).",
    "said_on_precision": "day, month, year, or published (the article's date stands in).",
    "said_on_text": "The words that gave the date ('on October 18').",
    "venue": "Where it was said ('an interview with Radio Liberty in Brussels').",
    "reported_by": "The outlets that carried it before this article (JSON list).",
    "confidence": "How sure the pipeline is of the statement and its speaker, 0 to 1.",
    "pipeline_version": "Version of the sayso pipeline that wrote the row.",
}


def metadata(name: str) -> dict[str, Any]:
    """Titles, descriptions, labels and facets for the store attached as ``name``, and the plugin's
    configuration (which database is the store; the sayso home page at ``/``)."""
    return {
        "title": "sayso — who said what",
        "description": "Statements found in news articles: who said what, when, and who reported it. "
                       "Read-only.",
        "databases": {name: {
            "description": "A sayso statement store (sayso ingest). Start at the sayso home page.",
            "tables": {
                "statements": {
                    "description": "One row per statement: the words, who said them, when, where, "
                                   "and who carried them.",
                    "label_column": "text",
                    "facets": ["speaker", {"outlet": "article"}, "language", "kind", {"month": "said_on"}],
                    "facet_size": 15,
                    "size": 50,
                    "columns": _STATEMENT_COLUMNS,
                },
                "articles": {
                    "description": "One row per distinct article text, with where it was read from.",
                    "label_column": "headline",
                    "facets": ["outlet", "language"],
                    "size": 50,
                },
                "skips": {"description": "Sources ingest could not use, with the reason.",
                          "facets": ["reason", "stage"]},
                "runs": {"description": "Each ingest run: when, what, how many."},
                "speakers": {"description": "One row per speaker across articles, languages and scripts.",
                             "label_column": "name", "facets": ["type"], "sort_desc": "statements"},
                "aliases": {"description": "The names each speaker was seen under.", "facets": ["language"]},
                "speaker_roles": {"description": "The roles each speaker was given, first and last seen."},
                "clusters": {"description": "The same words reprinted in several articles or outlets.",
                             "label_column": "text", "sort_desc": "statements"},
                "statement_links": {"description": "Each statement's speaker and cluster.",
                                    "facets": ["relation"]},
                "statements_fts": {"hidden": True},
                "schema_migrations": {"hidden": True},
            },
        }},
        "plugins": {"sayso": {"database": name, "home": True}},
    }


def check_store(path: Path) -> None:
    """``StoreError`` unless ``path`` is a sayso store that can be read."""
    if not path.is_file():
        raise StoreError(f"no store at {path}; create one with `sayso ingest PATH... --db {path}`")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = queries.is_store(conn)
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise StoreError(f"cannot read {path} as a SQLite database ({e}); give the store that "
                         "`sayso ingest --db FILE` wrote") from e
    if not ok:
        raise StoreError(f"{path} is not a sayso statement store (it has no articles and statements "
                         f"tables); create one with `sayso ingest PATH... --db {path}`")


def make_datasette(db: str | Path, *, allow_sql: bool = False) -> Datasette:
    """A Datasette over the store ``db`` opened read-only, with the sayso plugin and metadata;
    arbitrary SQL (``?sql=``, ``?_where=``) only with ``allow_sql``."""
    path = Path(db)
    check_store(path)
    from .. import web as plugin

    if not pm.is_registered(plugin):  # e.g. running from a checkout without the entry point installed
        pm.register(plugin, name="sayso")
    return Datasette(
        files=[str(path)],
        metadata=metadata(path.stem),
        settings={"default_allow_sql": allow_sql, "suggest_facets": False, "facet_time_limit_ms": 1000,
                  "truncate_cells_html": CELL_CHARS},
    )


def serve(ds: Datasette, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Run ``ds`` over HTTP until interrupted."""
    import uvicorn

    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
