"""Properties of every extraction, over generated articles.

Articles are built from sentences that mix a pool of speakers, cue verbs (before and after the
quote, "according to", English, Russian and Ukrainian), quotation marks of every style (paired,
unbalanced, nested), apostrophes, line breaks, unicode and random junk. For all of them:

* every offset points at its string: ``text == article.text[start:end]`` and the same for the speaker
  mention and the cue, with ``start < end``;
* a second run gives the same statements with the same ids, and ids are unique in an article;
* nothing raises, even with ``on_error="raise"``.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso import api
from sayso.errors import InputError
from sayso.model import Article
from sayso.settings import Settings

RAISE = Settings(on_error="raise")
# A deeper search on demand: SAYSO_PROPERTY_EXAMPLES=5000 pytest tests/test_properties.py
EXAMPLES = int(os.environ.get("SAYSO_PROPERTY_EXAMPLES", "150"))

SPEAKERS = [
    "Rustem Umerov", "Umerov", "he", "She", "the minister", "Ukrainian Defense Minister Rustem Umerov",
    "a source in the Office of the President", "Western diplomats", "Dr. Hugh Hill, a doctor,",
    "NATO's chief of staff", "O'Brien", "Jens Stoltenberg", "the journalists", "\"Radio Liberty\"",
    "Умеров", "министр обороны", "Зеленський", "the U.S. State Department", "Mr. Smith Jr.",
]
CUES_BEFORE = ["said", "stated", "told reporters", "emphasized", "noted", "warned", "added", "claimed",
               "insisted", "argued", "denied", "quoted him", "has said", "was quoted as saying",
               "заявил", "сказал", "отметил", "заявив", "сказала"]
CUES_AFTER = ["said", "says", "added", "he said", "told CNN", "wrote", "сказал он", "заявив він"]
MARKS = [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("''", "''"), ("'", "'"),
         ("‹", "›"), ("「", "」"), ("“", '"'), ('"', ""), ("", "”"), ("«", "")]
WORDS = ["we", "will", "not", "give", "up", "territory", "it's", "the", "NATO", "membership",
         "don't", "Ukraine's", "rock 'n' roll", "no", "I", "haven't", "heard", "…", "—", "-", "a",
         "very bad things", "очень", "плохие", "вещи", "ми", "не", "здамося", "2024", "U.S.", "e.g.",
         "Dr.", "’90s", "5'10\"", "O'Neil", ",", ";", ":", "?!", "(", ")", "[", "]", "\t", "👍", "é",
         "\u200b", "\u00a0", "\r", "\n", "\n\n", "\\", "{", "}", "<b>", "&amp;",
         "yesterday", "on October 18", "in August 2023", "last week", "вчера", "18 жовтня", "in Brussels",
         "in an interview with Radio Liberty", "told \"24 Channel\"", "on Sunday"]
HEADERS = ["", "Sunday03 November 2024\ng-novosti.in.ua\n\n", "3 ноября 2024\n\n", "By Jane Doe\n",
           "Nov. 3, 2024 | Reuters\n\n"]
PUBLISHED = [None, "2024-11-03", "2016-02-29", "1999-12-31"]
BREAKS = [" ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", "\u2028", " \n ", ""]

words = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), min_size=0, max_size=14).map(" ".join)
marks = st.sampled_from(MARKS)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    o, c = draw(marks)
    speaker, content, more = draw(st.sampled_from(SPEAKERS)), draw(words), draw(words)
    before, after = draw(st.sampled_from(CUES_BEFORE)), draw(st.sampled_from(CUES_AFTER))
    templates = [
        f"{o}{content}{c} {speaker} {before}.",
        f"{o}{content},{c} {after}.",
        f"{o}{content}{c}, {before} {speaker}.",
        f"{speaker} {before} that {content}.",
        f"{speaker} {before}: {o}{content}{c}",
        f"According to {speaker}, {content}.",
        f"{content}, according to {speaker}.",
        f"{o}{content},{c} {speaker} {before}. {o}{more}{c}",
        f"{o}{content} {o}{more}{c} {content}{c} {speaker} {before}.",
        f"{speaker} {before} {o}{content}{c} and {o}{more}{c}.",
        f"{speaker}'s aide {before} the {o}{content}{c} plan was {o}{more}.",
        f"{o}{content}\n\n{o}{more}{c} {speaker} {before}.",
        f"{speaker} {before}, {o}{content}{c}, {after} {o}{more}{c}",
        f"{content} {more}",
        draw(st.text(max_size=80)),
    ]
    return draw(st.sampled_from(templates))


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(sentences(), min_size=0, max_size=8))
    out = draw(st.sampled_from(HEADERS))
    for part in parts:
        out += part + draw(st.sampled_from(BREAKS))
    return out


def offset_errors(article: Article) -> list[str]:
    errors = []
    text = article.text
    for s in article.statements:
        if s.kind not in ("direct", "indirect", "mixed"):
            errors.append(f"unknown kind {s.kind!r}")
        if not 0 <= s.start < s.end <= len(text):
            errors.append(f"bad span {s.start}:{s.end}")
        if text[s.start:s.end] != s.text:
            errors.append(f"text {s.text!r} != {text[s.start:s.end]!r}")
        for name, value, a, b in (("speaker_mention", s.speaker_mention, s.speaker_start, s.speaker_end),
                                  ("cue", s.cue, s.cue_start, s.cue_end)):
            if a is None and b is None:
                continue
            if a is None or b is None or not 0 <= a < b <= len(text):
                errors.append(f"bad {name} span {a}:{b}")
            elif text[a:b] != value:
                errors.append(f"{name} {value!r} != {text[a:b]!r}")
    return errors


def extract(text: str, published: str | None = None) -> Article:
    """``api.extract`` with ``on_error="raise"``; junk the input check refuses is an empty article.

    Refusing input that looks binary (``InputError``) is the documented behaviour, not a crash.
    """
    try:
        return api.extract(text, published=published, settings=RAISE)
    except InputError as e:
        assert e.reason == "unreadable"
        assert "\x00" in text or any((ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd" for c in text)
        return Article(text=text)


def statements_of(text: str, published: str | None) -> list[dict[str, Any]]:
    return [s.to_dict() for s in extract(text, published).statements]


def test_properties_offsets_point_at_their_strings() -> None:
    found: list[int] = []

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(articles(), st.sampled_from(PUBLISHED))
    def check(text: str, published: str | None) -> None:
        article = extract(text, published)
        assert article.text == text
        assert article.skipped == []
        assert offset_errors(article) == []
        found.append(len(article.statements))

    check()
    # not vacuous: a fair share of the generated articles do hold statements
    print(f"\n{sum(1 for n in found if n)} of {len(found)} generated articles hold statements")
    assert sum(1 for n in found if n) >= len(found) // 5, found


@settings(max_examples=max(1, EXAMPLES * 2 // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.sampled_from(PUBLISHED))
def test_properties_ids_stable_and_unique(text: str, published: str | None) -> None:
    first, second = statements_of(text, published), statements_of(text, published)
    assert first == second
    ids = [s["id"] for s in first]
    assert all(ids)
    assert len(set(ids)) == len(ids)


@settings(max_examples=max(1, EXAMPLES * 2 // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_properties_any_unicode_text(text: str) -> None:
    article = extract(text)
    assert offset_errors(article) == []
