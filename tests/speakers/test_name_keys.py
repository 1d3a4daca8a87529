"""``speakers.name_keys``: the keys names are matched by, one name → its key."""

from __future__ import annotations

import pytest

from sayso.speakers.name_keys import org_info, person_tokens, same_surname, skeleton

# a name word → its spelling-blind skeleton
SKELETONS = [("Умеров", "umerov"), ("Umerov", "umerov"), ("Khmelnytsky", "gmelnitski"),
             # Ukrainian г is h in Latin: it meets the Cyrillic spelling (sh, ch, zh, th stay)
             ("Сибіга", "sibiga"), ("Sybiha", "sibiga"), ("Шмигаль", "shmigal"), ("Shmyhal", "shmigal"),
             ("Chekhov", "chegov"), ("Zhdanov", "zhdanov")]


@pytest.mark.parametrize(("word", "expected"), SKELETONS)
def test_name_keys_skeleton(word: str, expected: str) -> None:
    assert skeleton(word) == expected


# two surname skeletons → the same surname? (an inflected Cyrillic form meets its base)
SURNAMES = [("umerov", "umerov", True), ("umerova", "umerov", True), ("umerovim", "umerov", True),
            ("umer", "umerov", True), ("kim", "kimov", False), ("smith", "jones", False)]


@pytest.mark.parametrize(("a", "b", "expected"), SURNAMES)
def test_name_keys_same_surname(a: str, b: str, expected: bool) -> None:
    assert same_surname(a, b) is expected


# a body's name → (key, initials, shorter names, a bare organisation word?, a place?)
ORGS = [
    ("Office of the President of Ukraine",
     ("office of the president of ukraine", "opu", ("office of the president",), False, False)),
    ("the Financial Times", ("financial times", "ft", (), False, False)),
]


@pytest.mark.parametrize(("name", "expected"), ORGS)
def test_name_keys_org_info(name: str, expected: tuple[str, str, tuple[str, ...], bool, bool]) -> None:
    assert org_info(name) == expected


def test_name_keys_person_tokens() -> None:
    assert person_tokens("Rustem Umerov") == ("rustem", "umerov")
