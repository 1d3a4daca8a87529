"""Finders of venues and carriers: where a statement was made and which outlets carried it.

Pure functions over a character range of a text (a sentence or a few), with the lists of outlets,
platforms, venue nouns and cue words from ``lang/<en|ru|uk>/`` merged into one ``Lexicon``:
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
from functools import cache, lru_cache

from .lang import load_lines

LANGS = ("en", "ru", "uk")

_UPPER = "A-ZА-ЯЁІЇЄҐ"
# A capitalised name word; a full stop belongs to it only inside ("Liga.net"), never at its end.
_NAME_WORD = rf"[{_UPPER}0-9](?:[\w&'’+/-]|\.(?=\w))*"
_CONNECT = r"(?:of|the|and|&|de|di|der|des|la|le|du)"
_CAPSEQ = rf"{_NAME_WORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)?{_NAME_WORD}){{0,5}}"
_OPEN = "\"“«„‘'"
_CLOSE = "\"”»“’'"
# a name in quotation marks: capitalised, then up to five words of any case ("Українська правда")
_QWORD = "[^\\s\"“”«»„]"
_QUOTED = (rf"[{_OPEN}][ \t]*(?P<name>[{_UPPER}0-9]{_QWORD}*?(?:[ \t]+{_QWORD}+?){{0,5}}?)"
           rf"(?P<stop>[.,])?[ \t]*[{_CLOSE}]")
_COORD = re.compile(r"[ \t]*(?:,|and|or|&)[ \t]*(?:the[ \t]+)?(?:and[ \t]+)?[\"“«„]?")
# every word with what may cling to it ("CNN's", "AP.", "Q&A", "1+1", "RFE/RL"): for set tests
_WORD = re.compile(r"[^\W_][\w+/&.'’-]*")
_POSSESSIVE = re.compile(rf"['’]s?[ \t]+(?:[{_OPEN}][ \t]*{_CAPSEQ}[ \t]*,?[{_CLOSE}]|{_CAPSEQ})")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CLOSING = re.compile(rf"[ \t]*,?[{_CLOSE}]")
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


def _words_pattern(phrases: Iterable[str], flags: str = "i") -> str:
    """One alternation of phrases, longest first, any whitespace between words.

    The phrases are grouped by their first letter ("told|to|in" -> "t(?:old|o)|in"): at each position
    the regex engine tries the groups' letters, not every phrase, and it matches what the plain
    alternation matches (the phrases that may match at one position share its letter, and keep their
    order in the group)."""
    alts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for phrase in alts:
        groups.setdefault(phrase[0], []).append(r"\s+".join(re.escape(w) for w in phrase.split()))
    if "i" in flags and _case_twins(list(groups)):  # two letters one case-blind match: the plain form
        body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in alts)
    else:
        body = "|".join(_group(first, xs) for first, xs in groups.items())
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _group(first: str, escaped: list[str]) -> str:
    """``first`` then the rest of each phrase: "t(?:old|o)"."""
    lead = re.escape(first)
    rests = [x[len(lead):] for x in escaped]
    if len(rests) == 1:
        return lead + rests[0]
    return lead + "(?:" + "|".join(rests) + ")"


def _case_twins(letters: list[str]) -> bool:
    """Whether two of the letters may match one letter when case is ignored ("I" and "i"; a letter
    whose case mapping is not one letter, or that the regex engine folds with another, counts)."""
    for i, a in enumerate(letters):
        for b in letters[i + 1:]:
            if a.lower() == b.lower() or a.upper() == b.upper() or _odd_case(a) or _odd_case(b):
                return True
    return False


def _odd_case(c: str) -> bool:
    return len(c.lower()) != 1 or len(c.upper()) != 1 or _FOLDS is None or _FOLDS.match(c) is not None


def _slash_pattern(line: str) -> str:
    """``made this/these remark/remarks`` -> a regex with one alternation per word position."""
    parts = []
    for word in line.split():
        alts = sorted(word.split("/"), key=len, reverse=True)
        parts.append("(?:" + "|".join(re.escape(a) for a in alts) + ")")
    return r"\s+".join(parts)


class Names:
    """The known outlet and platform forms that start with one word, tried longest first.

    ``match`` finds the forms as written, or with ``after_the`` the forms such as "Hill" of "The
    Hill", counted only after a lower-case "the". The patterns are compiled when first tried (most
    first words never are).
    """

    __slots__ = ("_plain", "_the", "plain_forms", "the_forms")

    def __init__(self, plain_forms: tuple[tuple[str, str], ...], the_forms: tuple[tuple[str, str], ...]):
        self.plain_forms = plain_forms
        self.the_forms = the_forms
        self._plain: tuple[re.Pattern[str] | None, dict[str, str]] | None = None
        self._the: tuple[re.Pattern[str] | None, dict[str, str]] | None = None

    def match(self, text: str, pos: int, end: int, after_the: bool = False) -> tuple[int, str] | None:
        """The longest form at ``pos``: where it ends and its outlet key ("" for a platform)."""
        if after_the:
            if self._the is None:
                self._the = _names_pattern(self.the_forms, True)
            pattern, keys = self._the
        else:
            if self._plain is None:
                self._plain = _names_pattern(self.plain_forms, False)
            pattern, keys = self._plain
        hit = pattern.match(text, pos, end) if pattern is not None else None
        return (hit.end(), keys[" ".join(hit.group().split())]) if hit else None


@dataclass(frozen=True, slots=True)
class Lexicon:
    names: dict[str, Names]  # first word -> the forms starting with it
    first_forms: frozenset[str]  # those first words as a token may end ("CNN's", "AP.")
    media_forms: frozenset[str]
    noun_words: frozenset[str]  # first words of venue nouns, plurals too
    any_forms: frozenset[str]  # first_forms, media_forms and noun_words: a range without any holds nothing
    keys: dict[str, str]  # casefolded form -> outlet key
    longest_key: int  # the length of the longest form in ``keys``
    media_words: frozenset[str]
    quoted: re.Pattern[str]
    capseq: re.Pattern[str]
    before_end: re.Pattern[str]  # a cue ending where an outlet starts ("told ", "according to the ")
    after_at: re.Pattern[str]  # a cue right after an outlet (" reported", "" quoted")
    ranks: dict[str, int]  # "before|after" + casefolded cue (single spaces) -> rank
    noun: re.Pattern[str]
    lead_end: re.Pattern[str]  # lead, determiner and modifiers ending where a venue noun starts
    link: re.Pattern[str]
    heard: frozenset[str]  # links that name who heard the words ("an interview with", "a statement to")
    place: re.Pattern[str]
    time_words: frozenset[str]
    outlet_end: frozenset[str]  # lower-case words that may follow an outlet named after a cue
    followers: frozenset[str]  # lower-case words that may follow a venue noun or name
    pronouns: frozenset[str]
    remark: re.Pattern[str]
    remark_low: re.Pattern[str]  # ``remark`` for lower-case text: the same matches, found faster


def _keyed(lang: str, name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in load_lines(lang, name):
        key, _, rest = line.partition(":")
        out.setdefault(key.strip(), []).extend(x.strip() for x in rest.split("|") if x.strip())
    return out


@cache
def _names_pattern(forms: tuple[tuple[str, str], ...],
                   after_the: bool) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The forms as one pattern, and the outlet key of each form (its words joined by one space).

    The pattern is a trie of the forms' letters ("The Hill|The Hindu" -> "The\\s+Hi(?:ll|ndu)"): the
    longest form that matches wins, as in an alternation of the forms longest first."""
    if not forms:
        return None, {}
    keys: dict[str, str] = {}
    trie: _Trie = {}
    for form, key in sorted(forms, key=lambda f: -len(f[0])):
        words = form.split()
        keys.setdefault(" ".join(words), key)  # the first of two outlets with one form wins
        node = trie
        for n, word in enumerate(words):
            if n:
                node = node.setdefault(r"\s+", {})
            for ch in word:
                node = node.setdefault(re.escape(ch), {})
        node[""] = {}
    # "told the Hill" but not "according to the Atlantic Council": no capitalised word after it
    tail = rf"(?![ \t]+[{_UPPER}])" if after_the else ""
    return re.compile(_trie_pattern(trie, rf"(?![\w]){tail}")), keys


