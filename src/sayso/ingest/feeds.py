"""RSS and Atom feeds: one article per entry that carries the article's text.

An entry's text is its full content (``content:encoded``, Atom ``content``), else its description when
that is long enough to be the article itself; an entry with only a teaser is skipped as
``not-an-article`` (the page it links to is the article). Title, link and date come from the entry,
the outlet from the feed's title or its link's host.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..model import Article
from .html import host_outlet, html_fragment_text

# A description shorter than this is a teaser, not the article.
MIN_SUMMARY_CHARS = 500


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry: its position in the feed and an ``Article``, or why it gives none."""

    index: int
    article: Article | None
    reason: str = ""
    message: str = ""


def looks_like_feed(head: bytes) -> bool:
    """An XML document whose root is ``rss``, ``feed`` (Atom) or ``rdf:RDF``."""
    sample = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (sample.startswith(b"<?xml") and any(t in sample for t in (b"<rss", b"<feed", b"<rdf:rdf"))) \
        or sample.startswith((b"<rss", b"<feed"))


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%d", parsed)


def entry_text(entry: Any) -> tuple[str, bool]:
    """The entry's text, and whether it is full content (rather than a description)."""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            return html_fragment_text(value), True
    return html_fragment_text(entry.get("summary") or ""), False


def read_feed(data: bytes, source: str) -> Iterator[FeedEntry]:
    """The entries of a feed; ``InputError`` (``unreadable``) when ``data`` is not a feed."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        why = parsed.get("bozo_exception") or "no entries"
        raise InputError(f"{source}: not an RSS or Atom feed ({why})", "unreadable")
    feed = parsed.feed
    outlet = feed.get("title") or host_outlet(feed.get("link"))
    for index, entry in enumerate(parsed.entries, 1):
        text, full = entry_text(entry)
        where = f"{source}#entry {index}"
        if not text.strip():
            yield FeedEntry(index, None, "not-an-article", f"{where}: the entry has no text")
            continue
        if not full and len(text) < MIN_SUMMARY_CHARS:
            yield FeedEntry(index, None, "not-an-article",
                            f"{where}: only a {len(text)}-character description, not the article's text")
            continue
        link = entry.get("link")
        yield FeedEntry(index, Article(
            text=text, id=entry.get("id") or link, headline=entry.get("title") or None, url=link,
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            outlet=outlet or host_outlet(link),
        ))
