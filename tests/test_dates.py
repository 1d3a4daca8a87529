"""Tables for ``sayso.dates``: header date lines, date expressions, resolution, and the stage."""

from __future__ import annotations

import pytest

from sayso.dates import parse_header_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sunday03 November 2024", "2024-11-03"),
        ("3 November 2024", "2024-11-03"),
        ("November 3, 2024", "2024-11-03"),
        ("2024-11-03", "2024-11-03"),
        ("03.11.2024", "2024-11-03"),
        ("Sun, 03 Nov 2024", "2024-11-03"),
        ("Sun, 03 Nov 2024 10:00:00 +0000", "2024-11-03"),
        ("2024-11-03T10:00:00Z", "2024-11-03"),
        ("03.11.2024, 14:35", "2024-11-03"),
        ("Published: November 3rd, 2024 at 10:15 am", "2024-11-03"),
        ("3 ноября 2024", "2024-11-03"),
        ("3 ноября 2024 г.", "2024-11-03"),
        ("3 листопада 2024 року", "2024-11-03"),
        ("неділя, 3 листопада 2024", "2024-11-03"),
        ("Нд, 03 лист. 2024", "2024-11-03"),
        ("13/03/2024", "2024-03-13"),
        ("11/03/2024", None),  # month or day first: undecidable
        ("31 February 2024", None),
        ("g-novosti.in.ua", None),
        ("Umerov stated he would commit very bad things", None),
        ("Zelensky met Biden on 3 November 2024", None),
        ("November 2024", None),
        ("Sunday", None),
        ("", None),
    ],
)
def test_dates_parse_header_date(line: str, expected: str | None) -> None:
    assert parse_header_date(line) == expected
