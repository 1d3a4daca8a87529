"""``quotes.reported``: reporting cues, the speaker that goes with each, and what it reports.

For every cue ("said", "told", "according to", "emphasized") in the words around quotations, the
frame decides where the speaker and the reported words are:

=====================================  =====================  ==========================
pattern                                speaker                content
=====================================  =====================  ==========================
X said (that) ...                      left noun phrase       right clause
"...," X said / ..., X said.           left noun phrase       the quotation / left clause
"...," said X                          right noun phrase      the quotation / left clause
X said: "..."                          left noun phrase       the quotation
according to X, ... / ..., according  after "according to"   the other side
was labeled "..." by X / In X, ...     agent / "In X,"        the quotation
... and emphasized that ... / adding   the previous speaker   right clause
"..." X quoted him                     the object ("him")     the quotation
=====================================  =====================  ==========================

Content that is one quotation is ``direct``; a clause that quotes some words is ``mixed``; any
other clause is ``indirect``.
"""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field

from ..lang import load_set
from ..model import Article, Cue, Mention, Quotation, Span, Statement, stable_id
from ..pipeline import stage
from ..settings import Settings
from ..speakers.phrases import find_left_np, find_right_np, looks_like_np, word_class
from ..text.tokens import Token, tokenize
from . import slavic
from .cues import CueEntry, Lexicon, load_cues
from .direct import looks_like_name

_END = {".", "!", "?", ";"}
_MAX_CLAUSE = 200  # tokens; the longest reported clauses in the dev corpus are about half of this
_MOD_WORDS = {"also", "later", "then", "has", "had", "have", "further", "repeatedly"}
_NOT_COORD = {"know", "knew", "known", "think", "thought", "believe", "believed", "want", "wanted",
              "feel", "felt", "find", "found", "show", "showed", "shown"}
_DEICTIC = {"this", "next", "last", "now", "then", "that"}
_OPENERS = "\"“‘'«„‚"
_ATTRIBUTION_CHARS = 200  # a sentence after a quotation longer than this is not just its attribution
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")
_OBJECT_WORDS = {"him", "her", "them", "us", "me", "reporters", "journalists", "lawmakers", "supporters",
                 "voters", "viewers", "listeners", "readers", "students", "members", "officials",
                 "colleagues"}


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


def _is_attribution(sentence: str, cue_words: frozenset[str]) -> bool:
    """A short sentence that is only an attribution: 'Sanders replied.', 'said Michael Briggs, a
    spokesman, in an interview.' — a cue among its first words and little after it."""
    words = list(_WORD.finditer(sentence))
    for i, m in enumerate(words[:10]):
        if m.group().lower() in cue_words:
            after = sentence[m.end():m.end() + 1]
            return len(words) - i <= 14 or after in (",", ".")
    return False


def find_windows(sentences: list[Span], quotations: list[Quotation], text: str = "",
                 cue_words: frozenset[str] = frozenset()) -> list[Span]:
    """Sentences joined wherever a quotation runs across their boundary, and a quotation that ends
    its sentence joined with a short sentence after it that does not open another quotation
    ('"...?" Sanders replied.')."""
    out: list[Span] = []
    qi = 0
    ends = {q.outer_end for q in quotations}
    for s in sentences:
        if out:
            last = out[-1]
            if (last.end in ends and len(s) <= _ATTRIBUTION_CHARS and text
                    and text[s.start] not in _OPENERS and "\n" not in text[last.end:s.start]
                    and _is_attribution(text[s.start:s.end], cue_words)):
                out[-1] = Span(last.start, s.end)
                continue
            # any quotation that opens in the last window and closes after it joins the two
            while qi < len(quotations) and quotations[qi].outer_end <= last.end:
                qi += 1
            k = qi
            joined = False
            while k < len(quotations) and quotations[k].outer_start < last.end:
                if quotations[k].outer_end > last.end:
                    joined = True
                    break
                k += 1
            if joined:
                out[-1] = Span(last.start, max(last.end, s.end))
                continue
        out.append(s)
    return out


