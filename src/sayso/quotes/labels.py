"""Statements a label and a colon introduce, with no cue verb: the speaker labels of a transcript
or an interview ("TAPPER: Do you think …", "Q: …", "A: …"). A label opens a paragraph and is written
in capitals (or is Q or A); the paragraph is the labelled speaker's turn.

A headline that opens with its source follows the same convention: "Sanders: Brexit's message could
draw Trump support in US." In a headline every word is capitalised, so a name is told from a phrase
("Big Win For Bernie: …", "Clinton Wades In: …") by the article itself: each capitalised word of the
source stands capitalised in the body in the middle of a sentence, or the source ends in a source
noun ("Poll", "Report", "Historians": ``lang/en/source_nouns.txt`` and the group, medium and
anonymous head words).

Labels that name no speaker ("UPDATE:", "Breaking:", "EDITOR'S NOTE:") are data:
``lang/en/colon_labels.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..lang import load_set
from ..model import Quotation, Span

# a first line this short is the headline when the article names none
HEADLINE_CHARS = 200
_MAX_SOURCE_WORDS = 6
_MAX_HEADLINE_WORDS = 30  # a longer "first line" is a headline run into the body
_HEADLINE_SOURCE = re.compile(r"([^\n:]{1,80}?):[ \t]+(?=\S)")
_NOT_IN_SOURCE = re.compile(r"[,;?!\"“”«»]|^[‘'\d]")
_CAPITALISED = re.compile(r"[A-Z][\w'’.\-]*")
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’\- ]{0,40}[A-Z.]|Q|A):[ \t]+(?=\S)")
_TRIM = " \t.;,:"

# (speaker start, speaker end, colon offset, content start, content end): always ``indirect``
LabelStatement = tuple[int, int, int, int, int]


def _content(text: str, start: int, end: int, quotations: Sequence[Quotation],
             quoted_words: bool = False) -> tuple[int, int] | None:
    """The reported words from ``start`` to ``end`` (trimmed). Words that hold a quotation are left
    to the quotation's own rules: a label must not swallow a direct statement. A headline's claim
    may quote a few of its words (``quoted_words``: "Zelensky: Ukraine will get F-16s "very soon""),
    not be a quotation from end to end."""
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if len(text[start:end].split()) < 2:
        return None
    inside = [q for q in quotations if q.outer_start < end and start < q.outer_end]
    if inside and not (quoted_words and all(
            start < q.outer_start and q.outer_end <= end and len(text[q.start:q.end].split()) * 2
            < len(text[start:end].split()) for q in inside)):
        return None
    return start, end


def find_transcript_labels(text: str, paragraphs: Sequence[Span],
                           quotations: Sequence[Quotation]) -> list[LabelStatement]:
    """"NAME: words" opening a paragraph (a transcript, an interview's Q and A): the paragraph's
    words are the named speaker's. The article's first line is its headline, never a turn."""
    labels = load_set("en", "colon_labels")
    out: list[LabelStatement] = []
    for p in paragraphs:
        m = _TRANSCRIPT_LABEL.match(text, p.start, p.end) if p.start > 0 else None
        if m is None or m.group(1).lower() in labels:
            continue
        content = _content(text, m.end(), p.end, quotations)
        if content is not None:
            out.append((m.start(1), m.end(1), m.end(1), *content))
    return out


@cache
def _source_nouns() -> frozenset[str]:
    return (load_set("en", "source_nouns") | load_set("en", "groups") | load_set("en", "media_descriptions")
            | load_set("en", "anonymous"))


def _named_in(body: str, word: str) -> bool:
    """Does ``word`` (or a phrase) stand capitalised in ``body`` after a lower-case word or a comma
    (mid-sentence: a name, not a headline's capital)?"""
    return re.search(r"[a-z,] " + re.escape(word.rstrip(".")) + r"(?![\w])", body) is not None


def find_headline_source(text: str, line: Span, quotations: Sequence[Quotation]) -> LabelStatement | None:
    """"Source: claim" in the headline ``line``: a source named in the article (see the module's
    docstring) and the claim after the colon, which may quote some of its words."""
    m = _HEADLINE_SOURCE.match(text, line.start, line.end)
    if m is None:
        return None
    source = m.group(1).strip()
    words = source.split()
    if not words or len(words) > _MAX_SOURCE_WORDS or not source[0].isupper() \
            or _NOT_IN_SOURCE.search(source) or words[0].lower() in ("a", "an", "the") \
            or source.lower() in load_set("en", "colon_labels"):
        return None
    body = text[line.end:]
    if words[-1].lower() not in _source_nouns() and not _named_in(body, source) and not all(
            _named_in(body, w) for w in _CAPITALISED.findall(source) if len(w.rstrip(".")) >= 3):
        return None
    content = _content(text, m.end(), line.end, quotations, quoted_words=True)
    if content is None or len(text[content[0]:content[1]].split()) > _MAX_HEADLINE_WORDS \
            or text[content[1] - 1] == "?":
        return None  # too long for a headline, or a question about the source ("Cruz: Conservative or …?")
    s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
    return s, s + len(source), m.end(1), *content


def headline_line(text: str, known: tuple[int, int] | None) -> Span | None:
    """The headline's line: where the article's known headline stands, else its first line when
    that is short enough to be one."""
    if known is not None:
        return Span(*known)
    end = text.find("\n")
    if end < 0 or end > HEADLINE_CHARS:
        return None
    return Span(0, end)
