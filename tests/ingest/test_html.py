"""Web pages to articles: main text, metadata, dates bounded by the crawl, fragments of feeds."""

from __future__ import annotations

from datetime import date

import pytest

from sayso.errors import InputError
from sayso.ingest.html import host_outlet, html_fragment_text, paragraphs_text, read_html

BODY = ("<p>\"We will win,\" the minister said on Sunday, speaking to reporters in Kyiv after a long "
        "meeting with allies.</p><p>He added that the talks would continue next week in Brussels, "
        "according to officials who attended the meeting and asked not to be named.</p>")


def page(head: str = "", body: str = BODY) -> str:
    return (f"<html><head><title>Peace is near</title>{head}</head><body><nav>Home | World</nav>"
            f"<article>{body}</article><footer>Copyright 2024</footer></body></html>")


@pytest.mark.parametrize(
    ("html", "url", "crawled", "field", "expected"),
    [
        (page('<meta property="og:site_name" content="Kyiv News">'), None, None, "outlet", "Kyiv News"),
        (page(), "https://www.kyivnews.example/a", None, "outlet", "kyivnews.example"),
        (page('<link rel="canonical" href="https://kyivnews.example/c">'), "https://m.kyivnews.example/c?x=1",
         None, "url", "https://kyivnews.example/c"),
        (page(), None, None, "headline", "Peace is near"),
        (page('<meta property="article:published_time" content="2024-11-03T10:00:00Z">'), None,
         date(2024, 12, 1), "published", "2024-11-03"),
        (page('<meta property="article:published_time" content="2024-11-03T10:00:00Z">'), None,
         date(2024, 11, 1), "published", None),
    ],
    ids=["site-name", "host", "canonical", "title", "date", "date-after-crawl"],
)
def test_html_metadata(html: str, url: str | None, crawled: date | None, field: str,
                       expected: str | None) -> None:
    article = read_html(html.encode("utf-8"), "p.html", url=url, crawled=crawled)
    value = getattr(article, field)
    assert value == expected or (expected is None and (value is None or value <= "2024-11-01"))


def test_html_main_text_leaves_navigation_out() -> None:
    article = read_html(page(), "p.html")
    assert article.text.startswith('"We will win,"')
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert "\n\nHe added" in article.text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (b"", "not-an-article"),
        (b"<html><head><title>x</title></head></html>", "not-an-article"),
        (b"<html><body><nav>Home</nav></body></html>", "not-an-article"),
    ],
)
def test_html_without_article(html: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        read_html(html, "p.html")
    assert err.value.reason == reason


def test_html_cp1251_page() -> None:
    body = ('<p>"Мы победим", заявил министр обороны журналистам в Москве в воскресенье после долгой '
            "встречи с союзниками.</p><p>Он добавил, что переговоры продолжатся на следующей неделе в "
            "Брюсселе, по словам чиновников, которые присутствовали на встрече.</p>")
    html = page('<meta charset="windows-1251">', body).encode("cp1251")
    assert read_html(html, "p.html").text.startswith('"Мы победим", заявил министр')


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One <b>two</b></p><p>Three<br>four</p>", "One two\n\nThree\n\nfour"),
        ("plain   words", "plain words"),
        ("<div><script>x()</script>Text</div>", "Text"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
    ],
)
def test_html_fragment_text(fragment: str, expected: str) -> None:
    assert html_fragment_text(fragment) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://www.bbc.co.uk/news/x", "bbc.co.uk"), ("kyivindependent.com/a", "kyivindependent.com"),
     (None, None), ("", None)],
)
def test_html_host_outlet(url: str | None, expected: str | None) -> None:
    assert host_outlet(url) == expected


@pytest.mark.parametrize(("text", "expected"), [("a\n b \n\n\nc", "a\n\nb\n\nc"), ("\n\n", "")])
def test_html_paragraphs_text(text: str, expected: str) -> None:
    assert paragraphs_text(text) == expected
