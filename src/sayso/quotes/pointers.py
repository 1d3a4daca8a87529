"""A sentence that gives the sentence before it to a speaker: "Ukraine expects an invitation to NATO.
This was stated by Deputy Prime Minister Olha Stefanishyna during a meeting with EU ambassadors."

News translated from Russian and Ukrainian writes the claim first and its source after it, as "Об
этом заявил X" / "Про це заявив X" (``quotes.slavic`` reads those). In English the pointer is a
passive speech cue with "this" as its subject and the speaker after "by" ("This was stated by X",
"This was announced by X", "That was said by X"). The sentence before is X's words when no speech
cue of its own attributes it; a belief cue inside it ("Ukraine expects …") stays a statement of its
own, nested in X's words. The pointer sentence stays a remark too: its date and venue go to X's
statement (``dates``, ``provenance``).
"""

from __future__ import annotations

from ..model import Cue
from ..speakers.phrases import find_right_np, word_class
from ..text.tokens import Token, tokenize
from .cues import Lexicon
from .pieces import Attribution, Piece, _is_name_token, _mention

POINTER_WORDS = frozenset({"this", "that", "it"})
_BE = frozenset({"was", "is", "has", "been", "had"})


def find_pointer(text: str, tokens: list[Token], lex: Lexicon,
                 before: tuple[int, int] | None) -> Attribution | None:
    """The attribution of the sentence ``before`` (start, end) by the pointer sentence ``tokens``, if
    they open with one ("This was stated by X …")."""
    if before is None or len(tokens) < 5 or tokens[0].low not in POINTER_WORDS:
        return None
    k = 1
    while k < len(tokens) and tokens[k].low in _BE:
        k += 1
    if k == 1 or k >= len(tokens) - 2:
        return None
    entry = lex.single.get(tokens[k].low)
    if entry is None or "speech" not in entry.flags or not entry.participle or tokens[k + 1].low != "by":
        return None
    np = find_right_np(tokens, k + 2, len(tokens), _is_name_token)
    if np is None:
        return None
    np = _cut_adjuncts(tokens, np)
    s, e = before
    while e > s and text[e - 1] in " \t\n.!?…":
        e -= 1
    if e <= s or _speech_cue_in(text, s, e, lex):
        return None  # the sentence before has its own speaker: this one only places the words
    cue = Cue(tokens[k].start, tokens[k].end, tokens[k].text, entry.lemma, "verb")
    return Attribution(cue, entry, _mention(text, tokens, np), [Piece(s, e, "indirect")], entry.confidence)


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
