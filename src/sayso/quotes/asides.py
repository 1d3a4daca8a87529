"""Attributions that stand aside their words with "as": "As he noted, the enemy launches drones
first", "As noted by Andrii Kovalenko, propaganda spreads fakes", "The talks failed, as Reuters
reported." (translated news writes "Как отметил X, …" / "Як зазначив X, …" so).

The speaker is the noun phrase between "as" and the cue, or after "by" in the passive; the words
are the clause after the comma, or before the comma that opens the aside. "As expected, …" names
no speaker and is no attribution.
"""

from __future__ import annotations

from collections.abc import Callable

from ..speakers.phrases import find_left_np, find_right_np, is_pronoun_contraction
from ..text.tokens import Token
from .pieces import Attribution, _is_name_token, _mention, _pieces

_MAX_ADJUNCT = 6  # words between the cue and the comma ("As he noted on Tuesday, …")
_MAX_SUBJECT = 20  # tokens between "as" and the cue (the longest speaker phrase, ``phrases.MAX_NP``)


ClauseEnd = Callable[[list[Token], int, int, set[int]], int]


def find_as_aside(text: str, tokens: list[Token], ie: int, j: int, n: int, floor: int,
                  clause_end: ClauseEnd, att: Attribution, cues: set[int]) -> bool:
    """Fill ``att`` (its cue ends at token ``ie``, ``j`` is the token before the cue) when the cue
    stands in an "as" aside; ``clause_end(tokens, k, n, cues)``: where words that start at token
    ``k`` end; ``cues``: the token indices of the window's cues. False when it does not."""
    flags = att.entry.flags
    if j < floor or "speech" not in flags or "noclause" in flags or "label" in flags:
        return False  # "As he considered a run", "as the crowd began", "as the bill is called": no words
    if not any(t.low == "as" for t in tokens[max(floor, j - _MAX_SUBJECT):j + 1]):
        return False  # most cues: no "as" before them (one pass, no noun phrase read)
    if tokens[j].low == "as" and att.entry.participle and ie + 2 < n and tokens[ie + 1].low == "by":
        np = find_right_np(tokens, ie + 2, n, _is_name_token)  # "As noted by X, …"
        as_at = j
        after = np[1] + 1 if np else n
    else:
        np = find_left_np(tokens, j, floor, _is_name_token)  # "As he noted, …"
        if np is None or np[0] - 1 < floor or tokens[np[0] - 1].low != "as":
            return False
        as_at = np[0] - 1
        after = ie + 1
    if np is None or (np[0] == np[1] and is_pronoun_contraction(tokens[np[0]])):
        return False  # "as he's often alleged": no subject of its own
    comma = next((x for x in range(after, min(n, after + _MAX_ADJUNCT)) if tokens[x].text == ","), None)
    opens = as_at == floor or (tokens[as_at - 1].kind == "p" and tokens[as_at - 1].text != ",")
    if opens or (tokens[as_at - 1].text == "," and comma is not None):
        if comma is None:  # "As he noted, …" / "Of course, as X noted, …": the words follow the aside
            return False
        pieces = _pieces(text, tokens, comma + 1, clause_end(tokens, comma + 1, n, cues))
    elif tokens[as_at - 1].text == "," and as_at - 1 > floor:  # "…, as Reuters reported."
        if after < n and tokens[after].text not in (".", "!", "?"):
            return False
        if any(c < as_at for c in cues):
            return False  # '"…," Carson noted, as reported by BuzzFeed': a carrier of words attributed
        pieces = _pieces(text, tokens, floor, as_at - 2)
    else:
        return False
    if not pieces:
        return False
    att.speaker = _mention(text, tokens, np)
    att.pieces = pieces
    return True
