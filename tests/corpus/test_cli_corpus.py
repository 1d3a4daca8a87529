"""The corpus commands through click's CliRunner on a real store file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("args", "in_stdout"), [
    # command line → words the table must show
    (["search", "very bad things", "--kind", "direct"], ["Rustem Umerov", "rferl.org", "cluster"]),
    (["search", "searches", "--speaker", "Umerov"], []),
    (["search", "--outlet", "qirim.news"], ["Nariman Umerov", "qirim.news"]),
    (["speaker", "Умєрова"], ["Rustem Umerov", "Умєрова", "Ukrainian Defense Minister", "2024-W42", "█"]),
    (["speaker", "Umerov"], ["Rustem Umerov", "also named so: Nariman Umerov"]),
    (["speaker", "FT"], ["Financial Times", "media", "FT"]),
    (["stats"], ["articles", "most quoted speakers", "Rustem Umerov", "most reprinted quotes"]),
])
def test_tables(corpus_db: Path, args: list[str], in_stdout: list[str]) -> None:
    code, out, _ = run(*args, "--db", str(corpus_db))
    assert code == 0
    for words in in_stdout:
        assert words in out


def test_search_jsonl_and_csv_agree(corpus_db: Path) -> None:
    _, out, _ = run("search", "very bad things", "--db", str(corpus_db), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    _, out_csv, _ = run("search", "very bad things", "--db", str(corpus_db), "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out_csv)))
    assert rows and [r["statement_id"] for r in rows] == [r["statement_id"] for r in table]
    assert {r["speaker"] for r in rows} == {"Rustem Umerov"}


def test_cluster_command_lists_appearances_earliest_first(corpus_db: Path) -> None:
    _, out, _ = run("search", "heard anything like that", "--outlet", "rferl.org", "--db", str(corpus_db),
                    "--format", "jsonl")
    cluster = json.loads(out.splitlines()[0])["cluster"]
    code, table, _ = run("cluster", str(cluster), "--db", str(corpus_db))
    assert code == 0 and "first 2024-10-19 in rferl.org" in table
    _, lines, _ = run("cluster", str(cluster), "--db", str(corpus_db), "--format", "jsonl")
    appearances = [json.loads(line) for line in lines.splitlines()]
    assert appearances[0]["outlet"] == "rferl.org" and appearances[0]["relation"] == "first"
    assert [a["published"] for a in appearances] == sorted(a["published"] for a in appearances)


@pytest.mark.parametrize(("fmt", "first_line"), [
    ("csv", "week,statements"),
    ("jsonl", '{"id": '),
])
def test_speaker_for_scripts(corpus_db: Path, fmt: str, first_line: str) -> None:
    code, out, _ = run("speaker", "Rustem Umerov", "--db", str(corpus_db), "--format", fmt)
    assert code == 0 and out.startswith(first_line)


@pytest.mark.parametrize(("fmt", "suffix"), [("jsonl", "jsonl"), ("csv", "csv"), ("dna", "csv"),
                                             ("parquet", "parquet"), ("graphml", "graphml")])
def test_export_command(corpus_db: Path, tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / f"out.{suffix}"
    code, _, err = run("export", "--format", fmt, "-o", str(out), "--db", str(corpus_db))
    assert code == 0 and out.stat().st_size > 0 and f"exported as {fmt} -> {out}" in err


def test_link_command_relinks_and_keeps_ids(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(corpus_db.read_bytes())
    _, before, _ = run("speaker", "Rustem Umerov", "--db", str(db), "--format", "jsonl")
    code, _, err = run("link", "--db", str(db))
    assert code == 0 and "0 link(s) written" in err
    _, after, _ = run("speaker", "Rustem Umerov", "--db", str(db), "--format", "jsonl")
    assert json.loads(before)["id"] == json.loads(after)["id"]


@pytest.mark.parametrize(("args", "message"), [
    (["speaker", "Nobody Atall"], "no speaker named 'Nobody Atall'"),
    (["cluster", "999999"], "no cluster 999999"),
    (["search", "x", "--since", "yesterday"], "--since takes a date like 2024-10-18"),
    (["export", "--format", "parquet"], "give one with -o FILE"),
])
def test_errors_say_what_to_do(corpus_db: Path, args: list[str], message: str) -> None:
    code, _, err = run(*args, "--db", str(corpus_db))
    assert code == 1 and message in err


def test_a_missing_store_is_named(tmp_path: Path) -> None:
    code, _, err = run("speaker", "Umerov", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no store at" in err and not (tmp_path / "none.db").exists()
