"""Russian and Ukrainian speaker names: the nominative of a name in any case, the role beside it, and
a spelling-independent key.

pymorphy3 knows first names and common nouns well but guesses surnames (it reads "Умєрова" as a form
of "умєрів"), so the three kinds of word go three ways:

- a first name or a patronymic pymorphy tags ``Name``/``Patr``: its own inflection to the nominative;
- any other capitalised word (a surname): the ending rules in ``lang/<ru|uk>/surname_endings.txt``,
  longest ending first, agreeing with the case and gender when they are known;
- lower-case words of a role ("министра обороны Украины"): pymorphy on the head noun and the
  adjectives before it; the words after the head (its genitive complements) stay as written.

The speaker phrase itself is found here too, from the tokens around a cue: the subject left of it
(prepositional phrases, adverbs and verbs left out), the noun phrase after an inverted cue (hearers
like "ему" and adjuncts like "в интервью РБК" skipped), an apposition, or the body in "в Кремле".

pymorphy is called only on candidate speaker words, each word once per process (a cache).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from ..lang import load_lines, load_set
from ..model import Mention
from ..quotes.direct import looks_like_name
from ..text.tokens import Token

_CASES = ("gent", "accs", "datv", "ablt", "loct")
_LATIN_WORD = re.compile(r"^[A-Za-z]")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A speaker phrase split into the person's name and the role written beside it."""

    canonical: str  # nominative: the name if there is one, else the role phrase
    role: str | None  # nominative role ("министр обороны Украины"), or None
    person: bool  # a personal name was found


@cache
def _morph(lang: str) -> Any:
    """pymorphy's analyser for ``lang``, or None when its dictionary is not installed.

    Imported lazily: English-only runs never load the dictionaries. The Ukrainian dictionary
    (pymorphy3-dicts-uk) is GPL-licensed and therefore an optional extra (``sayso[uk]``); without it
    Ukrainian names go to the nominative by the surname rules alone.
    """
    try:
        import pymorphy3  # type: ignore[import-untyped]

        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ImportError, ValueError, OSError):
        return None


@cache
def parses(word: str, lang: str) -> tuple[Any, ...]:
    """pymorphy's parses of one word (cached: the same names recur through a corpus)."""
    morph = _morph(lang)
    if morph is None:
        return ()
    try:
        return tuple(morph.parse(word))
    except ValueError:  # pymorphy fails on characters Unicode has no name for ("𗀀"): no parse
        return ()


@cache
def is_known(word: str, lang: str) -> bool:
    """Whether pymorphy's dictionary holds the word (cached: its own check walks the DAWG each time)."""
    return any(p.is_known for p in parses(word, lang))


@cache
def _rules(lang: str) -> tuple[tuple[str, str, str, str], ...]:
    out = []
    for line in load_lines(lang, "surname_endings"):
        case, gender, oblique, nom = line.split()
        out.append((case, gender, oblique, "" if nom == "-" else nom))
    out.sort(key=lambda r: -len(r[2]))
    return tuple(out)


def _match_case(word: str, oblique: str, nom: str) -> str:
    stem = word[:len(word) - len(oblique)] if oblique else word
    return stem + nom


def surname_nominative(word: str, lang: str, case: str | None = None, gender: str | None = None) -> str:
    """The nominative of a surname by its ending ("Умерова" → "Умеров", "Зеленського" →
    "Зеленський"). ``case`` is a pymorphy case tag (gent, datv, accs, ablt, loct) or ``None`` (unknown:
    only endings of two letters or more are read as oblique, so "Кулеба" stays)."""
    if case == "nomn" or not word:
        return word
    low = word.lower()
    for r_case, r_gender, oblique, nom in _rules(lang):
        if case is not None and r_case != case:
            continue
        if case is None and len(oblique) < 2:
            continue
        if gender is not None and r_gender != gender:
            continue
        if low.endswith(oblique) and len(low) - len(oblique) >= 3:
            return _match_case(word, oblique, nom)
    return word


