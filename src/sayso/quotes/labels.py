"""Statements a label and a colon introduce, with no cue verb: the speaker labels of a transcript
or an interview ("TAPPER: Do you think …", "Q: …", "A: …"). A label opens a paragraph and is written
in capitals (or is Q or A); the paragraph is the labelled speaker's turn.

Labels that name no speaker ("UPDATE:", "EDITOR'S NOTE:") are data: ``lang/en/colon_labels.txt``.
(A headline "Sanders: Brexit's message …" follows the same convention, but a rule that read every
"X: …" headline as a statement of X cost more precision than it gained recall on polnear-dev:
"Big Win For Bernie: …" is no source. It needs a test that X names a speaker.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lang import load_set
from ..model import Quotation, Span

_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’\- ]{0,40}[A-Z.]|Q|A):[ \t]+(?=\S)")
_TRIM = " \t.;,:"

# (speaker start, speaker end, colon offset, content start, content end, kind)
LabelStatement = tuple[int, int, int, int, int, str]


def _content(text: str, start: int, end: int, quotations: Sequence[Quotation]) -> tuple[int, int, str] | None:
    """The reported words from ``start`` to ``end`` (trimmed), ``indirect``. A turn that holds a
    quotation is left to the quotation's own rules: a label must not swallow a direct statement."""
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if len(text[start:end].split()) < 2:
        return None
    if any(q.outer_start < end and start < q.outer_end for q in quotations):
        return None
    return start, end, "indirect"


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
