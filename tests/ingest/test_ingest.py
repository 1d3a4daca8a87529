"""Files and streams into articles: dispatch on the name, decoding, errors a user can act on."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.errors import InputError
from sayso.ingest import count_articles, decode_text, read_path, read_stream

TEXT = "3 November 2024\ng-novosti.in.ua\n\nA Title\n\n\"Мы победим,\" сказал министр. ‘Yes’ — «да»."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),  # a byte-order mark is not text
        (b"", ""),
        (b"line\r\nnext", "line\r\nnext"),  # line ends are kept: offsets refer to them
    ],
)
def test_ingest_decode_text(data: bytes, expected: str) -> None:
    assert decode_text(data, "f.txt") == expected


@pytest.mark.parametrize("data", ["Министр сказал".encode("cp1251"), b"\x89PNG\r\n\x1a\n\xff\xff"])
def test_ingest_decode_text_rejects_non_utf8(data: bytes) -> None:
    with pytest.raises(InputError) as e:
        decode_text(data, "f.txt")
    assert e.value.reason == "unreadable"
    assert "f.txt" in str(e.value) and "UTF-8" in str(e.value)


def test_ingest_text_file_is_one_article_named_by_stem(tmp_path: Path) -> None:
    path = tmp_path / "kyiv-talks.2024.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    (article,) = read_path(path)
    assert (article.id, article.text, article.published, article.outlet, article.headline) == (
        "kyiv-talks.2024", TEXT, "2024-11-03", "g-novosti.in.ua", "A Title")


def test_ingest_undecodable_text_file_is_a_recorded_skip(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Министр сказал".encode("cp1251"))
    (article,) = read_path(path)
    assert article.id == "old"
    assert [s.reason for s in article.skipped] == ["unreadable"]


def test_ingest_jsonl_file_streams_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.JSONL"
    path.write_text('{"id": "x", "text": "a"}\n\n{oops\n{"id": "y", "text": "b"}', encoding="utf-8")
    articles = list(read_path(path))
    assert [(a.id, [s.reason for s in a.skipped]) for a in articles] == [
        ("x", []), ("batch.JSONL:3", ["unreadable"]), ("y", [])]
    assert count_articles(path) == 4


@pytest.mark.parametrize(
    ("make", "reason", "message"),
    [
        (lambda d: d / "missing.txt", "missing", "no such file"),
        (lambda d: d, "unsupported-format", "is a directory"),
    ],
)
def test_ingest_unreadable_path_raises(tmp_path: Path, make: Callable[[Path], Path], reason: str,
                                       message: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as e:
        list(read_path(path))
    assert e.value.reason == reason
    assert message in str(e.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n', [("a", "x"), ("b", "y")]),
        (b'\n\n   {"id": "a", "text": "x"}\n', [("a", "x")]),
        (b'\xef\xbb\xbf{"id": "a", "text": "x"}\n', [("a", "x")]),
        (TEXT.encode(), [("stdin", TEXT)]),
        (b"\n  plain text {with braces}\n", [("stdin", "\n  plain text {with braces}\n")]),
        (b"", []),
        (b"\n \n", []),
    ],
)
def test_ingest_stream_is_jsonl_or_one_text(data: bytes, expected: list[tuple[str, str]]) -> None:
    assert [(a.id, a.text) for a in read_stream(io.BytesIO(data))] == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", 0), (b"{}\n", 1), (b"{}\n{}", 2), (b"{}\n" * 5000, 5000)],
)
def test_ingest_count_articles(tmp_path: Path, content: bytes, expected: int) -> None:
    path = tmp_path / "n.jsonl"
    path.write_bytes(content)
    assert count_articles(path, chunk=7) == expected


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_ingest_any_bytes_on_stdin_give_articles_or_skips(data: bytes) -> None:
    for article in read_stream(io.BytesIO(data)):
        assert article.id
        assert not article.skipped or article.text == ""
