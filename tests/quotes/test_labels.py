"""Statements a label and a colon introduce: "Source: claim" headlines, transcript and interview turns."""

from __future__ import annotations

import pytest

import sayso

# (text, expected (statement text, speaker mention) of the headline statement, or None)
HEADLINES = [
    ("Sanders: Brexit's message could draw Trump support in US.\nNew York (AP) — Bernie Sanders spoke.",
     ("Brexit's message could draw Trump support in US", "Sanders")),
    ("NY Post: Megyn Kelly is no different.\nThe tabloid, the NY Post, wrote about her.",
     ("Megyn Kelly is no different", "NY Post")),
    ("Poll: Trump and Clinton hold narrow leads in Pennsylvania.\nThe survey was taken last week.",
     ("Trump and Clinton hold narrow leads in Pennsylvania", "Poll")),
    ("Historians: Clinton, Obama linked no matter what;\nThe two are tied, say historians.",
     ("Clinton, Obama linked no matter what", "Historians")),
    # a headline's capitals are no names: the source must be named in the body mid-sentence
    ("Big Win For Bernie: AFL-CIO Holds Off On Endorsement.\nThe union met with Bernie Sanders.", None),
    ("Clinton Wades In: Urges Britain to Remain.\nHillary Clinton spoke in London.", None),
    # labels that name nobody, no source phrase, a question, a quotation, a body line
    ("Breaking: Latest Primary Has Big Impact.\nVoters went to the polls with Latest in mind.", None),
    ("The Latest: Kasich scores all 66 delegates.\nVoters went to the polls.", None),
    ("A Curious Plan to Fight Climate Change: Buy Mines, Sell Coal.\nThe plan is new.", None),
    ("Beyond plagiarism, a bigger issue: Is this team ready?\nThe team met.", None),
    ("Cruz: Constitutional conservative or career politician?\nSenator Ted Cruz spoke.", None),
    ("Trump: ‘We are going to win so much.’\nDonald Trump spoke.", None),
    ("Clinton: Yes.\nHillary Clinton spoke.", None),
    # a claim that quotes a few of its words is the source's (mixed); one quotation end to end is not
    ('Zelensky: Ukraine will receive F-16 fighters "very soon".\nPresident Volodymyr Zelensky spoke.',
     ('Ukraine will receive F-16 fighters "very soon"', "Zelensky")),
]

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


@pytest.mark.parametrize(("text", "expected"), HEADLINES)
def test_headline_source(text: str, expected: tuple[str, str] | None) -> None:
    first_line = text.split("\n", 1)[0]
    # (a headline's quotation after a colon is a direct statement of the quotation frames, not a label's)
    got = [s for s in _labelled(text) if s.start < len(first_line) and s.kind in ("indirect", "mixed")]
    if expected is None:
        assert got == []
        return
    assert len(got) == 1
    st = got[0]
    assert (st.text, st.speaker_mention) == expected
    assert st.speaker_start is not None and text[st.speaker_start:st.speaker_end] == expected[1]
    assert st.cue_start is not None and text[st.cue_start:st.cue_end] == ":"


@pytest.mark.parametrize(("text", "expected"), TRANSCRIPTS)
def test_transcript_turns(text: str, expected: list[tuple[str, str]]) -> None:
    got = sorted(((s.speaker_mention, s.text) for s in _labelled(text)), reverse=False)
    assert got == sorted(expected)


def test_turn_keeps_the_attribution_inside_it() -> None:
    """'I think …' inside a turn is an attribution of its own, beside the turn."""
    text = "Interview.\n\nFALLIN: Well, I think the whole nation needs to work together."
    sts = sayso.extract(text, on_error="raise").statements
    assert {s.cue for s in sts} == {":", "think"}
