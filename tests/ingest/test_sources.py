"""Corpora of every format into a real store; a bad-input corpus ends in one skip per bad file."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sayso.api import ingest
from sayso.errors import SettingsError
from sayso.ingest.sources import count_items, file_kind, iter_items, sniff_kind
from sayso.settings import Settings

RU = ('3 ноября 2024\nnovosti.ru\n\nМинистр обороны заявил, что "армия готова к зиме". '
      'Об этом сообщил министр журналистам в Москве.\n')
UK = ('3 листопада 2024\ng-novosti.in.ua\n\nМіністр оборони Рустем Умєров заявив, що "ми переможемо". '
      'Про це він сказав журналістам у Києві.\n')


def statement(n: int, who: str = "Mayor John Smith") -> str:
    return (f'"We will build {n} new bridges across the river this year," {who} said on Monday, '
            f"speaking to reporters in the city hall after a long council meeting number {n}.")


def page(n: int, *, date: str = "2024-11-03", site: str = "Kyiv News") -> str:
    paragraphs = "".join(f"<p>{statement(n * 10 + i)}</p>" for i in range(3))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bridges {n}</title>'
            f'<meta property="og:site_name" content="{site}">'
            f'<link rel="canonical" href="https://www.kyivnews.example/{n}">'
            f'<meta property="article:published_time" content="{date}T10:00:00Z"></head>'
            f"<body><nav>Home | World | Sport</nav><article><h1>Bridges {n}</h1>{paragraphs}</article>"
            "<footer>Copyright</footer></body></html>")


def warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    """A gzipped WARC: a request and an HTML response per page, and an image response."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in pages:
            request = io.BytesIO(b"GET / HTTP/1.0\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-11-05T08:00:00Z"}))


def rss(entries: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>https://radio.example/{i}</link>"
        f"<pubDate>Sun, 03 Nov 2024 10:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        for i, (title, body) in enumerate(entries))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Radio Example</title>'
            f"<link>https://radio.example/</link>{items}</channel></rss>")


def atom(entries: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<entry><title>{title}</title><link href="https://atom.example/{i}"/><id>urn:{i}</id>'
        f'<updated>2024-11-04T10:00:00Z</updated><content type="html"><![CDATA[{body}]]></content></entry>'
        for i, (title, body) in enumerate(entries))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Atom Example</title><id>urn:feed</id><updated>2024-11-04T10:00:00Z</updated>"
            f"{items}</feed>")


@pytest.fixture()
def good_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "good"
    (root / "nested" / "deeper").mkdir(parents=True)
    header = "Sunday03 November 2024\nexample.org\n\n"
    (root / "plain.txt").write_text(header + statement(1), encoding="utf-8")
    (root / "ru-cp1251.txt").write_bytes(RU.encode("cp1251"))
    (root / "nested" / "uk-koi8u.txt").write_bytes(UK.encode("koi8-u"))
    (root / "nested" / "page.html").write_text(page(2), encoding="utf-8")
    (root / "nested" / "deeper" / "page.htm.gz").write_bytes(gzip.compress(page(3).encode("utf-8")))
    (root / "notes.txt.gz").write_bytes(gzip.compress(statement(4).encode("utf-16")))
    (root / "news.jsonl").write_text("\n".join(json.dumps({"id": f"j{i}", "text": statement(50 + i),
                                                           "outlet": "Wire"}) for i in range(3)) + "\n")
    (root / "array.json").write_text(json.dumps([{"id": "a1", "text": statement(60)},
                                                 {"id": "a2", "text": statement(61)}]))
    site = "https://www.kyivnews.example"
    warc(root / "crawl.warc.gz", [(f"{site}/w1", page(7), "text/html; charset=utf-8"),
                                  (f"{site}/w2", page(8, date="2030-01-01"), "text/html"),
                                  ("https://img.example/x.png", "PNG", "image/png")])
    (root / "feed.rss").write_text(rss([("R1", f"<p>{statement(70)}</p><p>{statement(71)}</p>"),
                                        ("R2", f"<p>{statement(72)}</p>")]))
    (root / "atom.xml.gz").write_bytes(gzip.compress(atom([("A1", f"<p>{statement(80)}</p>")]).encode()))
    (root / ".hidden.txt").write_text(statement(99))
    return root


