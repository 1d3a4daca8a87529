"""``segment``: paragraphs (one per non-empty line) and sentences inside them.

A sentence never crosses a paragraph; a quotation may cross both, which the quote stages handle.
"""

from __future__ import annotations

import re

from ..lang import load_set
from ..model import Article, Span
from ..pipeline import stage
from ..settings import Settings

_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? … (repeated), then any closing quotes or brackets, then space.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+([\"'“‘«„(\[]*)(\S)")


def find_paragraphs(text: str) -> list[Span]:
    spans = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(Span(s, e))
    return spans


def find_sentences(text: str, paragraph: Span, max_chars: int = 5_000) -> list[Span]:
    """Split one paragraph into sentences (rule based, abbreviation aware)."""
    abbrev = load_set("en", "abbreviations")
    out: list[Span] = []
    start = paragraph.start
    chunk = text[paragraph.start:paragraph.end]
    base = paragraph.start
    for m in _END.finditer(chunk):
        end = base + m.end()
        nxt = _NEXT_START.match(text, end, paragraph.end)
        if not nxt:
            continue
        first = nxt.group(2)
        if not (first.isupper() or first.isdigit() or nxt.group(1) or first in "—–-"):
            continue
        if text[base + m.start()] == ".":
            # the word before the full stop: an abbreviation or an initial does not end a sentence
            w = re.search(r"([\w.]+)$", text[start:base + m.start()])
            word = w.group(1) if w else ""
            if word and (word.lower() in abbrev or (len(word) == 1 and word.isupper())
                         or re.fullmatch(r"(?:\w\.)+\w", word)):
                continue
        out.append(Span(start, end))
        start = nxt.start(1) if nxt.group(1) else nxt.start(2)
    if start < paragraph.end:
        out.append(Span(start, paragraph.end))
    # a sentence with no punctuation at all can be huge: cut it so no rule runs on megabytes
    cut: list[Span] = []
    for s in out:
        if len(s) <= max_chars:
            cut.append(s)
            continue
        p = s.start
        while p < s.end:
            q = min(p + max_chars, s.end)
            if q < s.end:
                sp = text.rfind(" ", p + max_chars // 2, q)
                q = sp + 1 if sp > 0 else q
            cut.append(Span(p, q))
            p = q
    return cut


@stage("segment", requires=["normalise"])
def segment(article: Article, settings: Settings) -> None:
    text = article.norm or article.text
    article.paragraphs = find_paragraphs(text)
    sents: list[Span] = []
    for p in article.paragraphs:
        sents.extend(find_sentences(text, p, settings.max_sentence_chars))
    article.sentences = sents
