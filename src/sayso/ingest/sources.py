"""Where articles come from: paths (folders walked recursively), ``.gz`` of anything, ``-`` for stdin.

``iter_items`` (run by the one parent process) turns paths into ``Item``\\ s — one per article to be —
cheaply: a single-document file (text, HTML) is passed on by path, a container (JSON lines, JSON
arrays, WARC, RSS/Atom) is opened and split into its records. ``load_article`` (run by the workers)
turns one item into an ``Article``: reading, decompressing, decoding, HTML extraction. Each item has a
``source`` key that names it for good (``/abs/file.html``, ``/abs/news.jsonl#line 12``,
``/abs/crawl.warc.gz#record 3``, ``stdin:<hash>#line 2``): the store records it, and a later run
passes over the sources it already holds, which is what makes a run resumable.

A file is dispatched on its name, and on its first bytes when the name says nothing (``.gz`` is looked
through). Whatever cannot be read becomes an item of kind ``skip`` with a reason code, never an error
that stops the run.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from ..errors import InputError
from ..model import Article
from ..settings import Settings, parse_json_fields
from .encoding import decode_bytes
from .feeds import looks_like_feed, read_feed
from .jsonl import article_from_record, count_lines, read_jsonl_line
from .text import read_text_article

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
WARC_SUFFIXES = (".warc", ".arc")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 4096
READ_CHUNK = 1 << 20
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<article")


@dataclass(frozen=True, slots=True)
class Item:
    """One article to be, as the parent found it; ``kind`` says what ``load_article`` does with it."""

    source: str
    kind: str  # file | html | jsonl | record | article | text | skip
    path: str | None = None
    data: bytes | None = None
    record: Any = None
    url: str | None = None
    crawled: date | None = None
    charset: str | None = None
    reason: str = ""
    message: str = ""


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def skip_item(source: str, error: InputError) -> Item:
    return Item(source, "skip", reason=error.reason, message=str(error))


# --- reading bytes, within limits ---------------------------------------------------------------
def read_limited(stream: Readable, limit: int, source: str, what: str = "inflates to") -> bytes:
    """All of ``stream``, or ``InputError`` (``too-large``) once it passes ``limit`` bytes, or
    (``unreadable``) when a compressed stream is damaged or breaks off."""
    parts: list[bytes] = []
    size = 0
    try:
        while chunk := stream.read(min(READ_CHUNK, limit + 1 - size)):
            parts.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError(f"{source}: {what} more than {limit:,} bytes "
                                 "(max_decompressed_bytes / max_article_bytes)", "too-large")
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        raise InputError(f"{source}: damaged or truncated compressed data ({e})", "unreadable") from e
    return b"".join(parts)


def read_file(path: Path, settings: Settings, limit: int | None = None) -> bytes:
    """A file's bytes (decompressed when it is gzip), within the size limits."""
    source = str(path)
    limit = limit or settings.max_article_bytes
    try:
        with path.open("rb") as fh:
            if fh.read(2) == GZIP_MAGIC:
                fh.seek(0)
                with gzip.GzipFile(fileobj=fh) as gz:
                    return read_limited(gz, min(limit, settings.max_decompressed_bytes), source)
            fh.seek(0)
            return read_limited(fh, limit, source, "is")
    except OSError as e:
        raise InputError(f"{source}: cannot read ({e.strerror or e})", "unreadable") from e


def looks_like_html(head: bytes) -> bool:
    sample = head[:HEAD_BYTES].lower()
    return any(mark in sample for mark in _HTML_MARKS)


def file_date(path: Path) -> date | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    except OSError:
        return None


