"""``speakers.names``: roles written next to a name, one sentence → the role found."""

from __future__ import annotations

import pytest

from sayso.speakers.names import iter_names, role_near

# sentence, the name in it → the role written before or after it (the whole text is the sentence)
ROLES = [
    ("Minister Smith said.", "Smith", "Minister"),  # the title opens the text
    ("He met defense minister Rustem Umerov.", "Rustem Umerov", "defense minister"),
    ("He met minister Umerov.", "Umerov", "minister"),
    ("Smith, a doctor, said.", "Smith", "doctor"),
    ("He met Smith yesterday.", "Smith", None),
    ("The long unhyphenatedwordwithoutanyspaceatallbeforeit Smith said.", "Smith", None),
    # an apposition after the name: a role up to a relative clause, never a clause of its own
    ("Murray Clark, former state GOP chair who is supporting Brooks, said.", "Murray Clark",
     "former state GOP chair"),
    ("Andrii Kovalenko, Russian propaganda is spreading fakes.", "Andrii Kovalenko", None),
    ("Hillary Clinton, who came into Tuesday with a lead, said.", "Hillary Clinton", None),
]


@pytest.mark.parametrize(("text", "name", "expected"), ROLES)
def test_names_role_near(text: str, name: str, expected: str | None) -> None:
    start = text.index(name)
    assert role_near(text, start, start + len(name), 0, len(text)) == expected


# text → the names the scan finds, as (written, type, canonical)
SCANS = [
    ("European Commission President Ursula von der Leyen spoke.",
     [("European Commission President Ursula von der Leyen", "person", "Ursula von der Leyen")]),
    ("Alexander Van der Bellen met him.",
     [("Alexander Van der Bellen", "person", "Alexander Van der Bellen")]),
    ("Charles de Gaulle spoke.", [("Charles de Gaulle", "person", "Charles de Gaulle")]),
    # a body's name run into a person's; a word before a first name that names nothing is dropped
    ("the head of the Center for Countering Disinformation Andrii Kovalenko spoke.",
     [("Center for Countering Disinformation", "organisation", "Center for Countering Disinformation"),
      ("Andrii Kovalenko", "person", "Andrii Kovalenko")]),
    ("Republican Donald Trump spoke.", [("Donald Trump", "person", "Donald Trump")]),
    ("House Speaker Paul D. Ryan of Wisconsin spoke.",
     [("House Speaker Paul D. Ryan of Wisconsin", "person", "Paul D. Ryan of Wisconsin")]),
    ("Mary Jane Smith spoke.", [("Mary Jane Smith", "person", "Mary Jane Smith")]),
    # a number before a name belongs to a medium's name, not to a date
    ("He told 24 Channel about it.", [("24 Channel", "media", "24 Channel")]),
    ("He spoke on 12 March about it.", []),
]


@pytest.mark.parametrize(("text", "expected"), SCANS)
def test_names_scan(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(text[s:e], typ, canonical) for s, e, typ, _, canonical in iter_names(text)] == expected
