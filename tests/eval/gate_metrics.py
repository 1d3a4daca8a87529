"""What the quality gate measures, shared by the gate (``test_quality_gate.py``) and ``ratchet.py``.

The annotated data lives outside the repository, in ``../shared`` next to the repo root (its
licences forbid committing it); ``SAYSO_SHARED_DIR`` points elsewhere.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any

from sayso.evaluate import ScoreResult, greedy_match, load_docs, predict, score, speaker_correct

REPO = Path(__file__).resolve().parents[2]
FLOORS_PATH = Path(__file__).resolve().parent / "floors.json"

Docs = dict[str, dict[str, Any]]

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def shared_dir() -> Path:
    return Path(os.environ.get("SAYSO_SHARED_DIR") or REPO.parent / "shared")


def shared_file(*parts: str) -> Path:
    return shared_dir().joinpath(*parts)


def example_gold_paths() -> list[Path]:
    return sorted(shared_file("examples").glob("*.gold.jsonl"))


@dataclass
class Dataset:
    """Gold documents and the pipeline's predictions for them."""

    name: str
    gold: Docs
    pred: Docs
    paths: list[Path]

    @classmethod
    def load(cls, name: str, paths: Iterable[Path]) -> Dataset:
        gold: Docs = {}
        paths = list(paths)
        for p in paths:
            gold.update(load_docs(p))
        return cls(name, gold, predict(gold), paths)


DATASET_FILES: dict[str, Callable[[], list[Path]]] = {
    "polnear": lambda: [shared_file("data", "polnear-dev.jsonl")],
    "adaq_ru": lambda: [shared_file("data", "adaq-ru-dev.jsonl")],
    "example": example_gold_paths,
}


def missing_files(name: str) -> list[Path]:
    paths = DATASET_FILES[name]()
    if not paths:
        return [shared_file("examples", "*.gold.jsonl")]
    return [p for p in paths if not p.is_file()]


def load_dataset(name: str) -> Dataset:
    return Dataset.load(name, DATASET_FILES[name]())


# ---------------------------------------------------------------------------------------------
# metrics


def result_metrics(result: ScoreResult) -> dict[str, float]:
    s = result["speaker"]
    return {
        "overlap_f1": result["overlap"]["f1"],
        "overlap_precision": result["overlap"]["precision"],
        "overlap_recall": result["overlap"]["recall"],
        "speaker_accuracy": s["accuracy"],
        "speaker_accuracy_gold_named": s["accuracy_gold_named"],
    }


def is_english(quote: Mapping[str, Any], doc_text: str) -> bool:
    lang = quote.get("language")
    if lang:
        return bool(lang == "en")
    text = quote.get("text") or doc_text[int(quote["start"]):int(quote["end"])]
    return not CYRILLIC.search(text)


def english_only(gold: Docs) -> Docs:
    return {
        k: {**d, "quotes": [q for q in d.get("quotes") or () if is_english(q, d.get("text") or "")]}
        for k, d in gold.items()
    }


def example_matched_with_speaker(ds: Dataset) -> int:
    """English gold statements of the example articles matched (IoU >= 0.5) with a right speaker."""
    return score(english_only(ds.gold), ds.pred)["speaker"]["correct"]


def example_fields_right(ds: Dataset) -> dict[str, int]:
    """Over the gold statements of the example articles (any language) matched by a prediction: how
    many have the right speaker, and how many of those whose gold gives ``said_on`` / ``reported_by``
    carry the same value (``reported_by`` right when the gold outlet is the prediction's whole list)."""
    out = {"all_matched_with_speaker": 0, "said_on_right": 0, "reported_by_right": 0}
    for key, gold in ds.gold.items():
        gq = list(gold.get("quotes") or ())
        pq = list(ds.pred.get(key, {}).get("statements") or ())
        for i, j in greedy_match(gq, pq):
            g, p = gq[i], pq[j]
            out["all_matched_with_speaker"] += speaker_correct(g, p)
            if g.get("said_on"):
                out["said_on_right"] += p.get("said_on") == g["said_on"]
            if g.get("reported_by"):
                out["reported_by_right"] += list(p.get("reported_by") or ()) == [g["reported_by"]]
    return out


