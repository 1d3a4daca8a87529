"""WARC archives written with warcio: which records are pages, their URL, crawl date and charset."""

from __future__ import annotations

import io
from datetime import date

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sayso.errors import InputError
from sayso.ingest.warc import iter_warc_pages


def archive(records: list[tuple[str, str, str, bytes]], gzip: bool = True) -> io.BytesIO:
    """(record type, status, content type, body) per record."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for n, (kind, status, ctype, body) in enumerate(records):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{n}", kind, payload=io.BytesIO(body),
            http_headers=headers if kind in ("response", "request") else None,
            warc_headers_dict={"WARC-Date": "2024-11-05T08:00:00Z"}))
    out.seek(0)
    return out


PAGE = b"<html><body><p>words</p></body></html>"


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([("response", "200 OK", "text/html; charset=windows-1251", PAGE)], [(1, "cp1251", False)]),
        ([("response", "200 OK", "application/xhtml+xml", PAGE)], [(1, None, False)]),
        ([("response", "404 Not Found", "text/html", PAGE)], []),
        ([("response", "200 OK", "image/png", b"\x89PNG")], []),
        ([("resource", "200 OK", "text/html", PAGE)], []),
        ([("response", "200 OK", "text/html", PAGE * 100)], [(1, None, True)]),
        ([("response", "200 OK", "image/png", b"x"), ("response", "200 OK", "text/html", PAGE)],
         [(2, None, False)]),
    ],
    ids=["html", "xhtml", "404", "image", "resource", "too-large", "second"],
)
def test_warc_pages(records: list[tuple[str, str, str, bytes]],
                    expected: list[tuple[int, str | None, bool]]) -> None:
    pages = list(iter_warc_pages(archive(records), "c.warc.gz", max_bytes=1000))
    assert [(p.index, p.charset and p.charset.replace("windows-1251", "cp1251"), p.too_large)
            for p in pages] == expected
    for p in pages:
        assert p.crawled == date(2024, 11, 5)
        assert p.url is not None and p.url.startswith("https://news.example/")
        assert p.too_large or p.body == PAGE


@pytest.mark.parametrize(("gzip", "cut"), [(True, 30), (False, 30)])
def test_warc_truncated_archive(gzip: bool, cut: int) -> None:
    data = archive([("response", "200 OK", "text/html", PAGE)] * 3, gzip=gzip).getvalue()
    with pytest.raises(InputError) as err:
        list(iter_warc_pages(io.BytesIO(data[: len(data) - cut]), "c.warc", max_bytes=10_000))
    assert err.value.reason == "unreadable"


@pytest.mark.parametrize("data", [b"", b"just text, not an archive", b"WARC/1.0\r\nnot a record"])
def test_warc_not_an_archive(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        list(iter_warc_pages(io.BytesIO(data), "c.warc", max_bytes=10_000))
    assert err.value.reason == "unreadable"
