"""The lexicon of the provenance finders: outlets, platforms, venue nouns and cue words.

The lists under ``lang/<en|ru|uk>/`` (media, platforms, venues, carrier_cues, provenance, remarks) are
merged into one ``Lexicon`` of word sets and compiled patterns, built once (``lexicon``); the finders
(``provenance_finders``) only read it. The remark tests (``holds_remark``) live here too: ``dates``
reads them as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


# The words of a gap as ASCII, for the test of ``provenance_finders.scan_gaps``: a byte of a word (a
# letter, a digit or a mark the finders' words take in: "CNN's", "Q&A", "RFE/RL") as it is, every other
# byte a space ...
_WORD_BYTES = bytes(c if re.match(r"[\w+/&.'-]", chr(c)) else 32 for c in range(128)) + b" " * 128
# ... and where a word starts with a mark: a mark "'", a letter or a digit "a", every other byte a space
_MARK_BYTES = bytes(ord("a") if re.match(r"[^\W_]", chr(c)) else ord("'") if chr(c) in "_+/&.'-" else 32
                    for c in range(128)) + b" " * 128
# the common marks of English text outside ASCII, made ASCII first ("’" in a word as "'": every form of
# the lists with one has the other too)
_MARKS = (("”", " "), ("“", " "), ("’", "'"), ("\xa0", " "), ("—", " "), ("‘", " "), ("–", " "))


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
    described_forms: frozenset[str]  # words of the descriptions before an outlet's name ("newspaper")
    described: re.Pattern[str]  # "the newspaper Magyar Nemzet": the name group is the outlet
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
    remark_words: tuple[str, ...]  # lower-case words one of which each match of ``remark_low`` holds
    remark_ascii: tuple[str, ...]  # those in ASCII: the only ones an ASCII text may hold


def _remark_words(lines: list[str]) -> tuple[str, ...]:
    """Words one of which any match of the remark lines holds: of each line the alternatives of the
    word whose shortest alternative is longest (the rarest, as a rule: "remark/comment", not
    "this/these"), less any that holds another ("remarks" holds "remark")."""
    words: set[str] = set()
    for line in lines:
        slots = [w.split("/") for w in line.split()]
        words.update(max(reversed(slots), key=lambda alts: min(map(len, alts))))
    return tuple(sorted(w for w in words if not any(v != w and v in w for v in words)))


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
    remark_lines = [x.lower() for lang in LANGS for x in load_lines(lang, "remarks")]
    remark_lower = "|".join(_slash_pattern(x) for x in remark_lines)
    # "the (German) newspaper NAME": a capitalised word may qualify the description
    described_head = rf"(?:[{_UPPER}][\w'’-]*[ \t]+)?(?:{_words_pattern(fw['described'], flags='')})"
    described = rf"(?<![\w])(?:(?:the|a|The|A)[ \t]+)?{described_head}[ \t]+(?P<name>{_CAPSEQ})"
    described_forms = frozenset(w for d in fw["described"] for w in d.split())
    first_forms = _forms(names)
    media_forms = _forms(load_lines("en", "media_words"))
    noun_words = _forms(w for n in nouns for w in (n.split()[0], n.split()[0] + "s", n.split()[0] + "es"))
    return Lexicon(
        names=names,
        first_forms=first_forms,
        media_forms=media_forms,
        noun_words=noun_words,
        any_forms=first_forms | media_forms | noun_words | described_forms,
        keys=keys,
        longest_key=max(map(len, keys), default=0),
        media_words=frozenset(load_lines("en", "media_words")),
        described_forms=described_forms,
        described=re.compile(described),
        quoted=re.compile(_QUOTED),
        capseq=re.compile(rf"(?:The[ \t]+)?{_CAPSEQ}"),
        # "розповів він «24 Каналу»": a subject pronoun may stand between the cue and the outlet
        before_end=re.compile(rf"(?<![\w])(?P<cue>{_words_pattern(before)})[ \t]+"
                              rf"(?:{_words_pattern(subjects)}[ \t]+)?(?:(?:the|a)[ \t]+)?"
                              rf"(?:{described_head}[ \t]+)?"
                              rf"(?:[{_OPEN}][ \t]*)?$"),
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
        remark_words=_remark_words(remark_lines),
        remark_ascii=tuple(w for w in _remark_words(remark_lines) if w.isascii()),
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
    plain one, and most sentences hold no remark: a few substring tests (``remark_words``) rule out
    most before the search."""
    return low is None or (any(low.find(w, start, end) >= 0 for w in lex.remark_words)
                           and lex.remark_low.search(low, start, end) is not None)


def holds_remark(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Does ``Lexicon.remark`` match in ``start:end``? A case-blind search costs several times a plain
    one, and most sentences hold no remark: the range in lower case is searched first (as
    ``may_hold_remark`` does, without lowering the whole text)."""
    part = text[start:end]
    low = part.lower()
    ascii_ = part.isascii()
    # cut out of the text, the range loses what is before it: the lower-case search finds more, never less
    if len(low) == len(part) and _FOLDS is not None and (ascii_ or not _FOLDS.search(part)):
        # a few substring tests rule out most sentences before any search (in English, without the
        # Russian and Ukrainian words)
        for word in lex.remark_ascii if ascii_ else lex.remark_words:
            if word in low:
                break
        else:
            return False
        if lex.remark_low.search(low) is None:
            return False
    return lex.remark.search(text, start, end) is not None