def find_cue_tokens(tokens: list[Token], lex: Lexicon) -> list[tuple[int, int, CueEntry]]:
    """(first token, last token, entry) of every cue among ``tokens``."""
    out: list[tuple[int, int, CueEntry]] = []
    i, n = 0, len(tokens)
    first = lex.first_words
    multi_first = lex.multi_first
    while i < n:
        t = tokens[i]
        if t.kind != "w" or t.low not in first:
            i += 1
            continue
        hit = None
        for size in range(lex.max_words if t.low in multi_first else 1, 1, -1):
            if i + size <= n:
                key = tuple(x.low for x in tokens[i:i + size])
                if key in lex.multi:
                    hit = (i, i + size - 1, lex.multi[key])
                    break
        if hit is None and t.low in lex.single:
            hit = (i, i, lex.single[t.low])
        if hit:
            out.append(hit)
            i = hit[1] + 1
        else:
            i += 1
    return out


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


def _clause_end(tokens: list[Token], k: int, n: int, cue_at: set[int]) -> int:
    """Last token of the clause that starts at ``k``: before the end of the sentence, a ``;``, or a
    comma that opens another attribution (", adding ...", ", according to", ", he said").
    Reported words longer than ``_MAX_CLAUSE`` tokens are cut there (a run-on line is not one clause)."""
    n = min(n, k + _MAX_CLAUSE)
    stops = getattr(cue_at, "stops", None)
    candidates = range(k, n) if stops is None else stops[bisect.bisect_left(stops, k):]
    for i in candidates:
        if i >= n:
            break
        t = tokens[i]
        if t.kind == "p" and t.text in _END and not (t.text == "." and _is_abbrev(tokens, i)):
            return i - 1
        if (t.kind == "q" and i > k and t.quote is not None and text_end(t) in ".!?"
                and i + 1 < n and tokens[i + 1].capitalised):
            return i  # '... against ''liberals and radicals.'' Matt Bennett said': the quote ends it
        if t.kind == "w" and t.low in ("and", "but", "before", "after", "while") and i > k:
            # 'told the AP her group never worked with X and said the group ...'
            step = 1
            while i + step < n and step < 4 and tokens[i + step].low in _MOD_WORDS:
                step += 1
            if i + step in cue_at and tokens[i + step].low not in _NOT_COORD:
                return i - 1
        if t.kind == "p" and t.text == "," and i + 1 < n:
            # ", adding that" / ", according to" / ", he said" / ", said X" / ", and Ms. Acosta said"
            for step in range(1, 7):
                if i + step in cue_at:
                    between = tokens[i + 1:i + step]
                    if all(x.kind == "w" or _is_abbrev(tokens, i + 1 + b) for b, x in enumerate(between)):
                        return i - 1
                    break
    return n - 1


class CueIndex(set[int]):
    """Token indices of the cues in a window, plus the indices where a clause may stop (so that
    finding the end of each reported clause skips the words in between)."""

    stops: list[int]

    @classmethod
    def of(cls, tokens: list[Token], cues: list[tuple[int, int, CueEntry]]) -> CueIndex:
        idx = cls(c[0] for c in cues)
        idx.stops = [i for i, t in enumerate(tokens)
                     if t.kind in ("p", "q") or t.low in ("and", "but", "before", "after", "while")]
        return idx


def text_end(t: Token) -> str:
    """The last character of a quotation token's quoted words."""
    q = t.quote
    if q is None or q.end <= q.start:
        return ""
    return t.text[q.end - q.open_at - 1]


def _is_abbrev(tokens: list[Token], i: int) -> bool:
    from ..speakers.phrases import _abbrev_dot
    return _abbrev_dot(tokens, i)


