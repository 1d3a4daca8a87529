"""English attribution frames: for one window of tokens, every cue with its speaker and content.

The table of patterns is in the docstring of ``quotes.reported``. Everything here is pure: tokens in,
``Attribution``s out.
"""

from __future__ import annotations

import bisect
import heapq

from ..lang import load_set
from ..model import Cue
from ..speakers.phrases import (
    _abbrev_dot,
    find_clause_subject,
    find_left_np,
    find_right_np,
    is_time_phrase,
    looks_like_np,
    skip_time_back,
    titled_name,
    word_class,
)
from ..text.tokens import Token
from .asides import find_as_aside
from .citing import cut_cited, merge_citing
from .cues import CueEntry, Lexicon
from .pieces import Attribution, Piece, _is_name_token, _mention, _pieces, text_end, trim_venue

_END = {".", "!", "?", ";"}
_MAX_CUES = 40  # per window; the most in one polnear-dev sentence is about a dozen
_MAX_CLAUSE = 200  # tokens; the longest reported clauses in the dev corpus are about half of this
_MOD_WORDS = {"also", "later", "then", "has", "had", "have", "further", "repeatedly"}
_NOT_COORD = {"know", "knew", "known", "think", "thought", "believe", "believed", "want", "wanted",
              "feel", "felt", "find", "found", "show", "showed", "shown"}
_DEICTIC = {"this", "next", "last", "now", "then", "that"}
_OBJECT_WORDS = {"him", "her", "them", "us", "me", "reporters", "journalists", "lawmakers", "supporters",
                 "voters", "viewers", "listeners", "readers", "students", "members", "officials",
                 "colleagues"}


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
        multi = t.low in multi_first and i + 1 < n and (t.low, tokens[i + 1].low) in lex.multi_pairs
        for size in range(lex.max_words if multi else 1, 1, -1):
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

def _is_abbrev(tokens: list[Token], i: int) -> bool:
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
    # "In his words, …" / "In the words of X, …" open a sentence; inside one ("because, in her
    # words, …") the phrase is an aside of words attributed already, and no cue that ends them
    cues = find_cue_tokens(tokens, lex)
    if any("opener" in c[2].flags for c in cues):
        cues = [c for c in cues if not ("opener" in c[2].flags and c[0] > 0 and not (
            tokens[c[0] - 1].kind == "p" and tokens[c[0] - 1].text in _END))]
    if len(cues) > _MAX_CUES:
        return []  # not prose: no sentence of news holds this many reporting verbs
    cue_at = CueIndex.of(tokens, cues)
    mods = word_class("modal") | _MODIFIERS()
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
        while j >= 0 and tokens[j].kind == "w" and (tokens[j].low in mods or _adverb(tokens, j, mods)) \
                and tokens[j].low not in be:
            j -= 1
        passive = j >= 0 and tokens[j].low in be and e.participle
        if passive:
            j2 = j - 1
        else:
            while j >= 0 and tokens[j].kind == "w" and (tokens[j].low in mods or _adverb(tokens, j, mods)):
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
        elif find_as_aside(text, tokens, ie, j, n, floor, _clause_end, att, cue_at):
            pass  # "As he noted, …", "As reported by Reuters, …", "…, as Reuters reported."
        elif passive:
            _passive(text, tokens, j2, ie, n, att)
        elif j >= 0 and (tokens[j].low in ("and", "but") or (tokens[j].text == "," and e.gerund)) and prev:
            att.speaker = prev.speaker
            _right(text, tokens, ie + 1, n, cue_at, att)
        elif j >= 0 and ((tokens[j].text == "," and e.gerund) or tokens[j].low in ("and", "but")):
            # 'Clinton seemed ready to riff ..., telling the crowd, "..."' / '... and agreed to ...':
            # the subject of the clause the cue hangs on
            att.speaker = _mention(text, tokens, find_clause_subject(tokens, floor, j))
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
    return merge_citing(text, tokens, out)

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
        if t.low.endswith(("'s", "’s")) and nxt != "that" and not quote_next:
            return True  # "Editor's note:", "Clinton's notes," (but "Trump's claim that …" reports)
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
    return load_set("en", "cue_modifiers")


