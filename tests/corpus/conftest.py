"""The corpus tests' stores: the example article with variants the tests write (syndicated copies with
small edits), Russian and Ukrainian versions, an article about another Umerov — ingested by the real
pipeline into a real SQLite file — and a store built from the labelled alias set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_fixtures import ARTICLES, alias_rows, article, statement, syndicated_copies

from sayso import api
from sayso.corpus import Corpus
from sayso.store import open_store


@pytest.fixture(scope="session")
def corpus_files(tmp_path_factory: pytest.TempPathFactory, example_text: str) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    files = [folder / "umerov-nato-2024-11-03.txt"]
    files[0].write_text(example_text, encoding="utf-8")
    for name, text in syndicated_copies(example_text).items():
        (folder / name).write_text(text, encoding="utf-8")
        files.append(folder / name)
    for f in sorted(ARTICLES.glob("*.txt")):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        files.append(folder / f.name)
    return files


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_files: list[Path]) -> Path:
    """A store of every corpus article, ingested (and so linked) by ``api.ingest``."""
    db = tmp_path_factory.mktemp("store") / "corpus.db"
    api.ingest(corpus_files, db)
    return db


@pytest.fixture()
def corpus(corpus_db: Path) -> Iterator[Corpus]:
    with api.open_store(corpus_db) as store:
        yield store


@pytest.fixture(scope="session")
def alias_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with one article per row of the labelled alias set, linked."""
    db = tmp_path_factory.mktemp("aliases") / "aliases.db"
    with open_store(db) as store:
        outcomes = []
        for n, row in enumerate(alias_rows()):
            s = statement(id=f"alias-{n}", text=f"Quote number {n} in article {row['article']}",
                          language=row["lang"],
                          speaker=row["speaker"], speaker_mention=row["mention"],
                          speaker_type=row["type"], speaker_role=row["role"] or None)
            outcomes.append(article(row["article"], row["published"], "example.org", [s], row["lang"]))
        store.write(outcomes)
    api.link(db)
    return db
