"""Stores for the web tests (real SQLite files written by ``sayso.api.ingest``) and Datasette's
in-process client over them.

- ``linked_store``: the repository's example article and ``tests/web/data/articles.jsonl`` (an HTML
  payload article, a reprint of a quote, a Russian article), linked by the real linker (``api.ingest``
  links at its end), plus one alias that is an HTML payload for the safety tests;
- ``unlinked_store``: the same articles, corpus tables emptied after the ingest (a store the linker has
  not seen);
- ``empty_store``: a store with no article at all;
- ``old_store``: the un-linked store without the corpus tables (as a store from before them).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_fixtures import ARTICLES, PAYLOAD_ALIAS, Pages, add_alias_for_tests

from sayso import api
from sayso.store import open_store

CORPUS_TABLES = ("statement_links", "clusters", "speaker_roles", "aliases", "speakers")


def ingest_examples(db: Path, example: Path) -> Path:
    """The test articles ingested, and so linked (``api.ingest`` links the store at its end)."""
    api.ingest([example, ARTICLES], db)
    return db


@pytest.fixture(scope="session")
def linked_store(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> Path:
    db = ingest_examples(tmp_path_factory.mktemp("web") / "linked.db", example_path)
    add_alias_for_tests(db, "Jane Doe", PAYLOAD_ALIAS)
    return db


@pytest.fixture(scope="session")
def unlinked_store(tmp_path_factory: pytest.TempPathFactory, linked_store: Path) -> Path:
    return _copy_with(tmp_path_factory, linked_store, "unlinked.db", "DELETE FROM {table}")


@pytest.fixture(scope="session")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "empty.db"
    open_store(db).close()
    return db


@pytest.fixture(scope="session")
def old_store(tmp_path_factory: pytest.TempPathFactory, unlinked_store: Path) -> Path:
    return _copy_with(tmp_path_factory, unlinked_store, "old.db", "DROP TABLE {table}")


def _copy_with(factory: pytest.TempPathFactory, source: Path, name: str, sql: str) -> Path:
    """A copy of the store ``source`` with ``sql`` run on each corpus table."""
    db = factory.mktemp("web") / name
    shutil.copyfile(source, db)
    conn = sqlite3.connect(db)
    with conn:
        for table in CORPUS_TABLES:
            conn.execute(sql.format(table=table))
    conn.close()
    return db


@pytest.fixture(scope="session")
def linked(linked_store: Path) -> Iterator[Pages]:
    pages = Pages(linked_store)
    yield pages
    pages.close()


@pytest.fixture(scope="session")
def unlinked(unlinked_store: Path) -> Iterator[Pages]:
    pages = Pages(unlinked_store)
    yield pages
    pages.close()


@pytest.fixture(scope="session")
def empty(empty_store: Path) -> Iterator[Pages]:
    pages = Pages(empty_store)
    yield pages
    pages.close()


@pytest.fixture(scope="session")
def old(old_store: Path) -> Iterator[Pages]:
    pages = Pages(old_store)
    yield pages
    pages.close()
