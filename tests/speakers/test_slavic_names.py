"""``speakers.slavic_names``: names in any case → nominative, roles, and the alias key."""

from __future__ import annotations

import pytest

from sayso.speakers.slavic_names import (
    alias_key,
    analyse_speaker,
    can_be_singular,
    is_singular_verb,
    word_nominative,
)
from sayso.text.tokens import tokenize

# (word as written, language, case from the frame or None, gender or None, nominative)
NAMES = [
    ("Умерова", "ru", "gent", None, "Умеров"), ("Умерову", "ru", "datv", None, "Умеров"),
    ("Умеровым", "ru", "ablt", None, "Умеров"), ("Умерове", "ru", "loct", None, "Умеров"),
    ("Умерова", "ru", None, None, "Умеров"), ("Умеровым", "ru", None, None, "Умеров"),
    ("Столтенбергом", "ru", None, None, "Столтенберг"), ("Столтенберга", "ru", "gent", None, "Столтенберг"),
    ("Захаровой", "ru", "gent", None, "Захарова"), ("Захаровой", "ru", "ablt", "f", "Захарова"),
    ("Пескова", "ru", "gent", None, "Песков"), ("Шойгу", "ru", "gent", None, "Шойгу"),
    ("Зеленского", "ru", "gent", None, "Зеленский"), ("Зеленскому", "ru", "datv", None, "Зеленский"),
    ("Лаврова", "ru", "gent", None, "Лавров"), ("Путина", "ru", "gent", None, "Путин"),
    ("Путиным", "ru", None, None, "Путин"), ("Медведевым", "ru", "ablt", None, "Медведев"),
    ("Набиуллиной", "ru", "gent", None, "Набиуллина"), ("Кулебы", "ru", "gent", None, "Кулеба"),
    ("Кулеба", "ru", None, None, "Кулеба"), ("Сергея", "ru", "gent", None, "Сергей"),
    ("Марии", "ru", "gent", None, "Мария"), ("Дмитрия", "ru", "gent", None, "Дмитрий"),
    ("Рустема", "ru", "gent", None, "Рустем"), ("Умеров", "ru", "nomn", None, "Умеров"),
    ("Умєрова", "uk", "gent", None, "Умєров"), ("Умєрову", "uk", "datv", None, "Умєров"),
    ("Умєровим", "uk", "ablt", None, "Умєров"), ("Умєрова", "uk", None, None, "Умєров"),
    ("Зеленського", "uk", "gent", None, "Зеленський"), ("Зеленським", "uk", None, None, "Зеленський"),
    ("Столтенбергом", "uk", "ablt", None, "Столтенберг"), ("Кулеби", "uk", "gent", None, "Кулеба"),
    ("Сибіги", "uk", "gent", None, "Сибіга"), ("Шевченка", "uk", "gent", None, "Шевченко"),
    ("Шевченком", "uk", None, None, "Шевченко"), ("Стефанішиної", "uk", "gent", None, "Стефанішина"),
    ("Стефанішиною", "uk", None, None, "Стефанішина"), ("Ткачука", "uk", "gent", None, "Ткачук"),
    ("Буданова", "uk", "gent", None, "Буданов"), ("Сирського", "uk", "gent", None, "Сирський"),
    ("Рустема", "uk", "gent", None, "Рустем"), ("Олександра", "uk", "gent", None, "Олександр"),
    ("Ірини", "uk", "gent", None, "Ірина"), ("Венедіктової", "uk", "gent", None, "Венедіктова"),
]


@pytest.mark.parametrize(("word", "lang", "case", "gender", "expected"), NAMES)
def test_slavic_names_word_nominative(word: str, lang: str, case: str | None, gender: str | None,
                                      expected: str) -> None:
    assert word_nominative(word, lang, case, gender) == expected


def test_slavic_names_rules_beat_pymorphy_alone() -> None:
    """The measurement behind the ending rules: pymorphy's lemma alone against the rules."""
    from sayso.speakers.slavic_names import parses

    def pymorphy_only(word: str, lang: str) -> str:
        nf = str(parses(word, lang)[0].normal_form)
        return nf[:1].upper() + nf[1:]

    ours = sum(word_nominative(w, lang, c, g) == e for w, lang, c, g, e in NAMES)
    alone = sum(pymorphy_only(w, lang) == e for w, lang, c, g, e in NAMES)
    assert ours == len(NAMES)
    assert alone < ours