def not_quote_violations(ds: Dataset) -> list[tuple[str, str]]:
    """(article id, text) of every statement whose text is one of the gold line's ``not_quotes``."""
    found = []
    for key, gold in ds.gold.items():
        banned = {norm(t) for t in gold.get("not_quotes") or ()}
        for st in ds.pred.get(key, {}).get("statements") or ():
            if norm(st["text"]) in banned:
                found.append((key, st["text"]))
    return found


def norm(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:!?\"'“”«»„‘’").casefold()


def dataset_metrics(ds: Dataset) -> dict[str, float]:
    if ds.name == "example":
        return {"example.en_matched_with_speaker": example_matched_with_speaker(ds),
                **{f"example.{k}": v for k, v in example_fields_right(ds).items()}}
    out: dict[str, float] = {}
    kinds: tuple[str | None, ...] = (None, "direct") if ds.name == "polnear" else (None,)
    for kind in kinds:
        for metric, value in result_metrics(score(ds.gold, ds.pred, kind)).items():
            out[f"{ds.name}.{kind or 'all'}.{metric}"] = value
    return out


def all_metrics(datasets: Iterable[Dataset]) -> dict[str, float]:
    out: dict[str, float] = {}
    for ds in datasets:
        out.update(dataset_metrics(ds))
    return out


def metric_names() -> list[str]:
    """Every metric the gate checks (without running anything)."""
    names = ["example.en_matched_with_speaker", "example.all_matched_with_speaker",
             "example.said_on_right", "example.reported_by_right"]
    for prefix in ("polnear.all", "polnear.direct", "adaq_ru.all"):
        names += [f"{prefix}.{m}" for m in (
            "overlap_f1", "overlap_precision", "overlap_recall",
            "speaker_accuracy", "speaker_accuracy_gold_named")]
    return sorted(names)


# ---------------------------------------------------------------------------------------------
# floors


def floor_down(value: float, places: int = 3) -> float:
    """``value`` rounded down to ``places`` decimals, without binary-float surprises."""
    q = Decimal(1).scaleb(-places)
    return float(Decimal(repr(float(value))).quantize(q, rounding=ROUND_FLOOR))


def read_floors(path: Path = FLOORS_PATH) -> dict[str, Any]:
    if not path.is_file():
        return {"floors": {}, "history": []}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("floors", {})
    data.setdefault("history", [])
    return data


def write_floors(data: Mapping[str, Any], path: Path = FLOORS_PATH) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# The "Done when" figures of issue 2: shown next to the floors as goals, not checked.
TARGETS = {
    "polnear.direct.overlap_f1": 0.90,
    "polnear.direct.speaker_accuracy": 0.90,
    "polnear.all.overlap_f1": 0.60,
    "polnear.all.speaker_accuracy": 0.85,
    "example.en_matched_with_speaker": 7,
    # issues 3 and 4: all 11 English and both Russian statements; 6 said_on and 6 reported_by in the gold
    "example.all_matched_with_speaker": 13,
    "example.said_on_right": 6,
    "example.reported_by_right": 6,
}


def table(current: Mapping[str, float], floors: Mapping[str, float]) -> str:
    """Current values against floors (and the issue's targets), one metric a line, failures marked."""
    rows = [f"{'metric':45s} {'current':>9s} {'floor':>9s} {'target':>7s}"]
    for name in sorted(set(current) | set(floors)):
        cur, fl = current.get(name), floors.get(name)
        mark = ""
        if cur is None:
            mark = "  (not measured)"
        elif fl is None:
            mark = "  (no floor)"
        elif cur < fl:
            mark = "  BELOW FLOOR"
        cur_s = "-" if cur is None else f"{cur:.4f}"
        fl_s = "-" if fl is None else f"{fl:.3f}"
        target = TARGETS.get(name)
        target_s = "" if target is None else f"{target:g}"
        rows.append(f"{name:45s} {cur_s:>9s} {fl_s:>9s} {target_s:>7s}{mark}")
    return "\n".join(rows)
