"""Score extracted statements against annotated gold data.

The definitions are those of ``shared/eval/score.py`` (a test checks that both give identical
numbers on the shared data); they are re-implemented here so that the package needs nothing outside
itself.

* ``exact``: a prediction matches a gold quote iff ``(start, end)`` are identical (one-to-one).
* ``overlap``: a prediction matches a gold quote iff the intersection of the two spans is at least
  half of their union (IoU >= 0.5); pairs are matched one-to-one, greedily by decreasing IoU
  (ties: earlier gold, then earlier prediction).
* speaker accuracy, over overlap-matched pairs (see ``speaker_correct``), also reported over the
  pairs whose gold quote names a speaker.

Counts are micro-averaged over all quotes of all gold documents. Gold documents without a
prediction count as documents with no predictions; predicted documents not in the gold are ignored.
With ``kind``, gold quotes are restricted to that kind, and so are predicted quotes that carry a
``kind`` field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypedDict

from .errors import InputError
from .settings import Settings

Doc = Mapping[str, Any]
Quote = Mapping[str, Any]

# Fields of a gold line passed on to ``extract`` when the line has them.
PASSED_FIELDS = ("published", "outlet", "headline")

# The IoU a predicted span needs with a gold span to count as the same quote.
MIN_IOU = 0.5
# A predicted speaker may contain a gold name as whole words ("Former Secretary General Jens
# Stoltenberg"), but only one of 4+ characters: a short one ("he", "AP") must match exactly.
MIN_CONTAINED_NAME = 4


class PRF(TypedDict):
    tp: int
    precision: float
    recall: float
    f1: float


class SpeakerScores(TypedDict):
    matched: int
    correct: int
    accuracy: float
    matched_gold_named: int
    correct_gold_named: int
    accuracy_gold_named: float


class ScoreResult(TypedDict):
    documents: int
    gold_quotes: int
    pred_quotes: int
    exact: PRF
    overlap: PRF
    speaker: SpeakerScores


class GoldFormatError(InputError):
    """A gold or prediction line cannot be read (no id, a duplicate id, bad JSON)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "unreadable")


# ---------------------------------------------------------------------------------------------
# reading


