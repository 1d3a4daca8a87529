"""Web pages: main text with trafilatura, publication date with htmldate, metadata from the page.

The article text is trafilatura's main text with paragraphs separated by blank lines (the form plain
text articles have); it is stored with the article, so every offset stays checkable against it. The
publication date is htmldate's, never later than the crawl date (a WARC record's date, or the file's
modification time): a page cannot have been published after it was fetched. The outlet is the page's
site name, else the host of its URL without ``www.``.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from ..errors import InputError
from ..model import Article
from .encoding import decode_bytes

# Elements after which text starts a new paragraph in a feed entry's HTML fragment.
BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre",
              "section", "article", "figure", "figcaption", "ul", "ol", "table")
# Less main text than this is a menu or a cookie notice that trafilatura fell back to, not an article
# (the shortest news flash is a sentence longer than this).
MIN_PAGE_TEXT_CHARS = 40
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def host_outlet(url: str | None) -> str | None:
    """``https://www.bbc.co.uk/news/x`` → ``bbc.co.uk``."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def paragraphs_text(text: str) -> str:
    """Lines of extracted text as paragraphs: one blank line between, no blank runs, no edge blanks."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    if "<" not in fragment:
        return paragraphs_text(fragment)
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return paragraphs_text(re.sub(r"<[^>]+>", " ", fragment))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    return paragraphs_text(root.text_content())


def read_html(
    data: bytes | str,
    source: str,
    *,
    url: str | None = None,
    crawled: date | None = None,
    charset: str | None = None,
    id: str | None = None,
) -> Article:
    """An ``Article`` of a web page's main text; ``InputError`` (``not-an-article``) when the page has
    none, (``unreadable``) when it is not HTML text."""
    import trafilatura

    html = data if isinstance(data, str) else decode_bytes(data, source, charset)
    if not html.strip():
        raise InputError(f"{source}: empty page", "not-an-article")
    params: dict[str, object] = {"original_date": True, "extensive_search": True}
    if crawled is not None:
        params["max_date"] = crawled.isoformat()
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=params,
        )
    except (ValueError, TypeError, AttributeError) as e:
        raise InputError(f"{source}: not an HTML page trafilatura can read ({e})", "not-an-article") from e
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise InputError(f"{source}: no main text found in the page", "not-an-article")
    text = paragraphs_text(doc.text or "")
    if len(text) < MIN_PAGE_TEXT_CHARS:
        raise InputError(f"{source}: only {len(text)} characters of main text ({text[:40]!r}), not an "
                         "article", "not-an-article")
    page_url = doc.url or url
    outlet = doc.sitename or host_outlet(page_url)
    published = doc.date if doc.date and (crawled is None or doc.date <= crawled.isoformat()) else None
    return Article(
        text=text, id=id, published=published, outlet=outlet, headline=doc.title or None, url=page_url,
        meta={k: v for k, v in (("page_language", doc.language), ("source_url", url)) if v},
    )
