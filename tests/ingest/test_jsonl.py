"""JSON lines: one article a line, bad lines become recorded skips, input streams lazily."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

from sayso.ingest.jsonl import article_from_record, read_jsonl_line, read_jsonl_lines

LINES = [
    # (line, expected id, expected skip reason or None)
    ('{"id": "a", "text": "He said it."}', "a", None),
    ('{"id": 7, "text": "He said it."}', "7", None),
    ('{"text": "He said it."}', "src.jsonl:1", None),
    ('{"doc_id": "d", "text": "He said it."}', "src.jsonl:1", None),
    ('{"id": "b"}', "b", "unreadable"),
    ('{"id": "c", "text": 5}', "c", "unreadable"),
    ('{"id": "e", "text": "x"', "src.jsonl:1", "unreadable"),
    ("[1, 2]", "src.jsonl:1", "unreadable"),
    ('"just a string"', "src.jsonl:1", "unreadable"),
    ("not json at all", "src.jsonl:1", "unreadable"),
    (b'{"id": "f", "text": "caf\xe9"}', "src.jsonl:1", "unreadable"),  # Latin-1, not UTF-8
    ('\ufeff{"id": "g", "text": "BOM first"}'.encode(), "g", None),
    ('{"id": "h", "text": ""}', "h", None),
]


@pytest.mark.parametrize(("line", "expected_id", "reason"), LINES)
def test_jsonl_line_gives_article_or_skip(line: str | bytes, expected_id: str, reason: str | None) -> None:
    article = read_jsonl_line(line, "src.jsonl", 1)
    assert article is not None
    assert article.id == expected_id
    assert [s.reason for s in article.skipped] == ([reason] if reason else [])
    if reason:
        assert article.text == ""
        assert "src.jsonl:1" in article.skipped[0].message


@pytest.mark.parametrize("line", ["", "   ", "\n", b"\r\n"])
def test_jsonl_blank_line_is_no_article(line: str | bytes) -> None:
    assert read_jsonl_line(line, "src.jsonl", 3) is None


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"id": "a", "text": "t", "published": "2024-11-03", "outlet": "o", "url": "u", "headline": "h"},
         {"published": "2024-11-03", "outlet": "o", "url": "u", "headline": "h", "meta": {}}),
        ({"id": "a", "text": "t", "lang": "en", "quotes": []},
         {"published": None, "outlet": None, "url": None, "headline": None,
          "meta": {"lang": "en", "quotes": []}}),
        # fields the record leaves out come from the header lines of its text
        ({"id": "a", "text": "3 November 2024\ng-novosti.in.ua\n\nA Title Here\n\nBody text."},
         {"published": "2024-11-03", "outlet": "g-novosti.in.ua", "url": None, "headline": "A Title Here",
          "meta": {}}),
        # ... but never override what the record says
        ({"id": "a", "text": "3 November 2024\ng-novosti.in.ua\n\nBody.", "published": "2024-11-04"},
         {"published": "2024-11-04", "outlet": "g-novosti.in.ua", "url": None, "headline": None,
          "meta": {}}),
    ],
)
def test_jsonl_record_fields(record: dict[str, Any], expected: dict[str, Any]) -> None:
    article = article_from_record(record, "fallback")
    assert article.text == record["text"]
    got = {k: getattr(article, k) for k in expected}
    assert got == expected


def test_jsonl_reads_lazily_one_line_at_a_time() -> None:
    consumed = []

    def endless() -> Iterator[bytes]:
        for n in itertools.count(1):
            consumed.append(n)
            yield json.dumps({"id": f"a{n}", "text": f"Article {n}."}).encode() + b"\n"

    first = list(itertools.islice(read_jsonl_lines(endless(), "endless"), 3))
    assert [a.id for a in first] == ["a1", "a2", "a3"]
    assert len(consumed) == 3


def test_jsonl_line_numbers_count_blank_lines() -> None:
    lines = ['{"text": "one"}', "", "{broken", '{"text": "four"}']
    articles = list(read_jsonl_lines(lines, "in.jsonl"))
    assert [a.id for a in articles] == ["in.jsonl:1", "in.jsonl:3", "in.jsonl:4"]
    assert [bool(a.skipped) for a in articles] == [False, True, False]