# --- the parent: paths to items -----------------------------------------------------------------
def walk(path: Path) -> Iterator[Path]:
    """The files under ``path`` in a fixed order (sorted names), hidden ones left out."""
    if not path.is_dir():
        yield path
        return
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def file_kind(path: Path) -> str:
    """``text``, ``html``, ``jsonl``, ``json``, ``warc``, ``feed`` from the name, else by the first bytes."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffixes, kind in ((TEXT_SUFFIXES, "text"), (HTML_SUFFIXES, "html"), (JSONL_SUFFIXES, "jsonl"),
                           (JSON_SUFFIXES, "json"), (WARC_SUFFIXES, "warc"), (FEED_SUFFIXES, "feed")):
        if name.endswith(suffixes):
            return kind
    return sniff_kind(_head(path))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            if head.startswith(GZIP_MAGIC):
                fh.seek(0)
                with gzip.GzipFile(fileobj=fh) as gz:
                    return gz.read(HEAD_BYTES)
            return head
    except (OSError, EOFError, zlib.error):
        return b""


def sniff_kind(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"["):
        return "json"
    if looks_like_feed(stripped):
        return "feed"
    return "html" if looks_like_html(stripped) else "file"


def iter_items(paths: Iterable[str], settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Items of every article under ``paths`` in a fixed order (``-`` reads ``stdin``)."""
    for p in paths:
        if p == "-":
            yield from _stdin_items(stdin, settings)
            continue
        top = Path(p)
        if not top.exists():
            # keyed apart from the file's own source, so that the file is read once it is there
            yield skip_item(f"missing:{top.absolute()}",
                            InputError(f"{p}: no such file or folder", "unreadable"))
            continue
        for f in walk(top):
            yield from _file_items(f, settings)


def _file_items(path: Path, settings: Settings) -> Iterator[Item]:
    source = str(path.absolute())
    kind = file_kind(path)
    try:
        if kind in ("text", "html", "file"):
            yield Item(source, "file", path=source, record=kind)
        elif kind == "warc":
            yield from _warc_items(path, source, settings)
        elif kind == "jsonl":
            yield from _jsonl_file_items(path, source, settings)
        else:
            data = read_file(path, settings, settings.max_decompressed_bytes)
            yield from _container_items(data, kind, source, settings, file_date(path))
    except InputError as e:
        yield skip_item(source, e)