def _has(p: Any, *grammemes: str) -> bool:
    """Whether a parse carries any of ``grammemes`` (the ru and uk tag sets differ: no error)."""
    g = p.tag.grammemes
    return any(x in g for x in grammemes)


def _is_given_name(word: str, lang: str, case: str | None) -> Any:
    """pymorphy's parse of a first name or patronymic in ``case`` (any case if None), or None."""
    for p in parses(word, lang):
        if _has(p, "Name", "Patr") and (case is None or _has(p, case)) and p.score >= 0.05:
            return p
    return None


def _keep_capitals(like: str, word: str) -> str:
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def word_nominative(word: str, lang: str, case: str | None = None, gender: str | None = None) -> str:
    """The nominative of one capitalised name word."""
    if case == "nomn" or not word or _LATIN_WORD.match(word) or word.isupper():
        return word
    p = _is_given_name(word, lang, case)
    if p is not None and (gender is None or _gender_ok(p, gender)):
        inf = p.inflect({"nomn"})
        if inf is not None:
            return _keep_capitals(word, inf.word)
    if "-" in word:  # Римский-Корсаков, Петров-Водкин: both halves decline
        return "-".join(surname_nominative(x, lang, case, gender) for x in word.split("-"))
    return surname_nominative(word, lang, case, gender)


def _gender_ok(p: Any, gender: str) -> bool:
    return _has(p, "femn") == (gender == "f") or _has(p, "ms-f")


def _common_nominative(word: str, lang: str, case: str | None) -> tuple[str, bool]:
    """(nominative, is a noun) of a lower-case role word."""
    best = None
    for p in parses(word.lower(), lang):
        if p.tag.POS not in ("NOUN", "ADJF", "PRTF"):
            continue
        if case is not None and not _has(p, case):
            continue
        best = p
        break
    if best is None:
        return word, False
    inf = best.inflect({"nomn"}) if case not in (None, "nomn") else None
    out = inf.word if inf is not None else word.lower()
    return _keep_capitals(word, out), best.tag.POS == "NOUN"


def is_person_word(word: str, lang: str) -> bool:
    """A capitalised word that can be part of a person's name: a first name, a patronymic, a surname
    pymorphy tags, or a word it does not know (most surnames); not a place or an organisation."""
    if not word[:1].isupper():
        return False
    if word.isupper() and len(word) > 1:
        return False  # США, РБК, НАТО
    ps = parses(word, lang)
    if any(_has(p, "Geox", "Orgn", "Abbr") and p.score >= 0.3 for p in ps):
        return False
    if _LATIN_WORD.match(word):
        return True
    if any(_has(p, "Name", "Surn", "Patr") for p in ps):
        return True
    return not is_known(word, lang)  # known only as a common word: "Президент", "Графиня"


# Nominative endings of male surnames (a female surname in -ова may be a genitive: not read)
_MALE_SURNAME = ("ский", "цкий", "ський", "цький", "ов", "ёв", "ев", "єв", "ин", "ін", "ий", "ой")


def name_case_gender(words: list[str], lang: str) -> tuple[str | None, str | None]:
    """The case and gender a person's name is written in, when its words tell: a first name knows both
    ("Марія Захарова": nominative, female; "Рустема Умерова": genitive, male); a surname alone tells
    only a gender, by a nominative ending, and only when no oblique reading competes ("Умеров": male;
    "Захарова" could be Захаров's genitive: unknown)."""
    if not words:
        return None, None
    p = _is_given_name(words[0], lang, None) if len(words) > 1 else None
    if p is not None and p.is_known:  # a guessed parse of an unknown word ("Бриджит") tells nothing
        case = next((c for c in ("nomn", "gent", "datv", "accs", "ablt", "loct") if _has(p, c)), None)
        gender = "f" if _has(p, "femn") else "m" if _has(p, "masc") else None
        return case, gender
    low = words[-1].lower()
    if low.endswith(_MALE_SURNAME):
        return None, "m"
    if low.endswith(("ськая", "цкая", "ська", "цька")):
        return None, "f"
    return None, None


