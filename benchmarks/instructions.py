"""What each stage costs in executed instructions: a measure that machine load does not move.

CPU time on a shared machine drifts by up to a third from minute to minute, enough to hide a 10%
change. Valgrind's callgrind counts the instructions the interpreter executes instead, which is the
same on every run of the same code and input. It cannot see cache misses, so it is not throughput:
``throughput.py`` stays the measure of record, and this one tells whether a change made the work
smaller.

    python benchmarks/instructions.py [--input FILE.jsonl] [--limit 150] [--jobs 2]

Needs ``valgrind`` (Debian: ``apt-get install valgrind``) and sayso importable by this Python. For each
variant (the default pipeline; without all issue-3 stages; without each of them) it runs a child under
callgrind that processes the documents twice: once to warm the caches, then once counted. A stage's
cost is the default pipeline's count minus the count without it. A run takes about a minute per
variant for 150 documents.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_INPUT, ISSUE3_STAGES, iter_records, revision

_SUMMARY = re.compile(r"^summary:\s*(\d+)", re.MULTILINE)


def worker(path: Path, limit: int, drop: list[str]) -> None:
    """Run the pipeline without ``drop`` over the documents: a warm pass, then the counted one (the
    parent counts only inside ``functools.reduce``)."""
    from sayso.api import to_article
    from sayso.pipeline import DEFAULT_STAGES, Pipeline

    pipe = Pipeline([s for s in DEFAULT_STAGES if s not in drop])
    records = list(iter_records(path, limit))
    for r in records:
        pipe(to_article(r))
    functools.reduce(lambda _, r: pipe(to_article(r)), records, None)


def count(path: Path, limit: int, drop: list[str]) -> int:
    """Instructions of the counted pass of one variant."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
               f"--callgrind-out-file={out}", sys.executable, __file__, "--worker", "--input", str(path),
               "--limit", str(limit), "--drop", ",".join(drop)]
        env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same set and dict orders every run
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if done.returncode != 0 or not out.exists():
            raise SystemExit(f"instructions.py: the callgrind run failed:\n{done.stderr[-2000:]}")
        m = _SUMMARY.search(out.read_text())
        if m is None or int(m.group(1)) == 0:
            raise SystemExit("instructions.py: callgrind counted nothing (was functools.reduce renamed?)")
        return int(m.group(1))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="JSONL documents (a text field each)")
    p.add_argument("--limit", type=int, default=150, help="the first N documents (default 150)")
    p.add_argument("--jobs", type=int, default=2, help="variants counted at once (default 2)")
    p.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--drop", default="", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    drop = [s for s in args.drop.split(",") if s]
    if args.worker:
        worker(args.input, args.limit, drop)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions.py: valgrind is not installed (Debian: apt-get install valgrind)")
    variants = {"all stages": [], "without the issue-3 stages": list(ISSUE3_STAGES)}
    variants.update({f"without {s}": [s] for s in ISSUE3_STAGES})
    print(f"counting {len(variants)} variants on the first {args.limit} documents of {args.input} "
          "under callgrind...", file=sys.stderr)
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        counts = dict(zip(variants, pool.map(lambda d: count(args.input, args.limit, d), variants.values()),
                          strict=True))
    full = counts["all stages"]
    stages = {s: full - counts[f"without {s}"] for s in ISSUE3_STAGES}
    issue3 = full - counts["without the issue-3 stages"]
    result = {"revision": revision(), "documents": args.limit, "instructions": counts,
              "stages": stages, "issue3_share": issue3 / full}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"sayso at {result['revision']}: instructions of one warm pass over {args.limit} documents")
    for name, n in counts.items():
        print(f"  {name:32s} {n / 1e6:10.1f} M")
    for s, n in stages.items():
        print(f"  {s:32s} {n / 1e6:10.1f} M  {n / full:6.1%}")
    print(f"issue-3 stages: {issue3 / 1e6:.1f} M instructions, {issue3 / full:.1%} of the pipeline "
          "(CPU time is the measure of record: see throughput.py)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
