"""The records the attribution frames produce (shared by the English and the Slavic frames).

An ``Attribution`` is one cue with its speaker and the ``Piece``s of text it reports; the stage
``quotes.reported`` turns them into ``Statement``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ..lang import load_lines
from ..model import Cue, Mention, Quotation
from ..speakers.phrases import word_class
from ..text.tokens import Token
from .cues import CueEntry
from .direct import looks_like_name


@dataclass(slots=True)
class Piece:
    start: int
    end: int
    kind: str
    quotation: Quotation | None = None

@dataclass(slots=True)
class Attribution:
    """A cue with its speaker and the pieces of text it reports (one group)."""

    cue: Cue
    entry: CueEntry
    speaker: Mention | None
    pieces: list[Piece] = field(default_factory=list)
    confidence: float = 0.9
    colon_at: int | None = None  # 'He said:' at the end of its sentence: the quote comes next

def _is_name_token(t: Token) -> bool:
    q = t.quote
    return q is not None and looks_like_name(t.text[q.start - q.open_at:q.end - q.open_at])

def _mention(text: str, tokens: list[Token], r: tuple[int, int] | None) -> Mention | None:
    if r is None:
        return None
    a, b = r
    t0, t1 = tokens[a], tokens[b]
    if t0.kind == "q" and a == b and t0.quote is not None:  # a name in quotation marks
        q = t0.quote
        s, e = q.start, q.end
        while e > s and text[e - 1] in ".,;:!? ":
            e -= 1
        return Mention(s, e, text[s:e])
    s, e = t0.start, t1.end
    while e > s and text[e - 1] in ",;:":
        e -= 1
    return Mention(s, e, text[s:e])

def _pieces(text: str, tokens: list[Token], a: int, b: int) -> list[Piece]:
    """The reported words between tokens ``a`` and ``b`` (inclusive), trimmed, as one piece."""
    while a <= b and tokens[a].kind == "p" and tokens[a].text in ",:;-—–":
        a += 1
    that_quote = False
    if a <= b and tokens[a].low == "that" and a < b:
        # 'told reporters that "Kasich is throwing votes away"': a quotation in indirect syntax is
        # reported with its "that", as mixed speech (the annotated corpora's convention)
        that_quote = tokens[a + 1].kind == "q" and all(t.kind == "p" for t in tokens[a + 2:b + 1])
        if not that_quote:
            a += 1
    while b >= a and tokens[b].kind == "p":
        b -= 1
    if b < a:
        return []
    inner = tokens[a:b + 1]
    quotes = [t for t in inner if t.kind == "q" and not is_typewriter(text, t.quote)]
    if len(inner) == 1 and quotes and quotes[0].quote is not None:
        q = quotes[0].quote
        return [Piece(q.start, q.end, "direct", q)] if q.end > q.start else []
    s, e = tokens[a].start, tokens[b].end
    return [Piece(s, e, "mixed" if quotes else "indirect")]

def is_typewriter(text: str, q: Quotation | None) -> bool:
    """Quoted with two apostrophes (''...''), the ASCII convention of some news archives.

    sayso attributes such a quotation like any other but reports it as ``indirect`` with the marks
    included, as the annotated corpora do: their ``direct`` is text between the quotation marks of
    DESIGN.md §2 (“…” "…" «…» „…“ ‘…’), which two apostrophes are not.
    """
    return q is not None and text.startswith("''", q.open_at)

def text_end(t: Token) -> str:
    """The last character of a quotation token's quoted words."""
    q = t.quote
    if q is None or q.end <= q.start:
        return ""
    return t.text[q.end - q.open_at - 1]

def find_quoted_fragments(text: str, atts: list[Attribution],
                          quotations: list[Quotation]) -> list[Attribution]:
    """The quoted words inside each mixed clause, as attributions of their own with a ``direct`` piece.

    Used for headlines ("Umerov stated he would commit "very bad things" if …"): a headline's clause is
    the editor's summary and its quoted words are the claim to check, so they are a statement of their
    own. In body text the annotated corpora keep a partly quoted clause as one ``mixed`` statement, and
    sayso follows them there (docs/design-notes.md).
    """
    out: list[Attribution] = []
    for att in atts:
        for p in att.pieces:
            if p.kind != "mixed":
                continue
            for q in quotations:
                if q.close_at is not None and p.start <= q.open_at and q.close_at < p.end \
                        and q.end > q.start and not is_typewriter(text, q):
                    out.append(Attribution(att.cue, att.entry, att.speaker,
                                           [Piece(q.start, q.end, "direct", q)], att.confidence))
    return out


_VENUE_LEADS = frozenset({"in", "during", "at", "on"})
_VENUE_DETS = frozenset({"a", "an", "the", "his", "her", "their", "its"})


@cache
def _venue_heads() -> frozenset[str]:
    """The last words of the venue nouns ("interview", "conference", "post"), plural too."""
    heads = {line.split()[-1].lower() for line in load_lines("en", "venues")}
    return frozenset(heads | {h + "s" for h in heads})


def trim_venue(tokens: list[Token], a: int, b: int) -> int:
    """The last token of the reported words ``a..b`` without a venue adjunct that closes them ("…
    more school investment in a statement on Thursday", "… in a recent interview with The Post"):
    where the words were said is no part of them, and ``provenance`` reads it outside them."""
    heads = _venue_heads()
    for v in range(max(a + 2, b - 10), b):
        if tokens[v].low in _VENUE_LEADS and v + 1 <= b and tokens[v + 1].low in _VENUE_DETS \
                and tokens[v - 1].low not in word_class("be"):  # "he was in a meeting": where he was
            noun = next((x for x in range(v + 2, min(b, v + 5) + 1) if tokens[x].low in heads), None)
            if noun is None:
                continue
            rest = tokens[noun + 1:b + 1]
            if not rest or (rest[0].low in ("with", "on", "to") and all(t.kind == "w" or t.text in ".'’"
                                                                          for t in rest[1:])):
                return v - 1
    return b