def split_name(words: list[str], lang: str) -> tuple[int, int] | None:
    """The run of words (first, last index) that is a person's name at the end of a speaker phrase:
    "министр обороны Украины Рустем Умеров" → the last two."""
    end = len(words) - 1
    while end >= 0 and not words[end][:1].isalpha():
        end -= 1
    i = end
    particles = load_set(lang, "name_particles")
    while i >= 0:
        if is_person_word(words[i], lang) or (
                words[i][:1].isupper() and i > 0 and _is_given_name(words[i - 1], lang, None) is not None
                and not words[i].isupper()):
            i -= 1  # a capitalised word after a first name is a surname even if it is a word too (Ермак)
        elif words[i] in particles and i < end and i > 0 and (words[i - 1] in particles
                                                             or is_person_word(words[i - 1], lang)):
            i -= 1  # Урсула фон дер Ляєн
        else:
            break
    if i == end:
        return None
    return i + 1, end


def phrase_nominative(words: list[str], lang: str, case: str | None = None,
                      gender: str | None = None) -> str:
    """The nominative of a role phrase: the head noun and the adjectives before it change; the
    complements after it stay ("министра обороны Украины" → "министр обороны Украины")."""
    out = list(words)
    for k, w in enumerate(words):
        if not w[:1].isalpha():
            continue
        if w[:1].isupper() and k > 0 and is_person_word(w, lang):
            out[k] = word_nominative(w, lang, case, gender)
            continue
        nom, noun = _common_nominative(w, lang, case)
        out[k] = nom
        if noun:
            break
    return " ".join(out)


@cache
def analyse_speaker(text: str, lang: str, case: str | None = None, gender: str | None = None) -> NameParts:
    """Canonical (nominative) name and role of a speaker phrase as written.

    >>> analyse_speaker("министра обороны Украины Рустема Умерова", "ru", "gent").canonical
    'Рустем Умеров'
    """
    words = text.split()
    if not words:
        return NameParts(text, None, False)
    span = split_name(words, lang)
    if span is None:
        if case in (None, "nomn"):
            return NameParts(text, None, False)
        return NameParts(phrase_nominative(words, lang, case, gender), None, False)
    a, b = span
    name = " ".join(word_nominative(w, lang, case, gender) for w in words[a:b + 1])
    role_words = words[:a]
    role = None
    if role_words:
        role = (" ".join(role_words) if case in (None, "nomn")
                else phrase_nominative(role_words, lang, case, gender)).rstrip(",") or None
    return NameParts(name, role, True)


class PhraseLexicon(Protocol):
    """The word lists speaker-phrase finding reads (``quotes.slavic.SlavicLexicon`` has them)."""

    @property
    def prepositions(self) -> frozenset[str]: ...

    @property
    def clause_words(self) -> frozenset[str]: ...

    @property
    def adverbs(self) -> frozenset[str]: ...

    @property
    def hearers(self) -> frozenset[str]: ...

    @property
    def verbs(self) -> Mapping[str, object]: ...


MAX_NP = 12  # tokens in a speaker phrase ("старший директор группы региональных финансов Fitch ...")
MAX_GAP = 8  # tokens of hearers and adjuncts between a cue and what follows it


# --- words around a cue -------------------------------------------------------------------------------------

def pos(t: Token, lang: str) -> str:
    """pymorphy's most likely part of speech of a word token ("" for others)."""
    if t.kind != "w" or not t.text[:1].isalpha():
        return ""
    ps = parses(t.low, lang)
    return str(ps[0].tag.POS or "") if ps else ""


def can_be_nominative(t: Token, lang: str) -> bool:
    if t.kind == "q":
        return name_quote(t)
    if t.kind != "w":
        return False
    if t.text[:1].isdigit():
        return False
    if t.text[:1].isupper() and not t.text[:1].isalpha():
        return False
    ps = parses(t.low, lang)
    if not ps or not t.text[:1].isalpha() or ("A" <= t.text[0] <= "z"):
        return True
    if not is_known(t.low, lang):
        return True
    return any("nomn" in p.tag.grammemes or "Fixd" in p.tag.grammemes for p in ps if p.score >= 0.01)