def stored(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_sources_every_format_is_stored(good_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    done = ingest([good_corpus], db)
    sources = {Path(str(s).split("#")[0]).name + ("#" + str(s).split("#")[1] if "#" in str(s) else "")
               for (s,) in stored(db, "SELECT source FROM articles")}
    assert sources == {
        "plain.txt", "ru-cp1251.txt", "uk-koi8u.txt", "page.html", "page.htm.gz", "notes.txt.gz",
        "news.jsonl#line 1", "news.jsonl#line 2", "news.jsonl#line 3", "array.json#record 1",
        "array.json#record 2", "crawl.warc.gz#record 1", "crawl.warc.gz#record 2", "feed.rss#entry 1",
        "feed.rss#entry 2", "atom.xml.gz#entry 1",
    }
    assert stored(db, "SELECT reason, source FROM skips") == []
    assert done.articles == 16
    # every statement's offsets point into the stored text
    rows = stored(db, 'SELECT a.text, s."start", s."end", s."text" FROM statements s JOIN articles a '
                      "ON a.id = s.article")
    assert rows and all(text[start:end] == words for text, start, end, words in rows)  # type: ignore[index]


@pytest.mark.parametrize(
    ("source_end", "column", "expected"),
    [
        ("plain.txt", "published", "2024-11-03"),
        ("plain.txt", "outlet", "example.org"),
        ("ru-cp1251.txt", "outlet", "novosti.ru"),
        ("uk-koi8u.txt", "published", "2024-11-03"),
        ("page.html", "outlet", "Kyiv News"),
        ("page.html", "url", "https://www.kyivnews.example/2"),
        ("page.html", "published", "2024-11-03"),
        ("page.html", "headline", "Bridges 2"),
        ("crawl.warc.gz#record 1", "published", "2024-11-03"),
        ("crawl.warc.gz#record 1", "url", "https://www.kyivnews.example/7"),
        ("news.jsonl#line 2", "outlet", "Wire"),
        ("news.jsonl#line 2", "article_id", "j1"),
        ("feed.rss#entry 2", "headline", "R2"),
        ("feed.rss#entry 2", "outlet", "Radio Example"),
        ("feed.rss#entry 2", "published", "2024-11-03"),
        ("atom.xml.gz#entry 1", "url", "https://atom.example/0"),
    ],
)
def test_sources_metadata(good_corpus: Path, tmp_path: Path, source_end: str, column: str,
                          expected: str) -> None:
    db = tmp_path / "s.db"
    ingest([good_corpus], db)
    rows = stored(db, f"SELECT source, {column} FROM articles")
    assert [v for s, v in rows if str(s).endswith("/" + source_end)] == [expected]


def test_sources_publication_date_never_after_crawl(good_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest([good_corpus], db)
    (published,) = stored(db, "SELECT published FROM articles WHERE source LIKE '%#record 2'")[0]
    assert published is None or str(published) <= "2024-11-05"


def test_sources_cyrillic_text_is_decoded(good_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest([good_corpus], db)
    texts = {Path(str(s)).name: t for s, t in stored(db, "SELECT source, text FROM articles")}
    assert texts["ru-cp1251.txt"] == RU
    assert texts["uk-koi8u.txt"] == UK


def test_sources_reingest_changes_nothing(good_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest([good_corpus], db)
    before = stored(db, "SELECT hash, source FROM articles ORDER BY hash")
    again = ingest([good_corpus], db, jobs=2)
    assert (again.articles, again.skips, again.already) == (0, 0, 16)
    assert stored(db, "SELECT hash, source FROM articles ORDER BY hash") == before


def bomb(members: int) -> bytes:
    """A gzip file of ``members`` members of 1 MiB of zeros each: a few KiB that inflate to MiBs."""
    one = gzip.compress(bytes(1 << 20), compresslevel=9)
    return one * members


@pytest.fixture()
def bad_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "bad"
    root.mkdir()
    (root / "good.txt").write_text(statement(1), encoding="utf-8")
    (root / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16)
    (root / "truncated.txt.gz").write_bytes(gzip.compress(statement(2).encode() * 50)[:-40])
    (root / "invalid-utf8.txt").write_bytes(RU.encode() + b"\xff\xfe\xfa" + RU.encode())
    (root / "nobody.html").write_text("<html><head><title>Nothing</title></head></html>")
    (root / "empty.txt").write_bytes(b"")
    with (root / "large.html").open("wb") as fh:
        chunk = b"<p>" + b"word " * 2000 + b"</p>\n"
        for _ in range(50 * (1 << 20) // len(chunk) + 1):
            fh.write(chunk)
    (root / "bomb.txt.gz").write_bytes(bomb(300))
    (root / "zz-copy.txt").write_text(statement(1), encoding="utf-8")
    (root / "broken.jsonl").write_text(json.dumps({"text": statement(3)}) + "\n{not json\n")
    (root / "not.warc").write_bytes(b"WARC/1.0\r\nthis is not a record")
    return root


BAD = {
    "binary.bin": "unreadable",
    "truncated.txt.gz": "unreadable",
    "invalid-utf8.txt": "unreadable",
    "nobody.html": "not-an-article",
    "empty.txt": "not-an-article",
    "large.html": "too-large",
    "bomb.txt.gz": "too-large",
    "zz-copy.txt": "duplicate",
    "broken.jsonl#line 2": "unreadable",
    "not.warc": "unreadable",
}


@pytest.mark.parametrize("jobs", [1, 2])
def test_sources_bad_input_one_skip_each(bad_corpus: Path, tmp_path: Path, jobs: int) -> None:
    db = tmp_path / "s.db"
    ingest([bad_corpus], db, jobs=jobs)
    skips = {str(s).rsplit("/", 1)[-1]: r for s, r in stored(db, "SELECT source, reason FROM skips")}
    assert skips == BAD
    names = {str(s).rsplit("/", 1)[-1] for (s,) in stored(db, "SELECT source FROM articles")}
    assert names == {"good.txt", "broken.jsonl#line 1"}


def test_sources_stdin(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    lines = "".join(json.dumps({"text": statement(n)}) + "\n" for n in (1, 2))
    done = ingest(["-"], db, stdin=io.BytesIO(gzip.compress(lines.encode())))
    assert done.articles == 2
    again = ingest(["-"], db, stdin=io.BytesIO(lines.encode()))  # the same lines, not compressed
    assert (again.articles, again.skips, again.already) == (0, 0, 2)
    renamed = "".join(json.dumps({"id": f"x{n}", "text": statement(n)}) + "\n" for n in (1, 2))
    other = ingest(["-"], db, stdin=io.BytesIO(renamed.encode()))  # other records, the same texts
    assert (other.articles, other.skips) == (0, 2)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", b"x", "text"),
        ("a.HTML", b"x", "html"),
        ("a.jsonl.gz", b"x", "jsonl"),
        ("crawl.warc.gz", b"x", "warc"),
        ("feed.xml", b"x", "feed"),
        ("noname", b'{"text": "x"}', "jsonl"),
        ("noname", b"WARC/1.0\r\n", "warc"),
        ("noname", b"<!DOCTYPE html><html>", "html"),
        ("noname", b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        ("noname", b"Just words.", "file"),
        ("noname.gz", gzip.compress(b"<html><body>"), "html"),
    ],
)
def test_sources_file_kind(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert file_kind(path) == expected


@pytest.mark.parametrize(("head", "expected"), [(b"[{}]", "json"), (b"\xef\xbb\xbf{", "jsonl"),
                                                (b"<feed xmlns", "feed")])
def test_sources_sniff_kind(head: bytes, expected: str) -> None:
    assert sniff_kind(head) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"text": "a"}\n{"text": "b"}\n', [("jsonl", "stdin:"), ("jsonl", "stdin:")]),
        (gzip.compress(b'{"text": "a"}\n'), [("jsonl", "stdin:")]),
        (b"<html><body><p>x</p></body></html>", [("html", "stdin:")]),
        (b"Just a text.", [("text", "stdin:")]),
        (gzip.compress(b"text")[:-6], [("skip", "stdin")]),
        (b"", []),
    ],
)
def test_sources_stdin_items(data: bytes, expected: list[tuple[str, str]]) -> None:
    items = list(iter_items(["-"], Settings(), io.BytesIO(data)))
    assert [(i.kind, i.source[:6]) for i in items] == expected


def test_sources_missing_path_is_a_skip(tmp_path: Path) -> None:
    items = list(iter_items([str(tmp_path / "nope")], Settings()))
    assert [(i.kind, i.reason) for i in items] == [("skip", "unreadable")]


def test_sources_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl.gz"
    path.write_bytes(bomb(4))
    settings = Settings(max_article_bytes=1 << 20, max_decompressed_bytes=2 << 20)
    items = list(iter_items([str(path)], settings))
    assert [(i.kind, i.reason) for i in items] == [("skip", "too-large")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # a long line is passed over, the lines after it are read
        (b'{"text": "a"}\n' + b"x" * 5000 + b'\n{"text": "b"}\n',
         [("jsonl", ""), ("skip", "too-large"), ("jsonl", "")]),
        # blank lines are not articles
        (b'{"text": "a"}\n\n  \n{"text": "b"}', [("jsonl", ""), ("jsonl", "")]),
        # a bomb without newlines: the rest of the file is left
        (b"x" * 50_000 + b'\n{"text": "b"}\n', [("skip", "too-large")]),
    ],
)
def test_sources_jsonl_lines_within_limits(tmp_path: Path, content: bytes,
                                           expected: list[tuple[str, str]]) -> None:
    path = tmp_path / "n.jsonl.gz"
    path.write_bytes(gzip.compress(content))
    settings = Settings(max_article_bytes=1000, max_decompressed_bytes=20_000)
    assert [(i.kind, i.reason) for i in iter_items([str(path)], settings)] == expected


def test_sources_truncated_jsonl_gz_keeps_the_lines_before(tmp_path: Path) -> None:
    lines = b"".join(json.dumps({"text": statement(n)}).encode() + b"\n" for n in range(200))
    path = tmp_path / "n.jsonl.gz"
    path.write_bytes(gzip.compress(lines)[:-200])
    items = list(iter_items([str(path)], Settings()))
    assert items[-1].reason == "unreadable"
    assert len(items) > 100 and all(i.kind == "jsonl" for i in items[:-1])


@pytest.mark.parametrize(
    ("spec", "record", "expected"),
    [
        ("text=body,headline=title", {"body": statement(1), "title": "T"}, ("T", None)),
        ("text=body, published=meta.date", {"body": statement(1), "meta": {"date": "2024-11-03"}},
         (None, "2024-11-03")),
        ("", {"text": statement(1), "headline": "H"}, ("H", None)),
    ],
)
def test_sources_json_field_names(tmp_path: Path, spec: str, record: dict[str, object],
                                  expected: tuple[str | None, str | None]) -> None:
    (tmp_path / "n.jsonl").write_text(json.dumps(record) + "\n")
    (tmp_path / "a.json").write_text(json.dumps([record]))
    db = tmp_path / "s.db"
    done = ingest([tmp_path / "n.jsonl", tmp_path / "a.json"], db, settings=Settings(json_fields=spec))
    assert (done.articles, done.skips) == (1, 1)  # the array's record is the line's duplicate
    assert stored(db, "SELECT headline, published FROM articles") == [expected]


@pytest.mark.parametrize("spec", ["body", "words=body", "text="])
def test_sources_json_field_names_bad_setting(spec: str) -> None:
    with pytest.raises(SettingsError, match="json_fields"):
        Settings(json_fields=spec)


def test_sources_count_items(good_corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "few").mkdir()
    (tmp_path / "few" / "a.txt").write_text("x")
    (tmp_path / "few" / "n.jsonl").write_text('{"text": "a"}\n{"text": "b"}')
    assert count_items([str(tmp_path / "few")]) == 3
    assert count_items([str(good_corpus)]) is None  # a WARC and feeds: not known before reading
    assert count_items(["-"]) is None


def test_sources_missing_file_is_read_once_it_is_there(tmp_path: Path) -> None:
    db, path = tmp_path / "s.db", tmp_path / "late.txt"
    first = ingest([path], db)
    path.write_text(statement(5), encoding="utf-8")
    second = ingest([path], db)
    assert (first.skips, first.articles, second.articles) == (1, 0, 1)
