"""Statements per week: the week buckets and the SVG drawn from them."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sayso.web.chart import MAX_WEEKS, Week, week_chart, weekly_counts


@pytest.mark.parametrize(("days", "expected"), [
    ([], []),
    ([None, "2024", "2024-10", "not a date"], []),
    # Monday 2024-10-14 to Sunday 2024-10-20 is one week
    (["2024-10-14", "2024-10-20", "2024-10-18"], [Week(date(2024, 10, 14), 3)]),
    # empty weeks between are kept
    (["2024-10-18", "2024-11-05"],
     [Week(date(2024, 10, 14), 1), Week(date(2024, 10, 21), 0), Week(date(2024, 10, 28), 0),
      Week(date(2024, 11, 4), 1)]),
    # across a year boundary
    (["2024-12-31", "2025-01-01"], [Week(date(2024, 12, 30), 2)]),
])
def test_chart_weekly_counts(days: list[str | None], expected: list[Week]) -> None:
    assert weekly_counts(days) == expected


def test_chart_weekly_counts_keeps_the_latest_weeks() -> None:
    weeks = weekly_counts(["1990-01-01", "2024-10-18"])
    assert len(weeks) == MAX_WEEKS
    assert weeks[-1] == Week(date(2024, 10, 14), 1)


@pytest.mark.parametrize(("days", "bars", "tallest"), [
    (["2024-10-14"], 1, "1"),
    (["2024-10-14", "2024-10-15", "2024-11-05"], 4, "2"),
])
def test_chart_svg(days: list[str], bars: int, tallest: str) -> None:
    svg = str(week_chart(weekly_counts(days)))
    assert svg.startswith('<div class="sayso-chart-wrap" style="max-width: ')
    assert '<svg class="sayso-chart"' in svg
    assert len(re.findall(r"<rect class=\"bar", svg)) == bars
    assert f"at most {tallest} in one week" in svg
    heights = [int(h) for h in re.findall(r'height="(\d+)" data-week', svg)]
    assert max(heights) == 110 and all(h >= 0 for h in heights)


def test_chart_svg_without_dates_is_empty() -> None:
    assert str(week_chart([])) == ""
