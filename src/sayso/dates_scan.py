"""The word lists of ``dates`` and the searches over a whole text that find where their words
stand: the one scan for the words and numbers a date expression needs (``scan_sentences``), words
about someone's words (``speaks_of_words``) and remark phrases (``find_remark``).

Every search here is exact: where a cheaper search runs first, it finds every place the exact one
may match (a text in ASCII with every non-word character a space, ``Scan.words``; a text in lower
case, ``remark_filter``), so that the exact one runs only there.

Word lists: ``lang/<code>/`` ``months``, ``months_short``, ``weekdays``, ``date_words`` (the words
around expressions, by role), ``relative_dates``, ``date_units``, ``speech_events``, ``remarks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Any, Literal, NamedTuple, cast

from .lang import load_lines
from .provenance_finders import remark_filter

LANGS = ("en", "ru", "uk")
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
Unit = Literal["day", "week", "month", "year"]
WORD_START = r"(?<![\w'’ʼ])"  # a word starts here
WORD_END = r"(?![\w'’ʼ])"  # a word ends here
TOKEN = re.compile(r"[^\W_]+")


def numbered_forms(name: str, langs: tuple[str, ...] = LANGS) -> dict[str, int]:
    """``form -> number`` from data files whose lines are ``N form form ...``."""
    out: dict[str, int] = {}
    for lang in langs:
        for line in load_lines(lang, name):
            n, *forms = line.split()
            for f in forms:
                out.setdefault(f.lower().translate(APOSTROPHES), int(n))
    return out


def phrase_alternation(phrases: Iterable[str]) -> str:
    """One alternation of phrases, longest first, any whitespace between words, any apostrophe."""
    alts = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in alts)
    return "(?:" + body.replace("'", "['’ʼ]") + ")" if body else "(?!)"


def word_alternation(phrases: Iterable[str]) -> str:
    """``phrase_alternation`` with its words of letters only shaped as a trie (``trie_alternation``):
    the same matches, found without trying every word at a position (in a case-blind pattern the
    engine cannot skip a word by its first letter). The other phrases come first, longest first:
    none is the start of a word of letters only, and a word of letters that starts one ("last" of
    "last week") is tried after it, as in ``phrase_alternation``."""
    alts = {p.strip().lower() for p in phrases if p.strip()}
    letters = {p for p in alts if p.isalpha()}
    rest = alts - letters
    parts = ([phrase_alternation(rest)] if rest else []) + ([trie_alternation(letters)] if letters else [])
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def trie_alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie: Python's engine tries one branch per
    letter instead of every word at every position (about ten times faster than a flat list)."""
    root: dict[str, dict[str, Any]] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return emit(root)


