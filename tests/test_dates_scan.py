"""Tables for ``sayso.dates_scan``: the one scan of a text for the words a date needs, words about
words and remark phrases. Each search has a quick way (an ASCII text with its non-word characters
made spaces) and a slow one (any text); both must give the same answer."""

from __future__ import annotations

import re

import pytest

from sayso.dates_scan import (
    LANGS,
    find_remark,
    scan_sentences,
    scan_text,
    speaks_of_words,
    speech_pattern,
    word_lists_of,
)

# a letter of a listed word outside ASCII at the end sends a text down the slow way; another
# letter outside ASCII, down the quick way on a stand-in
SLOW = " \u0436"
STAND_IN = " \u00e9"


def _hit_words(text: str, hits: list[int]) -> list[str]:
    return [m.group() for p in hits if (m := re.match(r"\w+", text[p:]))]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("On Friday, he said so.", ["Friday"]),
        # "10/1" is read as a date of digits: "18" is no word start, "2024" after "/" is
        ("10/18/2024 and 2023", ["10", "2024", "2023"]),
        ("“Yesterday” — in May 2016 (mid-May) — the mayor met", ["Yesterday", "May", "2016", "May"]),
        ("1.2016 and 12.3 in 1999th", ["1", "12", "1999th"]),
        ("Said José on Monday, 18.10.2024", ["Monday", "18", "2024"]),
        ("в пятницу, 3 мая 2016 года", ["пятницу", "мая", "2016", "года"]),
        ("Today_news on Oct. 3", ["Oct"]),  # a word goes on over "_"
        ("No date at all here.", []),
    ],
)
def test_dates_scan_hits_the_words_a_date_needs(text: str, words: list[str]) -> None:
    assert _hit_words(text, scan_text(text, 0, len(text), LANGS).hits) == words
    slow = scan_text(text + SLOW, 0, len(text) + len(SLOW), LANGS)
    assert slow.spaced is None
    assert _hit_words(text, [p for p in slow.hits if p < len(text)]) == words


@pytest.mark.parametrize(
    ("text", "spaced"),
    [
        ("He said: “No,” on Friday.", " he said   no   on friday  "),
        ("Він сказав", None),  # Cyrillic: no quick way
        ("Jos\u00e9 said", " josz said "),  # a letter outside ASCII: a letter no listed word holds
        ("Jos\u0130 said", None),  # "İ" is longer in lower case: no quick way
        ("Zelensky (Зеленський) said", None),  # a letter of a listed word outside ASCII
        ("\u017faid he", None),  # "ſ" is "S" to a case-blind search
        ("x\u00b2 on 2\u0663 May", None),  # a digit no decimal one (a word's first is checked for digits)
        ("on 2\u0663 May", " on 20 may "),  # a decimal digit is a digit
        ("© AP: 5\u20ac on Friday", "   ap  5  on friday "),  # other signs outside ASCII are spaces too
        ("Ma\u0303e said", " ma e said "),  # a combining mark is no word character
    ],
)
def test_dates_scan_words_are_the_text_in_lower_case_with_spaces(text: str, spaced: str | None) -> None:
    scan = scan_sentences(text, [(0, len(text))], ["en"])
    assert scan.words(0, len(text)) == spaced
    assert scan.words(0, len(text) + 1) is None  # outside the scan


@pytest.mark.parametrize(
    ("sentence", "about_words", "remark"),
    [
        ("He said so on Friday.", True, "said so"),
        ("’said it", False, None),
        ("SAID IT", True, "SAID IT"),
        ("The talks stalled.", False, None),
        ("In an interview on Friday", True, None),
        ("self_said", False, None),
        ("Such an idea was expressed", True, None),
        ("he re-stated it", True, "stated it"),
        ("He made this remark on October 18.", True, "made this remark"),
        ("this was  said\non Friday", True, "this was  said"),
        ("He gave these comments, on Monday", True, "gave these comments"),
        ("They met on Monday.", False, None),
    ],
)
def test_dates_scan_words_about_words_and_remarks_either_way(sentence: str, about_words: bool,
                                                             remark: str | None) -> None:
    for text in (sentence, sentence + STAND_IN, sentence + SLOW):  # quick, quick on a stand-in, slow
        scan = scan_sentences(text, [(0, len(text))], ["en"])
        assert (scan.spaced is None) is text.endswith(SLOW)
        for s in (scan, None):
            assert speaks_of_words(text, 0, len(sentence), s) is about_words
            assert (speech_pattern().search(text, 0, len(sentence)) is not None) is about_words
            m = find_remark(text, 0, len(sentence), s)
            assert (m.group() if m else None) == remark


@pytest.mark.parametrize(("languages", "expected"), [
    (["en"], ("en",)),
    (["en", "en"], ("en",)),
    (["ru"], ("ru", "uk")),
    (["en", "uk"], ("en", "ru", "uk")),
    ([""], LANGS),  # unknown: every list
])
def test_dates_scan_word_lists_of_the_languages(languages: list[str], expected: tuple[str, ...]) -> None:
    assert word_lists_of(languages) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("Said José on Monday, 18.10.2024", ["Monday", "18", "2024"]),
    ("Ñandú, ayer — “in May 2016”", ["May", "2016"]),
    ("in 20\u0662\u0663 and onFriday on Friday", ["20\u0662\u0663", "Friday"]),  # any digit is a digit
    ("Ma\u0303e said on Friday, Mayé", ["Friday"]),  # a word goes on over a letter outside ASCII
])
def test_dates_scan_english_with_letters_outside_ascii(text: str, words: list[str]) -> None:
    """An English text with a letter outside ASCII is scanned on a stand-in in ASCII: the hits of
    the scan with every word list (which takes the slow way, Cyrillic words being among them)."""
    quick = scan_text(text, 0, len(text), ("en",))
    assert quick.spaced is not None
    assert quick.hits == scan_text(text, 0, len(text), LANGS).hits
    assert _hit_words(text, quick.hits) == words