@pytest.mark.parametrize(("phrase", "lang", "case", "canonical", "role"), [
    ("министра обороны Украины Рустема Умерова", "ru", "gent", "Рустем Умеров", "министр обороны Украины"),
    ("міністра оборони України Рустема Умєрова", "uk", "gent", "Рустем Умєров", "міністр оборони України"),
    ("министр обороны Украины Рустем Умеров", "ru", "nomn", "Рустем Умеров", "министр обороны Украины"),
    ("пресс-секретаря Кремля Дмитрия Пескова", "ru", "gent", "Дмитрий Песков", "пресс-секретарь Кремля"),
    ("представителя МИД", "ru", "gent", "представитель МИД", None),
    ("Президент США", "ru", "nomn", "Президент США", None),
    ("Столтенбергом", "ru", None, "Столтенберг", None),
    ("генсека НАТО Марка Рютте", "ru", "gent", "Марк Рютте", "генсек НАТО"),
    ("речника МЗС Георгія Тихого", "uk", "gent", "Георгій Тихий", "речник МЗС"),
    ("Урсула фон дер Ляєн", "uk", "nomn", "Урсула фон дер Ляєн", None),
    ("Господин Медведев", "ru", "nomn", "Медведев", "Господин"),
])
def test_slavic_names_speaker_phrase(phrase: str, lang: str, case: str | None, canonical: str,
                                     role: str | None) -> None:
    parts = analyse_speaker(phrase, lang, case)
    assert (parts.canonical, parts.role) == (canonical, role)


@pytest.mark.parametrize(("names", "key"), [
    (("Умеров", "Умєров", "Umerov"), "umerov"),
    (("Рустем Умеров", "Рустем Умєров", "Rustem Umerov"), "rustem umerov"),
    (("Зеленский", "Зеленський", "Zelensky", "Zelenskyy", "Zelenskiy"), "zelenski"),
    (("Столтенберг", "Stoltenberg"), "stoltenberh"),
    (("Сибига", "Сибіга", "Sybiha"), "sibiha"),
    (("Ермак", "Єрмак", "Yermak"), "ermak"),
])
def test_slavic_names_alias_key(names: tuple[str, ...], key: str) -> None:
    assert {alias_key(n) for n in names} == {key}


def test_slavic_names_alias_key_keeps_names_apart() -> None:
    keys = {alias_key(n) for n in ("Умеров", "Шмыгаль", "Кулеба", "Сибига", "Лавров", "Песков")}
    assert len(keys) == 6


def test_slavic_names_a_word_with_an_unnamed_character_has_no_parse() -> None:
    from sayso import Settings, extract
    from sayso.speakers.slavic_names import parses

    assert parses("AA\U00017000", "ru") == ()
    # the whole pipeline goes on (found by the property test)
    assert extract("‘AA\U00017000’ Умеров said. ", settings=Settings(on_error="raise")).skipped == []


@pytest.mark.parametrize(("word", "lang", "expected"), [
    ("заявил", "ru", True), ("сказала", "ru", True), ("говорит", "ru", True), ("сказав", "uk", True),
    ("заявили", "ru", False), ("говорят", "ru", False), ("комиссии", "ru", False),
])
def test_slavic_names_singular_verb(word: str, lang: str, expected: bool) -> None:
    assert is_singular_verb(tokenize(word, 0, len(word))[0], lang) is expected


@pytest.mark.parametrize(("phrase", "lang", "expected"), [
    ("министр", "ru", True), ("я", "ru", True), ("Комиссия", "ru", True), ("комиссии", "ru", False),
    ("члены", "ru", False),
])
def test_slavic_names_can_be_singular(phrase: str, lang: str, expected: bool) -> None:
    toks = tokenize(phrase, 0, len(phrase))
    assert can_be_singular(toks, (0, len(toks) - 1), lang) is expected
