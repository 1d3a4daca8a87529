"""``sayso.evaluate`` gives the numbers of the shared scorer ``shared/eval/score.py``.

The shared scorer is run in a subprocess on the same prediction file, its printed report compared line
for line with ``format_report`` (which prints the full result as JSON too), for all kinds and for
``--kind direct`` / ``--kind indirect``. Predictions are the pipeline's, and also predictions
derived from the gold by seeded perturbations, which reach every matching rule whatever the
pipeline finds today.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from gate_metrics import Dataset, shared_file

from sayso.evaluate import ScoreResult, format_report, score

KINDS = (None, "direct", "indirect")


def run_shared_scorer(gold: Path, pred: Path, kind: str | None) -> str:
    scorer = shared_file("eval", "score.py")
    if not scorer.is_file():
        pytest.skip(f"shared scorer not found at {scorer} (expected ../shared next to the repository root)")
    cmd = [sys.executable, str(scorer), str(gold), str(pred), "--json"]
    if kind:
        cmd += ["--kind", kind]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=120)
    return done.stdout


def write_jsonl(path: Path, docs: dict[str, dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for key, doc in docs.items():
            fh.write(json.dumps({**doc, "id": key}, ensure_ascii=False) + "\n")
    return path


def perturbed(gold: dict[str, dict[str, Any]], seed: int = 7) -> dict[str, dict[str, Any]]:
    """Predictions made from the gold: shifted, cut, doubled, dropped, with right and wrong speakers."""
    rnd = random.Random(seed)
    names = [q.get("speaker") for d in gold.values() for q in d.get("quotes") or ()]
    pred: dict[str, dict[str, Any]] = {}
    for i, (key, doc) in enumerate(gold.items()):
        if i % 11 == 0:
            continue  # a gold document without a prediction line
        out = []
        for q in doc.get("quotes") or ():
            if rnd.random() < 0.15:
                continue
            start, end = q["start"], q["end"]
            n = max(1, end - start)
            shift = rnd.choice([0, 0, 1, -2, n // 3, n // 2, n])
            p: dict[str, Any] = {"start": max(0, start + shift), "end": end + shift}
            if rnd.random() < 0.2:
                p["end"] = start + max(1, n // 2 - 1)  # IoU just under or over 0.5
            roll = rnd.random()
            if roll < 0.3:
                p["speaker"] = q.get("speaker")
            elif roll < 0.4:
                p["speaker"] = f"Former adviser {q.get('speaker') or ''}  "
            elif roll < 0.5:
                p["speaker_mention"] = (q.get("speaker") or "").upper()
            elif roll < 0.6 and q.get("speaker_start") is not None:
                p["speaker"] = "someone"
                p["speaker_start"], p["speaker_end"] = q["speaker_start"], q["speaker_start"] + 1
            elif roll < 0.8:
                p["speaker"] = rnd.choice(names)
            kind_roll = rnd.random()
            if kind_roll < 0.7:
                p["kind"] = q.get("kind")
            elif kind_roll < 0.85:
                p["kind"] = "mixed" if q.get("mixed") else rnd.choice(["direct", "indirect"])
            out.append(p)
            if rnd.random() < 0.05:
                out.append(dict(p))  # a duplicate: one-to-one matching must not count it twice
        pred[key] = {"statements": out}
    return pred


def predictions(ds: Dataset, source: str) -> dict[str, dict[str, Any]]:
    return ds.pred if source == "pipeline" else perturbed(ds.gold)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k or "all")
@pytest.mark.parametrize("source", ["pipeline", "perturbed"])
@pytest.mark.parametrize("dataset", ["polnear", "adaq_ru"])
def test_evaluate_agrees_with_shared_scorer(
    request: pytest.FixtureRequest, tmp_path: Path, dataset: str, source: str, kind: str | None
) -> None:
    ds: Dataset = request.getfixturevalue(dataset)
    pred = predictions(ds, source)
    gold_path = ds.paths[0] if len(ds.paths) == 1 else write_jsonl(tmp_path / "gold.jsonl", ds.gold)
    pred_path = write_jsonl(tmp_path / "pred.jsonl", pred)
    theirs = run_shared_scorer(gold_path, pred_path, kind)
    ours = score(ds.gold, pred, kind)
    assert format_report(ours, kind, with_json=True) + "\n" == theirs
    if source == "perturbed":  # the comparison is not vacuous
        assert ours["overlap"]["tp"] > 0
        assert ours["speaker"]["correct"] > 0


# ---------------------------------------------------------------------------------------------
# the matching rules on hand-built documents


def q(start: int, end: int, speaker: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "speaker": speaker, **extra}


def spans(r: ScoreResult) -> tuple[int, int, int, int, int, int]:
    return (r["exact"]["tp"], r["overlap"]["tp"], r["speaker"]["correct"], r["speaker"]["matched"],
            r["speaker"]["correct_gold_named"], r["speaker"]["matched_gold_named"])


# gold quotes, predicted quotes, kind -> (exact tp, overlap tp, speaker correct, matched,
#                                         correct where gold names a speaker, matched of those)
CASES = {
    "identical span": ([q(0, 10, "A")], [q(0, 10, "A")], None, (1, 1, 1, 1, 1, 1)),
    "iou exactly 0.5 matches": ([q(0, 10)], [q(0, 5)], None, (0, 1, 1, 1, 0, 0)),
    "iou under 0.5 does not": ([q(0, 10)], [q(0, 4)], None, (0, 0, 0, 0, 0, 0)),
    "touching spans do not overlap": ([q(0, 10)], [q(10, 20)], None, (0, 0, 0, 0, 0, 0)),
    "one-to-one: a duplicate counts once": ([q(0, 10)], [q(0, 10), q(0, 10)], None, (1, 1, 1, 1, 0, 0)),
    "greedy takes the higher iou": ([q(0, 10, "A"), q(2, 12, "B")], [q(2, 12, "B")], None,
                                    (1, 1, 1, 1, 1, 1)),
    "equal iou: earlier gold wins": ([q(0, 10, "A"), q(4, 14, "B")], [q(2, 12, "B")], None,
                                     (0, 1, 0, 1, 0, 1)),
    "null gold, null pred": ([q(0, 10)], [q(0, 10, "")], None, (1, 1, 1, 1, 0, 0)),
    "null gold, named pred": ([q(0, 10)], [q(0, 10, "Bob")], None, (1, 1, 0, 1, 0, 0)),
    "named gold, null pred": ([q(0, 10, "Bob")], [q(0, 10)], None, (1, 1, 0, 1, 0, 1)),
    "casefold and whitespace": ([q(0, 10, "Jens  Stoltenberg")], [q(0, 10, " jens stoltenberg ")], None,
                                (1, 1, 1, 1, 1, 1)),
    "alias": ([q(0, 10, "Rustem Umerov", speaker_aliases=["Умеров"])], [q(0, 10, "умеров")], None,
              (1, 1, 1, 1, 1, 1)),
    "mention equals gold": ([q(0, 10, "Umerov")], [q(0, 10, "X", speaker_mention="Umerov")], None,
                            (1, 1, 1, 1, 1, 1)),
    "contains gold name as words": ([q(0, 10, "Jens Stoltenberg")],
                                    [q(0, 10, "Former Secretary General Jens Stoltenberg")], None,
                                    (1, 1, 1, 1, 1, 1)),
    "contained name must be whole words": ([q(0, 10, "Jens")], [q(0, 10, "Jensen")], None,
                                           (1, 1, 0, 1, 0, 1)),
    "contained name needs 4+ characters": ([q(0, 10, "Li")], [q(0, 10, "Li Wei")], None,
                                           (1, 1, 0, 1, 0, 1)),
    "speaker spans overlap": ([q(0, 10, "he", speaker_start=20, speaker_end=22)],
                              [q(0, 10, "Umerov", speaker_start=21, speaker_end=27)], None,
                              (1, 1, 1, 1, 1, 1)),
    "speaker spans touch only": ([q(0, 10, "he", speaker_start=20, speaker_end=22)],
                                 [q(0, 10, "Umerov", speaker_start=22, speaker_end=28)], None,
                                 (1, 1, 0, 1, 0, 1)),
    "kind filters gold and typed preds": ([q(0, 10, kind="direct"), q(20, 30, kind="indirect")],
                                          [q(0, 10, kind="direct"), q(20, 30, kind="indirect")], "direct",
                                          (1, 1, 1, 1, 0, 0)),
    "kind keeps untyped preds": ([q(0, 10, kind="direct")], [q(0, 10), q(20, 30)], "direct",
                                 (1, 1, 1, 1, 0, 0)),
    "mixed pred is not indirect": ([q(0, 10, kind="indirect")], [q(0, 10, kind="mixed")], "indirect",
                                   (0, 0, 0, 0, 0, 0)),
}


@pytest.mark.parametrize(("gold", "pred", "kind", "expected"), list(CASES.values()), ids=list(CASES))
def test_evaluate_score_matching_rules(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], kind: str | None,
    expected: tuple[int, ...],
) -> None:
    r = score({"d": {"id": "d", "quotes": gold}}, {"d": {"id": "d", "statements": pred}}, kind)
    assert spans(r) == expected


@pytest.mark.parametrize(
    ("pred_docs", "expected_pred", "expected_recall"),
    [
        ({}, 0, 0.0),  # a gold document without prediction is scored as empty
        ({"d": {"quotes": [], "statements": [q(0, 10)]}}, 1, 0.5),  # empty quotes: statements are read
        ({"d": {"quotes": [q(0, 10)]}, "other": {"quotes": [q(0, 10)]}}, 1, 0.5),  # unknown ids ignored
    ],
)
def test_evaluate_score_documents(pred_docs: dict[str, Any], expected_pred: int,
                                  expected_recall: float) -> None:
    gold = {"d": {"quotes": [q(0, 10), q(20, 30)]}}
    r = score(gold, pred_docs)
    assert (r["pred_quotes"], r["overlap"]["recall"]) == (expected_pred, expected_recall)
