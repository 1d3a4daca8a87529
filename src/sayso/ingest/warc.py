"""WARC archives (plain or gzipped, as crawls such as Common Crawl News write them): the HTML pages
of their ``response`` records.

Only records that are HTTP responses with status 2xx and an HTML content type are pages; request,
metadata and other records are passed over silently (they are not articles and never were meant to
be). The record's ``WARC-Date`` is the crawl date that bounds the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

from ..errors import InputError

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response: its position among the archive's records, URL, crawl date and body."""

    index: int
    url: str | None
    crawled: date | None
    charset: str | None
    body: bytes
    too_large: bool = False


def _crawl_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _is_short(record: Any, got: int) -> bool:
    """Fewer payload bytes than the record declares (checked when the body is sent as is)."""
    http = record.http_headers
    if http.get_header("Content-Encoding") or http.get_header("Transfer-Encoding"):
        return False
    declared = (record.length or 0) - (getattr(http, "total_len", 0) or 0)
    return got < declared


def iter_warc_pages(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[WarcPage]:
    """The HTML response records of a WARC stream; a body over ``max_bytes`` is not read
    (``too_large``). ``InputError`` (``unreadable``) when the stream is not a WARC archive or breaks
    off."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    index = records = 0
    try:
        for record in ArchiveIterator(stream):
            records += 1
            if not record.rec_type or not record.rec_headers.get_header("WARC-Record-ID"):
                raise InputError(f"{source}: record {records} is not a WARC record (no type or id)",
                                 "unreadable")
            if record.rec_type != "response" or record.http_headers is None:
                continue
            index += 1
            status = record.http_headers.get_statuscode() or ""
            ctype = record.http_headers.get_header("Content-Type") or ""
            if not status.startswith("2") or ctype.split(";")[0].strip().lower() not in HTML_TYPES:
                continue
            m = _CHARSET.search(ctype)
            body = record.content_stream().read(max_bytes + 1)
            if len(body) <= max_bytes and _is_short(record, len(body)):
                raise InputError(f"{source}: the archive breaks off inside record {index}", "unreadable")
            yield WarcPage(
                index=index,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                crawled=_crawl_date(record.rec_headers.get_header("WARC-Date")),
                charset=m.group(1) if m else None,
                body=b"" if len(body) > max_bytes else body,
                too_large=len(body) > max_bytes,
            )
        if not records:
            raise InputError(f"{source}: no WARC records", "unreadable")
    except ArchiveLoadFailed as e:
        raise InputError(f"{source}: not a WARC archive ({e})", "unreadable") from e
    except (EOFError, OSError, ValueError, AttributeError) as e:  # warcio on a cut gzip member
        raise InputError(f"{source}: the archive breaks off after record {index} ({e})",
                         "unreadable") from e