def _adverb(tokens: list[Token], j: int, mods: frozenset[str]) -> bool:
    """Is ``tokens[j]``, just before a cue, an adverb in "-ly" after its subject ("Clinton famously
    responded", "Clinton, exasperated, angrily replied")? Not a noun in "-ly" ("the family said")."""
    t = tokens[j]
    low = t.low
    if not (low.endswith("ly") and len(low) > 4 and t.text[0].islower() and j > 0) \
            or low in load_set("en", "ly_nouns"):
        return False
    before = tokens[j - 1]
    return before.capitalised or before.text == "," or before.low in mods \
        or before.low in word_class("pronoun")

def _according(text: str, tokens: list[Token], i: int, ie: int, n: int, floor: int,
               cue_at: set[int], att: Attribution) -> None:
    np = find_right_np(tokens, ie + 1, n, _is_name_token)
    att.speaker = _mention(text, tokens, cut_cited(tokens, np))  # "… two officials cited by CNN"
    own = next((k for k in range(i, ie + 1) if tokens[k].low in ("his", "her", "their")), None)
    if own is not None:  # "In his words, …": the possessive in the phrase is the speaker
        np, att.speaker = None, _mention(text, tokens, (own, own))
    after = (np[1] + 1) if np else ie + 1
    if i > floor and tokens[i - 1].text == ",":
        # '..., Trump said he was "happy", according to The New York Times': the source carried
        # the whole sentence, attributions inside it included
        start = _sentence_start(tokens, i)
        att.pieces = _pieces(text, tokens, start, i - 2)
    elif i > floor and tokens[i - 1].kind == "q" and text_end(tokens[i - 1]) == ",":
        # '"It is illegal to harass a woman," according to the commission': the comma inside the marks
        att.pieces = _pieces(text, tokens, _sentence_start(tokens, i), i - 1)
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
    # a time adjunct before the cue is passed; the comma before it then closes an apposition, not
    # words the cue inverts ("Paul Ryan, the Speaker, on Tuesday called …")
    j0, j = j, skip_time_back(tokens, j, floor)
    # inverted: '"...," said Umerov.' / '..., emphasized the minister.'
    if j >= floor and j >= 0 and (tokens[j].text == "," or tokens[j].kind == "q") and not e.gerund:
        np = find_right_np(tokens, ie + 1, n, _is_name_token)
        aside = _aside_start(tokens, j, floor) if tokens[j].text == "," else None
        if (np and aside is None and "noinvert" not in e.flags and j == j0
                and (looks_like_np(tokens, *np) or titled_name(tokens, *np))
                and tokens[np[0]].low not in word_class("time")
                # a pronoun with words after it opens the reported clause ("…, said he saw …"),
                # while an inverted pronoun stands alone ("…," said he.)
                and not (np[1] > np[0] and tokens[np[0]].low in word_class("pronoun"))
                and (np[1] + 1 >= n or tokens[np[1] + 1].kind == "p")):
            att.speaker = _mention(text, tokens, np)
            att.pieces = _left(text, tokens, j, floor)
            return
        # an aside between subject and verb: 'Stoltenberg, in an interview with FT, suggested'
        if tokens[j].text == ",":
            c2 = _aside_start(tokens, j, floor)
            if c2 is not None:
                j = c2 - 1
                if tokens[j].text.isdigit() and len(tokens[j].text) <= 3 and j - 2 >= floor \
                        and tokens[j - 1].text == ",":
                    j -= 2  # an age before the aside: "Woodrow Benford, 58, who lives …, says"
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
            # a time phrase that opens the sentence is no speaker ("Earlier this month, the head of
            # the Office, Andriy Yermak, told")
            chunks = [ch for ch in chunks if not is_time_phrase(tokens, *ch)]
            for ch in reversed(chunks):  # leftmost first
                if tokens[ch[0]].capitalised and ch[1] - ch[0] < 8 and (
                        ch[0] == floor or tokens[ch[0] - 1].kind in ("p", "q") or tokens[ch[0] - 1].low in
                        load_set("en", "clause_words")):
                    # "The ministry's spokesperson, Heorhii Tykhyi, wrote": the name in the next chunk
                    named = chunks[-2] if ch is chunks[-1] and len(chunks) > 1 and tokens[ch[0]].low in (
                        "the", "a", "an") and tokens[chunks[-2][0]].capitalised and tokens[
                        chunks[-2][0]].low not in word_class("determiner") else ch
                    att.speaker = _mention(text, tokens, named)
                    _right(text, tokens, ie + 1, n, cue_at, att, left_from=ch[0] - 1, floor=floor)
                    return
            if chunks and looks_like_np(tokens, *chunks[0]):
                first = chunks[-1]
                att.speaker = _mention(text, tokens, chunks[0])
                _right(text, tokens, ie + 1, n, cue_at, att, left_from=first[0] - 1, floor=floor)
                return
            # a long apposition no chunk covers ("Steve Elmendorf, a top Clinton fundraiser and
            # veteran D.C. lobbyist close to the campaign in Brooklyn, says"): the name before it
            name = _apposition_name(tokens, j, floor)
            if name is not None:
                att.speaker = _mention(text, tokens, name)
                _right(text, tokens, ie + 1, n, cue_at, att, left_from=name[0] - 1, floor=floor)
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

