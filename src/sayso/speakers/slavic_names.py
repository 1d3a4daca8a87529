"""Russian and Ukrainian speaker names: the nominative of a name in any case, the role beside it, and
a spelling-independent key.

pymorphy3 knows first names and common nouns well but guesses surnames (it reads "Умєрова" as a form
of "умєрів"), so the three kinds of word go three ways:

- a first name or a patronymic pymorphy tags ``Name``/``Patr``: its own inflection to the nominative;
- any other capitalised word (a surname): the ending rules in ``lang/<ru|uk>/surname_endings.txt``,
  longest ending first, agreeing with the case and gender when they are known;
- lower-case words of a role ("министра обороны Украины"): pymorphy on the head noun and the
  adjectives before it; the words after the head (its genitive complements) stay as written.

pymorphy is called only on candidate speaker words, each word once per process (a cache).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lang import load_lines, load_set

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
    import pymorphy3  # type: ignore[import-untyped]  # imported lazily: English-only runs never load the dictionaries

    return pymorphy3.MorphAnalyzer(lang=lang)


@cache
def parses(word: str, lang: str) -> tuple[Any, ...]:
    """pymorphy's parses of one word (cached: the same names recur through a corpus)."""
    return tuple(_morph(lang).parse(word))


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
