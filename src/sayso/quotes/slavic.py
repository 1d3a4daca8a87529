"""Reported speech and quotations in Russian and Ukrainian sentences (placeholder: finds nothing yet;
the frames for dash dialogue, colon introductions and "заявил, что" / "заявив, що" come next)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.tokens import Token

if TYPE_CHECKING:
    from .reported import Attribution


def analyse_window(text: str, tokens: list[Token], lang: str) -> list[Attribution]:
    """Every attribution in one Russian or Ukrainian window."""
    return []
