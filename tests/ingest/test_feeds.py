"""RSS and Atom entries to articles: full content kept, teasers skipped, metadata from the feed."""

from __future__ import annotations

import pytest

from sayso.errors import InputError
from sayso.ingest.feeds import MIN_SUMMARY_CHARS, looks_like_feed, read_feed

LONG = "<p>" + ('"We will win," the minister said. ' * 20) + "</p>"


def rss(item: str) -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Radio</title><link>https://www.radio.example/</link>{item}</channel></rss>"
            ).encode()


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (f"<item><title>T</title><content:encoded><![CDATA[{LONG}]]></content:encoded></item>", ""),
        (f"<item><title>T</title><description><![CDATA[{LONG}]]></description></item>", ""),
        ("<item><title>T</title><description>A teaser.</description></item>", "not-an-article"),
        ("<item><title>T</title></item>", "not-an-article"),
    ],
    ids=["content", "long-description", "teaser", "no-text"],
)
def test_feeds_entries(item: str, reason: str) -> None:
    (entry,) = read_feed(rss(item), "f.rss")
    assert entry.reason == reason
    assert (entry.article is None) == bool(reason)
    if entry.article is not None:
        assert entry.article.text.startswith('"We will win,"')
        assert (entry.article.headline, entry.article.outlet) == ("T", "Radio")
        assert len(entry.article.text) >= MIN_SUMMARY_CHARS


@pytest.mark.parametrize("data", [b"not a feed at all", b"<html><body>page</body></html>"])
def test_feeds_not_a_feed(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        list(read_feed(data, "f.xml"))
    assert err.value.reason == "unreadable"


@pytest.mark.parametrize(
    ("head", "expected"),
    [(b'<?xml version="1.0"?>\n<rss version="2.0">', True),
     (b"<feed xmlns='http://www.w3.org/2005/Atom'>", True),
     (b'<?xml version="1.0"?><svg>', False), (b"<html>", False)],
)
def test_feeds_looks_like_feed(head: bytes, expected: bool) -> None:
    assert looks_like_feed(head) is expected