def _skip_object(tokens: list[Token], k: int, n: int) -> int:
    """Skip the hearer after "told", "assured", "asked": him, reporters, "24 Channel", the BBC."""
    if k >= n:
        return k
    t = tokens[k]
    if t.kind == "q":
        return k + 1 if _is_name_token(t) else k
    if t.kind != "w" or t.low == "that":
        return k
    if t.low in _OBJECT_WORDS:
        return k + 1
    det = word_class("determiner")
    i = k
    if t.low in det:
        i += 1
    j = i
    while (j < n and j - i < 6 and tokens[j].kind == "w"
           and (tokens[j].capitalised or tokens[j].low in ("of", "the"))):
        j += 1
    if j > i:
        return j
    if i > k and i < n and tokens[i].kind == "w":  # "the committee"
        return i + 1
    return k


def _infinitive(t: Token) -> bool:
    """A word after "to" that opens a verb phrase rather than a noun phrase."""
    return (t.kind == "w" and not t.capitalised and t.low not in word_class("determiner")
            and t.low not in word_class("pronoun") and not t.low[:1].isdigit())


def _skip_adjuncts(tokens: list[Token], k: int, n: int) -> int:
    """Skip "on Monday", "in a statement", "in an interview with Radio Liberty", "Tuesday"."""
    prep, time = word_class("preposition"), word_class("time")
    while k < n and tokens[k].kind == "w" and (tokens[k].low in prep or tokens[k].low in time):
        if tokens[k].low in _DEICTIC and not (k + 1 < n and tokens[k + 1].low in time):
            break  # "this was the only chance": not "this week"
        if tokens[k].low == "to" and k + 1 < n and _infinitive(tokens[k + 1]):
            break  # "pledged to stay in the primary": what was pledged
        i = k + 1
        while i < n and tokens[i].kind == "w" and tokens[i].low != "that":
            i += 1
        k = i
    return k