class _Rejoined(io.RawIOBase):
    """A stream whose first bytes were already read (to look at them), put back in front."""

    def __init__(self, head: bytes, rest: Readable) -> None:
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self.head:
            n = min(len(view), len(self.head))
            view[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def _stdin_items(stdin: BinaryIO | None, settings: Settings) -> Iterator[Item]:
    """Standard input: JSON lines stream (each line keyed by its content, so a repeated run over the
    same lines resumes); anything else is read whole, within ``max_decompressed_bytes``."""
    if stdin is None:
        return
    stream: Any = io.BufferedReader(_Rejoined(stdin.read(2), stdin))
    try:
        if stream.peek(2)[:2] == GZIP_MAGIC:
            stream = io.BufferedReader(gzip.GzipFile(fileobj=stream))
        if sniff_kind(stream.peek(HEAD_BYTES)[:HEAD_BYTES]) == "jsonl":
            for item in jsonl_items(stream, "stdin", settings):
                if item.kind == "jsonl":
                    key = hashlib.blake2b(item.data or b"", digest_size=8).hexdigest()
                    item = Item(f"stdin:{key}", "jsonl", data=item.data, record=item.record)
                yield item
            return
        data = read_limited(stream, settings.max_decompressed_bytes, "stdin", "holds")
    except (OSError, EOFError, zlib.error) as e:
        yield Item("stdin", "skip", reason="unreadable", message=f"stdin: damaged compressed data ({e})")
        return
    except InputError as e:
        yield skip_item("stdin", e)
        return
    if not data.strip():
        return
    source = "stdin:" + hashlib.blake2b(data, digest_size=8).hexdigest()
    kind = sniff_kind(data[:HEAD_BYTES])
    if kind in ("html", "file"):
        yield Item(source, "html" if kind == "html" else "text", data=data)
    elif kind == "warc":
        yield from _warc_stream_items(io.BytesIO(data), source, settings)
    else:
        try:
            yield from _container_items(data, kind, source, settings, None)
        except InputError as e:
            yield skip_item(source, e)


def _container_items(data: bytes, kind: str, source: str, settings: Settings,
                     crawled: date | None) -> Iterator[Item]:
    if kind == "json":
        stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped.startswith((b"[", b"{")):
            try:
                value = json.loads(decode_bytes(data, source))
            except json.JSONDecodeError:
                value = None  # perhaps JSON lines after all
            if isinstance(value, list):
                for i, record in enumerate(value, 1):
                    yield Item(f"{source}#record {i}", "record", record=record)
                return
            if isinstance(value, dict):
                yield Item(source, "record", record=value)
                return
        kind = "jsonl"
    if kind == "jsonl":
        yield from jsonl_items(io.BytesIO(data), source, settings)
        return
    if kind == "feed":
        for entry in read_feed(data, source):
            where = f"{source}#entry {entry.index}"
            if entry.article is None:
                yield Item(where, "skip", reason=entry.reason, message=entry.message)
            else:
                yield Item(where, "article", record=entry.article)
        return
    raise InputError(f"{source}: not a format sayso reads", "unreadable")


def count_items(paths: Iterable[str]) -> int | None:
    """How many items ``paths`` hold, when that is cheap to know (files, uncompressed JSON lines),
    for a progress bar's ETA; ``None`` when standard input, a WARC, a feed or a compressed container
    is among them."""
    total = 0
    for p in paths:
        if p == "-" or not Path(p).exists():
            return None if p == "-" else total
        for f in walk(Path(p)):
            kind = file_kind(f)
            if kind in ("text", "html", "file"):
                total += 1
            elif kind == "jsonl" and not f.name.lower().endswith(".gz"):
                total += count_lines(f, READ_CHUNK)
            else:
                return None
    return total


class LineReadable(Protocol):
    def readline(self, size: int = ..., /) -> bytes: ...


def jsonl_items(stream: LineReadable, source: str, settings: Settings) -> Iterator[Item]:
    """One item per non-blank line, streamed (a file of any size, compressed or not, in flat memory).

    A line longer than ``max_article_bytes`` is a ``too-large`` skip and is passed over unread; past
    ``max_decompressed_bytes`` of such lines (a gzip bomb without newlines) the rest of the file is
    left. A stream that breaks off is an ``unreadable`` skip after the last whole line.
    """
    limit = settings.max_article_bytes
    lineno = 0
    try:
        while line := stream.readline(limit + 1):
            lineno += 1
            where = f"{source}#line {lineno}"
            if len(line) > limit and not line.endswith(b"\n"):
                passed = _pass_line(stream, settings.max_decompressed_bytes)
                rest = "" if passed else "; the rest of the file is not read"
                yield Item(where, "skip", reason="too-large",
                           message=f"{where}: a line of more than max_article_bytes={limit:,} bytes{rest}")
                if not passed:
                    return
                continue
            if line.strip():
                yield Item(where, "jsonl", data=line, record=lineno)
    except (EOFError, OSError, zlib.error) as e:
        where = f"{source}#line {lineno + 1}"
        yield Item(where, "skip", reason="unreadable",
                   message=f"{where}: damaged or truncated compressed data after line {lineno} ({e})")


def _pass_line(stream: LineReadable, budget: int) -> bool:
    """Read to the end of the current line; ``False`` when that takes more than ``budget`` bytes."""
    spent = 0
    while chunk := stream.readline(READ_CHUNK):
        spent += len(chunk)
        if spent > budget:
            return False
        if chunk.endswith(b"\n"):
            return True
    return True


def _jsonl_file_items(path: Path, source: str, settings: Settings) -> Iterator[Item]:
    try:
        fh = path.open("rb")
    except OSError as e:
        raise InputError(f"{source}: cannot read ({e.strerror or e})", "unreadable") from e
    with fh:
        if fh.read(2) == GZIP_MAGIC:
            fh.seek(0)
            with gzip.GzipFile(fileobj=fh) as gz:
                yield from jsonl_items(gz, source, settings)
            return
        fh.seek(0)
        yield from jsonl_items(fh, source, settings)


def _warc_items(path: Path, source: str, settings: Settings) -> Iterator[Item]:
    try:
        fh = path.open("rb")
    except OSError as e:
        raise InputError(f"{source}: cannot read ({e.strerror or e})", "unreadable") from e
    with fh:
        yield from _warc_stream_items(fh, source, settings)


def _warc_stream_items(stream: BinaryIO, source: str, settings: Settings) -> Iterator[Item]:
    from .warc import iter_warc_pages

    last = 0
    try:
        for page in iter_warc_pages(stream, source, settings.max_article_bytes):
            last = page.index
            where = f"{source}#record {page.index}"
            if page.too_large:
                yield Item(where, "skip", reason="too-large",
                           message=f"{where}: page over max_article_bytes={settings.max_article_bytes:,}")
                continue
            yield Item(where, "html", data=page.body, url=page.url, crawled=page.crawled,
                       charset=page.charset)
    except InputError as e:
        yield skip_item(f"{source}#after record {last}" if last else source, e)


# --- a worker: one item to one article ----------------------------------------------------------
def load_article(item: Item, settings: Settings) -> Article:
    """The ``Article`` of one item; ``InputError`` with a reason code when there is none."""
    if item.kind == "skip":
        raise InputError(item.message, item.reason)
    if item.kind == "article":
        article: Article = item.record
        return article
    if item.kind == "record":
        return article_from_record(remap_fields(item.record, settings.json_fields),
                                   item.source.rsplit("/", 1)[-1])
    if item.kind == "jsonl" and settings.json_fields:
        return _mapped_jsonl_article(item, settings.json_fields)
    if item.kind == "jsonl":
        name = Path(item.source.split("#", 1)[0]).name
        found = read_jsonl_line((item.data or b"").removeprefix(b"\xef\xbb\xbf"), name, int(item.record))
        if found is None:
            raise InputError(f"{item.source}: blank line", "not-an-article")
        if found.skipped:
            raise InputError(found.skipped[0].message, found.skipped[0].reason)
        return found
    if item.kind == "html":
        from .html import read_html

        return read_html(item.data or b"", item.source, url=item.url, crawled=item.crawled,
                         charset=item.charset, id=item.url)
    if item.kind == "text":
        return _text_article(item.data or b"", item.source, None)
    assert item.path is not None
    return _file_article(Path(item.path), str(item.record), settings)


def remap_fields(record: Any, spec: str) -> Any:
    """A copy of a JSON object with each field named in ``spec`` (``json_fields``) under its sayso
    name; a dotted field (``meta.date``) is looked up in nested objects."""
    if not spec or not isinstance(record, dict):
        return record
    out = dict(record)
    for name, path in parse_json_fields(spec).items():
        value: Any = record
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            out[name] = value
    return out


def _mapped_jsonl_article(item: Item, spec: str) -> Article:
    raw = (item.data or b"").removeprefix(b"\xef\xbb\xbf")
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{item.source}: not valid JSON ({e})", "unreadable") from e
    try:
        return article_from_record(remap_fields(record, spec), item.source.rsplit("/", 1)[-1])
    except InputError as e:
        raise InputError(f"{item.source}: {e}", e.reason) from e


def _text_article(data: bytes, source: str, id: str | None) -> Article:
    text = decode_bytes(data, source)
    if not text.strip():
        raise InputError(f"{source}: empty", "not-an-article")
    return read_text_article(text, id=id)


def _file_article(path: Path, kind: str, settings: Settings) -> Article:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"{source}: cannot read ({e.strerror or e})", "unreadable") from e
    if size > settings.max_article_bytes:
        raise InputError(f"{source}: {size:,} bytes, more than max_article_bytes="
                         f"{settings.max_article_bytes:,}", "too-large")
    data = read_file(path, settings)
    if not data.strip():
        raise InputError(f"{source}: empty file", "not-an-article")
    stem = path.name.split(".")[0] or path.name
    if kind == "html" or (kind == "file" and looks_like_html(data[:HEAD_BYTES])):
        from .html import read_html

        article = read_html(data, source, crawled=file_date(path), id=stem)
        return article
    return _text_article(data, source, stem)
