"""Turn files and streams into ``Article`` records, one at a time.

``read_path`` dispatches on the file name: ``.jsonl`` is JSON lines (one article a line, streamed),
anything else is one plain-text article. ``read_stream`` reads standard input: JSON lines when its first
non-blank character is ``{``, else one text. A file that cannot be opened raises ``InputError`` with a
message a user can act on; an article that cannot be decoded comes back with a recorded skip instead, so
a batch goes on.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import Article
from .jsonl import article_from_record, count_lines, read_jsonl_line, read_jsonl_lines, skipped_article
from .text import Header, find_header, read_text_article

JSONL_SUFFIXES = (".jsonl",)

__all__ = [
    "Header",
    "article_from_record",
    "check_path",
    "count_articles",
    "decode_text",
    "find_header",
    "is_jsonl",
    "read_jsonl_line",
    "read_jsonl_lines",
    "read_path",
    "read_stream",
    "read_text_article",
    "skipped_article",
]


def decode_text(data: bytes, source: str) -> str:
    """Decode a text file as UTF-8 (a leading byte-order mark is dropped); ``InputError`` otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{source}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "convert it to UTF-8 first, e.g. iconv -f cp1251 -t utf-8",
            "unreadable",
        ) from e


def is_jsonl(path: Path) -> bool:
    return path.suffix.lower() in JSONL_SUFFIXES


def check_path(path: Path) -> None:
    """Raise ``InputError`` when ``path`` is not a readable file."""
    if not path.exists():
        raise InputError(f"{path}: no such file", "missing")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; pass the files in it, e.g. {path}/*.txt",
                         "unsupported-format")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file", "unsupported-format")


def read_path(path: Path) -> Iterator[Article]:
    """The articles of one file: every line of a ``.jsonl`` file, or the file as one text."""
    check_path(path)
    try:
        if is_jsonl(path):
            with path.open("rb") as fh:
                yield from read_jsonl_lines(fh, path.name)
            return
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})", "unreadable") from e
    try:
        text = decode_text(data, str(path))
    except InputError as e:
        yield skipped_article(path.stem, e.reason, str(e))
        return
    yield read_text_article(text, id=path.stem)


def read_stream(stream: BinaryIO, name: str = "stdin") -> Iterator[Article]:
    """Articles from a byte stream: JSON lines if it starts with ``{``, else one text."""
    head: list[bytes] = []
    for line in stream:
        head.append(line)
        if line.strip():
            break
    first = b"".join(head).lstrip(b"\xef\xbb\xbf \t\r\n")
    if first.startswith(b"{"):
        yield from read_jsonl_lines(itertools.chain(head, stream), name)
        return
    data = b"".join(head) + stream.read()
    if not data.strip():
        return
    try:
        text = decode_text(data, name)
    except InputError as e:
        yield skipped_article(name, e.reason, str(e))
        return
    yield read_text_article(text, id=name)


def count_articles(path: Path, chunk: int = 1 << 20) -> int:
    """How many articles ``path`` holds (lines of a JSON-lines file), read in chunks, for progress."""
    return count_lines(path, chunk) if is_jsonl(path) else 1
