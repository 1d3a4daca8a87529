"""JSON lines: one article a line, read one line at a time so a file of any size streams.

A line is an object with ``text`` and optionally ``id``, ``published``, ``outlet``, ``url``,
``headline``; other fields go to ``Article.meta``. A line that cannot be read becomes an article with no
text and a recorded skip (reason ``unreadable``), so the output keeps one line per input line and the
run goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Skip
from .text import find_header

FIELDS = ("id", "published", "outlet", "url", "headline")


def skipped_article(id: str | None, reason: str, message: str) -> Article:
    """An empty article that records why it could not be read."""
    return Article(text="", id=id, skipped=[Skip("ingest", reason, message)])


def count_lines(path: Path, chunk: int = 1 << 20) -> int:
    """Lines of a JSON-lines file (a last line without a newline counts), read in chunks."""
    n = 0
    last = b"\n"
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def article_from_record(record: Any, fallback_id: str) -> Article:
    """Turn one decoded JSON value into an ``Article``; ``InputError`` when it cannot be one.

    Fields the record leaves out are filled from the header lines of its text (a date line, an outlet
    line), the same way as for a plain-text file.
    """
    if not isinstance(record, Mapping):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", "unreadable")
    text = record.get("text")
    if text is None:
        raise InputError("the record has no 'text' field", "unreadable")
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, not {type(text).__name__}", "unreadable")
    known: dict[str, str | None] = {
        k: (None if record.get(k) is None else str(record[k])) for k in FIELDS
    }
    meta = {k: v for k, v in record.items() if k not in FIELDS and k != "text"}
    if None in (known["published"], known["outlet"], known["headline"]):
        header = find_header(text)
        known["published"] = known["published"] or header.published
        known["outlet"] = known["outlet"] or header.outlet
        known["headline"] = known["headline"] or header.headline
    return Article(text=text, id=known["id"] or fallback_id, published=known["published"],
                   outlet=known["outlet"], url=known["url"], headline=known["headline"], meta=meta)


def read_jsonl_line(raw: bytes | str, source: str, lineno: int) -> Article | None:
    """One line of a JSON-lines input: an ``Article``, a skipped one, or ``None`` for a blank line."""
    fallback_id = f"{source}:{lineno}"
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as e:
            return skipped_article(fallback_id, "unreadable",
                                   f"{fallback_id}: not UTF-8 (byte {e.start} of the line); "
                                   "re-encode the file as UTF-8")
    if not raw.strip():
        return None
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as e:
        return skipped_article(fallback_id, "unreadable", f"{fallback_id}: not valid JSON ({e})")
    try:
        return article_from_record(record, fallback_id)
    except InputError as e:
        rid = record.get("id") if isinstance(record, Mapping) else None
        return skipped_article(str(rid) if rid is not None else fallback_id, e.reason,
                               f"{fallback_id}: {e}")


def read_jsonl_lines(lines: Iterable[bytes | str], source: str) -> Iterator[Article]:
    """Articles from the lines of a JSON-lines input, in order, skipping blank lines."""
    for lineno, raw in enumerate(lines, 1):
        article = read_jsonl_line(raw, source, lineno)
        if article is not None:
            yield article