def load_gold(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the documents of a JSON-lines file; ``doc_id`` is accepted for ``id``."""
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as e:
                raise GoldFormatError(f"{path}:{n}: not JSON: {e}") from e
            if not isinstance(doc, dict):
                raise GoldFormatError(f"{path}:{n}: a line must be a JSON object")
            if "id" not in doc and "doc_id" in doc:
                doc["id"] = doc["doc_id"]
            if "id" not in doc:
                raise GoldFormatError(f"{path}:{n}: line without 'id'")
            if doc["id"] in seen:
                raise GoldFormatError(f"{path}:{n}: duplicate id {doc['id']!r}")
            seen.add(doc["id"])
            yield doc


def load_docs(path: str | Path) -> dict[str, dict[str, Any]]:
    """All documents of a JSON-lines file, by id."""
    return {doc["id"]: doc for doc in load_gold(path)}


# ---------------------------------------------------------------------------------------------
# matching


def norm_name(name: object) -> str:
    """Casefolded, stripped, whitespace collapsed; ``None`` gives ``""``."""
    if name is None:
        return ""
    return re.sub(r"\s+", " ", str(name)).strip().casefold()


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two half-open spans."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def span_of(quote: Quote) -> tuple[int, int]:
    return int(quote["start"]), int(quote["end"])


def _contains_name(said: str, names: Iterable[str]) -> bool:
    return any(
        len(n) >= MIN_CONTAINED_NAME and re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", said)
        for n in names
    )


def speaker_correct(gold: Quote, pred: Quote) -> bool:
    """Whether the predicted speaker of a matched pair counts as right.

    Right when the gold speaker is null and the prediction names none; when the predicted speaker
    or mention equals the gold speaker or one of its ``speaker_aliases`` (normalised by
    ``norm_name``), or contains one of those names of 4+ characters as whole words; or when both
    sides give speaker spans and the spans overlap.
    """
    gold_speaker, pred_speaker = norm_name(gold.get("speaker")), norm_name(pred.get("speaker"))
    if not gold_speaker:
        return not pred_speaker
    names = {gold_speaker} | {norm_name(a) for a in gold.get("speaker_aliases") or ()}
    mention = norm_name(pred.get("speaker_mention"))
    if any(said and said in names for said in (pred_speaker, mention)):
        return True
    if any(said and _contains_name(said, names) for said in (pred_speaker, mention)):
        return True
    keys = ("speaker_start", "speaker_end")
    if all(gold.get(k) is not None for k in keys) and all(pred.get(k) is not None for k in keys):
        a = (int(gold["speaker_start"]), int(gold["speaker_end"]))
        b = (int(pred["speaker_start"]), int(pred["speaker_end"]))
        if min(a[1], b[1]) > max(a[0], b[0]):
            return True
    return False


def greedy_match(gold: Sequence[Quote], pred: Sequence[Quote]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, pred index)`` pairs, greedily by decreasing IoU >= 0.5."""
    candidates: list[tuple[float, int, int]] = []
    pred_spans = [span_of(p) for p in pred]
    for i, g in enumerate(gold):
        gs = span_of(g)
        for j, ps in enumerate(pred_spans):
            v = iou(gs, ps)
            if v >= MIN_IOU:
                candidates.append((-v, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return pairs


def count_exact(gold: Sequence[Quote], pred: Sequence[Quote]) -> int:
    """Predictions whose span equals a not yet used gold span."""
    left: dict[tuple[int, int], int] = {}
    for q in gold:
        left[span_of(q)] = left.get(span_of(q), 0) + 1
    tp = 0
    for q in pred:
        s = span_of(q)
        if left.get(s, 0) > 0:
            left[s] -= 1
            tp += 1
    return tp


def prf(tp: int, n_pred: int, n_gold: int) -> PRF:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "precision": p, "recall": r, "f1": f}


def quotes_of(doc: Doc | None, kind: str | None = None, *, gold: bool = False) -> list[Quote]:
    """A document's quotes (``quotes``, else ``statements``), restricted to ``kind``.

    A gold quote without ``kind`` is dropped by a kind filter; a predicted one is kept.
    """
    if not doc:
        return []
    found = list(doc.get("quotes") or (None if gold else doc.get("statements")) or [])
    if kind is None:
        return found
    if gold:
        return [q for q in found if q.get("kind") == kind]
    return [q for q in found if "kind" not in q or q.get("kind") == kind]


def score(gold_docs: Mapping[str, Doc], pred_docs: Mapping[str, Doc], kind: str | None = None) -> ScoreResult:
    """Micro-averaged exact and overlap P/R/F1 and speaker accuracy of ``pred_docs``."""
    n_gold = n_pred = exact_tp = overlap_tp = 0
    spk_ok = spk_n = named_ok = named_n = 0
    for doc_id, gold_doc in gold_docs.items():
        gq = quotes_of(gold_doc, kind, gold=True)
        pq = quotes_of(pred_docs.get(doc_id), kind)
        n_gold += len(gq)
        n_pred += len(pq)
        exact_tp += count_exact(gq, pq)
        for i, j in greedy_match(gq, pq):
            overlap_tp += 1
            ok = speaker_correct(gq[i], pq[j])
            spk_n += 1
            spk_ok += ok
            if norm_name(gq[i].get("speaker")):
                named_n += 1
                named_ok += ok
    return {
        "documents": len(gold_docs),
        "gold_quotes": n_gold,
        "pred_quotes": n_pred,
        "exact": prf(exact_tp, n_pred, n_gold),
        "overlap": prf(overlap_tp, n_pred, n_gold),
        "speaker": {
            "matched": spk_n,
            "correct": spk_ok,
            "accuracy": spk_ok / spk_n if spk_n else 0.0,
            "matched_gold_named": named_n,
            "correct_gold_named": named_ok,
            "accuracy_gold_named": named_ok / named_n if named_n else 0.0,
        },
    }


# ---------------------------------------------------------------------------------------------
# running the pipeline on gold data


def gold_article(doc: Doc) -> dict[str, Any]:
    """The article record ``extract_many`` reads for one gold line."""
    record: dict[str, Any] = {"id": str(doc["id"]), "text": doc.get("text") or ""}
    for name in PASSED_FIELDS:
        if doc.get(name) is not None:
            record[name] = doc[name]
    return record


def predict(gold_docs: Mapping[str, Doc], settings: Settings | None = None) -> dict[str, dict[str, Any]]:
    """Run the pipeline over the gold texts: ``Article.to_dict()`` of each, by gold id."""
    from .api import extract_many  # the pipeline loads its stages lazily; scoring needs none

    articles = extract_many((gold_article(d) for d in gold_docs.values()), settings=settings)
    return {key: a.to_dict() for key, a in zip(gold_docs, articles, strict=True)}


def evaluate_file(gold_path: str | Path, kind: str | None = None,
                  settings: Settings | None = None) -> ScoreResult:
    """Extract statements from every text of ``gold_path`` and score them against its quotes."""
    gold = load_docs(gold_path)
    return score(gold, predict(gold, settings), kind)


def format_report(result: ScoreResult, kind: str | None, *, with_json: bool = False) -> str:
    """The lines ``score.py`` prints; the last one is always ``quote_f1=… speaker_acc=…``."""
    lines = [
        f"documents: {result['documents']}  kind: {kind or 'all'}",
        f"gold quotes: {result['gold_quotes']}  predicted quotes: {result['pred_quotes']}",
    ]
    for label, m in (("exact span", result["exact"]), ("overlap (IoU>=0.5)", result["overlap"])):
        lines.append(f"{label:20s} P={m['precision']:.4f} R={m['recall']:.4f} "
                     f"F1={m['f1']:.4f} (tp={m['tp']})")
    s = result["speaker"]
    lines.append(f"speaker accuracy on overlap-matched quotes: {s['accuracy']:.4f} "
                 f"({s['correct']}/{s['matched']})")
    lines.append(f"  ... where gold names a speaker:          {s['accuracy_gold_named']:.4f} "
                 f"({s['correct_gold_named']}/{s['matched_gold_named']})")
    if with_json:
        lines.append(json.dumps(result, indent=1))
    lines.append(f"quote_f1={result['overlap']['f1']:.4f} speaker_acc={s['accuracy']:.4f}")
    return "\n".join(lines)
