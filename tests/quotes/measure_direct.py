"""Measure ``quotes.direct`` against the direct quotes of polnear-dev (not a test).

    .venv/bin/python tests/quotes/measure_direct.py [--show-missed N] [--show-extra N] [--close-unclosed]

Gold direct spans exclude their outer marks, as quotations do. (a) share of gold direct spans equal
to a quotation, and with IoU >= 0.5; (b) quotations that overlap no gold direct span, broken down by
what they are. PolNeAR's converter files the New York Times' ''…'' quotations as ``indirect`` with
the marks included; they are counted apart ("typewriter").
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from sayso.model import Quotation
from sayso.quotes.direct import find_pairs, looks_like_name, quotations_of
from sayso.text.normalize import normalise_text
from sayso.text.segment import find_paragraphs

REPO = Path(__file__).resolve().parents[2]


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def best(span: tuple[int, int], spans: list[tuple[int, int]], starts: list[int]) -> float:
    # spans sorted by start; a span that overlaps starts before span[1]
    out = 0.0
    for k in range(bisect.bisect_left(starts, span[1]) - 1, -1, -1):
        s = spans[k]
        out = max(out, iou(span, s))
        if span[0] - s[0] > 20_000:
            break
    return out


def strip_typewriter(text: str, start: int, end: int) -> tuple[int, int] | None:
    s = text[start:end]
    if s.startswith("''") and s.endswith("''") and len(s) > 4:
        a, b = start + 2, end - 2
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        return a, b
    return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("SAYSO_SHARED_DIR", str(REPO.parent / "shared")))
    ap.add_argument("--show-missed", type=int, default=0)
    ap.add_argument("--show-extra", type=int, default=0)
    ap.add_argument("--extra-kind", default="other")
    ap.add_argument("--close-unclosed", action="store_true")
    args = ap.parse_args()
    path = Path(args.data) / "data" / "polnear-dev.jsonl"
    if not path.is_file():
        print(f"no data at {path}", file=sys.stderr)
        return 2
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    n_gold = exact = overlap = 0
    n_tw = tw_exact = tw_overlap = 0
    n_q = 0
    extra: Counter[str] = Counter()
    gold_names = 0
    missed: list[str] = []
    shown: list[str] = []
    elapsed = 0.0
    for d in docs:
        text = d["text"]
        t0 = time.process_time()
        norm = normalise_text(text)
        pairs = find_pairs(norm, find_paragraphs(norm), args.close_unclosed)
        qs: list[Quotation] = quotations_of(norm, pairs)
        elapsed += time.process_time() - t0
        n_q += len(qs)
        spans = [(q.start, q.end) for q in qs]
        starts = [s for s, _ in spans]
        exact_set = set(spans)
        direct, typewriter, indirect, mixed = [], [], [], []
        for g in d["quotes"]:
            sp = (g["start"], g["end"])
            if g["kind"] == "direct":
                direct.append(sp)
                gold_names += looks_like_name(text[sp[0]:sp[1]])
            else:
                tw = strip_typewriter(text, *sp)
                if tw and not g["mixed"]:
                    typewriter.append(tw)
                (mixed if g["mixed"] else indirect).append(sp)
        for sp in direct:
            n_gold += 1
            exact += sp in exact_set
            b = best(sp, spans, starts)
            overlap += b >= 0.5
            if b < 0.5 and len(missed) < args.show_missed:
                missed.append(f"{d['id']} {b:.2f} {text[max(0, sp[0] - 60):sp[1] + 30]!r}")
        for sp in typewriter:
            n_tw += 1
            tw_exact += sp in exact_set
            tw_overlap += best(sp, spans, starts) >= 0.5
        gold_all = sorted(direct + typewriter)
        gstarts = [s for s, _ in gold_all]
        for q in qs:
            sp = (q.start, q.end)
            if best(sp, gold_all, gstarts) >= 0.5:
                continue
            words = text[q.start:q.end]
            if any(a <= q.open_at and q.outer_end <= b for a, b in mixed):
                why = "inside a mixed gold span"
            elif any(a <= q.open_at and q.outer_end <= b for a, b in indirect):
                why = "inside an indirect gold span"
            elif any(iou(sp, g) >= 0.5 for g in direct + indirect + mixed) or any(
                iou((q.open_at, q.outer_end), g) >= 0.5 for g in indirect + mixed
            ):
                why = "matches an indirect gold span"
            elif any(iou(sp, g) > 0 for g in direct):
                why = "overlaps a gold direct span (IoU < 0.5)"
            elif looks_like_name(words):
                why = "name or title (looks_like_name)"
            elif len(words.split()) <= 3:
                why = "scare quote (1-3 words)"
            else:
                why = "other"
            extra[why] += 1
            if why.startswith(args.extra_kind) and len(shown) < args.show_extra:
                shown.append(f"{d['id']} {text[max(0, q.open_at - 60):q.outer_end + 30]!r}")
    print(f"documents: {len(docs)}  quotations: {n_q}  CPU time in quotes.direct: {elapsed:.3f}s")
    print(f"(a) gold direct spans: {n_gold}  exact: {exact / n_gold:.4f} ({exact})  "
          f"IoU>=0.5: {overlap / n_gold:.4f} ({overlap})")
    print(f"    typewriter ''…'' gold (filed indirect): {n_tw}  exact: {tw_exact / max(n_tw, 1):.4f}  "
          f"IoU>=0.5: {tw_overlap / max(n_tw, 1):.4f}")
    print(f"    gold direct spans that looks_like_name calls a name: {gold_names}")
    print(f"(b) quotations that match no gold direct/typewriter span: {sum(extra.values())}")
    for why, c in extra.most_common():
        print(f"    {c:5d}  {why}")
    for s in missed:
        print("MISSED", s)
    for s in shown:
        print("EXTRA", s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
