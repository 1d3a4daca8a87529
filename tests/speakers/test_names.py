"""``speakers.names``: roles written next to a name, one sentence → the role found."""

from __future__ import annotations

import pytest

from sayso.speakers.names import role_near

# sentence, the name in it → the role written before or after it (the whole text is the sentence)
ROLES = [
    ("Minister Smith said.", "Smith", "Minister"),  # the title opens the text
    ("He met defense minister Rustem Umerov.", "Rustem Umerov", "defense minister"),
    ("He met minister Umerov.", "Umerov", "minister"),
    ("Smith, a doctor, said.", "Smith", "doctor"),
    ("He met Smith yesterday.", "Smith", None),
    ("The long unhyphenatedwordwithoutanyspaceatallbeforeit Smith said.", "Smith", None),
]


@pytest.mark.parametrize(("text", "name", "expected"), ROLES)
def test_names_role_near(text: str, name: str, expected: str | None) -> None:
    start = text.index(name)
    assert role_near(text, start, start + len(name), 0, len(text)) == expected