_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie, end: str) -> str:
    """A trie as a pattern: at each letter the longer forms first, then ``end`` where a form ends."""
    kids = [key + _trie_pattern(child, end) for key, child in node.items() if key]
    if "" in node:
        kids.append(end)
    return kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"


def _forms(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w + cut for w in words for cut in ("", "'s", "’s", "'", "’", "."))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Every language's lists merged: an English article may quote "Українська правда"."""
    keys: dict[str, str] = {}
    plain: dict[str, list[tuple[str, str]]] = {}
    the: dict[str, list[tuple[str, str]]] = {}
    for lang in LANGS:
        for line in load_lines(lang, "media"):
            forms = [f.strip() for f in line.split("|") if f.strip()]
            for f in forms:
                keys.setdefault(f.casefold(), forms[0])
                plain.setdefault(f.split()[0], []).append((f, forms[0]))
                if f.startswith("The ") and len(f) > 4:
                    keys.setdefault(f[4:].casefold(), forms[0])
                    the.setdefault(f.split()[1], []).append((f[4:], forms[0]))
    for f in load_lines("en", "platforms"):
        plain.setdefault(f.split()[0], []).append((f, ""))
    names = {w: Names(tuple(plain.get(w, ())), tuple(the.get(w, ()))) for w in {*plain, *the}}
    fw: dict[str, list[str]] = {}
    for lang in LANGS:
        for k, v in _keyed(lang, "provenance").items():
            fw.setdefault(k, []).extend(v)
    ranks: dict[str, int] = {}
    before: list[str] = []
    after: list[str] = []
    for lang in LANGS:
        for line in load_lines(lang, "carrier_cues"):
            side, rank, phrase = line.split(None, 2)
            ranks[side + " ".join(phrase.casefold().split())] = int(rank)
            (before if side == "before" else after).append(phrase)
    nouns = [n for lang in LANGS for n in load_lines(lang, "venues")]
    subjects = [w for lang in ("ru", "uk") for w in _keyed(lang, "provenance")["pronoun"]]
    lead = _words_pattern(fw["lead"])
    det = _words_pattern(fw["det"])
    stop = _words_pattern(fw["lead"] + fw["link"] + fw["det"])
    mod = rf"(?!{stop}\b)[^\W\d_][\w'’-]*"
    remark = "|".join(_slash_pattern(x) for lang in LANGS for x in load_lines(lang, "remarks"))
    remark_lower = "|".join(_slash_pattern(x.lower()) for lang in LANGS for x in load_lines(lang, "remarks"))
    first_forms = _forms(names)
    media_forms = _forms(load_lines("en", "media_words"))
    noun_words = _forms(w for n in nouns for w in (n.split()[0], n.split()[0] + "s", n.split()[0] + "es"))
    return Lexicon(
        names=names,
        first_forms=first_forms,
        media_forms=media_forms,
        noun_words=noun_words,
        any_forms=first_forms | media_forms | noun_words,
        keys=keys,
        longest_key=max(map(len, keys), default=0),
        media_words=frozenset(load_lines("en", "media_words")),
        quoted=re.compile(_QUOTED),
        capseq=re.compile(rf"(?:The[ \t]+)?{_CAPSEQ}"),
        # "розповів він «24 Каналу»": a subject pronoun may stand between the cue and the outlet
        before_end=re.compile(rf"(?<![\w])(?P<cue>{_words_pattern(before)})[ \t]+"
                              rf"(?:{_words_pattern(subjects)}[ \t]+)?(?:the[ \t]+)?(?:[{_OPEN}][ \t]*)?$"),
        after_at=re.compile(rf"[{_CLOSE}]?[ \t]+(?P<cue>{_words_pattern(after)})(?![\w])"),
        ranks=ranks,
        # venue nouns as written (lower case): "told the Kyiv Post" names an outlet, not a post
        noun=re.compile(rf"(?<![\w-]){_words_pattern(nouns, flags='')}(?:s|es)?(?![\w-])"),
        lead_end=re.compile(rf"(?<![\w-]){lead}\s+(?P<np>(?:{det}\s+)?(?:{mod}\s+){{0,3}})$"),
        link=re.compile(rf"\s+(?P<link>{_words_pattern(fw['link'])})\s+(?:the\s+)?"),
        heard=frozenset(w.casefold() for w in fw["heard"]),
        place=re.compile(rf"\s+{_words_pattern(fw['place'])}\s+(?P<name>{_CAPSEQ})"),
        time_words=frozenset(w.casefold() for w in fw["time"]),
        outlet_end=frozenset(w.casefold() for w in fw["outlet_end"]),
        followers=frozenset(w.casefold() for k in ("outlet_end", "follow", "link", "place", "lead", "pronoun",
                                                   "det") for w in fw.get(k, ())),
        pronouns=frozenset(w.casefold() for w in fw["pronoun"]),
        remark=re.compile(rf"(?<![\w])(?i:{remark})(?![\w])"),
        remark_low=re.compile(rf"(?<![\w])(?:{remark_lower})(?![\w])"),
    )