def _apposition_name(tokens: list[Token], j: int, floor: int) -> tuple[int, int] | None:
    """The name before an apposition that ends at the comma ``j``: the comma that opens it
    (``_opening_comma``), a phrase after it that opens like one (an article, a capital, a possessive
    name), and before it a capitalised noun phrase of a few words at a clause boundary ("…, Michael
    Briggs, Sanders's spokesman, suggested")."""
    k = _opening_comma(tokens, j, floor)
    if k is None:
        return None
    opener = tokens[k + 1]
    if not (opener.low in ("a", "an", "the") or opener.capitalised):
        return None
    name = find_left_np(tokens, k - 1, floor, _is_name_token)
    if name is None or not tokens[name[0]].capitalised or name[1] - name[0] > 4:
        return None
    before = tokens[name[0] - 1] if name[0] > floor else None
    if before is not None and before.kind not in ("p", "q") \
            and before.low not in load_set("en", "clause_words"):
        return None
    return name


def _opening_comma(tokens: list[Token], j: int, floor: int) -> int | None:
    """The comma that opens an aside or apposition closed by the comma ``j``: the one before it, at
    most 30 tokens back, with words between and no quotation but a name in quotation marks."""
    k = j - 1
    while k > floor and j - k < 30 and tokens[k].text != ",":
        if tokens[k].kind == "q" and not _is_name_token(tokens[k]):
            return None
        k -= 1
    if k <= floor or tokens[k].text != "," or k + 1 >= j:
        return None
    return k


def _aside_start(tokens: list[Token], j: int, floor: int) -> int | None:
    """Index of the comma that opens an aside ending at the comma ``j``: a prepositional phrase,
    a participle or a relative clause ("in an interview with FT", "speaking to reporters", "who ...")."""
    k = _opening_comma(tokens, j, floor)
    if k is None:
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
    if t.text == ":" and k + 1 >= n:
        att.colon_at = t.start  # 'Caddell continued:' ⏎ '"…"': the quotation after the colon
        return
    if "noclause" in e.flags:
        if k in cue_at and t.low.endswith("ing") and " " in e.lemma:
            # "released a statement saying that …": the statement's words are the gerund's clause
            k += 2 if k + 1 < n and tokens[k + 1].low == "that" else 1
            att.pieces = _pieces(text, tokens, k, _clause_end(tokens, k, n, cue_at))
        return
    if t.text == ":":
        k += 1
    if _points_back(tokens, k, n):
        return  # "He said this on Wednesday in an interview": a remark about words said before
    end = trim_venue(tokens, k, _clause_end(tokens, k, n, cue_at))
    att.pieces = _pieces(text, tokens, k, end)


def _points_back(tokens: list[Token], k: int, n: int) -> bool:
    """Does the cue's object only point back at words said before, with when or where they were said
    ("said this on Wednesday", "said so in an interview", "said it at a briefing")? The sentence then
    places those words (its date and venue: ``dates``, ``provenance``) and says nothing new. A bare
    "said so." stays a statement, as the annotated corpora have it."""
    if k + 1 >= n or tokens[k].low not in ("this", "so", "it"):
        return False
    nxt = tokens[k + 1]
    return nxt.kind == "w" and nxt.low not in ("to", "may") and (
        nxt.low in word_class("preposition") or nxt.low in word_class("time"))
