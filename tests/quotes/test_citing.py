"""quotes.citing: a source an outlet cites speaks; the outlet carries its words."""

from __future__ import annotations

import pytest

from sayso import extract

# sentence → (words, speaker, reported_by) of every statement
CITING = [
    ("CNN reported, citing two US officials, that the aircraft had arrived.",
     [("the aircraft had arrived", "two US officials", ("CNN",))]),
    ("According to the Kyiv Independent, citing sources in the government, the jets are in Romania.",
     [("the jets are in Romania", "sources in the government", ("Kyiv Independent",))]),
    ("The aircraft had arrived, CNN reported, citing two US officials.",
     [("The aircraft had arrived", "two US officials", ("CNN",))]),
    ("The aircraft had arrived, according to two US officials cited by CNN.",
     [("The aircraft had arrived", "two US officials", ("CNN",))]),
    ("Reuters, citing a source in the Office of the President, reported that talks had stalled.",
     [("talks had stalled", "a source in the Office of the President", ("Reuters",))]),
    ("Ukrainska Pravda reported that the decision would be made in December, citing its own sources.",
     [("the decision would be made in December", "its own sources", ("Ukrainska Pravda",))]),
    # a reason is no source: the phrase stays what it was
    ("He left the race, citing health problems.", [("health problems", "He", None)]),
    ("The Journal, citing internal documents, reported that the campaign is spending more.",
     [("internal documents", "Journal", None),
      ("the campaign is spending more", "Journal", None)]),
]


@pytest.mark.parametrize(("text", "expected"), CITING, ids=[r[0][:40] for r in CITING])
def test_citing_source_speaks_and_outlet_carries(
        text: str, expected: list[tuple[str, str, tuple[str, ...] | None]]) -> None:
    article = extract(text, published="2024-03-05")
    got = [(s.text, s.speaker_mention, s.reported_by) for s in article.statements]
    assert got == expected
    for s in article.statements:
        assert text[s.start:s.end] == s.text
