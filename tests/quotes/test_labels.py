"""Statements a label and a colon introduce: transcript and interview turns."""

from __future__ import annotations

import pytest

import sayso

TRANSCRIPTS = [
    ("Interview.\n\nTAPPER: Do you think the campaign has a message for everyone?\n\n"
     "FALLIN: Well, I think the whole nation needs to work together.",
     [("FALLIN", "Well, I think the whole nation needs to work together"),
      ("TAPPER", "Do you think the campaign has a message for everyone?")]),
    ("Excerpts.\n\nQ: How did things go for you?\n\nA: No one checked up. No one called.",
     [("A", "No one checked up. No one called"), ("Q", "How did things go for you?")]),
    ("Excerpts.\n\nUN: PEACEKEEPERS ACCUSED “The United Nations has been grappling with it.”", []),
    ("Notes.\n\nUPDATE: This story was updated on Friday.\n\nCLARIFICATION: An earlier version erred.",
     []),
]


def _labelled(text: str) -> list[sayso.Statement]:
    return [s for s in sayso.extract(text, on_error="raise").statements if s.cue == ":"]


@pytest.mark.parametrize(("text", "expected"), TRANSCRIPTS)
def test_transcript_turns(text: str, expected: list[tuple[str, str]]) -> None:
    got = sorted(((s.speaker_mention, s.text) for s in _labelled(text)), reverse=False)
    assert got == sorted(expected)


def test_turn_keeps_the_attribution_inside_it() -> None:
    """'I think …' inside a turn is an attribution of its own, beside the turn."""
    text = "Interview.\n\nFALLIN: Well, I think the whole nation needs to work together."
    sts = sayso.extract(text, on_error="raise").statements
    assert {s.cue for s in sts} == {":", "think"}
