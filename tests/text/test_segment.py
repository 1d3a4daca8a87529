"""text.segment and text.normalize: paragraphs, sentences, same-length analysis text."""

from __future__ import annotations

import itertools

import pytest

from sayso.model import Span
from sayso.text.normalize import normalise_text
from sayso.text.segment import find_paragraphs, find_sentences


def sentences(text: str) -> list[str]:
    out = []
    for p in find_paragraphs(text):
        out += [text[s.start:s.end] for s in find_sentences(text, p)]
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("One. Two.", ["One.", "Two."]),
    ("Mr. Smith went to Washington. He stayed.", ["Mr. Smith went to Washington.", "He stayed."]),
    ("The U.S. economy grew. Prices rose.", ["The U.S. economy grew.", "Prices rose."]),
    ("J. R. R. Tolkien wrote it. Then he left.", ["J. R. R. Tolkien wrote it.", "Then he left."]),
    ('"We will win." He smiled.', ['"We will win."', "He smiled."]),
    ('"Will we win?" he asked.', ['"Will we win?" he asked.']),   # lower case after: one sentence
    ("Sen. Ted Cruz (R-Texas) spoke. Others left.", ["Sen. Ted Cruz (R-Texas) spoke.", "Others left."]),
    ("First line\nSecond line", ["First line", "Second line"]),      # a line is a paragraph
    ("It rose 3.5 percent. Then fell.", ["It rose 3.5 percent.", "Then fell."]),
    ("Wait… What? No!", ["Wait…", "What?", "No!"]),
])
def test_segment_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a\n\nb\n", [Span(0, 1), Span(3, 4)]),
    ("  indented  \n", [Span(2, 10)]),
    ("", []),
    ("\n\n\n", []),
])
def test_segment_paragraphs(text: str, expected: list[Span]) -> None:
    assert find_paragraphs(text) == expected


def test_segment_cuts_a_sentence_without_punctuation() -> None:
    text = "word " * 5000
    spans = find_sentences(text, Span(0, len(text) - 1), max_chars=1000)
    assert all(len(s) <= 1000 for s in spans)
    assert spans[0].start == 0 and spans[-1].end == len(text) - 1
    assert all(a.end == b.start for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("text", [
    "plain", "no\u00a0break space", "zero\u200bwidth", "soft\u00adhyphen", "tab\there", "crlf\r\nline",
    "“curly” quotes stay", "emoji 🙂 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
])
def test_normalize_keeps_length_and_offsets(text: str) -> None:
    out = normalise_text(text)
    assert len(out) == len(text)
    assert all(a == b or b in " \n-" for a, b in zip(text, out, strict=True))