def analyse_window(text: str, tokens: list[Token], lex: Lexicon) -> list[Attribution]:
    """Every attribution in one window (pure: tokens in, attributions out)."""
    n = len(tokens)
    cues = find_cue_tokens(tokens, lex)
    cue_at = CueIndex.of(tokens, cues)
    mods = word_class("modal") | {w for w in _MODIFIERS()}
    det = word_class("determiner") - {"that", "this", "all", "both", "some", "many", "most", "several", "few",
                                      "one", "two", "three", "others"}
    be = word_class("be")
    out: list[Attribution] = []
    prev: Attribution | None = None
    floor = 0  # content on the left never reaches back past an earlier attribution
    # reported words that end before a cue push its floor to their end; those still open at a cue
    # (it is nested inside them) push it only past their own cue
    pending: list[int] = []  # heap of first tokens after earlier reported words
    starts = [t.start for t in tokens]
    for ci, (i, ie, e) in enumerate(cues):
        while pending and pending[0] <= i:
            floor = max(floor, heapq.heappop(pending))
        j = i - 1
        while j >= 0 and tokens[j].kind == "w" and tokens[j].low in mods and tokens[j].low not in be:
            j -= 1
        passive = j >= 0 and tokens[j].low in be and e.participle
        if passive:
            j2 = j - 1
        else:
            while j >= 0 and tokens[j].kind == "w" and tokens[j].low in mods:
                j -= 1
            j = _skip_raising(tokens, j, mods)
        if j >= 0 and tokens[j].low in det:
            continue  # "the report", "his statement": a noun, not a cue
        if _not_a_cue(tokens, i, ie, j, e):
            continue
        cue = Cue(tokens[i].start, tokens[ie].end, text[tokens[i].start:tokens[ie].end], e.lemma,
                  "according" if "according" in e.flags else "verb")
        att = Attribution(cue, e, None, confidence=e.confidence)
        if "according" in e.flags:
            _according(text, tokens, i, ie, n, floor, cue_at, att)
        elif passive:
            _passive(text, tokens, j2, ie, n, att)
        elif j >= 0 and (tokens[j].low in ("and", "but") or (tokens[j].text == "," and e.gerund)) and prev:
            att.speaker = prev.speaker
            _right(text, tokens, ie + 1, n, cue_at, att)
        elif j >= 0 and ((tokens[j].text == "," and e.gerund) or tokens[j].low in ("and", "but")):
            # 'Clinton seemed ready to riff ..., telling the crowd, "..."' / '... and agreed to ...':
            # the subject of the clause the cue hangs on
            att.speaker = _mention(text, tokens, _clause_subject(tokens, floor, j))
            _right(text, tokens, ie + 1, n, cue_at, att)
        elif e.gerund and i == floor and i + 1 < n:
            # 'Citing obligations in Tennessee, the spokeswoman told ...': a participle clause first
            comma = next((x for x in range(ie + 1, n) if tokens[x].text == ","), None)
            if comma is None:
                continue
            att.pieces = _pieces(text, tokens, ie + 1, comma - 1)
            verb = min((c for c in cue_at if c > comma), default=n)
            att.speaker = _mention(text, tokens, find_right_np(tokens, comma + 1, verb, _is_name_token))
        elif e.gerund and j >= 0 and tokens[j].low not in word_class("pronoun") and not tokens[j].capitalised:
            continue  # "the saying", "was telling": no subject of its own
        else:
            _active(text, tokens, i, ie, j, n, floor, cue_at, att)
        if att.colon_at is not None and not att.pieces:
            out.append(att)  # no words yet: the quotation that follows the colon gets this speaker
            continue
        if not att.pieces:
            continue
        if att.speaker is None and prev is not None and e.gerund:
            att.speaker = prev.speaker
        if att.speaker is None:
            att.confidence *= 0.7
        out.append(att)
        prev = att
        # what comes after is read from the end of this attribution on — except that a cue nested
        # inside this one's reported words ('said he thought that ...') may look back to this cue
        heapq.heappush(pending, bisect.bisect_left(starts, max(p.end for p in att.pieces)))
        floor = max(floor, ie + 1)
        del ci
    return out


def _skip_raising(tokens: list[Token], j: int, mods: frozenset[str] | set[str]) -> int:
    """'He went on to say', 'she was quick to add': step over the verb that carries the cue."""
    if j < 1 or tokens[j].low != "to":
        return j
    raising = load_set("en", "raising_verbs")
    for size in (3, 2, 1):
        if j - size >= 0 and " ".join(t.low for t in tokens[j - size:j]) in raising:
            k = j - size - 1
            while k >= 0 and tokens[k].kind == "w" and tokens[k].low in mods:
                k -= 1
            return k
    return j


def _not_a_cue(tokens: list[Token], i: int, ie: int, j: int, e: CueEntry) -> bool:
    """Cue words used otherwise: "to say" (an infinitive), "the United States", "a conference call",
    and present forms of noun-like cues ("reports", "states") without a clear subject."""
    from ..lang import load_set
    pairs = load_set("en", "not_cues")
    prev = tokens[i - 1].low if i > 0 else ""
    nxt = tokens[ie + 1].low if ie + 1 < len(tokens) else ""
    if f"{prev} {tokens[i].low}" in pairs or f"{tokens[ie].low} {nxt}" in pairs:
        return True
    if j >= 0 and tokens[j].low == "to":
        return True
    if "noun" in e.flags and not e.participle and not e.gerund and j >= 0:
        t = tokens[j]
        pron = word_class("pronoun")
        quote_next = ie + 1 < len(tokens) and tokens[ie + 1].kind == "q"
        inverted = t.kind == "q" or t.text == ","  # '"...," read the statement'
        if t.low not in pron and nxt not in ("that", ":", ".", ",") and not quote_next and not inverted:
            return True  # "the state of", "email records": present forms need "that", ":" or a pronoun
        if not (t.low in pron or t.capitalised or inverted):
            # a lower-case word before it: a subject only when a determiner opens a short phrase
            k = j
            det = word_class("determiner")
            while k >= 0 and j - k < 4 and tokens[k].kind == "w" and tokens[k].low not in det:
                k -= 1
            if k < 0 or tokens[k].low not in word_class("determiner") or j - k >= 4:
                return True
    return False


