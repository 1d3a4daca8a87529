"""Raise the quality gate's floors to what the pipeline measures now.

    python tests/eval/ratchet.py                      # raise floors, never lower them
    python tests/eval/ratchet.py --dry-run            # only print the table
    python tests/eval/ratchet.py --lower polnear.all.overlap_f1 --why "trade recall for speed, see #12"

A floor becomes the current value rounded down to 3 decimals when that is higher. A metric below its
floor keeps its floor (and the script exits 1) unless ``--lower METRIC --why REASON`` names it; the
reason goes into the ``history`` of floors.json next to the old and new value.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gate_metrics import (
    FLOORS_PATH,
    REPO,
    all_metrics,
    floor_down,
    load_dataset,
    metric_names,
    missing_files,
    read_floors,
    table,
    write_floors,
)


def git_head() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                             text=True, check=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def measure() -> dict[str, float]:
    datasets = []
    for name in ("polnear", "adaq_ru", "example"):
        missing = missing_files(name)
        if missing:
            raise SystemExit(f"cannot measure {name}: missing {', '.join(map(str, missing))}")
        t = time.perf_counter()
        datasets.append(load_dataset(name))
        took = time.perf_counter() - t
        print(f"{name}: {len(datasets[-1].gold)} documents in {took:.1f}s", file=sys.stderr)
    return all_metrics(datasets)


def ratchet(data: dict[str, Any], current: dict[str, float], lower: dict[str, str],
            now: str, commit: str | None) -> list[str]:
    """Update ``data`` in place; return the metrics left below their floor."""
    floors: dict[str, float] = data["floors"]
    for name in lower:
        if name in floors and current.get(name, float("inf")) >= floors[name]:
            print(f"note: {name} is not below its floor; --lower ignored", file=sys.stderr)
    below = []
    for name in metric_names():
        value = floor_down(current[name])
        old = floors.get(name)
        entry = {"when": now, "commit": commit, "metric": name, "from": old, "to": value}
        if old is None or value > old:
            floors[name] = value
            data["history"].append({**entry, "why": "ratchet: measured higher" if old is not None
                                    else "ratchet: new metric"})
        elif current[name] < old:
            if name in lower:
                floors[name] = value
                data["history"].append({**entry, "why": lower[name]})
            else:
                below.append(name)
    data["floors"] = dict(sorted(floors.items()))
    return below


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lower", action="append", default=[], metavar="METRIC",
                    help="allow this metric's floor to go down (needs --why)")
    ap.add_argument("--why", help="why the floors named by --lower may go down (kept in floors.json)")
    ap.add_argument("--dry-run", action="store_true", help="print the table, change nothing")
    args = ap.parse_args(argv)
    unknown = set(args.lower) - set(metric_names())
    if unknown:
        ap.error(f"unknown metric(s) {sorted(unknown)}; known: {', '.join(metric_names())}")
    if args.lower and not (args.why and args.why.strip()):
        ap.error("--lower needs --why \"a reason\"")

    current = measure()
    data = read_floors()
    print(table(current, data["floors"]))
    if args.dry_run:
        return 0
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    below = ratchet(data, current, {m: args.why.strip() for m in args.lower}, now, git_head())
    write_floors(data)
    print(f"\nwrote {FLOORS_PATH}")
    if below:
        print(f"below floor (kept; use --lower METRIC --why ...): {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
