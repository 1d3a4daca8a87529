"""Linking at the end of each ingest: incremental runs give the links one run over everything gives,
and ids of speakers and clusters already linked stay."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso import api
from sayso.cli import main
from sayso.corpus.queries import QueryError


def links(db: Path) -> dict[str, tuple[str | None, str | None, str | None]]:
    """statement id → (canonical speaker, cluster's first statement id, relation)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT s.statement_id, sp.name, f.statement_id, l.relation FROM statement_links l "
            "JOIN statements s ON s.id = l.statement LEFT JOIN speakers sp ON sp.id = l.speaker "
            "JOIN clusters c ON c.id = l.cluster JOIN statements f ON f.id = c.first_statement").fetchall()
    return {r[0]: r[1:] for r in rows}


def ids(db: Path) -> dict[str, tuple[int | None, int | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT s.statement_id, l.speaker, l.cluster FROM statement_links l "
                            "JOIN statements s ON s.id = l.statement").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_ingest_in_steps_links_as_one_run_does(tmp_path: Path, corpus_files: list[Path],
                                               corpus_db: Path) -> None:
    db = tmp_path / "steps.db"
    first, rest = corpus_files[:1], corpus_files[1:]
    api.ingest(first, db)
    before = ids(db)
    rustem = api.speaker(db, "Rustem Umerov")["id"]
    api.ingest(rest, db)
    assert links(db) == links(corpus_db)
    # the example's speakers keep their ids; its statements that joined no new cluster keep theirs
    after = ids(db)
    assert api.speaker(db, "Rustem Umerov")["id"] == rustem
    assert all(after[s][0] == before[s][0] for s in before)
    kept = sum(after[s][1] == before[s][1] for s in before)
    assert kept == len(before)


def test_ingesting_nothing_new_changes_nothing(tmp_path: Path, corpus_files: list[Path]) -> None:
    db = tmp_path / "again.db"
    api.ingest(corpus_files, db)
    before = ids(db)
    api.ingest(corpus_files, db)
    assert ids(db) == before


def test_bulk_loads_without_linking_then_one_link_give_the_same_links(
        tmp_path: Path, corpus_files: list[Path], corpus_db: Path) -> None:
    db = tmp_path / "bulk.db"
    api.ingest(corpus_files[:1], db, link=False)
    api.ingest(corpus_files[1:], db, link=False)
    assert links(db) == {}
    with pytest.raises(QueryError, match="sayso link"):
        api.search(db, "NATO")
    api.link(db, keep=True)
    assert links(db) == links(corpus_db)
    assert api.search(db, "NATO")


def test_cli_ingest_no_link_says_what_to_run(tmp_path: Path, corpus_files: list[Path]) -> None:
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["ingest", *map(str, corpus_files), "--db", str(db), "--no-link"])
    assert result.exit_code == 0, result.output
    assert f"not linked: run `sayso link --db {db}`" in result.output
    assert links(db) == {}
    result = CliRunner().invoke(main, ["link", "--db", str(db), "--keep"])
    assert result.exit_code == 0, result.output
    assert links(db)
