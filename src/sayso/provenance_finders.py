"""Finders of venues and carriers: where a statement was made and which outlets carried it.

Pure functions over a character range of a text (a sentence or a few), with the lists of outlets,
platforms, venue nouns and cue words merged into one ``Lexicon`` (``provenance_lexicon``):
``find_venues`` ("an interview with Radio Liberty in Brussels", "a press conference", "Facebook"),
``find_carriers`` (the outlets in "told 24 Channel", "Radio Liberty quoted him", "according to
Reuters") and ``find_provenance`` (the first venue and the carrier chain). An outlet counts only next
to a carrier cue or inside a venue: "the FT publication was labeled nonsense" names FT without FT
carrying anything. The ``provenance`` stage ties what they find to statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .provenance_lexicon import _CAPSEQ, _CLOSE, _MARK_BYTES, _MARKS, _OPEN, _UPPER, _WORD_BYTES, Lexicon
from .provenance_lexicon import lexicon as lexicon  # re-exported: dates reads these from here
from .provenance_lexicon import remark_filter as remark_filter

_COORD = re.compile(r"[ \t]*(?:,|and|or|&)[ \t]*(?:the[ \t]+)?(?:and[ \t]+)?[\"“«„]?")
# every word with what may cling to it ("CNN's", "AP.", "Q&A", "1+1", "RFE/RL"): for set tests (a-z is
# in \w: listed first, the regex engine finds the common letters without a Unicode lookup)
_WORD = re.compile(r"[^\W_][a-z\w+/&.'’-]*")
_POSSESSIVE = re.compile(rf"['’]s?[ \t]+(?:[{_OPEN}][ \t]*{_CAPSEQ}[ \t]*,?[{_CLOSE}]|{_CAPSEQ})")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CLOSING = re.compile(rf"[ \t]*,?[{_CLOSE}]")
_CITING_AFTER = re.compile(r",[ \t]+(?:citing|quoting)[ \t]")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
_VERB_NEXT = re.compile(rf"[ \t]+(?:(?:the|a|an|his|her|their|its)[ \t]|[{_UPPER}])")
# where a name may start: the first word of a known outlet or platform is looked up from here
# (its first letter comes first and the letter before it is checked after: the regex engine then skips
# to the capitals and digits, instead of testing what comes before every character)
_TOKEN = re.compile(rf"[{_UPPER}0-9](?<![\w'’].)[\w+/&.'’-]*")


@dataclass(frozen=True, slots=True)
class Carrier:
    """An outlet that carried a statement, as written at ``start:end``.

    ``rank`` orders a chain from the earliest carrier: 0 heard the speaker ("told CNN", "an
    interview with FT"), 1 quoted it or was cited ("Radio Liberty quoted him", "citing Reuters"),
    2 reported it ("according to Reuters", "Reuters reported").
    """

    start: int
    end: int
    text: str
    rank: int
    key: str  # the outlet's first name in the media list, or its casefolded text


@dataclass(frozen=True, slots=True)
class Venue:
    """Where or how a statement was made, as written at ``start:end``."""

    start: int
    end: int
    text: str
    carrier: Carrier | None = None  # the outlet the venue names ("an interview with FT")


@dataclass(frozen=True, slots=True)
class Provenance:
    venue: Venue | None
    carriers: tuple[Carrier, ...]

    @property
    def reported_by(self) -> tuple[str, ...] | None:
        return tuple(c.text for c in self.carriers) or None

    def __bool__(self) -> bool:
        return self.venue is not None or bool(self.carriers)



# -- names: outlets and platforms ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    key: str | None  # outlet key; None for a platform
    loose: bool = False  # a name in quotation marks that no list knows and no word makes an outlet


def _first_words(tok: str) -> Iterator[str]:
    yield tok
    if tok[-1] in ".'’s":
        for cut in ("'s", "’s", "'", "’", "."):
            if tok.endswith(cut):
                yield tok[: -len(cut)]


def _known_at(text: str, pos: int, end: int, lex: Lexicon, tok: str | None = None) -> _Found | None:
    """A known outlet or platform starting at ``pos`` (the longest form wins); ``tok``: the name
    token there (``_TOKEN``), when the caller has it."""
    if tok is None:
        m = _TOKEN.match(text, pos, end)
        if not m:
            return None
        tok = m.group()
    for first in _first_words(tok):
        nm = lex.names.get(first)
        if nm is None:
            continue
        hit = nm.match(text, pos, end)
        if hit:
            return _Found(pos, hit[0], hit[1] or None)
        if nm.the_forms and text[max(0, pos - 4):pos] == "the ":
            hit = nm.match(text, pos, end, after_the=True)
            if hit:
                return _Found(pos, hit[0], hit[1])
    return None


def _shaped(name: str, lex: Lexicon) -> bool:
    words = name.split()
    return any(w in lex.media_words for w in words) and words[0].casefold() not in lex.time_words


def _names(text: str, start: int, end: int, lex: Lexicon,
           toks: list[str] | None = None) -> tuple[list[_Found], bool]:
    """Known outlets and platforms in the range, and whether a word of an outlet's shape occurs
    (``toks``: the range's words, when the caller has them)."""
    if toks is None:
        toks = _WORD.findall(text, start, end)
    if lex.first_forms.isdisjoint(toks):  # most sentences name no outlet: one set test
        return [], not (lex.media_forms.isdisjoint(toks) and lex.described_forms.isdisjoint(toks))
    out: list[_Found] = []
    shaped = False
    first, media = lex.first_forms, lex.media_words
    for m in _TOKEN.finditer(text, start, end):
        tok = m.group()
        if tok in first:
            f = _known_at(text, m.start(), end, lex, tok)
            if f:
                out.append(f)
                continue
        if not shaped and (tok in media or (tok[-1] in ".'’s" and tok.rstrip(".'’s") in media)):
            shaped = True
    return out, shaped or not lex.described_forms.isdisjoint(toks)


def _outlets(text: str, start: int, end: int, found: list[_Found], shaped: bool,
             lex: Lexicon) -> list[_Found]:
    """Every outlet named in the range: known, in quotation marks, or shaped like one."""
    out: dict[int, _Found] = {f.start: f for f in found if f.key is not None}
    if shaped:
        for m in lex.capseq.finditer(text, start, end):
            if m.start() not in out and _shaped(m.group(), lex):
                out[m.start()] = _Found(m.start(), m.end(), m.group().casefold())
        for m in lex.described.finditer(text, start, end):  # "the newspaper Magyar Nemzet"
            s, e = m.start("name"), m.end("name")
            if s not in out and not any(f.start < s < f.end for f in out.values()):
                known = _known_at(text, s, e, lex)
                named = known is not None and known.key is not None
                out[s] = known if known is not None and named else _Found(s, e, m.group("name").casefold())
    for m in lex.quoted.finditer(text, start, end):
        s, e = m.start("name"), m.end("name")
        known = _known_at(text, s, e, lex)
        if known and known.end == e and known.key is None:
            continue  # a platform in quotation marks
        if known and known.end == e:
            out[s] = _Found(s, e, known.key)
        elif m.group("name").split()[0].casefold() not in lex.pronouns:  # not "I disagree"
            out[s] = _Found(s, e, m.group("name").casefold(), loose=not _shaped(m.group("name"), lex))
    return sorted(out.values(), key=lambda f: f.start) if len(out) > 1 else list(out.values())


def _outlet_at(text: str, pos: int, end: int, lex: Lexicon, quoted: bool = True) -> _Found | None:
    """The outlet a venue names right at ``pos`` ("with FT", "with "24 Channel"", "with the Times");
    with ``quoted`` False a name in quotation marks must be known or shaped like an outlet."""
    f = _known_at(text, pos, end, lex)
    if f:
        return f if f.key is not None else None
    d = lex.described.match(text, pos, end)
    if d:  # "with the newspaper Magyar Nemzet"
        return _Found(d.start("name"), d.end("name"), d.group("name").casefold())
    m = lex.quoted.match(text, pos, end)
    if m and (quoted or _shaped(m.group("name"), lex)):
        return _Found(m.start("name"), m.end("name"), m.group("name").casefold())
    m = lex.capseq.match(text, pos, end)
    if m and _shaped(m.group(), lex):
        return _Found(m.start(), m.end(), m.group().casefold())
    return None


def _carrier(text: str, f: _Found, rank: int, lex: Lexicon) -> Carrier:
    s = text[f.start:f.end]
    return Carrier(f.start, f.end, s, rank, f.key or lex.keys.get(s.casefold(), s.casefold()))


def _cue_rank(text: str, f: _Found, start: int, end: int, lex: Lexicon) -> int | None:
    """The rank of the carrier cue next to an outlet mention, or None when it has none."""
    m = lex.before_end.search(text, max(start, f.start - 32), f.start)
    if m:
        rank = lex.ranks.get("before" + " ".join(m.group("cue").casefold().split()), 2)
        # "according to Fox News judicial analyst X": the outlet only qualifies who said it
        w = _NEXT_WORD.match(text, f.end, end)
        if rank > 0 and w and w.group(1).islower() and w.group(1).casefold() not in lex.outlet_end:
            return None
        return rank
    close = f.end + 1 if f.end < end and text[f.end] in ".," and f.end + 1 < end and \
        text[f.end + 1] in _CLOSE else f.end
    m = lex.after_at.match(text, close, end)
    if m and not f.loose:  # ""I fundamentally disagree," said X" is a quote, not an outlet
        return lex.ranks.get("after" + " ".join(m.group("cue").casefold().split()), 2)
    if not f.loose and _CITING_AFTER.match(text, f.end, end):
        return 2  # "Reuters, citing a source, reported …": the outlet carried what the source said
    return None


# -- finders ------------------------------------------------------------------------------------


def gaps(start: int, end: int, exclude: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``start:end`` outside every excluded range."""
    out: list[tuple[int, int]] = []
    pos = start
    for a, b in sorted(exclude):
        if b <= pos or a >= end:
            continue
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        out.append((pos, end))
    return out


def scan(text: str, start: int, end: int, exclude: Sequence[tuple[int, int]],
         lex: Lexicon) -> tuple[list[Venue], list[Carrier]]:
    """Venues and carriers outside ``exclude``: each gap between statements is read on its own, so a
    cue or a name never spans a statement's words (and those words are never read)."""
    return scan_gaps(text, gaps(start, end, exclude), lex)


def scan_gaps(text: str, ranges: Iterable[tuple[int, int]],
              lex: Lexicon) -> tuple[list[Venue], list[Carrier]]:
    """``scan`` over gaps already cut out (``gaps``).

    Most gaps hold no name, no venue noun and no name in quotation marks: each is ruled out first by a
    test of its words against ``Lexicon.any_forms``. A gap in ASCII is split as bytes (a split costs a
    fraction of a regex match per word; it splits where ``_WORD`` does, so its words are those of
    ``_WORD``); one with the common marks of English text outside ASCII is split so once they are made
    ASCII ("’" in a word as "'": the test may pass more gaps, never fewer), and read by ``_WORD`` when it
    passes. A gap with other text outside ASCII, or with a word that starts with a mark ("'CNN'":
    ``_WORD`` starts the word after it), is read by ``_WORD`` alone."""
    venues: list[Venue] = []
    carriers: list[Carrier] = []
    any_forms = lex.any_forms
    quoted = lex.quoted.search
    for a, b in ranges:
        if b - a > 2:
            s = text[a:b]
            ascii_ = s.isascii()
            words = _byte_words(s if ascii_ else _ascii_marks(s))
            if words is not None and not ascii_ and not any_forms.isdisjoint(words):
                words = None  # marks made ASCII may pass a gap ``_WORD`` does not: it reads the gap
            # a name in quotation marks needs a mark: in an ASCII gap split as bytes, a straight one
            may_quote = words is None or not ascii_ or "'" in s or '"' in s
            if words is None:
                words = _WORD.findall(text, a, b)
            known: list[str] | None = words
            if any_forms.isdisjoint(words):
                if not may_quote or quoted(text, a, b) is None:
                    continue
                known = None
            found = _scan_gap(text, a, b, lex, known)
            venues += found[0]
            carriers += found[1]
    return venues, _chain(carriers) if carriers else carriers


def _ascii_marks(s: str) -> str:
    """``s`` with the common marks of English text outside ASCII made ASCII (``_MARKS``)."""
    for mark, plain in _MARKS:
        s = s.replace(mark, plain)
    return s


def _byte_words(s: str) -> list[str] | None:
    """The words ``_WORD`` finds in ``s``, split as bytes, or None where only ``_WORD`` can split it:
    text outside ASCII, or a word that starts with a mark ("'CNN'": ``_WORD`` starts after it)."""
    if not s.isascii():
        return None
    raw = s.encode()
    marks = raw.translate(_MARK_BYTES).decode()
    if marks[0] == "'" or " '" in marks:
        return None
    return raw.translate(_WORD_BYTES).decode().split()


def _scan_gap(text: str, start: int, end: int, lex: Lexicon,
              words: list[str] | None) -> tuple[list[Venue], list[Carrier]]:
    """Venues and carriers in one gap; ``words``: its words when one is of a name, a venue noun or a
    word of an outlet's shape (``Lexicon.any_forms``), else None (then it holds a name in quotation
    marks)."""
    found: list[_Found] = []
    shaped = False
    nouns = False
    if words is not None:
        found, shaped = _names(text, start, end, lex, words)
        nouns = not lex.noun_words.isdisjoint(words)
        if not (found or shaped or nouns) and lex.quoted.search(text, start, end) is None:
            return [], []
    venues = _venues(text, start, end, lex, found, nouns) if found or nouns else []
    carriers = [v.carrier for v in venues if v.carrier]
    last: Carrier | None = None
    for f in _outlets(text, start, end, found, shaped, lex):
        rank = _cue_rank(text, f, start, end, lex)
        if rank is None and last is not None and _COORD.fullmatch(text, last.end, f.start):
            rank = last.rank  # "told The Washington Post and The Associated Press"
        if rank is not None:
            last = _carrier(text, f, rank, lex)
            carriers.append(last)
    return venues, carriers


def find_carriers(text: str, start: int, end: int, exclude: Sequence[tuple[int, int]] = ()) -> list[Carrier]:
    """Outlets that carried words in ``text[start:end]``, ordered from the earliest carrier.

    An outlet counts next to a carrier cue ("told", "according to", "reported", "quoted him") or
    inside a venue ("an interview with FT"); ``exclude`` holds ranges (the statements' own words)
    where nothing counts.
    """
    return scan(text, start, end, exclude, lexicon())[1]


def _chain(carriers: Iterable[Carrier]) -> list[Carrier]:
    """One carrier per outlet (its earliest rank), ordered from the earliest carrier to the latest."""
    best: dict[str, Carrier] = {}
    for c in carriers:
        old = best.get(c.key)
        if old is None or (c.rank, c.start) < (old.rank, old.start):
            best[c.key] = c
    return sorted(best.values(), key=lambda c: (c.rank, c.start))


def _target(text: str, pos: int, end: int, lex: Lexicon,
            heard: bool) -> tuple[int, Carrier | None] | None:
    """What a venue is with or on ("FT", "Facebook", "Zelensky"): its end and the outlet it is.
    Only a link that names who heard it ("with", "to") makes any quoted name an outlet: "an
    interview with "Fox and Friends"" but "a speech on "The Future of Europe"" names no outlet."""
    known = _known_at(text, pos, end, lex)
    if known and known.key is None:  # a platform
        return known.end, None
    f = _outlet_at(text, pos, end, lex, quoted=heard)
    if f:
        close = f.end
        if f.start > pos:  # in quotation marks: the venue takes the closing mark (and a comma before it)
            m = _CLOSING.match(text, f.end, end)
            close = m.end() if m else f.end
        else:  # the outlet's show: "an interview with NBC's "Meet the Press""
            m = _POSSESSIVE.match(text, f.end, end)
            close = m.end() if m else f.end
        return close, _carrier(text, f, 0, lex)
    m = lex.quoted.match(text, pos, end)
    if m:  # a title in quotation marks
        return m.end(), None
    m = lex.capseq.match(text, pos, end)
    if m and m.group().split()[0].casefold() not in lex.time_words \
            and not _modifies_next(text, m.end(), end, lex):  # not "a letter to Senate colleagues"
        return m.end(), None
    return None


def _modifies_next(text: str, pos: int, end: int, lex: Lexicon) -> bool:
    """Whether the word at ``pos`` is followed by a lower-case (Latin) word that continues its noun
    phrase: not a function word, an adverb or a participle ("released", "announcing", "given")."""
    if text.startswith(("'s ", "’s "), pos):  # "the video’s description"
        return True
    w = _NEXT_WORD.match(text, pos, end)
    if w is None:
        return False
    word = w.group(1)
    if not ("a" <= word[0] <= "z") or word.endswith(("ed", "ing", "en", "ly")):
        return False
    return word not in lex.followers


def _next_is_time(text: str, pos: int, end: int, lex: Lexicon) -> bool:
    w = _NEXT_WORD.match(text, pos, end)
    return w is not None and w.group(1).casefold().rstrip("'’s") in lex.time_words


def _venues(text: str, start: int, end: int, lex: Lexicon, found: list[_Found],
            nouns: bool) -> list[Venue]:
    """Venues in the range: a venue noun after a lead word (when ``nouns``: the range has a word of
    one), or a platform of ``found`` after "on", "in", "via"."""
    out: list[Venue] = []
    for n in lex.noun.finditer(text, start, end) if nouns else ():
        m = lex.lead_end.search(text, max(start, n.start() - 64), n.start())
        if not m:
            continue
        v_start, v_end = m.start("np"), n.end()
        # an outlet among the modifiers carried it ("a CNN interview", "Blitzer's CNN show")
        inner = [f for f in found if v_start <= f.start and f.end <= v_end and f.key is not None]
        carrier: Carrier | None = _carrier(text, inner[0], 0, lex) if inner else None
        link = lex.link.match(text, v_end, end)
        hit = _target(text, link.end(), end, lex, link.group("link").casefold() in lex.heard) \
            if link else None
        if hit is None and v_end < end and text[v_end] in " \t":
            # no link word: only a known outlet ("в интервью Радио Свобода"), or after a Russian or
            # Ukrainian noun (their dative needs no preposition) any name in quotation marks
            f = _known_at(text, v_end + 1, end, lex)
            if f and f.key is not None:
                hit = (f.end, _carrier(text, f, 0, lex))
            elif _CYRILLIC.search(n.group()):
                q = lex.quoted.match(text, v_end + 1, end)
                if q:
                    f = _Found(q.start("name"), q.end("name"), q.group("name").casefold())
                    close = _CLOSING.match(text, f.end, end)
                    hit = (close.end() if close else f.end, _carrier(text, f, 0, lex))
        if hit:
            v_end, carrier = hit[0], hit[1] or carrier
        elif _VERB_NEXT.match(text, v_end, end) and not _next_is_time(text, v_end, end, lex):
            continue  # "in the last week broadcast Donald Trump's lead": a verb, not a venue
        elif _modifies_next(text, v_end, end, lex):
            continue  # "told the debate audience": the noun only modifies the next one
        pm = lex.place.match(text, v_end, end)
        if pm:
            # "a column in Saturday's New York Times": an outlet in the place is a carrier
            inner = [x for x in _names(text, pm.start("name"), pm.end(), lex)[0] if x.key is not None]
            if inner and carrier is None:
                carrier = _carrier(text, inner[0], 0, lex)
            if inner or pm.group("name").split()[0].casefold().rstrip("'’s") not in lex.time_words:
                v_end = pm.end()
        if not (out and out[-1].end > v_start):
            out.append(Venue(v_start, v_end, text[v_start:v_end], carrier))
    # a platform right after a lead word is the venue itself ("wrote on Facebook")
    for f in found:
        if f.key is not None:
            continue
        before = text[max(start, f.start - 6):f.start].rstrip().rsplit(None, 1)
        if before and before[-1].casefold() in ("on", "in", "via", "на", "в", "у") and \
                not any(v.start <= f.start < v.end for v in out):
            out.append(Venue(f.start, f.end, text[f.start:f.end]))
    out.sort(key=lambda v: v.start)
    return out


def find_venues(text: str, start: int, end: int, exclude: Sequence[tuple[int, int]] = ()) -> list[Venue]:
    """Venues named in ``text[start:end]`` after a lead word ("in", "during", "told", "wrote on"),
    outside ``exclude``."""
    return scan(text, start, end, exclude, lexicon())[0]


def find_provenance(text: str, start: int, end: int,
                    exclude: Sequence[tuple[int, int]] = ()) -> Provenance:
    """The first venue and the carrier chain of ``text[start:end]``, outside ``exclude``."""
    venues, carriers = scan(text, start, end, exclude, lexicon())
    return Provenance(venues[0] if venues else None, tuple(carriers))