# Letters that match another one when case is ignored although their lower case differs ("ſ" and "s"):
# a text holding one is searched without the lower-case shortcut.
try:
    from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]  # case-blind pairs of sre
    _FOLDS: re.Pattern[str] | None = re.compile("[" + "".join(
        re.escape(chr(c)) for c in sorted({c for k, v in _EXTRA_CASES.items() for c in (k, *v)})
        if not ("a" <= chr(c) <= "z" or "а" <= chr(c) <= "я")) + "]")
except ImportError:  # another Python: no shortcut
    _FOLDS = None


def remark_filter(text: str) -> str | None:
    """``text`` in lower case with offsets kept, for ``may_hold_remark``; ``None`` when lower case
    would move offsets or miss a case-blind match (then every range is searched as it is)."""
    low = text.lower()
    if _FOLDS is None or len(low) != len(text) or _FOLDS.search(text):
        return None
    return low


def may_hold_remark(low: str | None, start: int, end: int, lex: Lexicon) -> bool:
    """Can ``Lexicon.remark`` match in ``start:end``? A case-blind search costs several times a
    plain one, and most sentences hold no remark."""
    return low is None or lex.remark_low.search(low, start, end) is not None


def holds_remark(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Does ``Lexicon.remark`` match in ``start:end``? A case-blind search costs several times a plain
    one, and most sentences hold no remark: the range in lower case is searched first (as
    ``may_hold_remark`` does, without lowering the whole text)."""
    part = text[start:end]
    low = part.lower()
    # cut out of the text, the range loses what is before it: the lower-case search finds more, never less
    if len(low) == len(part) and _FOLDS is not None and (part.isascii() or not _FOLDS.search(part)) \
            and lex.remark_low.search(low) is None:
        return False
    return lex.remark.search(text, start, end) is not None


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
        return [], not lex.media_forms.isdisjoint(toks)
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
    return out, shaped


def _outlets(text: str, start: int, end: int, found: list[_Found], shaped: bool,
             lex: Lexicon) -> list[_Found]:
    """Every outlet named in the range: known, in quotation marks, or shaped like one."""
    out: dict[int, _Found] = {f.start: f for f in found if f.key is not None}
    if shaped:
        for m in lex.capseq.finditer(text, start, end):
            if m.start() not in out and _shaped(m.group(), lex):
                out[m.start()] = _Found(m.start(), m.end(), m.group().casefold())
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
    """``scan`` over gaps already cut out (``gaps``)."""
    venues: list[Venue] = []
    carriers: list[Carrier] = []
    for a, b in ranges:
        if b - a > 2:
            found = _scan_gap(text, a, b, lex)
            venues += found[0]
            carriers += found[1]
    return venues, _chain(carriers) if carriers else carriers


def _scan_gap(text: str, start: int, end: int, lex: Lexicon) -> tuple[list[Venue], list[Carrier]]:
    words = _WORD.findall(text, start, end)
    found: list[_Found] = []
    shaped = False
    nouns = False
    if not lex.any_forms.isdisjoint(words):
        found, shaped = _names(text, start, end, lex, words)
        nouns = not lex.noun_words.isdisjoint(words)
    if not (found or shaped or nouns) and lex.quoted.search(text, start, end) is None:
        return [], []  # most gaps: no name, no venue noun, no name in quotation marks
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
