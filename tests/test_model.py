"""model: records and their copies."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from sayso.model import Statement, replace_statement

BASE = Statement("direct", 10, 20, "the words", speaker="Rustem Umerov", cue="said", cue_start=2, cue_end=6)

CHANGES = [
    {},
    {"said_on": "2024-10-18", "said_on_precision": "day", "said_on_text": "on October 18"},
    {"speaker": None, "speaker_type": "anonymous"},
    {"reported_by": ("FT",), "venue": "an interview"},
    {"kind": "indirect", "start": 0, "end": 5, "text": "words"},
]


@pytest.mark.parametrize("changes", CHANGES)
def test_replace_statement_equals_dataclasses_replace(changes: dict[str, object]) -> None:
    new = replace_statement(BASE, **changes)
    assert new == dataclasses.replace(BASE, **changes)
    assert new is not BASE
    assert BASE.said_on is None and BASE.speaker == "Rustem Umerov"  # the original is untouched


def test_replaced_statement_is_frozen_hashable_and_pickles() -> None:
    new = replace_statement(BASE, said_on="2024-10-18")
    with pytest.raises(dataclasses.FrozenInstanceError):
        new.said_on = "2024-01-01"  # type: ignore[misc]
    assert hash(new) == hash(dataclasses.replace(BASE, said_on="2024-10-18"))
    assert pickle.loads(pickle.dumps(new)) == new


def test_replace_statement_unknown_field_is_an_error() -> None:
    with pytest.raises(TypeError, match="no field"):
        replace_statement(BASE, saidon="2024-10-18")