def is_singular_verb(t: Token, lang: str) -> bool:
    """A finite verb form that only a singular subject takes ("заявил", "сказала", "говорит",
    "сказав": a past form with a gender is singular)."""
    if t.kind != "w":
        return False
    verbs = [p for p in parses(t.low, lang) if p.tag.POS == "VERB"]
    return bool(verbs) and all("sing" in p.tag.grammemes or (
        "past" in p.tag.grammemes and {"masc", "femn", "neut"} & p.tag.grammemes) for p in verbs)


def can_be_singular(tokens: list[Token], chunk: tuple[int, int], lang: str) -> bool:
    """Can the phrase be a singular subject: a word in it a singular (or numberless) nominative,
    a name, a quotation or a word the dictionary does not know."""
    for t in tokens[chunk[0]:chunk[1] + 1]:
        if t.kind == "q" or (t.kind == "w" and (t.text[:1].isupper() or not t.text[:1].isalpha()
                                               or "A" <= t.text[:1] <= "z" or not is_known(t.low, lang))):
            return True
        if t.kind == "w" and any("nomn" in p.tag.grammemes and "plur" not in p.tag.grammemes
                                 for p in parses(t.low, lang)):
            return True
    return False


def is_verb(t: Token, lang: str) -> bool:
    return t.kind == "w" and pos(t, lang) in ("VERB", "INFN", "GRND") and not t.text[:1].isupper()


def is_noun(t: Token, lang: str) -> bool:
    if t.kind == "q":
        return True
    if t.kind != "w":
        return False
    if t.text[:1].isupper() or "A" <= t.text[:1] <= "z":
        return True
    return pos(t, lang) in ("NOUN", "NPRO")


def name_quote(t: Token) -> bool:
    q = t.quote
    return q is not None and looks_like_name(t.text[q.start - q.open_at:q.end - q.open_at])


def quote_words(t: Token) -> str:
    q = t.quote
    assert q is not None
    return t.text[q.start - q.open_at:q.end - q.open_at]


# --- speaker phrases ----------------------------------------------------------------------------------------

def skip_pp(tokens: list[Token], k: int, n: int, lang: str) -> int:
    """First token after a prepositional phrase that starts at ``k`` ("в интервью РБК", "с поклоном")."""
    i = k + 1
    if i < n and tokens[i].kind == "w" and tokens[i].low in load_set(lang, "prepositional_pronouns"):
        return i + 1  # "в нем", "у ньому": the pronoun is the whole phrase
    while i < n and tokens[i].kind == "w" and not is_noun(tokens[i], lang):
        i += 1  # adjectives before the head noun
    if i < n and (tokens[i].kind == "w" or tokens[i].kind == "q"):
        i += 1  # the head
    # complements of the head that cannot open a subject: genitives, abbreviations, quoted names
    while i < n and i - k < 8:
        t = tokens[i]
        complement = (t.kind == "q" and name_quote(t)) or (
            t.kind == "w" and ((t.text.isupper() and len(t.text) > 1) or not can_be_nominative(t, lang))
            and not is_verb(t, lang))
        if not complement:
            break
        i += 1
    return i


def noun_chunks(tokens: list[Token], a: int, b: int, lang: str, lex: PhraseLexicon) -> list[tuple[int, int]]:
    """Noun-phrase runs in ``tokens[a:b+1]``, prepositional phrases, adverbs and verbs left out."""
    out: list[tuple[int, int]] = []
    i = a
    start = -1
    while i <= b:
        t = tokens[i]
        nxt = i + 1
        if t.kind == "w" and t.low in lex.prepositions:
            cut, nxt = True, min(skip_pp(tokens, i, b + 1, lang), b + 1)
        else:
            cut = not_nominal(t, lang, lex)
        if cut:
            if start >= 0:
                out.append((start, i - 1))
                start = -1
            i = nxt
            continue
        if start < 0:
            start = i
        i += 1
    if start >= 0:
        out.append((start, b))
    return [c for c in out if any(can_be_nominative(tokens[x], lang) for x in range(c[0], c[1] + 1))]


