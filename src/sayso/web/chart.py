"""Statements per week as an inline SVG bar chart, drawn on the server (no script, no network).

Every text in the SVG (dates, counts) is escaped; bar geometry is computed from integers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

# A chart spans at most this many weeks (ten years): the latest ones when a speaker's dates run longer.
MAX_WEEKS = 520
HEIGHT = 120
BAR = 10  # width of one week, in SVG units
MAX_BAR_PX = 40  # width of one week on the page, at most


@dataclass(frozen=True, slots=True)
class Week:
    monday: date
    count: int


def weekly_counts(days: Iterable[str | None]) -> list[Week]:
    """Statements per week (weeks start on Monday), every week from the first to the last, empty weeks
    included; days that are not ISO dates are not counted."""
    weeks: Counter[date] = Counter()
    for d in days:
        try:
            day = date.fromisoformat(d) if d else None
        except ValueError:
            day = None
        if day is not None:
            weeks[day - timedelta(days=day.weekday())] += 1
    if not weeks:
        return []
    last = max(weeks)
    first = max(min(weeks), last - timedelta(weeks=MAX_WEEKS - 1))
    n = (last - first).days // 7 + 1
    return [Week(first + timedelta(weeks=i), weeks[first + timedelta(weeks=i)]) for i in range(n)]


def week_chart(weeks: list[Week]) -> Markup:
    """An SVG with one bar per week (a tooltip gives the week and its count), or nothing when there is
    no dated statement."""
    if not weeks:
        return Markup("")
    top = max(w.count for w in weeks)
    width = len(weeks) * BAR
    bars = []
    for i, w in enumerate(weeks):
        h = max(2, round(w.count * (HEIGHT - 10) / top)) if w.count else 0
        bars.append(Markup(
            '<rect class="bar{}" x="{}" y="{}" width="{}" height="{}" data-week="{}" data-count="{}">'
            "<title>week of {}: {} statement{}</title></rect>").format(
                "" if w.count else " empty", i * BAR + 1, HEIGHT - h, BAR - 2, h, w.monday.isoformat(),
                w.count, w.monday.isoformat(), w.count, "" if w.count == 1 else "s"))
    # the dates sit under the SVG, in HTML: text inside a stretched SVG would be stretched too
    axis = Markup('<div class="sayso-axis"><span>{}</span><span>{}</span></div>').format(
        weeks[0].monday.isoformat(), weeks[-1].monday.isoformat() if len(weeks) > 1 else "")
    # a few weeks do not stretch over the whole page: at most MAX_BAR_PX pixels a week
    return Markup(
        '<div class="sayso-chart-wrap" style="max-width: {}px">'
        '<svg class="sayso-chart" role="img" viewBox="0 0 {} {}" width="100%" height="{}" '
        'preserveAspectRatio="none" aria-label="statements per week: {} weeks, at most {} in one week">'
        '<line class="baseline" x1="0" y1="{}" x2="{}" y2="{}"></line>{}</svg>{}</div>').format(
            len(weeks) * MAX_BAR_PX, width, HEIGHT, HEIGHT, len(weeks), top, HEIGHT, width, HEIGHT,
            Markup("").join(bars), axis)