def word_roles(langs: Iterable[str], name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang in langs:
        for line in load_lines(lang, name):
            role, _, rest = line.partition(":")
            out.setdefault(role.strip(), []).extend(w.strip() for w in rest.split("|") if w.strip())
    return out


def norm_words(s: str) -> str:
    return " ".join(s.lower().translate(APOSTROPHES).split())


def family(lang: str) -> tuple[str, ...]:
    """The word lists a sentence of ``lang`` is read with: ru and uk together (their forms barely
    collide, and a short sentence is easily taken for the other one), anything unknown with all."""
    if lang == "en":
        return ("en",)
    if lang in ("ru", "uk"):
        return ("ru", "uk")
    return LANGS


@dataclass(frozen=True, slots=True)
class WordLists:
    """The word lists of some languages a grammar is built from."""

    months: dict[str, int]
    short: dict[str, int]  # abbreviations
    weekdays: dict[str, int]
    words: dict[str, list[str]]  # the words around expressions, by role
    relative: dict[str, tuple[Unit, int]]
    units: dict[str, Unit]
    numbers: dict[str, int]


@cache
def word_lists(langs: tuple[str, ...]) -> WordLists:
    relative: dict[str, tuple[Unit, int]] = {}
    for lang in langs:
        for line in load_lines(lang, "relative_dates"):
            phrase, _, value = line.partition("|")
            unit, offset = value.split()
            relative[norm_words(phrase)] = (cast(Unit, unit), int(offset))
    units: dict[str, Unit] = {}
    numbers: dict[str, int] = {}
    for lang in langs:
        for line in load_lines(lang, "date_units"):
            head, *forms = line.split()
            if head == "=":
                for f in forms[1:]:
                    numbers[norm_words(f)] = int(forms[0])
            else:
                for f in forms:
                    units[norm_words(f)] = cast(Unit, head)
    months, short = numbered_forms("months", langs), numbered_forms("months_short", langs)
    return WordLists(months, short, numbered_forms("weekdays", langs), word_roles(langs, "date_words"),
                     relative, units, numbers)


@cache
def content_words(langs: tuple[str, ...]) -> frozenset[str]:
    """The words (lower case) without which a stretch of text holds no expression but digits: of
    months, weekdays, units and relative phrases, but those that lead one ("on", "last", "the")."""
    x = word_lists(langs)
    lead = {t.lower() for role in ("on", "in", "last") for w in x.words.get(role, [])
            for t in TOKEN.findall(w)} | {"the", "this", "of", "a", "an"}
    content = {t.lower() for w in [*x.months, *x.short, *x.weekdays, *x.units, *x.relative]
               for t in TOKEN.findall(w)}
    return frozenset(content - lead)


# -- one scan of a whole text for the words a date needs --------------------------------------


@cache
def _hit_body(content: frozenset[str]) -> str:
    """The ``content`` words (on lower-cased text), years and all-digit dates, with a look at the
    first letter up front (most characters after a space start no such word)."""
    first = "".join(sorted({w[0] for w in content if w} | set("0123456789")))
    lead = "" if "" in content else rf"(?=[{re.escape(first)}])"
    words = trie_alternation(content) or "(?!)"
    return rf"{lead}(?:{words}\b|(?:19|20)\d\d(?!\d)|\d{{1,2}}[./]\d)"


@cache
def _hit_word(content: frozenset[str]) -> re.Pattern[str]:
    """A word or number an expression needs, where it starts (``_hit_body``)."""
    return re.compile(_hit_body(content))


@cache
def _hit_after(content: frozenset[str]) -> re.Pattern[str]:
    """``_hit_word`` after a non-word character: a search skips to each such character in C (one
    that starts with ``\\b`` tries every position)."""
    return re.compile(rf"\W{_hit_body(content)}")


@cache
def _hit_after_space(content: frozenset[str]) -> re.Pattern[str]:
    """Where ``_hit_word`` may match after a space (a search for a space is the cheapest there is),
    in a text whose non-word characters are all spaces: a digit stands for any number."""
    return re.compile(rf" (?:{trie_alternation(content) or '(?!)'}\b|[0-9])")


@cache
def _ascii_content(langs: tuple[str, ...]) -> frozenset[str]:
    """The words of ``content_words`` an ASCII text may hold (an English text read with every word
    list needs the English patterns only)."""
    return frozenset(w for w in content_words(langs) if w.isascii())


# Non-word characters outside ASCII that news text is full of (quotes, dashes, spaces):
# ``_without_punctuation`` makes them spaces; the table (for bytes.translate) makes every ASCII
# non-word character a space.
_PUNCTUATION = [c for c in "“”‘’„«»—–―…\xa0\u2009\u200b\u202f•·" if not re.match(r"\w", c)]
_ASCII_SPACES = bytes(32 if i < 128 and not re.match(r"\w", chr(i)) else i for i in range(256))


def _without_punctuation(text: str) -> str:
    """``text`` with the common non-word characters outside ASCII (``_PUNCTUATION``) made spaces,
    by ``str.replace`` (one C pass each, and most are absent)."""
    for c in _PUNCTUATION:
        if c in text:
            text = text.replace(c, " ")
    return text


@cache
def _listed_words() -> frozenset[str]:
    """Every word (lower case) some search of this stage looks for in ``Scan.words`` or checks a
    word of it against: the hit words, words about words, remark phrases, the words that start an
    expression."""
    from .dates_finders import expression_starters  # the grammar imports this module

    exact, stems = _speech_words()
    remarks = {w for lang in LANGS for line in load_lines(lang, "remarks")
               for slot in line.lower().split() for w in slot.split("/")}
    return frozenset({*content_words(LANGS), *exact, *stems, *remarks, *expression_starters()})


@cache
def _stand_in_letter() -> int | None:
    """An ASCII letter (its byte) that no listed word holds (``_listed_words``): standing for a
    letter outside ASCII it makes no word a listed one. None if every letter is taken."""
    taken = {c for w in _listed_words() if w.isascii() for c in w}
    return next((ord(c) for c in "zqxjkvwyfgbpmhdcluesaoritn" if c not in taken), None)


@cache
def _listed_letters() -> frozenset[str]:
    """The characters outside ASCII of listed words (``_listed_words``), in either case: a text
    holding one may hold a listed word outside ASCII, which the searches of ``Scan.words`` skip."""
    chars = {c for w in _listed_words() for c in w if not c.isascii()}
    return frozenset(chars | {c.upper() for c in chars})


def _stand_in(text: str, letters: bool) -> tuple[str, bool, bool] | None:
    """``text`` (not ASCII) in ASCII and lower case, each character outside ASCII replaced by one of
    the same kind: a digit (``0``) for a digit, the ``_stand_in_letter`` for a letter, a space for
    any other character. Then whether it replaced a letter, and whether its words may stand for
    the text's words in the searches of ``Scan.words`` (no letter of a listed word outside ASCII,
    ``_listed_letters``, nor one whose case has an ASCII form, "ſ" ~ "S", nor a digit no decimal
    one, "²", which a word's first character is checked for). None where a letter's
    lower case is no single letter outside ASCII ("İ", the Kelvin sign: the text in lower case
    would differ), or where it meets a letter and ``letters`` is false (Cyrillic: every letter
    would be replaced). One C pass (``str.encode``) and a Python step per character replaced
    (news in English holds a handful)."""
    out = bytearray(text.encode("ascii", "replace"))  # "?" for each character outside ASCII
    letter = _stand_in_letter()
    replaced, safe = False, True
    pos = out.find(b"?")
    while pos >= 0:
        c = text[pos]
        if c != "?":
            if c.isdecimal():
                out[pos] = 48
            elif c.isalnum():
                low = c.lower()
                if not letters or letter is None or len(low) != 1 or low.isascii():
                    return None
                out[pos] = letter
                replaced = True
                if safe and (c in _listed_letters() or c.isdigit() or c.upper().isascii()
                             or c.casefold().isascii()):
                    safe = False
            else:
                out[pos] = 32
        pos = out.find(b"?", pos + 1)
    return out.lower().decode("ascii"), replaced, safe


class Scan(NamedTuple):
    """The hits of a stretch of text (``scan_sentences``) and, where it holds no letter outside
    ASCII, the stretch in lower case with every non-word character a space (``spaced``, from
    offset ``base`` of the text): its words are the words of the text."""

    hits: list[int]
    spaced: str | None
    base: int

    def words(self, start: int, end: int) -> str | None:
        """``spaced`` from ``start`` to ``end`` (offsets of the text) with a space either side, or
        None where there is none."""
        if self.spaced is None or start < self.base or end - self.base > len(self.spaced):
            return None
        return " " + self.spaced[start - self.base:end - self.base] + " "


def scan_sentences(text: str, spans: Sequence[tuple[int, int]], langs: Sequence[str]) -> Scan:
    """The words and numbers an expression needs in the ``(start, end)`` spans (sentences, in
    order, not overlapping) of their languages, found in one pass over the whole stretch."""
    if not spans:
        return Scan([], None, 0)
    seen = set(langs[:len(spans)]) | ({""} if len(langs) < len(spans) else set())
    return scan_text(text, spans[0][0], spans[-1][1], word_lists_of(seen))


def word_lists_of(languages: Iterable[str]) -> tuple[str, ...]:
    """The word lists sentences of ``languages`` are read with (an English article: the English
    ones only; ``family``)."""
    return tuple(sorted({x for lang in set(languages) for x in family(lang)}))


def scan_text(text: str, start: int, end: int, langs: tuple[str, ...] = LANGS) -> Scan:
    """The offsets (``Scan.hits``) of the words of ``langs`` and the numbers an expression needs
    in ``text[start:end]``, in order: where ``_hit_word`` matches at a word start (on lower-cased
    text), left to right without overlaps."""
    plain = _without_punctuation(text[start:end])
    if plain.isascii():
        low = plain.lower()
        spaced = _spaced(low)
        return Scan(_hits(spaced, low, _ascii_content(langs), start), spaced, start)
    # a letter outside ASCII in an English text ("José"): the quick way, on a stand-in
    stood = _stand_in(plain, content_words(langs) == _ascii_content(langs))
    if stood is not None:
        low, _, safe = stood
        spaced = _spaced(low)
        return Scan(_hits(spaced, low, _ascii_content(langs), start), spaced if safe else None, start)
    low = text[start:end].lower()
    if len(low) != end - start:  # a letter whose lower case is longer: every word, slowly
        return Scan([t.start() for t in TOKEN.finditer(text, start, end)], None, start)
    content = content_words(langs)
    out: list[int] = []
    first = _hit_word(content).match(low)
    if first:
        out.append(start)
    out += [start + m.start() + 1 for m in _hit_after(content).finditer(low, first.end() if first else 0)]
    return Scan(out, None, start)


def _spaced(low: str) -> str:
    """``low`` (ASCII) with every non-word character a space."""  # bytes.translate: one C pass
    return low.encode("ascii").translate(_ASCII_SPACES).decode("ascii")


def _hits(spaced: str, low: str, content: frozenset[str], start: int) -> list[int]:
    """The hits of ``scan_text`` in ``low`` (lower case), found in ``spaced``: the same text in
    ASCII with the same word characters (those of ``low``, or ``_stand_in`` ones) and every
    non-word character a space, ``content`` words in ASCII only. There a word start is the start of
    text or a space before a word character: each candidate there is read again in ``low`` with
    its punctuation ("18.10" counts; a quotation mark or a dash, made a space, is a non-word
    character either way)."""
    out: list[int] = []
    word, done = _hit_word(content), 0
    for p in chain([0], (m.start() + 1 for m in _hit_after_space(content).finditer(spaced))):
        m = word.match(low, p) if p >= done else None
        if m:
            out.append(start + p)
            done = m.end()
    return out


# -- words about words, and remarks ------------------------------------------------------------


@cache
def _speech_words() -> tuple[list[str], list[str]]:
    """``speech_events.txt`` of every language: whole words, and stems (a trailing ``*``)."""
    words = [w.lower() for lang in LANGS for w in load_lines(lang, "speech_events")]
    return [w for w in words if not w.endswith("*")], [w[:-1] for w in words if w.endswith("*")]


@cache
def speech_pattern() -> re.Pattern[str]:
    """Words about someone's words (``speech_events.txt``: said, an interview, such an idea)."""
    exact, stems = _speech_words()
    return re.compile(rf"{WORD_START}(?:{phrase_alternation(exact)}{WORD_END}|{phrase_alternation(stems)})",
                      re.IGNORECASE)


@cache
def _speech_pattern_lower() -> re.Pattern[str]:
    """``speech_pattern`` for lower-case text: case-sensitive, with each list shaped as a trie (one
    branch per letter; words with an apostrophe or a space as ``phrase_alternation`` writes them)."""

    def alternation(words: list[str]) -> str:
        plain = [w for w in words if w.isalpha()]
        rest = [w for w in words if not w.isalpha()]
        return "(?:" + "|".join([trie_alternation(plain) or "(?!)", phrase_alternation(rest)]) + ")"

    exact, stems = _speech_words()
    return re.compile(rf"{WORD_START}(?:{alternation(exact)}{WORD_END}|{alternation(stems)})")


@cache
def _speech_pattern_spaced() -> re.Pattern[str] | None:
    """``speech_pattern`` for ``Scan.words`` (ASCII, lower case, every non-word character a
    space): the words it may hold there, each after a space and a whole word after a space too;
    None where a word holds another character (this search would miss it)."""
    exact, stems = _speech_words()
    if any(w.isascii() and not w.isalpha() for w in (*exact, *stems)):
        return None
    ascii_exact, ascii_stems = ([w for w in ws if w.isascii()] for ws in (exact, stems))
    exact_words, stem_words = (trie_alternation(ws) or "(?!)" for ws in (ascii_exact, ascii_stems))
    return re.compile(rf" (?:{exact_words}(?= )|{stem_words})")


def speaks_of_words(text: str, start: int, end: int, scan: Scan | None = None) -> bool:
    """Does ``text[start:end]`` hold a word about someone's words (``speech_pattern``)? A cheaper
    search first, finding every place the case-blind one may match (a case-blind search costs
    several times more, and most stretches hold none): in the words of ``scan`` where it has
    them, else in the stretch in lower case (``remark_filter``)."""
    words = scan.words(start, end) if scan else None
    spaced = _speech_pattern_spaced()
    if words is not None and spaced is not None:
        m = spaced.search(words)  # the first place a case-blind match may start, if any
        return m is not None and speech_pattern().search(text, start + m.start(), end) is not None
    low = remark_filter(text[start:end])
    if low is not None:
        m = _speech_pattern_lower().search(low)
        if m is None:
            return False
        start += m.start()  # no case-blind match starts before a lower-case one
    return speech_pattern().search(text, start, end) is not None


def _slash_pattern(line: str) -> str:
    return r"\s+".join(phrase_alternation(w.split("/")) for w in line.split())


@cache
def remark_pattern() -> re.Pattern[str]:
    """Remark sentences ("He made this remark ..."), from the same lists ``provenance`` reads."""
    body = "|".join(_slash_pattern(x) for lang in LANGS for x in load_lines(lang, "remarks"))
    return re.compile(rf"{WORD_START}(?:{body}){WORD_END}", re.IGNORECASE)


@cache
def remark_pattern_lower() -> re.Pattern[str]:
    """``remark_pattern`` for lower-case text (its phrases are lower case): the same matches there
    as the case-blind pattern has in the text, where ``remark_filter`` gives a lower-case text."""
    return re.compile(remark_pattern().pattern)


@cache
def _remark_keywords() -> list[str]:
    """Of each remark pattern, the words of the place with the longest shortest word ("remark",
    "remarks", "comment", ...): a sentence that holds none of them holds no remark."""
    words: list[str] = []
    for line in (x for lang in LANGS for x in load_lines(lang, "remarks")):
        words += max((w.lower().split("/") for w in line.split()), key=lambda alts: min(map(len, alts)))
    return words


@cache
def _remark_keywords_anywhere() -> re.Pattern[str]:
    """``_remark_keywords`` anywhere (in lower case), even inside a word."""
    return re.compile(phrase_alternation(_remark_keywords()))


@cache
def _remark_pattern_spaced() -> re.Pattern[str] | None:
    """The remark patterns in ``Scan.words`` (ASCII, lower case, every non-word character a space):
    each word after a space, the last before one; None where a word holds another character
    (this search would miss it)."""
    lines = [[w.lower().split("/") for w in x.split()] for lang in LANGS for x in load_lines(lang, "remarks")]
    words = [w for line in lines for slot in line for w in slot]
    if any(w.isascii() and not w.isalpha() for w in words):
        return None
    kept = [line for line in lines if all(w.isascii() for slot in line for w in slot)]
    body = "|".join(" +".join("(?:" + "|".join(slot) + ")" for slot in line) for line in kept)
    # first a trie of the words that start a phrase: most spaces are followed by none of them
    starts = trie_alternation({w for line in kept for w in line[0]}) or "(?!)"
    return re.compile(rf" (?={starts} )(?:{body or '(?!)'})(?= )")


def find_remark(text: str, start: int, end: int, scan: Scan | None = None) -> re.Match[str] | None:
    """The first remark phrase in ``text[start:end]``. A cheaper search first, finding every place
    the case-blind one may match (most sentences hold none, and a case-blind search costs several
    times more): in the words of ``scan`` where it has them, else in the sentence in lower case
    (``remark_filter``), a keyword, then a phrase."""
    words = scan.words(start, end) if scan else None
    spaced = _remark_pattern_spaced()
    if words is not None and spaced is not None:
        m = spaced.search(words)
        return remark_pattern().search(text, start + m.start(), end) if m else None
    low = remark_filter(text[start:end])
    if low is not None:
        if _remark_keywords_anywhere().search(low) is None:
            return None
        m = remark_pattern_lower().search(low)
        if m is None:
            return None
        start += m.start()  # no case-blind match starts before a lower-case one
    return remark_pattern().search(text, start, end)
