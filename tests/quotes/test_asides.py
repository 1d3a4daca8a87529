"""quotes.asides: "As he noted, …", "As reported by Reuters, …", "…, as Reuters reported."."""

from __future__ import annotations

import pytest

from sayso import extract

# sentence → (words, speaker mention, cue) of each attribution
ASIDES = [
    ("As he noted, the enemy launches drones first.", [("the enemy launches drones first", "he", "noted")]),
    ("As Reuters reported, the talks failed.", [("the talks failed", "Reuters", "reported")]),
    ("As reported by Reuters, the talks failed.", [("the talks failed", "Reuters", "reported")]),
    ("As the minister said on Tuesday, the plan works.", [("the plan works", "the minister", "said")]),
    ("Of course, as Joel Pollak observed, the stage itself won.", [("the stage itself won", "Joel Pollak",
                                                                   "observed")]),
    ("The talks failed, as Reuters reported.", [("The talks failed", "Reuters", "reported")]),
    # no speaker, no speech, or words already attributed: no aside
    ("As expected, the talks failed.", []),
    ("As the crowd began to chant, the senator left.", []),
    ("The Every Student Succeeds Act, as the bill is called, would end the tests.", []),
    ('"We will act," Carson noted in an interview, as reported by BuzzFeed News.',
     [("We will act,", "Carson", "noted")]),
]


@pytest.mark.parametrize(("text", "expected"), ASIDES, ids=[r[0][:40] for r in ASIDES])
def test_asides_give_the_clause_to_the_speaker(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(s.text, s.speaker_mention, s.cue) for s in extract(text).statements]
    assert got == expected