def describes_speaker(t: Token, lang: str, lex: PhraseLexicon) -> bool:
    """A word after "говорит X," that opens a phrase about X ("знакомый с ходом обсуждений",
    "связав это с ...", "который ..."), not more of what X said."""
    return t.kind == "w" and (t.low in lex.clause_words or pos(t, lang) in ("PRTF", "ADJF", "GRND"))


def not_nominal(t: Token, lang: str, lex: PhraseLexicon) -> bool:
    """A token that cannot be part of a speaker phrase: punctuation, a quotation that is no name,
    an adverb, a verb, a number, a word that opens a clause."""
    if t.kind == "p":
        return t.text not in ("(", ")")
    if t.kind == "q":
        return not name_quote(t)
    return (t.low in lex.adverbs or t.low in lex.hearers or t.low in lex.clause_words
            or t.text[:1].isdigit() or pos(t, lang) in ("ADVB", "PRCL", "INTJ") or is_verb(t, lang))


def region_start(tokens: list[Token], j: int, floor: int, lex: PhraseLexicon) -> int:
    """First token of the stretch of words that ends at ``j`` (back to a punctuation mark, a
    quotation that is no name, or a word that opens a clause)."""
    k = j
    while k >= floor:
        t = tokens[k]
        if t.kind == "p" and t.text not in ("(", ")"):
            break
        if t.kind == "q" and not name_quote(t):
            break
        if t.kind == "w" and t.low in lex.clause_words:
            break
        k -= 1
    return k + 1


def left_subject(tokens: list[Token], j: int, floor: int, lang: str, lex: PhraseLexicon,
                  verb: Token | None = None) -> tuple[int, int] | None:
    """The subject of a cue whose previous token is ``j``: the last noun phrase before it that can
    agree with the cue ``verb`` in number ("Министр на заседании комиссии заявил": "комиссии" is a
    plural nominative at best, so "Министр")."""
    if j < floor:
        return None
    a = region_start(tokens, j, floor, lex)
    chunks = noun_chunks(tokens, a, j, lang, lex)
    if chunks:
        if len(chunks) > 1 and verb is not None and is_singular_verb(verb, lang):
            return next((c for c in reversed(chunks) if can_be_singular(tokens, c, lang)), chunks[-1])
        return chunks[-1]
    b = a - 1  # the boundary
    if b >= floor and tokens[b].kind == "w" and tokens[b].low in lex.clause_words and b - 1 >= floor:
        # "Государь улыбнулся и сказал": the subject of the clause before the conjunction
        a2 = region_start(tokens, b - 1, floor, lex)
        first = noun_chunks(tokens, a2, b - 1, lang, lex)
        return first[0] if first else None
    return None


def apposition(tokens: list[Token], j: int, floor: int, lang: str, lex: PhraseLexicon,
                ) -> tuple[int, int, int, int] | None:
    """'Графиня Уварова, многолетний председатель общества, говорила': (name first, name last,
    whole first, whole last) for the comma ``j`` right before the cue."""
    if j < floor or tokens[j].text != ",":
        return None
    a = region_start(tokens, j - 1, floor, lex)
    inner = noun_chunks(tokens, a, j - 1, lang, lex)
    if not inner or a - 1 < floor or tokens[a - 1].text != ",":
        return (inner[0][0], inner[-1][1], inner[0][0], inner[-1][1]) if inner else None
    a2 = region_start(tokens, a - 2, floor, lex)
    outer = noun_chunks(tokens, a2, a - 2, lang, lex)
    if outer and outer[-1][1] == a - 2:
        return outer[-1][0], outer[-1][1], outer[-1][0], inner[-1][1]
    return inner[-1][0], inner[-1][1], inner[-1][0], inner[-1][1]


