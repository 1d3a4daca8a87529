"""Article text with spans highlighted, built from escaped pieces only.

Article text is untrusted: every piece of it goes through ``markupsafe.escape`` before it meets a tag,
and the tags are fixed strings whose attribute values are escaped too. Spans may nest (a direct quote
inside a mixed statement, a speaker's name inside a quote) or cross; the text is cut at every span
boundary and each piece is wrapped once, by the innermost span that covers it, with the classes of
all the spans that cover it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

# Nesting deeper than this draws as this (the CSS has one shade per level).
MAX_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted range of the text: CSS classes, a link, an anchor id for its first piece, and a
    tooltip. ``statement`` spans count for the nesting depth; a mention or cue span does not."""

    start: int
    end: int
    classes: str
    href: str | None = None
    anchor: str | None = None
    title: str | None = None
    statement: bool = True


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (the lines between newlines) around ``start:end``."""
    lo = text.rfind("\n", 0, max(0, start)) + 1
    hi = text.find("\n", max(start, end))
    return lo, len(text) if hi < 0 else hi


def highlight(text: str, spans: Sequence[Span], lo: int = 0, hi: int | None = None) -> Markup:
    """``text[lo:hi]`` as HTML with ``spans`` marked; spans outside the window or with bad offsets
    (negative, reversed, past the end) are left out rather than trusted."""
    hi = len(text) if hi is None else min(hi, len(text))
    lo = max(0, min(lo, hi))
    kept = [s for s in spans if 0 <= s.start < s.end <= len(text) and s.start < hi and s.end > lo]
    cuts = sorted({lo, hi, *(max(lo, s.start) for s in kept), *(min(hi, s.end) for s in kept)})
    out: list[str] = []
    for a, b in pairwise(cuts):
        piece = escape(text[a:b])
        over = [s for s in kept if s.start <= a and s.end >= b]
        if not over:
            out.append(piece)
            continue
        inner = min(over, key=lambda s: (s.end - s.start, not s.href))
        depth = min(MAX_DEPTH, sum(s.statement for s in over))
        classes = " ".join(dict.fromkeys(c for s in over for c in s.classes.split()))
        classes = f"hl depth-{depth} {classes}" if depth else f"hl {classes}"
        # each span's anchor goes on its first piece: on the element when the span is the innermost,
        # else on an empty marker just before it (one element has one id)
        starting = [s for s in over if s.anchor and max(lo, s.start) == a]
        anchor = inner.anchor if inner in starting else None
        out.extend(Markup('<span class="anchor" id="{}"></span>').format(s.anchor)
                   for s in starting if s is not inner)
        out.append(_tag(piece, classes, inner.href, anchor, inner.title))
    return Markup("").join(out)


def _tag(piece: Markup, classes: str, href: str | None, anchor: str | None, title: str | None) -> Markup:
    attrs = Markup(' class="{}"').format(classes)
    if anchor:
        attrs += Markup(' id="{}"').format(anchor)
    if title:
        attrs += Markup(' title="{}"').format(title)
    if href:
        return Markup('<a{} href="{}">{}</a>').format(attrs, href, piece)
    return Markup("<mark{}>{}</mark>").format(attrs, piece)
