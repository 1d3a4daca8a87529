"""`sayso ingest` and `sayso skips` as a user runs them: exit codes, messages, the summary line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sayso.cli import main

TEXT = '"We will win," the minister said on Sunday in Brussels.'


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "b.jsonl").write_text(json.dumps({"id": "b", "text": TEXT.replace("win", "try")}) + "\n{bad\n")
    (root / "c.txt").write_bytes(b"")
    return root


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_cli_ingest_stores_and_summarises(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    code, _out, err = run("ingest", str(folder), "--db", str(db), "--jobs", "2")
    assert code == 0
    assert "2 article(s) stored" in err and "2 skipped" in err and "sayso skips" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("extra", "expected_lines"),
    [
        ((), ["not-an-article", "unreadable"]),
        (("--reason", "unreadable"), ["unreadable"]),
        (("--reason", "duplicate"), []),
    ],
)
def test_cli_skips_lists_reasons(folder: Path, tmp_path: Path, extra: tuple[str, ...],
                                 expected_lines: list[str]) -> None:
    db = tmp_path / "s.db"
    assert run("ingest", str(folder), "--db", str(db), "-q")[0] == 0
    code, out, err = run("skips", "--db", str(db), *extra)
    assert code == 0
    assert sorted(line.split("\t")[0] for line in out.splitlines()) == expected_lines
    assert "skips:" in err


def test_cli_ingest_quiet_prints_nothing(folder: Path, tmp_path: Path) -> None:
    code, out, err = run("ingest", str(folder), "--db", str(tmp_path / "s.db"), "--quiet")
    assert (code, out, err) == (0, "", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ingest", "IN", "--db", "NOWHERE/x/s.db"), "--db"),
        (("skips", "--db", "NOWHERE/none.db"), "sayso ingest"),
        (("ingest", "-", "-", "--db", "s.db"), "only once"),
    ],
)
def test_cli_ingest_fatal_errors_say_what_to_do(folder: Path, tmp_path: Path, args: tuple[str, ...],
                                                message: str) -> None:
    real = [a.replace("IN", str(folder)).replace("NOWHERE", str(tmp_path / "no")) for a in args]
    code, _out, err = run(*real)
    assert code == 1
    assert message in err


def test_cli_ingest_bad_input_is_not_fatal(tmp_path: Path) -> None:
    bad = tmp_path / "x.bin"
    bad.write_bytes(bytes(range(256)))
    code, _, err = run("ingest", str(bad), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db"))
    assert code == 0
    assert "2 skipped" in err


def test_cli_ingest_stdin(tmp_path: Path) -> None:
    code, _, err = run("ingest", "-", "--db", str(tmp_path / "s.db"), stdin=TEXT.encode("utf-16"))
    assert code == 0
    assert "1 article(s) stored" in err
