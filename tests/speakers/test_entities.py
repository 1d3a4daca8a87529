"""``speakers.entities``: an article's names linked into entities, one text → each name's entity."""

from __future__ import annotations

import pytest

from sayso.model import Article
from sayso.pipeline import Pipeline
from sayso.speakers.entities import Entities
from sayso.speakers.names import collect_names

# text → (each name as written, the canonical name of its entity, its type), in text order
CASES = [
    ("Rustem Umerov arrived. Umerov said so.",
     [("Rustem Umerov", "Rustem Umerov", "person"), ("Umerov", "Rustem Umerov", "person")]),
    ("Umerov spoke first. Later Rustem Umerov left.",
     [("Umerov", "Rustem Umerov", "person"), ("Rustem Umerov", "Rustem Umerov", "person")]),
    ("The FT wrote it. The Financial Times had asked.",
     [("FT", "FT", "media"), ("Financial Times", "FT", "media")]),  # an outlet's name: its line's first
    ("Bill Clinton came. Hillary Clinton spoke. Clinton said so.",
     [("Bill Clinton", "Bill Clinton", "person"), ("Hillary Clinton", "Hillary Clinton", "person"),
      ("Clinton", "Hillary Clinton", "person")]),
    ("Hillary Clinton spoke. Bill Clinton came. Clinton said so.",
     [("Hillary Clinton", "Hillary Clinton", "person"), ("Bill Clinton", "Bill Clinton", "person"),
      ("Clinton", "Bill Clinton", "person")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_entities_link_names(text: str, expected: list[tuple[str, str, str]]) -> None:
    article = Pipeline(["normalise", "segment"])(Article(text=text))
    found = Entities(article.text, article.sentences)
    assert found.event_starts == [ev.start for ev in found.events]
    assert [(text[ev.start:ev.end], ev.entity.canonical, ev.entity.type) for ev in found.events] == expected


# text → the role written in the run of each form that has one
ROLES = [
    ("Ukrainian Defense Minister Rustem Umerov said so.", {"Ukrainian Defense Minister Rustem Umerov":
                                                           "Ukrainian Defense Minister"}),
    ("Rustem Umerov said so.", {}),
    ("Senator Smith and Senator Smith agreed.", {"Senator Smith": "Senator"}),
]


@pytest.mark.parametrize(("text", "expected"), ROLES)
def test_names_collect_names_roles(text: str, expected: dict[str, str]) -> None:
    runs, writtens, first, roles = collect_names(text)
    assert writtens == [text[r[0]:r[1]] for r in runs]
    assert list(first) == list(dict.fromkeys(writtens))
    assert roles == expected


# text → the names as written: a run that is an adjective before a lower-case word ("Brian left" reads
# like "Ukrainian forces") is a name elsewhere, whichever comes first in the text
NEXT_WORD = [
    ("Brian left. We met Brian.", ["Brian"]),
    ("We met Brian. Brian left.", ["Brian"]),
    ("Rustem Umerov left. We met Rustem Umerov.", ["Rustem Umerov", "Rustem Umerov"]),
]


@pytest.mark.parametrize(("text", "expected"), NEXT_WORD)
def test_names_collect_names_next_word(text: str, expected: list[str]) -> None:
    assert collect_names(text)[1] == expected
    # a text with a character outside ASCII is scanned with the pattern that knows Cyrillic capitals
    assert collect_names(text + " «»")[1] == expected