def _MODIFIERS() -> frozenset[str]:
    from ..lang import load_set
    return load_set("en", "cue_modifiers")


def _clause_subject(tokens: list[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """The subject of the clause before ``hi``: its first pronoun or run of capitalised words
    ("Once he was president, Mr. Obama made ..." → "Mr. Obama"; "even after Clinton dropped" → "Clinton")."""
    start = lo
    for x in range(hi - 1, lo - 1, -1):
        if tokens[x].text == ",":
            start = x + 1
            break
    pron = word_class("pronoun")
    skip = load_set("en", "clause_words") | load_set("en", "sentence_openers")
    for x in range(start, hi):
        t = tokens[x]
        if t.kind != "w":
            continue
        if t.low in pron and t.low not in ("it", "you", "him", "them", "us", "me", "who"):
            return x, x
        if t.capitalised and t.low not in skip:
            b = x
            while b + 1 < hi and (tokens[b + 1].capitalised or _is_abbrev(tokens, b + 1)):
                b += 1
            return x, b
    return None


def _according(text: str, tokens: list[Token], i: int, ie: int, n: int, floor: int,
               cue_at: set[int], att: Attribution) -> None:
    np = find_right_np(tokens, ie + 1, n, _is_name_token)
    att.speaker = _mention(text, tokens, np)
    after = (np[1] + 1) if np else ie + 1
    if i > floor and tokens[i - 1].text == ",":
        # '..., Trump said he was "happy", according to The New York Times': the source carried
        # the whole sentence, attributions inside it included
        start = _sentence_start(tokens, i)
        att.pieces = _pieces(text, tokens, start, i - 2)
    elif after < n and tokens[after].text == ",":
        att.pieces = _pieces(text, tokens, after + 1, _clause_end(tokens, after + 1, n, cue_at))


def _sentence_start(tokens: list[Token], i: int) -> int:
    """First token of the sentence that holds token ``i`` inside its window."""
    k = i - 1
    while k >= 0:
        t = tokens[k]
        if t.kind == "p" and t.text in _END and not _is_abbrev(tokens, k):
            return k + 1
        if t.kind == "q" and text_end(t) in ".!?" and k + 1 < len(tokens) and tokens[k + 1].capitalised:
            return k + 1
        k -= 1
    return 0


def _passive(text: str, tokens: list[Token], j: int, ie: int, n: int, att: Attribution) -> None:
    """ "was labeled "nonsense" by X"; "In the Office ..., the plan was called "nonsense"". """
    k = ie + 1
    q = next((x for x in range(k, min(n, k + 5)) if tokens[x].kind == "q"), None)
    if q is None or _is_name_token(tokens[q]):
        return
    quote = tokens[q].quote
    assert quote is not None
    att.pieces = [Piece(quote.start, quote.end, "direct", quote)]
    by = next((x for x in range(q + 1, min(n, q + 4)) if tokens[x].low == "by"), None)
    if by is not None:
        att.speaker = _mention(text, tokens, find_right_np(tokens, by + 1, n, _is_name_token))
    elif tokens and tokens[0].low in ("in", "at") and j > 1:
        comma = next((x for x in range(1, j) if tokens[x].text == ","), None)
        if comma is not None and comma > 1:
            lead = 2 if tokens[1].low == "the" else 1
            att.speaker = _mention(text, tokens, (lead, comma - 1))


def _active(text: str, tokens: list[Token], i: int, ie: int, j: int, n: int, floor: int,
            cue_at: set[int], att: Attribution) -> None:
    e = att.entry
    # inverted: '"...," said Umerov.' / '..., emphasized the minister.'
    if j >= floor and j >= 0 and (tokens[j].text == "," or tokens[j].kind == "q") and not e.gerund:
        np = find_right_np(tokens, ie + 1, n, _is_name_token)
        aside = _aside_start(tokens, j, floor) if tokens[j].text == "," else None
        if (np and aside is None and "noinvert" not in e.flags and looks_like_np(tokens, *np)
                and tokens[np[0]].low not in word_class("time")
                and (np[1] + 1 >= n or tokens[np[1] + 1].kind == "p")):
            att.speaker = _mention(text, tokens, np)
            att.pieces = _left(text, tokens, j, floor)
            return
        # an aside between subject and verb: 'Stoltenberg, in an interview with FT, suggested'
        if tokens[j].text == ",":
            c2 = _aside_start(tokens, j, floor)
            if c2 is not None:
                j = c2 - 1
        # appositions: 'Hugh Hill, a doctor, said', 'Giovanni Maria Vian, the editor of the
        # Vatican's newspaper, L'Osservatore Romano, said': the first of the comma-separated phrases
        # that opens at a clause boundary and starts with a capital is the speaker
        if tokens[j].text == ",":
            chunks: list[tuple[int, int]] = []
            end = j - 1
            while len(chunks) < 4:
                ch = find_left_np(tokens, end, floor, _is_name_token)
                if ch is None:
                    break
                chunks.append(ch)
                if ch[0] - 1 > floor and tokens[ch[0] - 1].text == ",":
                    end = ch[0] - 2
                    continue
                break
            for ch in reversed(chunks):  # leftmost first
                if tokens[ch[0]].capitalised and ch[1] - ch[0] < 8 and (
                        ch[0] == floor or tokens[ch[0] - 1].kind in ("p", "q") or tokens[ch[0] - 1].low in
                        load_set("en", "clause_words")):
                    att.speaker = _mention(text, tokens, ch)
                    _right(text, tokens, ie + 1, n, cue_at, att, left_from=ch[0] - 1, floor=floor)
                    return
            if chunks and looks_like_np(tokens, *chunks[0]):
                first = chunks[-1]
                att.speaker = _mention(text, tokens, chunks[0])
                _right(text, tokens, ie + 1, n, cue_at, att, left_from=first[0] - 1, floor=floor)
                return
    np = find_left_np(tokens, j, floor, _is_name_token) if j >= 0 else None
    if "sobj" in e.flags:  # "Radio Liberty" quoted him: the object spoke
        obj = find_right_np(tokens, ie + 1, n, _is_name_token)
        att.speaker = _mention(text, tokens, obj)
        if np is not None:
            att.pieces = _left(text, tokens, np[0] - 1, floor)
        return
    att.speaker = _mention(text, tokens, np)
    left_from = (np[0] - 1) if np else None
    _right(text, tokens, ie + 1, n, cue_at, att, left_from=left_from, floor=floor)


def _aside_start(tokens: list[Token], j: int, floor: int) -> int | None:
    """Index of the comma that opens an aside ending at the comma ``j``: a prepositional phrase,
    a participle or a relative clause ("in an interview with FT", "speaking to reporters", "who ...")."""
    k = j - 1
    while k > floor and j - k < 30 and tokens[k].text != ",":
        if tokens[k].kind == "q" and not _is_name_token(tokens[k]):
            return None
        k -= 1
    if k <= floor or tokens[k].text != "," or k + 1 >= j:
        return None
    first = tokens[k + 1]
    if first.low in word_class("preposition") or first.low in ("who", "which", "whose", "speaking",
                                                                "writing", "appearing", "citing",
                                                                "when", "after", "before", "while", "if",
                                                                "as", "though", "although"):
        before = tokens[k - 1] if k - 1 >= 0 else None
        if before is not None and before.kind == "w":
            return k
    return None


def _left(text: str, tokens: list[Token], j: int, floor: int) -> list[Piece]:
    """Content left of the speaker: the quotation just before it, or the clause up to the comma."""
    if j < floor or j < 0:
        return []
    if tokens[j].text == "," and j - 1 >= floor and tokens[j - 1].kind == "q":
        j -= 1
    if tokens[j].kind == "q":
        # 'The country "has made dramatic changes," McConnell said': the words before the quotation
        # belong to what is reported (a mixed statement) unless they only open the sentence
        lead = [t for t in tokens[floor:j] if t.kind != "p"]
        if len(lead) >= 1 and not (len(lead) <= 2 and tokens[j - 1].text in ",:"):
            return _pieces(text, tokens, floor, j)
        return _pieces(text, tokens, j, j)
    if tokens[j].text not in ",—–-":
        return []
    return _pieces(text, tokens, floor, j - 1)


def _right(text: str, tokens: list[Token], k: int, n: int, cue_at: set[int], att: Attribution,
           left_from: int | None = None, floor: int = 0) -> None:
    e = att.entry
    if "obj" in e.flags:
        k = _skip_object(tokens, k, n)
    k = _skip_adjuncts(tokens, k, n)
    colon_next = k < n and tokens[k].text == ":"
    if not colon_next and left_from is not None and left_from >= floor and (
            tokens[left_from].kind == "q" or (tokens[left_from].text == "," and left_from - 1 >= floor
                                              and tokens[left_from - 1].kind == "q")):
        # '"...," X told Y on Wednesday after ...': the quotation before the speaker is what was said
        att.pieces = _left(text, tokens, left_from, floor)
        if att.pieces:
            if k + 1 < n and tokens[k].text == "," and tokens[k + 1].kind == "q":
                att.pieces += _pieces(text, tokens, k + 1, k + 1)
            return
    if k < n and tokens[k].text in ":," and k + 1 < n and tokens[k + 1].kind == "q":
        att.pieces = _pieces(text, tokens, k + 1, k + 1)
        return
    # 'announced on her Facebook page, in all capital letters, "..."' / 'added a caveat: "..."'
    for x in range(k, min(n - 1, k + 12)):
        tx = tokens[x]
        if tx.kind == "q" or tx.low == "that" or (tx.kind == "p" and tx.text in _END) or x in cue_at:
            break
        if tx.text in ":," and tokens[x + 1].kind == "q" and not _is_name_token(tokens[x + 1]):
            att.pieces = _pieces(text, tokens, x + 1, x + 1)
            return
    if (k + 1 < n and tokens[k].text == "," and tokens[k + 1].kind == "w"
            and not (k + 1 in cue_at
                     and (tokens[k + 1].low.endswith("ing") or tokens[k + 1].low == "according"))
            and left_from is not None and left_from >= floor and tokens[left_from].text == ","):
        # 'Rather, he said, continued struggles will ...': the attribution sits inside the clause
        right = _pieces(text, tokens, k + 1, _clause_end(tokens, k + 1, n, cue_at))
        left = _pieces(text, tokens, floor, left_from - 1) if left_from - floor >= 4 else []
        att.pieces = left + right
        return
    if (left_from is not None and left_from - floor >= 4 and tokens[left_from].text == ","
            and k < n and tokens[k].kind == "w" and tokens[k].low != "that"):
        # 'This includes a special force, Defense Secretary Ash Carter told a Senate committee.'
        end = _clause_end(tokens, k, n, cue_at)
        if end - k < 6 and not any(t.text == ":" or t.kind == "q" for t in tokens[k:end + 1]):
            att.pieces = _left(text, tokens, left_from, floor)
            return
    if k >= n or (tokens[k].kind == "p" and tokens[k].text in _END | {","}):
        if left_from is not None:
            att.pieces = _left(text, tokens, left_from, floor)
            # '"A," he said, "B."': the quotation after the comma continues the same statement
            if att.pieces and k + 1 < n and tokens[k].text == "," and tokens[k + 1].kind == "q":
                att.pieces += _pieces(text, tokens, k + 1, k + 1)
        return
    t = tokens[k]
    if t.text in ":," and k + 1 < n and tokens[k + 1].kind == "q":
        att.pieces = _pieces(text, tokens, k + 1, k + 1)
        return
    if t.kind == "q":
        att.pieces = [] if _is_name_token(t) else _pieces(text, tokens, k, _clause_end(tokens, k, n, cue_at))
        return
    if "label" in e.flags:
        q = next((x for x in range(k, min(n, k + 5)) if tokens[x].kind == "q"), None)
        if q is not None and not _is_name_token(tokens[q]):
            # 'called it "nonsense"': what it was called with the label (mixed); a bare label is direct
            att.pieces = _pieces(text, tokens, k, q)
            return
    if "noclause" in e.flags:
        return
    if t.text == ":":
        if k + 1 >= n:
            att.colon_at = t.start
            return
        k += 1
    end = _clause_end(tokens, k, n, cue_at)
    att.pieces = _pieces(text, tokens, k, end)


def _statements(text: str, atts: list[Attribution], key: str) -> list[Statement]:
    out: list[Statement] = []
    for att in atts:
        group = stable_id(key, "group", att.cue.start) if len(att.pieces) > 1 else None
        sp = att.speaker
        for p in att.pieces:
            if p.end <= p.start:
                continue
            out.append(Statement(
                kind=p.kind,  # type: ignore[arg-type]
                start=p.start, end=p.end, text=text[p.start:p.end], group=group,
                speaker=(sp.canonical or sp.text) if sp else None, speaker_mention=sp.text if sp else None,
                speaker_start=sp.start if sp else None, speaker_end=sp.end if sp else None,
                cue=att.cue.text, cue_start=att.cue.start, cue_end=att.cue.end,
                confidence=round(att.confidence, 3),
            ))
    return out


@stage("quotes.reported", requires=["quotes.direct"])
def reported(article: Article, settings: Settings) -> None:
    text = article.text
    lex = load_cues("en")
    langs = article.sentence_languages
    claimed: set[int] = set()
    colons: list[tuple[int, Mention | None, Cue]] = []
    windows = find_windows(article.sentences, article.quotations, article.norm or text, lex.first_words)
    article.work["windows"] = windows
    qs = article.quotations
    qi = 0
    key = article.id or ""
    first = lex.first_words
    hits = [m.start() for m in _WORD.finditer(article.norm or text) if m.group().lower() in first]
    hi = 0
    for w in windows:
        while hi < len(hits) and hits[hi] < w.start:
            hi += 1
        lang = langs[article.sentence_index(w.start)] if langs else "en"
        if lang in ("en", "other") and (hi >= len(hits) or hits[hi] >= w.end):
            continue  # no cue word in this window: nothing to attribute here
        while qi < len(qs) and qs[qi].outer_end <= w.start:
            qi += 1
        inside = []
        k = qi
        while k < len(qs) and qs[k].outer_start < w.end:
            if qs[k].outer_start >= w.start:
                inside.append(qs[k])
            k += 1
        tokens = tokenize(text, w.start, w.end, inside)
        if lang in ("ru", "uk"):
            atts = slavic.analyse_window(text, tokens, lang)
        else:
            atts = analyse_window(text, tokens, lex)
        for st in _statements(text, atts, key):
            article.statements.append(st)
        for att in atts:
            if att.colon_at is not None and not att.pieces:
                colons.append((att.colon_at, att.speaker, att.cue))
            for p in att.pieces:
                for q in inside:
                    if p.start <= q.start and q.end <= p.end:
                        claimed.add(q.open_at)
    article.work["claimed"] = claimed
    article.work["colon_cues"] = colons
