"""The ``sayso`` command: in process with click's CliRunner, and as the installed console script."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sayso.api import extract_many
from sayso.cli import help_reference, main, shorten
from sayso.ingest import read_path
from sayso.model import STATEMENT_FIELDS

SAYSO = Path(sys.executable).parent / "sayso"
REPO = Path(__file__).resolve().parent.parent
SPAN_PAIRS = (("start", "end", "text"), ("speaker_start", "speaker_end", "speaker_mention"),
              ("cue_start", "cue_end", "cue"))
ARTICLES = [
    {"id": "minister", "text": '"We will win," the minister said on Friday.'},
    {"id": "reported", "text": "The president said that the talks would go on.", "outlet": "Reuters"},
    {"id": "plain", "text": "Nothing was said here."},
]


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def jsonl(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def expected_dicts(path: Path) -> list[dict[str, Any]]:
    """What the library gives for the same input: the CLI must print exactly this."""
    return [a.to_dict() for a in extract_many(read_path(path))]


def check_spans(text: str, statement: dict[str, Any]) -> None:
    for start, end, field in SPAN_PAIRS:
        if statement[start] is not None:
            assert text[statement[start]:statement[end]] == statement[field]


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps(ARTICLES[0]), "", "{not json", json.dumps({"id": "no-text"}),
             json.dumps(ARTICLES[1]), json.dumps(ARTICLES[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_extract_jsonl_equals_library_output(example_path: Path, example_text: str) -> None:
    result = run("extract", str(example_path), "--format", "jsonl")
    assert result.exit_code == 0
    (line,) = jsonl(result.stdout)
    assert line == expected_dicts(example_path)[0]
    assert (line["id"], line["published"], line["outlet"]) == (
        "umerov-nato-2024-11-03", "2024-11-03", "g-novosti.in.ua")
    for st in line["statements"]:
        assert list(st) == list(STATEMENT_FIELDS)
        check_spans(example_text, st)


def test_cli_extract_table_has_one_row_per_statement(example_path: Path) -> None:
    result = run("extract", str(example_path))
    assert result.exit_code == 0
    out = result.stdout
    assert out.splitlines()[0].strip() == "umerov-nato-2024-11-03 · 2024-11-03 · g-novosti.in.ua"
    (article,) = expected_dicts(example_path)
    rows = [line for line in out.splitlines() if re.search(r"\d+–\d+", line)]
    assert len(rows) == len(article["statements"])
    for row, st in zip(rows, article["statements"], strict=True):
        assert f"{st['start']}–{st['end']}" in row
        assert row.split("│")[1].strip() == st["kind"]
    if not article["statements"]:
        assert "no statements found" in out


def test_cli_extract_jsonl_input_keeps_ids_and_records_bad_lines(batch: Path) -> None:
    result = run("extract", str(batch), "--format", "jsonl")
    assert result.exit_code == 0
    lines = jsonl(result.stdout)
    assert [(d["id"], [s["reason"] for s in d["skipped"]]) for d in lines] == [
        ("minister", []), ("batch.jsonl:3", ["unreadable"]), ("no-text", ["unreadable"]),
        ("reported", []), ("plain", [])]
    assert lines == expected_dicts(batch)
    assert lines[3]["outlet"] == "Reuters"
    for d, a in zip([lines[0], lines[3], lines[4]], ARTICLES, strict=True):
        for st in d["statements"]:
            check_spans(a["text"], st)
    assert "5 article(s)" in result.stderr and "2 skipped" in result.stderr


@pytest.mark.parametrize(
    ("stdin", "expected_ids"),
    [
        ("\n".join(json.dumps(a) for a in ARTICLES), ["minister", "reported", "plain"]),
        ("\n\n" + json.dumps(ARTICLES[0]) + "\n", ["minister"]),
        ('"We will win," the minister said.\n', ["stdin"]),
        ("", []),
    ],
)
def test_cli_extract_stdin(stdin: str, expected_ids: list[str]) -> None:
    result = run("extract", "-", "--format", "jsonl", input=stdin)
    assert result.exit_code == 0
    assert [d["id"] for d in jsonl(result.stdout)] == expected_ids


def test_cli_extract_many_paths_in_order(example_path: Path, batch: Path) -> None:
    result = run("extract", str(batch), str(example_path), "--format", "jsonl", "-q")
    assert [d["id"] for d in jsonl(result.stdout)][-2:] == ["plain", "umerov-nato-2024-11-03"]
    assert result.stderr == ""


def test_cli_extract_output_file(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("extract", str(example_path), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert jsonl(out.read_text(encoding="utf-8")) == expected_dicts(example_path)
    assert str(out) in result.stderr


@pytest.mark.parametrize(
    ("args", "env", "exit_code", "message"),
    [
        (["extract", "{tmp}/missing.txt"], {}, 1, "missing.txt: no such file"),
        (["extract", "{tmp}"], {}, 1, "is a directory; pass the files in it"),
        (["extract", "-", "-"], {}, 1, "can be given only once"),
        (["extract", "{batch}", "-o", "{batch}"], {}, 1, "is also an input"),
        (["extract", "{batch}", "--on-error", "raise"], {}, 1, "batch.jsonl:3: not valid JSON"),
        (["extract", "{batch}"], {"SAYSO_ON_ERROR": "raise"}, 1, "batch.jsonl:3: not valid JSON"),
        (["extract", "{batch}"], {"SAYSO_ON_ERROR": "maybe"}, 1, "on_error must be 'raise' or 'skip'"),
        (["extract", "{batch}"], {"SAYSO_MAX_CHARS": "many"}, 1, "SAYSO_MAX_CHARS='many' is not a valid int"),
        (["extract", "{batch}", "--on-error", "maybe"], {}, 2, "'maybe' is not one of 'raise', 'skip'"),
        (["extract", "{batch}", "--format", "xml"], {}, 2, "'xml' is not one of 'table', 'jsonl'"),
        (["extract"], {}, 2, "Missing argument 'PATH...'"),
        (["evaluate", "{tmp}/gold.jsonl"], {}, 2, "does not exist"),
    ],
)
def test_cli_errors_are_actionable(tmp_path: Path, batch: Path, args: list[str], env: dict[str, str],
                                   exit_code: int, message: str) -> None:
    args = [a.format(tmp=tmp_path, batch=batch) for a in args]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == exit_code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_cli_undecodable_file_is_a_skip_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Министр сказал: «Мы победим».".encode("cp1251"))
    result = run("extract", str(path), "--format", "jsonl")
    assert result.exit_code == 0
    (line,) = jsonl(result.stdout)
    assert line["id"] == "cp1251"
    assert [s["reason"] for s in line["skipped"]] == ["unreadable"]
    assert "iconv" in line["skipped"][0]["message"]
    table = run("extract", str(path))
    assert "skipped (unreadable" in table.stdout


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        (["--max-chars", "10"], "too-large"),
        (["--max-chars", "10", "--config", "{config}"], "too-large"),
        (["--config", "{config}"], "too-large"),
        (["--config", "{config}", "--max-chars", "1000000"], None),
    ],
)
def test_cli_settings_options_reach_the_pipeline(tmp_path: Path, options: list[str],
                                                 reason: str | None) -> None:
    config = tmp_path / "sayso.toml"
    config.write_text("[sayso]\nmax_chars = 5\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("The minister said that the talks would go on.", encoding="utf-8")
    options = [o.format(config=config) for o in options]
    (line,) = jsonl(run("extract", str(text), "--format", "jsonl", *options).stdout)
    assert [s["reason"] for s in line["skipped"]] == ([reason] if reason else [])


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("short", 10, "short"),
        ("a  b\n c", 10, "a b c"),
        ("0123456789" * 3, 20, "012345678901 … 56789"),
    ],
)
def test_cli_shorten(text: str, width: int, expected: str) -> None:
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= width


def test_cli_evaluate_prints_score_layout(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    text = '"We will win," the minister said.'
    quote = {"start": 1, "end": 13, "speaker": "the minister", "speaker_start": 15, "speaker_end": 27,
             "kind": "direct"}
    assert text[1:13] == "We will win," and text[15:27] == "the minister"
    gold.write_text(json.dumps({"id": "g1", "text": text, "quotes": [quote]}) + "\n", encoding="utf-8")
    for args in ([], ["--kind", "direct"], ["--kind", "indirect"]):
        lines = run("evaluate", str(gold), *args).stdout.splitlines()
        assert lines[0] == f"documents: 1  kind: {args[1] if args else 'all'}"
        assert re.fullmatch(r"quote_f1=\d\.\d{4} speaker_acc=\d\.\d{4}", lines[-1])
    out = run("evaluate", str(gold), "--json").stdout
    body = out[out.index("\n{") + 1:out.rindex("}") + 1]
    assert set(json.loads(body)) == {"documents", "gold_quotes", "pred_quotes", "exact", "overlap", "speaker"}


def test_cli_evaluate_agrees_with_shared_scorer(shared: Path, tmp_path: Path) -> None:
    """``sayso evaluate GOLD`` == ``score.py GOLD <(sayso extract GOLD --format jsonl)``."""
    golds = sorted((shared / "examples").glob("*.gold.jsonl"))
    assert golds, f"no gold file in {shared / 'examples'}"
    for gold in golds:
        pred = tmp_path / "pred.jsonl"
        assert run("extract", str(gold), "--format", "jsonl", "-o", str(pred), "-q").exit_code == 0
        for kind in ([], ["--kind", "direct"], ["--kind", "indirect"]):
            scored = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold), str(pred),
                                     *kind], capture_output=True, text=True, check=True)
            assert run("evaluate", str(gold), *kind).stdout == scored.stdout


def test_cli_installed_console_script(example_path: Path, example_text: str) -> None:
    assert SAYSO.is_file(), f"the console script is not installed next to {sys.executable}"
    done = subprocess.run([str(SAYSO), "extract", str(example_path), "--format", "jsonl"],
                          capture_output=True, text=True, check=True)
    (line,) = jsonl(done.stdout)
    assert line == expected_dicts(example_path)[0]
    piped = subprocess.run([str(SAYSO), "extract", "-", "--format", "jsonl", "-q"], input=example_text,
                           capture_output=True, text=True, check=True)
    (from_stdin,) = jsonl(piped.stdout)
    assert from_stdin["id"] == "stdin"
    # ids (statement, speaker, group) hash the article id; the statements are the same
    def without_ids(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in st.items() if k not in ("id", "speaker_id", "group")} for st in statements]

    assert without_ids(from_stdin["statements"]) == without_ids(line["statements"])
    assert piped.stderr == ""
    version = subprocess.run([str(SAYSO), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("sayso, version ")


def run_with_terminal_stderr(*args: str) -> tuple[bytes, bytes]:
    """Run the console script with stderr on a pseudo-terminal: (stdout, what the terminal got)."""
    primary, secondary = pty.openpty()
    seen = bytearray()

    def drain() -> None:
        # read the terminal while the command runs, so that a full pty buffer never blocks it
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        proc = subprocess.Popen([str(SAYSO), *args], stdout=subprocess.PIPE, stderr=secondary,
                                env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
        os.close(secondary)
        stdout, _ = proc.communicate(timeout=120)
        reader.join(timeout=10)
    finally:
        os.close(primary)
    assert proc.returncode == 0
    return stdout, bytes(seen)


@pytest.mark.parametrize(("articles", "options", "bar"), [
    (50, [], True),
    (50, ["--quiet"], False),
    (5, [], False),  # too few to be worth a bar
])
def test_cli_progress_bar_only_on_a_terminal(tmp_path: Path, articles: int, options: list[str],
                                            bar: bool) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": "He said so."}) + "\n"
                            for i in range(articles)), encoding="utf-8")
    stdout, terminal = run_with_terminal_stderr("extract", str(path), "--format", "jsonl", *options)
    assert len(jsonl(stdout.decode())) == articles
    assert (b"extracting" in terminal) is bar
    # stderr not a terminal: never a bar, only the summary
    plain = subprocess.run([str(SAYSO), "extract", str(path), "--format", "jsonl", *options],
                           capture_output=True, text=True, check=True)
    summary = rf"sayso: {articles} article\(s\), \d+ statement\(s\), 0 skipped"
    assert re.fullmatch(summary if not options else "", plain.stderr.strip())


def test_cli_streams_10000_articles_under_1gb(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    # short articles keep the run quick; each still has a statement to find and to write
    para = '"We are ready to talk," the minister said on Friday.'
    with path.open("w", encoding="utf-8") as fh:
        for i in range(10_000):
            fh.write(json.dumps({"id": f"n{i}", "text": f"Article {i}. {para}"}) + "\n")
    out = tmp_path / "out.jsonl"
    # peak RSS of the CLI child, measured by a parent that has no other children
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, str(SAYSO), "extract", str(path), "--format", "jsonl",
                           "-o", str(out), "-q"], capture_output=True, text=True, check=True, timeout=600)
    peak_mb = int(done.stdout.strip()) / 1024
    assert peak_mb < 1024, f"peak memory {peak_mb:.0f} MB"
    with out.open(encoding="utf-8") as fh:
        ids = [json.loads(line)["id"] for line in fh]
    assert ids == [f"n{i}" for i in range(10_000)]


def test_cli_reference_is_current() -> None:
    """docs/cli.md is the live --help; regenerate it with `make docs` after changing an option."""
    assert (REPO / "docs" / "cli.md").read_text(encoding="utf-8") == help_reference()


@pytest.mark.parametrize("command", sorted(main.commands))
def test_cli_every_command_is_documented(command: str) -> None:
    assert f"sayso {command}" in (REPO / "README.md").read_text(encoding="utf-8")
    assert main.commands[command].help
