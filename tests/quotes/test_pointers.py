"""quotes.pointers: "This was stated by X" gives the sentence before it to X."""

from __future__ import annotations

import pytest

from sayso import extract

# text → (words, speaker, cue) of the statements that are not nested in others' words
POINTERS = [
    ("Ukraine expects an invitation to NATO. This was stated by Deputy Prime Minister Olha Stefanishyna "
     "during a meeting with EU ambassadors.",
     [("Ukraine expects an invitation to NATO", "Olha Stefanishyna", "stated")]),
    ("The talks will resume in May. This was announced by the foreign ministry on Friday.",
     [("The talks will resume in May", "the foreign ministry", "announced")]),
    # "These words belong to X" / "These are the words of X"; a quotation alone is direct
    ('"Ukraine will never give up its territories." These words belong to President Volodymyr Zelensky.',
     [("Ukraine will never give up its territories.", "Volodymyr Zelensky", "words belong to")]),
    ("The war must end this year. These are the words of the Pope.",
     [("The war must end this year", "the Pope", "the words of")]),
    # "That is what X said"
    ('"The war will end soon." That is what Zelensky said on Friday.',
     [("The war will end soon.", "Zelensky", "said")]),
    ("That is what happened. It was cold.", []),
    # the sentence before has a speaker of its own: the pointer only places it (a remark)
    ("Kuleba said the talks will resume. This was stated by him on Friday.",
     [("the talks will resume", "Kuleba", "said")]),
    # no pointer across a paragraph, nor a pointer that is no speech cue
    ("The talks will resume in May.\n\nThis was stated by the ministry.", []),
    ("The talks will resume in May. This was shown by the data.", []),
]


@pytest.mark.parametrize(("text", "expected"), POINTERS, ids=[r[0][:40] for r in POINTERS])
def test_pointers_give_the_sentence_before(text: str, expected: list[tuple[str, str, str]]) -> None:
    sts = extract(text, published="2024-03-15").statements
    outer = [s for s in sts if not any(o is not s and o.start <= s.start and s.end <= o.end for o in sts)]
    assert [(s.text, s.speaker, s.cue) for s in outer] == expected


def test_pointer_sentence_dates_and_places_the_words() -> None:
    """The pointer is also a remark: its date and venue go to the statement it gives."""
    text = ("Stefanishyna: Ukraine expects an invitation.\nUkraine expects an invitation to NATO. This was "
            "stated by Deputy Prime Minister Olha Stefanishyna during a meeting on Tuesday.")
    sts = [s for s in extract(text, published="2024-03-15").statements if s.speaker == "Olha Stefanishyna"]
    assert len(sts) == 2
    assert {(s.said_on, s.venue) for s in sts} == {("2024-03-12", "a meeting")}
