"""Sources an outlet cites: "CNN reported, citing two US officials, that …", "According to the Kyiv
Independent, citing sources in the government, …", "Reuters, citing a source, reported that …",
"…, according to two officials cited by CNN".

The words are the cited source's; the outlet only carried them. So the cited source is the speaker
of the statement the outlet's cue introduces, the "citing …" phrase is neither a statement of its
own nor part of the reported words, and ``provenance`` finds the outlet as the carrier
("citing" and "cited by" are carrier cues there; an outlet that is not the speaker stays a carrier).
"""

from __future__ import annotations

import bisect

from ..speakers.descriptions import read_description
from ..speakers.phrases import find_right_np
from ..text.tokens import Token
from .pieces import Attribution, Piece, _is_name_token, _mention

_CITING = frozenset({"citing", "quoting"})
_CITED = frozenset({"cited", "quoted"})


def merge_citing(text: str, tokens: list[Token], atts: list[Attribution]) -> list[Attribution]:
    """``atts`` of one window with each "citing X" phrase folded into the attribution it hangs on:
    that one's speaker becomes X and its words lose the phrase; the "citing" attribution goes."""
    if not any(a.cue.text.lower() in _CITING for a in atts):
        return atts
    starts = [t.start for t in tokens]
    out = list(atts)
    for c in atts:
        if c.cue.text.lower() not in _CITING or c not in out:
            continue
        k = bisect.bisect_left(starts, c.cue.end)  # the first token after "citing"
        source = find_right_np(tokens, k, len(tokens), _is_name_token)
        if source is None or not _speaks(text[tokens[source[0]].start:tokens[source[1]].end]):
            continue  # "citing health problems", "citing internal documents": a reason, not a source
        end = source[1] + 1  # the phrase "citing X" and the comma or "that" after it
        while end < len(tokens) and (tokens[end].text == "," or tokens[end].low == "that"):
            end += 1
        that = any(t.low == "that" for t in tokens[source[1] + 1:end])
        phrase = (c.cue.start, tokens[end].start if end < len(tokens) else tokens[-1].end)
        host = _host(text, out, c, tokens[source[1]].end)
        if host is None:
            # "CNN reported, citing two officials, that …": the outlet's cue found no words of its
            # own, and the "citing" one holds them: it becomes the source's statement
            if c.speaker is None or not that or not any(p.end > phrase[1] for p in c.pieces):
                continue
            host = c
        else:
            out.remove(c)
        host.speaker = _mention(text, tokens, source)
        host.pieces = [p for p in (_without(text, p, phrase) for p in host.pieces) if p is not None]
    return [a for a in out if a.pieces or a.colon_at is not None]


def _speaks(source: str) -> bool:
    """Can the cited words be someone's: a name, an anonymous source, officials, a title, a medium?"""
    d = read_description(source)
    return d is not None and (d.anonymous or d.groups or d.medium or d.title or d.capitalised)


def _host(text: str, atts: list[Attribution], c: Attribution, source_end: int) -> Attribution | None:
    """The attribution a "citing" phrase hangs on: the one whose cue (and speaker) it follows with a
    comma between ("CNN reported, citing", "According to X, citing"), the one whose cue follows
    the phrase ("Reuters, citing a source, reported"), or the one whose words end just before it."""
    for h in atts:
        if h is c or h.cue.text.lower() in _CITING:
            continue
        if h.cue.end <= c.cue.start:
            gap_start = h.cue.end
            if h.speaker is not None and h.cue.end <= h.speaker.start < c.cue.start:
                gap_start = h.speaker.end
            if text[gap_start:c.cue.start].strip(" ,") == "":
                return h
        elif h.cue.start >= source_end and text[source_end:h.cue.start].strip(" ,") == "":
            return h
    # "Ukrainska Pravda reported that …, citing its own sources": the words end right before it
    return next((h for h in atts if h is not c and h.cue.text.lower() not in _CITING
                 and h.cue.end <= c.cue.start
                 and any(text[p.end:c.cue.start].strip(" ,") == "" for p in h.pieces)), None)


def _without(text: str, p: Piece, phrase: tuple[int, int]) -> Piece | None:
    """Piece ``p`` with the "citing X," phrase cut from its start (the words come after it)."""
    a, b = phrase
    if p.end <= a or p.start >= b:
        return p
    if p.start >= a and p.end > b:
        start = b
        while start < p.end and text[start] in " ,":
            start += 1
        return Piece(start, p.end, p.kind, p.quotation) if start < p.end else None
    if p.start < a:  # "The aircraft had arrived, CNN reported, citing …": the words end before it
        return p
    return None


def cut_cited(tokens: list[Token], np: tuple[int, int] | None) -> tuple[int, int] | None:
    """The source of "according to two officials cited by CNN": the phrase before "cited by"."""
    if np is None:
        return None
    for k in range(np[0] + 1, np[1]):
        if tokens[k].low in _CITED and tokens[k + 1].low == "by":
            return (np[0], k - 1)
    return np
