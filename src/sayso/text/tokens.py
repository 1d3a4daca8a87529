"""Word tokens of a stretch of text, with each quotation folded into one opaque token.

Rules that look for a speaker and a cue read the words *around* quotations, never inside them, so a
quotation becomes a single token of kind ``"q"`` whose span covers the marks and the quoted words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Quotation

# A word keeps inner apostrophes, hyphens, dots and ampersands: Ukraine's, don't, U.S, AT&T, Jean-Luc.
_TOKEN = re.compile(r"\w+(?:[’'.\-&/]\w+)*|[^\w\s]")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str
    kind: str  # "w" word, "p" punctuation, "q" quotation
    quote: Quotation | None = None

    @property
    def is_word(self) -> bool:
        return self.kind == "w"

    @property
    def capitalised(self) -> bool:
        return self.kind == "w" and self.text[:1].isupper()


def tokenize(text: str, start: int, end: int, quotations: list[Quotation] = ()) -> list[Token]:  # type: ignore[assignment]
    """Tokens of ``text[start:end]``; ``quotations`` (sorted, inside the range) become ``q`` tokens."""
    out: list[Token] = []
    pos = start
    for q in quotations:
        qs, qe = q.outer_start, q.outer_end
        if qe <= start or qs >= end:
            continue
        _words(text, pos, max(pos, qs), out)
        out.append(Token(qs, qe, text[qs:qe], "", "q", q))
        pos = max(pos, qe)
    _words(text, pos, end, out)
    return out


def _words(text: str, start: int, end: int, out: list[Token]) -> None:
    if end <= start:
        return
    for m in _TOKEN.finditer(text, start, end):
        s = m.group()
        out.append(Token(m.start(), m.end(), s, s.lower(), "w" if (s[0].isalnum() or s[0] == "_") else "p"))
