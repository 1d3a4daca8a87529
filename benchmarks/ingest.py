"""Ingest benchmark: `sayso ingest` of N articles with --jobs 1 and --jobs 2, rate and peak memory.

    python benchmarks/ingest.py [--articles 10000] [--input FILE.jsonl] [--jobs 1,2]

The corpus is the texts of ../shared/data/polnear-dev.jsonl (or --input) cycled to N articles, every
copy after the first lap given a sentence with its copy number so that no two are identical (the store
keeps one article per content hash). Each run starts from an empty store and runs the real CLI in its
own process; the peak memory is the largest resident set of the CLI and all its workers together,
sampled every 0.2 s. Issue 5's target: --jobs 2 at >= 1.6x the --jobs 1 rate, peak under 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "data" / "polnear-dev.jsonl"


def build_corpus(source: Path, n: int, out: Path) -> int:
    texts = [json.loads(line)["text"] for line in source.open(encoding="utf-8") if line.strip()]
    if not texts:
        raise SystemExit(f"{source}: no texts")
    chars = 0
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = texts[i % len(texts)]
            if i >= len(texts):
                text += f"\n\nThis is copy {i // len(texts)} of the article."
            chars += len(text)
            fh.write(json.dumps({"id": f"a{i}", "text": text, "published": "2016-06-01"}) + "\n")
    return chars


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in kB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        p = int(entry.name)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(p)
        rss[p] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def run(corpus: Path, jobs: int, sayso: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        proc = subprocess.Popen([sayso, "ingest", str(corpus), "--db", str(db), "--jobs", str(jobs), "-q"])
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(0.2)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"sayso ingest --jobs {jobs} exited with {proc.returncode}")
        import sqlite3

        with sqlite3.connect(db) as con:
            articles = con.execute("select count(*) from articles").fetchone()[0]
            statements = con.execute("select count(*) from statements").fetchone()[0]
    return {"jobs": jobs, "seconds": wall, "articles": articles, "statements": statements,
            "articles_per_s": articles / wall, "peak_rss_mb": peak / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to run")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.input.is_file():
        raise SystemExit(f"input not found: {args.input} (give --input FILE.jsonl with a text field)")
    sayso = str(Path(sys.executable).parent / "sayso")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        chars = build_corpus(args.input, args.articles, corpus)
        results = [run(corpus, int(j), sayso) for j in args.jobs.split(",")]
    base = results[0]["articles_per_s"]
    if args.json:
        print(json.dumps({"articles": args.articles, "chars": chars, "cpus": os.cpu_count(),
                          "runs": results}, indent=1))
        return 0
    print(f"{args.articles} articles, {chars:,} characters, {os.cpu_count()} CPUs")
    print(f"{'jobs':>4} {'seconds':>8} {'articles/s':>11} {'statements':>11} {'peak MB':>8} {'vs first':>8}")
    for r in results:
        print(f"{r['jobs']:>4} {r['seconds']:>8.1f} {r['articles_per_s']:>11.1f} {r['statements']:>11,.0f} "
              f"{r['peak_rss_mb']:>8.0f} {r['articles_per_s'] / base:>7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
