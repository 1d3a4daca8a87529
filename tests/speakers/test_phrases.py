"""speakers.phrases: the noun phrase left or right of a cue."""

from __future__ import annotations

import pytest

from sayso.speakers.phrases import (
    find_clause_subject,
    find_left_np,
    find_right_np,
    is_time_phrase,
    looks_like_np,
    skip_time_back,
    titled_name,
)
from sayso.text.tokens import tokenize


def left_of(text: str, cue: str) -> str | None:
    toks = tokenize(text, 0, len(text))
    j = next(i for i, t in enumerate(toks) if t.text == cue) - 1
    r = find_left_np(toks, j, 0)
    return None if r is None else text[toks[r[0]].start:toks[r[1]].end]


@pytest.mark.parametrize(("text", "cue", "expected"), [
    ("Ukrainian Defense Minister Rustem Umerov stated", "stated", "Ukrainian Defense Minister Rustem Umerov"),
    ("a source in the Office of the President told", "told", "a source in the Office of the President"),
    ("On Monday he said", "said", "he"),
    ("On Monday Trump said", "said", "Trump"),
    ("The US State Department said", "said", "The US State Department"),  # "US" is no "us"
    ("Western diplomats agree", "agree", "Western diplomats"),
    ("prices rose, and the minister said", "said", "the minister"),
    ("Trump and Sanders say", "say", "Trump and Sanders"),
    ("Sen. Bernie Sanders (I-Vt.) said", "said", "Sen. Bernie Sanders (I-Vt.)"),
    ("Mr. Trump said", "said", "Mr. Trump"),
    (", said", "said", None),
])
def test_phrases_left_noun_phrase(text: str, cue: str, expected: str | None) -> None:
    assert left_of(text, cue) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("said Umerov.", "Umerov"),
    ("said the governor of the central bank, who", "the governor of the central bank"),
    ("according to Reuters, the talks", "Reuters"),
])
def test_phrases_right_noun_phrase(text: str, expected: str) -> None:
    toks = tokenize(text, 0, len(text))
    k = 1 if toks[0].text == "said" else 2
    r = find_right_np(toks, k, len(toks))
    assert r is not None
    assert text[toks[r[0]].start:toks[r[1]].end] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the minister", True), ("Rustem Umerov", True), ("he", True),
    ("the plan would fail", False), ("parents still want schools", False), ("it", False),
])
def test_phrases_looks_like_a_speaker(text: str, expected: bool) -> None:
    toks = tokenize(text, 0, len(text))
    assert looks_like_np(toks, 0, len(toks) - 1) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("former Sen. Evan Bayh", True), ("pollster Frank Luntz", True),
    ("former secretary of state Hillary Clinton", True), ("retired Army Lt. Gen. Mick Bednarek", True),
    ("9/11 widow Terry Strada", True),
    # no name at the end, a preposition or a pronoun among the words before it, or too many of them
    ("former senator", False), ("Evan Bayh", False), ("nothing about Trump", False),
    ("he told Trump", False), ("as Super Tuesday", False), ("and Surespot", False),
    ("quickly Trump", False), ("of state Hillary Clinton", False),
    ("a very long and winding description of Trump", False),
])
def test_phrases_titled_name(text: str, expected: bool) -> None:
    toks = tokenize(text, 0, len(text))
    assert titled_name(toks, 0, len(toks) - 1) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Once he was president, Mr. Obama made", "Mr. Obama"),
    ("even after Clinton dropped out and", "Clinton"),
    ("Ebeling reminisced about her days with Clinton, and", "Ebeling"),
    ("Trump joked about the polls, declined to name a running mate, and", "Trump"),
    ("The pastor stood in Burlington, Iowa, and", None),
    # a dateline ends at its dash; a description with a role before a name leads to the name
    ("ORLANDO, Fla. (Reuters) - President Barack Obama met survivors and", "President Barack Obama"),
    ("Republican presidential hopeful Sen. Ted Cruz was also critical,",
     "Republican presidential hopeful Sen. Ted Cruz"),
    ("Ruhle pressed Flynn on Russia,", "Ruhle"),
    ("On Wednesday morning protesters gathered,", None),
    ("Perhaps go a step further, and", None),
])
def test_phrases_clause_subject(text: str, expected: str | None) -> None:
    """The subject of the clause before the last token (the cue's "and" / ",")."""
    toks = tokenize(text, 0, len(text))
    r = find_clause_subject(toks, 0, len(toks) - 1)
    assert (None if r is None else text[toks[r[0]].start:toks[r[1]].end]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Earlier this month", True), ("Last week", True), ("On Sunday", True), ("In 2019", True),
    ("the head of the Office", False), ("Andriy Yermak", False),
])
def test_phrases_time_phrase(text: str, expected: bool) -> None:
    toks = tokenize(text, 0, len(text))
    assert is_time_phrase(toks, 0, len(toks) - 1) is expected


@pytest.mark.parametrize(("text", "expected"), [
    # the words before the cue, and what is left once a time adjunct at their end is passed
    ("Paul Ryan, the Speaker, on Tuesday", "Paul Ryan, the Speaker,"),
    ("Sen. Chuck Grassley (R-Iowa) on Wednesday", "Sen. Chuck Grassley (R-Iowa)"),
    ("Trump last year", "Trump"),
    ("Broaddrick Sunday night", "Broaddrick"),
    ("columnist Ai Jun", "columnist Ai Jun"),  # a month that ends a name stays
    ("Theresa May", "Theresa May"),
])
def test_phrases_skip_time_back(text: str, expected: str) -> None:
    toks = tokenize(text, 0, len(text))
    k = skip_time_back(toks, len(toks) - 1, 0)
    assert text[:toks[k].end] == expected
