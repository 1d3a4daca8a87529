"""The ratchet raises floors to the measured values (rounded down), never lowers one unasked."""

from __future__ import annotations

from typing import Any

import pytest
from gate_metrics import floor_down, metric_names
from ratchet import ratchet

M = metric_names()[0]


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(0.8818, 3, 0.881), (0.57, 3, 0.57), (0.1 + 0.2, 3, 0.3), (0.9999, 3, 0.999), (7, 3, 7.0),
     (0.0, 3, 0.0), (0.12345, 2, 0.12)],
)
def test_ratchet_floor_down(value: float, places: int, expected: float) -> None:
    assert floor_down(value, places) == expected


# floor before, measured now, --lower given -> floor after, metrics left below, history entries added
CASES: dict[str, tuple[float | None, float, bool, float, list[str], int]] = {
    "new metric gets a floor": (None, 0.8765, False, 0.876, [], 1),
    "higher value raises the floor": (0.5, 0.6789, False, 0.678, [], 1),
    "same value changes nothing": (0.678, 0.6789, False, 0.678, [], 0),
    "lower value keeps the floor": (0.7, 0.6789, False, 0.7, [M], 0),
    "lower value with --lower lowers it": (0.7, 0.6789, True, 0.678, [], 1),
    "--lower on a metric above its floor is ignored": (0.6, 0.6789, True, 0.678, [], 1),
}


@pytest.mark.parametrize(("before", "now", "lower", "after", "below", "added"), list(CASES.values()),
                         ids=list(CASES))
def test_ratchet_floors(before: float | None, now: float, lower: bool, after: float,
                        below: list[str], added: int) -> None:
    current = dict.fromkeys(metric_names(), 1.0)
    current[M] = now
    floors = dict.fromkeys(metric_names(), 1.0)
    if before is None:
        del floors[M]
    else:
        floors[M] = before
    data: dict[str, Any] = {"floors": floors, "history": []}
    left = ratchet(data, current, {M: "a reason"} if lower else {}, "2026-01-01T00:00:00Z", "abc")
    assert (data["floors"][M], left, len(data["history"])) == (after, below, added)
    if lower and before is not None and now < before:
        assert data["history"][-1]["why"] == "a reason"
