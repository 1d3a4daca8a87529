"""Plain-text articles: the decoded file is the article text; leading header lines are metadata.

A news text file often starts with a short header block before the first blank line::

    Sunday03 November 2024
    g-novosti.in.ua

    Umerov stated he would commit "very bad things" if ...

    Ukrainian Defense Minister Rustem Umerov stated that ...

The date line becomes ``published`` (ISO date), the outlet line ``outlet``, and the first paragraph after
the header, when it is a one-line title, ``headline``. Nothing is cut away: ``Article.text`` is the whole
text, so every offset refers to the text as the user gave it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import parse_header_date
from ..model import Article

# A header is a handful of short lines; anything longer is already the article.
MAX_HEADER_LINES = 5
MAX_HEADER_LINE_CHARS = 200
# A headline is one line of at most this many characters, with more text after it.
MAX_HEADLINE_CHARS = 300
# A short outlet name ("Radio Liberty", "Kyiv Post") is believed only next to a date or domain line.
MAX_OUTLET_WORDS = 4
MAX_OUTLET_CHARS = 40

_DOMAIN = re.compile(
    r"(?:https?://)?((?:[^\W_][\w-]*\.)+[^\W\d_]{2,})/?",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"(?:by|від|автор|автор:|by:)\s+\S", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class Header:
    """What the leading lines of a text say about the article; ``None`` where they say nothing."""

    published: str | None = None
    outlet: str | None = None
    headline: str | None = None


def find_outlet_domain(line: str) -> str | None:
    """The domain a header line consists of (``g-novosti.in.ua``, ``https://www.bbc.co.uk/``)."""
    m = _DOMAIN.fullmatch(line.strip())
    return m.group(1) if m else None


def looks_like_outlet_name(line: str) -> bool:
    """A short name without sentence punctuation: "Radio Liberty", "Kyiv Independent"."""
    line = line.strip()
    words = line.split()
    return (
        0 < len(words) <= MAX_OUTLET_WORDS
        and len(line) <= MAX_OUTLET_CHARS
        and not _SENTENCE_END.search(line)
        and any(c.isalpha() for c in line)
        and not _BYLINE.match(line)
    )


def looks_like_title(line: str) -> bool:
    """A title either has no closing sentence punctuation or capitalises most of its words."""
    line = line.strip()
    if not _SENTENCE_END.search(line):
        return True
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _blocks(text: str) -> list[list[str]]:
    """The first runs of non-blank lines (paragraph blocks), stripped, up to the third one."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
            continue
        if current:
            blocks.append(current)
            current = []
            if len(blocks) == 3:
                return blocks
    if current:
        blocks.append(current)
    return blocks


def find_header(text: str) -> Header:
    """Read publication date, outlet and headline from the leading lines of ``text``."""
    blocks = _blocks(text[:20_000])
    if not blocks:
        return Header()
    first = blocks[0]
    published = outlet = headline = None
    is_header = False
    names: list[str] = []
    others: list[str] = []
    if len(first) <= MAX_HEADER_LINES and all(len(x) <= MAX_HEADER_LINE_CHARS for x in first):
        for line in first:
            date = parse_header_date(line)
            domain = find_outlet_domain(line) if date is None else None
            if date is not None:
                is_header = True
                published = published or date
            elif domain is not None:
                is_header = True
                outlet = outlet or domain
            elif looks_like_outlet_name(line):
                names.append(line)
            elif not _BYLINE.match(line):
                others.append(line)
    if is_header:
        if outlet is None and names:
            outlet = names.pop(0)
        title_lines = others + names
        if title_lines:
            headline = title_lines[0]
        body = blocks[1:]
    else:
        body = blocks
    if headline is None and len(body) >= 2 and len(body[0]) == 1:
        line = body[0][0]
        if len(line) <= MAX_HEADLINE_CHARS and (is_header or looks_like_title(line)):
            headline = line
    return Header(published=published, outlet=outlet, headline=headline)


def read_text_article(text: str, id: str | None = None) -> Article:
    """An ``Article`` of the whole ``text`` with the metadata its header lines carry."""
    header = find_header(text)
    return Article(text=text, id=id, published=header.published, outlet=header.outlet,
                   headline=header.headline)
