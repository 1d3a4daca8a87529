"""``speakers.descriptions``: what a speaker description says on its own, one wording → its reading."""

from __future__ import annotations

import pytest

from sayso.speakers.descriptions import read_description

# wording → (head, where the head part ends, the kinds of speaker its head names, a title's role)
CASES = [
    ("a source in the Office of the President", ("source", 8, {"anonymous"}, None)),
    ("an increasing number of officials in Ukraine", ("officials", 33, {"groups", "plural"}, None)),
    ("Western diplomats", ("diplomats", 17, {"groups", "capitalised", "plural"}, None)),
    ("the minister", ("minister", 12, {"title"}, "minister")),
    ("the defence minister", ("minister", 20, {"title"}, "defence minister")),
    ("a top Trump adviser", ("adviser", 19, {"anonymous", "title"}, "top Trump adviser")),
    ("the publication", ("publication", 15, {"medium"}, None)),
    ("the journalists", ("journalists", 15, {"medium"}, None)),
    ("the Office", ("office", 10, {"organisation"}, None)),
    ("Republican", ("republican", 10, {"capitalised"}, None)),
    ("protesters", ("protesters", 10, {"groups", "plural"}, None)),
    ("the protesters", ("protesters", 14, {"groups"}, None)),
    ("a young woman in Montana", ("woman", 13, set(), None)),
    # an aside in parentheses closing the mention is not read ("(R)" is no head)
    ("the state senator (R)", ("senator", 17, {"title"}, "state senator")),
    ("Western diplomats (two of them)", ("diplomats", 17, {"groups", "capitalised", "plural"}, None)),
]
KINDS = ("anonymous", "groups", "medium", "organisation", "title", "capitalised", "plural")


@pytest.mark.parametrize(("mention", "expected"), CASES)
def test_read_description(mention: str, expected: tuple[str, int, set[str], str | None]) -> None:
    d = read_description(mention)
    assert d is not None
    kinds = {k for k in KINDS if getattr(d, k)}
    assert (d.head, d.head_end, kinds, d.role if d.title else None) == expected


@pytest.mark.parametrize("mention", ["", " ", "—", "«»"])
def test_read_description_without_words(mention: str) -> None:
    assert read_description(mention) is None
