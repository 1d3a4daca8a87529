"""The quality gate: extraction quality on annotated data must never fall below the pinned floors.

Floors live in ``floors.json``; ``python tests/eval/ratchet.py`` raises them to what the pipeline
measures now, and lowers one only with ``--lower METRIC --why "..."`` (the reason is kept in the
file's history). Run with ``-s`` to see the table of current values against floors.
"""

from __future__ import annotations

from typing import Any

import pytest
from gate_metrics import (
    FLOORS_PATH,
    Dataset,
    all_metrics,
    metric_names,
    not_quote_violations,
    read_floors,
    table,
)


@pytest.fixture(scope="module")
def measured(polnear: Dataset, adaq_ru: Dataset, example: Dataset) -> dict[str, float]:
    current = all_metrics([polnear, adaq_ru, example])
    print("\n" + table(current, read_floors()["floors"]))
    return current


@pytest.mark.parametrize("metric", metric_names())
def test_quality_gate_metric_at_or_above_floor(measured: dict[str, float], metric: str) -> None:
    floors = read_floors()["floors"]
    assert metric in floors, f"{metric} has no floor in {FLOORS_PATH}: run python tests/eval/ratchet.py"
    assert measured[metric] >= floors[metric], (
        f"{metric} = {measured[metric]:.4f} fell below its floor {floors[metric]:.3f}\n"
        + table(measured, floors)
    )


def test_quality_gate_floors_name_only_measured_metrics() -> None:
    unknown = set(read_floors()["floors"]) - set(metric_names())
    assert not unknown, f"floors.json names metrics the gate does not measure: {sorted(unknown)}"


def test_quality_gate_not_quotes_never_statements(example: Dataset) -> None:
    banned = sum(len(d.get("not_quotes") or ()) for d in example.gold.values())
    assert banned > 0  # the example gold lists names in quotation marks that are not statements
    assert not_quote_violations(example) == []


@pytest.mark.parametrize("dataset", ["polnear", "adaq_ru", "example"])
def test_quality_gate_offsets_hold_on_real_articles(request: pytest.FixtureRequest, dataset: str) -> None:
    ds: Dataset = request.getfixturevalue(dataset)
    bad: list[tuple[str, str, Any]] = []
    for key, gold in ds.gold.items():
        text = gold.get("text") or ""
        for st in ds.pred[key]["statements"]:
            spans = [("text", "start", "end"), ("speaker_mention", "speaker_start", "speaker_end"),
                     ("cue", "cue_start", "cue_end")]
            for field, a, b in spans:
                if st.get(a) is not None and text[st[a]:st[b]] != st[field]:
                    bad.append((key, field, st))
    assert bad == []
    assert len(ds.pred) == len(ds.gold)
