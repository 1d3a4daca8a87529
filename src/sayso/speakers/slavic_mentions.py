"""Russian and Ukrainian names, roles and descriptions for coreference: which capitalised Cyrillic runs
name a person (and in which case and gender), the role written before a name, the head of a description
("Министр", "издание", "источник в Офисе президента"). pymorphy3 tags the words; the word lists are in
``lang/ru`` and ``lang/uk`` (titles, media_descriptions, anonymous, groups).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lang import load_set
from .names import _UK_LETTERS, FoundShape, _not_names, _run_shapes, _RunShape, media_forms
from .slavic_names import _has, analyse_speaker, name_case_gender, parses, split_name

_RU_LETTERS = re.compile(r"[ыэёъЫЭЁЪ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@cache
def lemma(word: str, lang: str) -> str:
    """pymorphy's normal form of a lower-cased word (the word itself when it is unknown)."""
    ps = parses(word.lower(), lang)
    return str(ps[0].normal_form) if ps else word.lower()


@cache
def lemmas(word: str, lang: str) -> frozenset[str]:
    """Every normal form pymorphy offers ("премьера": the premiere, and the premier's genitive)."""
    return frozenset(str(p.normal_form) for p in parses(word.lower(), lang)) or frozenset({word.lower()})


_COMPLEMENT = re.compile(r"[ ]+(?:в|во|у|из|із|з|зі|при|от|від|из-за|близкий к|близький до)[ ]+", re.I)


def find_complement_end(text: str, end: int, lang: str) -> int:
    """Where the prepositional complement of a description ends: "Источник" + " в Офисе президента"
    (nouns, adjectives and names after one preposition; a verb or punctuation ends it). ``end`` when
    there is none."""
    m = _COMPLEMENT.match(text, end)
    if m is None:
        return end
    out = end
    prev = m.end()
    for w in _ROLE_TOKEN.finditer(text, m.end(), min(len(text), m.end() + 120)):
        if text[prev:w.start()].strip():
            break  # punctuation between two words
        if not w.group()[:1].isupper():
            ps = parses(w.group().lower(), lang)
            if not ps or ps[0].tag.POS not in _ROLE_POS:
                break
        out = prev = w.end()
    return out


@cache
def is_plural(word: str, lang: str) -> bool:
    ps = parses(word.lower(), lang)
    return bool(ps) and _has(ps[0], "plur")


_ROLE_POS = frozenset({"NOUN", "ADJF", "PRTF", None})
_ROLE_TOKEN = re.compile(r"[\w'’\-]+")


def find_role_before(text: str, start: int, lo: int, lang: str) -> str | None:
    """The role written right before a name, from its title word on: "Министр обороны Украины" before
    "Рустем Умеров", "речниця МЗС" before "Марія Захарова". Only nouns, adjectives and names may stand
    between the title and the name; a comma, a verb or a preposition ends the search."""
    titles = load_set(lang, "titles")
    words: list[tuple[int, int]] = []
    pos = start
    for m in reversed(list(_ROLE_TOKEN.finditer(text, max(lo, start - 120), start))):
        if text[m.end():pos].strip() or len(words) >= 8:
            break  # punctuation between two words, or too far
        w = m.group()
        if not (w[:1].isupper() or w.isupper()):
            ps = parses(w.lower(), lang)
            if not ps or ps[0].tag.POS not in _ROLE_POS:
                break
        words.append((m.start(), m.end()))
        pos = m.start()
    for a, _b in reversed(words):
        if lemma(text[a:_b], lang) in titles or text[a:_b].lower() in titles:
            return text[a:words[0][1]]
    return None


_RU_LETTERS = re.compile(r"[ыэёъЫЭЁЪ]")


@lru_cache(maxsize=65536)
@cache
def _prepositions() -> frozenset[str]:
    return load_set("ru", "prepositions") | load_set("uk", "prepositions")


def cyrillic_shapes(run: str) -> tuple[_RunShape, ...]:
    """The mention in a capitalised Cyrillic run: a known outlet, or the person's name at its end
    ("Украины Рустем Умеров" → "Рустем Умеров", in the nominative). Places, bodies and common words
    that open a sentence ("Брюссель", "Министр", "Вчера", "Он") name no speaker: no mention."""
    forms = media_forms()
    if run in forms:
        return ((0, len(run), "media", 0, forms[run]),)
    lang = "uk" if _UK_LETTERS.search(run) else "ru"
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    words = [run[a:b] for a, b in spans]
    if words[0].lower() in _not_names() or words[0].lower() in _prepositions():
        spans, words = spans[1:], words[1:]  # "В нем", "У Брюсселі": a preposition opens a sentence
    if not words:
        return ()
    for k in range(len(words)):
        tail = run[spans[k][0]:]
        if tail in forms:  # "Видання Financial Times": the outlet after a common word
            return ((spans[k][0], len(run), "media", 0, forms[tail]),)
        if not _CYRILLIC.search(tail):  # "Видання Reuters": a Latin name after a Cyrillic word
            return tuple((a + spans[k][0], b + spans[k][0], typ, r + spans[k][0] if r else 0, c)
                         for a, b, typ, r, c in _run_shapes(tail, False))
    span = split_name(words, lang)
    if span is not None and not _RU_LETTERS.search(run) and lang == "ru":
        # no letter tells the language: a name for both dictionaries ("Джерело" is a Ukrainian word)
        uk = split_name(words, "uk")
        span = None if uk is None else (max(span[0], uk[0]), span[1])
    if span is None:
        return ()
    a, b = span
    case, gender = name_case_gender(words[a:b + 1], lang)
    canonical = analyse_speaker(" ".join(words[a:b + 1]), lang, case, gender).canonical
    return ((spans[a][0], spans[b][1], "person", 0, canonical),)


_FEMININE_OR_GENITIVE = ("ова", "ева", "ёва", "єва", "ина", "ына", "іна")
_NEXT_WORD = re.compile(r"\s+([а-яёіїєґ]+)")
_WORD_BEFORE = re.compile(r"([а-яёіїєґ]+)\s+\Z")


def told_feminine(text: str, start: int, end: int, found: str,
                   shapes: tuple[FoundShape, ...]) -> tuple[FoundShape, ...]:
    """A lone Cyrillic surname in -ова/-ина reads as a man's genitive ("слова Захарова" → Захаров)
    unless the verb next to it agrees with a woman: "Захарова заявила" and "…, — заявила Захарова"
    are Захарова herself."""
    if " " in found or not found.lower().endswith(_FEMININE_OR_GENITIVE):
        return shapes
    m = _NEXT_WORD.match(text, end)
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    verbs = [w for w in (m.group(1) if m else None, before.group(1) if before else None) if w]
    if not verbs:
        return shapes
    lang = "uk" if _UK_LETTERS.search(found) or any(_UK_LETTERS.search(w) for w in verbs) else "ru"
    if not any(p.tag.POS == "VERB" and {"past", "femn"} <= set(p.tag.grammemes)
               for w in verbs for p in parses(w, lang)):
        return shapes
    rs, re_, typ, role_end, _, written, role = shapes[0]
    return ((rs, re_, typ, role_end, found[rs:re_], written, role),)