def right_np(tokens: list[Token], k: int, n: int, lang: str, lex: PhraseLexicon) -> tuple[int, int] | None:
    """The speaker phrase after an inverted cue: hearers ("ему", "журналистам"), adverbs and
    adjuncts ("в интервью РБК") skipped, then words up to a punctuation mark or a clause word."""
    i = k
    while i < n and i - k < MAX_GAP:
        t = tokens[i]
        if t.kind == "w" and (t.low in lex.hearers or t.low in lex.adverbs):
            i += 1
        elif t.kind == "w" and t.low in lex.prepositions:
            i = skip_pp(tokens, i, n, lang)
        else:
            break
    a = i
    b = a - 1
    while b + 1 < n and b + 1 - a < MAX_NP:
        t = tokens[b + 1]
        if t.kind == "q" and name_quote(t):
            b += 1
            continue
        if t.kind != "w" or t.low in lex.clause_words or is_verb(t, lang) or t.low in lex.verbs:
            break
        if t.low in lex.prepositions and b >= a:
            break
        b += 1
    if b < a or not any(can_be_nominative(tokens[x], lang) for x in range(a, b + 1)):
        return None
    return a, b


_PLACE_PREPS = {"в", "во", "у"}


def place_phrase(tokens: list[Token], k: int, n: int, lang: str) -> tuple[int, int] | None:
    """'сообщили в Минобороны' / 'В Кремле заявили' / 'у пресслужбі': the body named by an "in X"
    phrase speaks when the cue has no subject of its own."""
    if k >= n or tokens[k].low not in _PLACE_PREPS or k + 1 >= n or tokens[k + 1].kind != "w":
        return None
    end = skip_pp(tokens, k, n, lang) - 1
    return (k + 1, end) if end >= k + 1 else None


def speaker_mention(text: str, tokens: list[Token], r: tuple[int, int] | None, lang: str, case: str,
             gender: str | None, name: tuple[int, int] | None = None) -> Mention | None:
    if r is None:
        return None
    s, e = tokens[r[0]].start, tokens[r[1]].end
    if tokens[r[0]].kind == "q" and r[0] == r[1]:
        q = tokens[r[0]].quote
        assert q is not None
        s, e = q.start, q.end
    words = text[s:e]
    if name is not None and name != r:
        ns, ne = tokens[name[0]].start, tokens[name[1]].end
        parts = analyse_speaker(text[ns:ne], lang, case, gender)
        role_span = text[tokens[name[1]].end:e].strip(" ,")
        return Mention(s, e, words, canonical=parts.canonical, role=role_span or parts.role)
    parts = analyse_speaker(words, lang, case, gender)
    canonical = parts.canonical if parts.canonical != words else None
    return Mention(s, e, words, role=parts.role, canonical=canonical)


# --- alias key ---------------------------------------------------------------------------------

_CYR = dict(zip("абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "g", "d", "e", "e", "e", "zh", "z", "i", "i", "i", "i", "k", "l", "m",
                 "n", "o", "p", "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "", "i", "", "e",
                 "iu", "ia"], strict=True))
_FOLD = (("kh", "h"), ("g", "h"), ("w", "v"), ("x", "ks"), ("ck", "k"), ("c", "k"), ("q", "k"),
         ("ye", "e"), ("ie", "e"), ("je", "e"), ("yu", "iu"), ("ju", "iu"), ("ya", "ia"), ("ja", "ia"),
         ("y", "i"), ("j", "i"), ("'", ""), ("’", ""))
_DOUBLE = re.compile(r"(.)\1+")


def alias_key(name: str) -> str:
    """One key for the spellings of a name in Cyrillic (ru, uk) and Latin transliterations:
    "Умеров", "Умєров" and "Umerov" → "umerov"; "Зеленский", "Зеленський", "Zelensky" → "zelenski".

    The key is lossy on purpose (г/h/g, и/і/ы/y, е/є/ye fold together); it finds candidate aliases,
    it does not prove them."""
    low = name.lower().replace("ё", "е")
    out = "".join(_CYR.get(c, c) for c in low)
    for a, b in _FOLD:
        out = out.replace(a, b)
    out = _DOUBLE.sub(r"\1", out)
    words = re.findall(r"[a-z0-9]+", out)
    return " ".join(words)
