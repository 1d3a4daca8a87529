"""A sentence that gives the sentence before it to a speaker: "Ukraine expects an invitation to NATO.
This was stated by Deputy Prime Minister Olha Stefanishyna during a meeting with EU ambassadors.",
""Ukraine will never give up its territories." These words belong to President Zelensky."

News translated from Russian and Ukrainian writes the claim first and its source after it, as "Об
этом заявил X" / "Про це заявив X" (``quotes.slavic`` reads those). In English the pointer is a
passive speech cue with "this" as its subject and the speaker after "by" ("This was stated by X",
"This was announced by X", "That was said by X"). The sentence before is X's words when no speech
cue of its own attributes it; a belief cue inside it ("Ukraine expects …") stays a statement of its
own, nested in X's words. The pointer sentence stays a remark too: its date and venue go to X's
statement (``dates``, ``provenance``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Cue, Quotation
from ..speakers.phrases import find_right_np, word_class
from ..text.tokens import Token, tokenize
from .cues import CueEntry, Lexicon
from .pieces import Attribution, Piece, _is_name_token, _mention

POINTER_WORDS = frozenset({"this", "that", "it", "these", "those"})
_BE = frozenset({"was", "is", "has", "been", "had"})
_BELONG = CueEntry("belong to", "belong", frozenset({"speech"}), False, False)


# a pointer frame: the first and last token of its cue, the cue's entry, the speaker's tokens
_Frame = tuple[int, int, CueEntry, tuple[int, int]]


def find_pointer(text: str, tokens: list[Token], lex: Lexicon, before: tuple[int, int] | None,
                 quotations: Sequence[Quotation] = ()) -> Attribution | None:
    """The attribution of the sentence ``before`` (start, end) by the pointer sentence ``tokens``, if
    they open with one ("This was stated by X …", "These words belong to X", "That is what X said")."""
    if before is None or len(tokens) < 5 or tokens[0].low not in POINTER_WORDS:
        return None
    frame = _stated_by(tokens, lex) or _words_of(tokens) or _what_said(tokens, lex)
    if frame is None:
        return None
    first, last, entry, np = frame
    s, e = before
    while e > s and text[e - 1] in " \t\n.!?…":
        e -= 1
    if e <= s or _speech_cue_in(text, s, e, lex):
        return None  # the sentence before has its own speaker: this one only places the words
    # the sentence before is one quotation (``quotes.direct`` found it): its words, direct
    whole = next((q for q in quotations if q.outer_start <= s and e <= q.outer_end and q.end > q.start), None)
    piece = Piece(whole.start, whole.end, "direct", whole) if whole is not None else Piece(s, e, "indirect")
    a, b = tokens[first].start, tokens[last].end
    cue = Cue(a, b, text[a:b], entry.lemma, "verb")
    return Attribution(cue, entry, _mention(text, tokens, np), [piece], entry.confidence)


def _stated_by(tokens: list[Token], lex: Lexicon) -> _Frame | None:
    """"This was stated by X", "It has been announced by X": a passive speech cue and its agent."""
    k = 1
    while k < len(tokens) and tokens[k].low in _BE:
        k += 1
    if k == 1 or k >= len(tokens) - 2:
        return None
    entry = lex.single.get(tokens[k].low)
    if entry is None or "speech" not in entry.flags or not entry.participle or tokens[k + 1].low != "by":
        return None
    np = find_right_np(tokens, k + 2, len(tokens), _is_name_token)
    return (k, k, entry, _cut_adjuncts(tokens, np)) if np is not None else None


def _what_said(tokens: list[Token], lex: Lexicon) -> _Frame | None:
    """"That is what Zelensky said …" / "This is what the minister told reporters"."""
    if tokens[1].low not in ("is", "was") or tokens[2].low != "what":
        return None
    for k in range(4, min(len(tokens), 12)):
        entry = lex.single.get(tokens[k].low)
        if entry is not None and "speech" in entry.flags:
            plain = all(t.kind == "w" or t.text == "." for t in tokens[3:k])  # the speaker, no clause
            return (k, k, entry, (3, k - 1)) if plain else None
    return None


def _words_of(tokens: list[Token]) -> _Frame | None:
    """"These words belong to X" / "These are the words of X"."""
    lows = [t.low for t in tokens[:6]]
    if len(lows) >= 4 and lows[1] == "words" and lows[2] in ("belong", "belonged", "belongs") \
            and lows[3] == "to":
        first, last = 1, 3
    elif len(lows) >= 5 and lows[1] in _BE | {"are", "were"} and lows[2:5] == ["the", "words", "of"]:
        first, last = 2, 4
    else:
        return None
    np = find_right_np(tokens, last + 1, len(tokens), _is_name_token)
    return (first, last, _BELONG, _cut_adjuncts(tokens, np)) if np is not None else None


def _cut_adjuncts(tokens: list[Token], np: tuple[int, int]) -> tuple[int, int]:
    """The speaker without the adjuncts after it: "Olha Stefanishyna during a meeting", "the ministry
    on Friday" (a preposition after a capitalised word, before a time word, or "during" ends the
    phrase; "Minister for European Integration" keeps its "for" before a capital)."""
    prepositions, time = word_class("preposition"), word_class("time")
    for k in range(np[0] + 1, np[1] + 1):
        t = tokens[k]
        if t.low not in prepositions:
            continue
        nxt = tokens[k + 1] if k + 1 <= np[1] else None
        title_of = nxt is not None and nxt.capitalised and t.low in ("of", "for")
        if t.low == "during" or (nxt is not None and nxt.low in time) or (
                tokens[k - 1].capitalised and not title_of):
            return np[0], k - 1  # "… Stefanishyna during a meeting", "the ministry on Friday"
    return np


def _speech_cue_in(text: str, start: int, end: int, lex: Lexicon) -> bool:
    from .frames import find_cue_tokens

    return any("speech" in e.flags or "according" in e.flags
               for _, _, e in find_cue_tokens(tokenize(text, start, end), lex))
