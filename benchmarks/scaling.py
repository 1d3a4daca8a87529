"""Scaling benchmark of ``sayso batch``: the local engine over growing corpora, Spark against it per
core, where the time goes, peak memory of the whole process tree, and the textacy peer in the same run.

    bash benchmarks/run.sh scaling [options]   # installs sayso[bench,spark] and the peer's model first
    python benchmarks/scaling.py [options]     # in a venv that has them already

1. Corpora of 1,000 / 10,000 / 100,000 articles (``--sizes``) made from the shared dev texts
   (polnear-dev, English, and adaq-ru-dev, Russian), each copy after the first lap given a sentence
   with its copy number (so the store keeps every one) and a publication date spread over two years
   (so the output has 24 month partitions). Nothing of it is kept in the repository.
2. ``sayso batch --engine local --jobs J`` on each corpus, then ``sayso load`` of its output into a new
   store: wall time, articles/s, articles/s per core, CPU seconds, peak resident memory of the command
   and all its processes (sampled from /proc every 0.2 s), and the run's own timings (``_sayso.json``).
3. ``sayso batch --engine spark --master local[J]`` on the ``--spark-articles`` corpus, the same way:
   the ratio of its articles/s per core to the local engine's (issue 8 target: at least 0.75), with
   and without the Spark session's start-up.
4. ``--peer`` (default): ``benchmarks/throughput.py`` on the dev set in the same run, for sayso's ratio
   to the textacy peer and its CPU time per pipeline stage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
DEFAULT_INPUTS = (SHARED / "polnear-dev.jsonl", SHARED / "adaq-ru-dev.jsonl")
SAMPLE_SECONDS = 0.2
TARGET_SPARK_RATIO = 0.75
MEMORY_BUDGET_MB = 2048
FIRST_DAY = dt.date(2023, 1, 1)
DAYS = 730


# --- corpus ----------------------------------------------------------------------------------------
def read_texts(paths: list[Path]) -> list[dict[str, str]]:
    records = []
    for path in paths:
        if not path.is_file():
            raise SystemExit(f"input not found: {path} (give --inputs FILE.jsonl,... with a 'text' field)")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    meta = record.get("meta") or {}
                    records.append({"text": record["text"], "outlet": meta.get("publisher") or "",
                                    "headline": meta.get("title") or ""})
    if not records:
        raise SystemExit("the inputs hold no texts")
    return records


def build_corpus(records: list[dict[str, str]], n: int, out: Path) -> dict[str, int]:
    """``n`` articles from ``records`` as JSON lines: copies get a numbered sentence and every article a
    date of its own (spread over ``DAYS`` days), an id, its outlet and headline."""
    chars = 0
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            base = records[i % len(records)]
            lap = i // len(records)
            text = base["text"] + (f"\n\nThis is copy {lap} of the article." if lap else "")
            day = FIRST_DAY + dt.timedelta(days=(i * 37) % DAYS)
            record = {"id": f"a{i}", "text": text, "published": day.isoformat()}
            record.update({k: base[k] for k in ("outlet", "headline") if base[k]})
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            chars += len(text)
    return {"articles": n, "chars": chars, "bytes": out.stat().st_size}


# --- measuring a command ---------------------------------------------------------------------------
def _tree() -> tuple[dict[int, list[int]], dict[int, tuple[int, float]]]:
    """Children of every process, and each one's resident kB and CPU seconds (from /proc)."""
    children: dict[int, list[int]] = {}
    usage: dict[int, tuple[int, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid, ppid = int(entry.name), int(fields[1])
        rss = next((int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS:")), 0)
        children.setdefault(ppid, []).append(pid)
        usage[pid] = (rss, (int(fields[11]) + int(fields[12])) / tick)
    return children, usage


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``cmd``; wall time, the peak of the summed resident memory of it and all its descendants,
    and their CPU seconds (each process's last sample; the 0.2 s before a process ends is missed)."""
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors, stdin=subprocess.DEVNULL,
                                env=env)
        peak, cpu = 0, {}
        while proc.poll() is None:
            children, usage = _tree()
            total, stack = 0, [proc.pid]
            while stack:
                pid = stack.pop()
                rss, seconds = usage.get(pid, (0, 0.0))
                total += rss
                cpu[pid] = max(cpu.get(pid, 0.0), seconds)
                stack.extend(children.get(pid, []))
            peak = max(peak, total)
            time.sleep(SAMPLE_SECONDS)
        wall = time.perf_counter() - start
        errors.seek(0)
        err = errors.read()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}... exited with {proc.returncode}:\n{err[-3000:]}")
    return {"seconds": wall, "peak_mb": peak / 1024, "cpu_seconds": sum(cpu.values())}


def sayso() -> str:
    return str(Path(sys.executable).parent / "sayso")


def batch_run(corpus: Path, size: int, out: Path, engine: str, args: argparse.Namespace,
              load: bool) -> dict[str, Any]:
    cmd = [sayso(), "batch", str(corpus), "--output", str(out), "--engine", engine, "-q",
           "--part-articles", str(args.part_articles)]
    cores = args.jobs
    if engine == "spark":
        cmd += ["--master", f"local[{args.jobs}]"]
    else:
        cmd += ["--jobs", str(args.jobs)]
    _say(f"{engine}: sayso batch of {size:,} articles...")
    m = run_measured(cmd)
    manifest = json.loads((out / "_sayso.json").read_text(encoding="utf-8"))
    timings = manifest["timings"]
    result = {"engine": engine, "articles": size, "cores": cores, **{k: m[k] for k in
              ("seconds", "peak_mb", "cpu_seconds")}, "statements": manifest["statements"],
              "skips": manifest["skips"], "parts": len(manifest["parts"]), "timings": timings}
    result["per_s"] = size / m["seconds"]
    result["per_core"] = result["per_s"] / cores
    result["per_cpu_s"] = size / m["cpu_seconds"] if m["cpu_seconds"] else None
    if engine == "spark":
        work = m["seconds"] - timings.get("session", 0.0)
        result["per_core_without_startup"] = size / work / cores
    if load:
        _say(f"{engine}: sayso load of {size:,} articles...")
        db = out.parent / f"{out.name}.db"
        loaded = run_measured([sayso(), "load", str(out), "--db", str(db), "-q"])
        result["load"] = {k: loaded[k] for k in ("seconds", "peak_mb", "cpu_seconds")}
        result["load"]["db_mb"] = db.stat().st_size / 1e6
        db.unlink()
    return result


def compare_spark(corpus: Path, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    """The local and the Spark engine on the same corpus, alternated ``--repeat`` times; the fastest
    run of each is compared (on a shared machine the others lost time to other processes)."""
    size = args.spark_articles
    runs: dict[str, list[dict[str, Any]]] = {"local": [], "spark": []}
    for i in range(args.repeat):
        for engine in ("local", "spark"):
            runs[engine].append(batch_run(corpus, size, root / f"{engine}-{size}-{i}", engine, args, False))
    local = min(runs["local"], key=lambda r: r["seconds"])
    spark = min(runs["spark"], key=lambda r: r["seconds"])
    return {
        "local": local, "spark": spark, "ratio": spark["per_core"] / local["per_core"],
        "ratio_without_startup": spark["per_core_without_startup"] / local["per_core"],
        "ratio_cpu": spark["per_cpu_s"] / local["per_cpu_s"],
        "walls": {k: [round(r["seconds"], 1) for r in v] for k, v in runs.items()},
        "same_counts": (spark["statements"], spark["skips"]) == (local["statements"], local["skips"]),
    }


def peer_run(limit: int | None) -> dict[str, Any]:
    """throughput.py on the dev set: sayso against textacy, and sayso's time per pipeline stage."""
    cmd = [sys.executable, str(REPO / "benchmarks" / "throughput.py"), "--json", "--repeat", "1",
           "--memory-check", "0"]
    if limit:
        cmd += ["--limit", str(limit)]
    _say("peer: benchmarks/throughput.py (sayso and textacy on the dev set)...")
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0 or not done.stdout.strip():
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    r: dict[str, Any] = json.loads(done.stdout)
    stages = r["engines"].get("sayso", {}).get("stages", {})
    return {"docs": r["docs"], "ratio": r.get("ratio"), "ratio_cpu": r.get("ratio_cpu"),
            "sayso_docs_per_s": r["engines"].get("sayso", {}).get("docs_per_s"),
            "textacy_docs_per_s": r["engines"].get("textacy", {}).get("docs_per_s"),
            "stage_share": stages.get("share", {}), "stage_seconds": stages.get("seconds", {}),
            "errors": r.get("errors", [])}


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        revision = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                  capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        revision = None
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "cpus": os.cpu_count(),
            "cpu": cpu, "python": platform.python_version(), "revision": revision,
            "loadavg_start": round(os.getloadavg()[0], 2)}


# --- report ----------------------------------------------------------------------------------------
def print_report(results: dict[str, Any]) -> None:
    m = results["machine"]
    print(f"sayso batch scaling - {m['date']}; {m['cpus']} CPUs ({m['cpu']}); Python {m['python']}; "
          f"sayso at {m['revision']}; load average {m['loadavg_start']} at the start, "
          f"{m['loadavg_end']} at the end")
    print(f"\nlocal engine, --jobs {results['jobs']}, --part-articles {results['part_articles']}")
    print(f"{'articles':>9} {'seconds':>8} {'art/s':>7} {'per core':>8} {'art/CPU-s':>9} {'statements':>11} "
          f"{'peak MB':>8} {'write s':>8} {'load s':>7} {'load MB':>8}")
    for r in results["local"]:
        load = r.get("load", {})
        print(f"{r['articles']:>9,} {r['seconds']:>8.1f} {r['per_s']:>7.1f} {r['per_core']:>8.1f} "
              f"{r['per_cpu_s'] or 0:>9.1f} {r['statements']:>11,} {r['peak_mb']:>8.0f} "
              f"{r['timings'].get('write', 0):>8.1f} {load.get('seconds', 0):>7.1f} "
              f"{load.get('peak_mb', 0):>8.0f}")
    largest = max(results["local"], key=lambda r: r["articles"], default=None)
    if largest:
        ok = "PASS" if largest["peak_mb"] < MEMORY_BUDGET_MB else "FAIL"
        print(f"peak memory of the {largest['articles']:,}-article batch (all its processes): "
              f"{largest['peak_mb']:.0f} MB (budget {MEMORY_BUDGET_MB:,} MB: {ok})")
    spark = results.get("spark")
    if spark:
        local = spark["local"]
        print(f"\nspark (local[{results['jobs']}]) against local (--jobs {results['jobs']}) on "
              f"{spark['spark']['articles']:,} articles")
        for r in (local, spark["spark"]):
            t = r["timings"]
            stages = ", ".join(f"{k} {v:.1f}s" for k, v in t.items())
            print(f"  {r['engine']:<6} {r['seconds']:>7.1f} s  {r['per_s']:>6.1f} art/s  "
                  f"{r['per_core']:>6.1f} "
                  f"per core  peak {r['peak_mb']:>5.0f} MB  statements {r['statements']:,}  ({stages})")
        print(f"  spark/local per core: {spark['ratio']:.2f} (target >= {TARGET_SPARK_RATIO}); without "
              f"the session start-up: {spark['ratio_without_startup']:.2f}; in articles per CPU second: "
              f"{spark['ratio_cpu']:.2f}; same statements: {spark['same_counts']}; all runs (s): "
              f"{spark['walls']}")
    peer = results.get("peer")
    if peer:
        if "error" in peer:
            print(f"\npeer: FAILED: {peer['error']}")
        else:
            print(f"\npeer (throughput.py on {peer['docs']} dev documents, one pass each): sayso "
                  f"{peer['sayso_docs_per_s']:.1f} docs/s, textacy {peer['textacy_docs_per_s']:.1f} docs/s: "
                  f"ratio {peer['ratio']:.1f}x ({peer['ratio_cpu']:.1f}x per CPU second)")
            top = sorted(peer["stage_share"].items(), key=lambda kv: -kv[1])
            print("  sayso CPU time per pipeline stage: " + ", ".join(f"{k} {v:.0%}" for k, v in top))


def _say(msg: str) -> None:
    print(f"[scaling] {msg}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes for the local engine")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="local worker processes, and the N of local[N] for Spark (default: all CPUs)")
    p.add_argument("--part-articles", type=int, default=1000)
    p.add_argument("--spark-articles", type=int, default=10_000, help="0 skips Spark")
    p.add_argument("--repeat", type=int, default=2,
                   help="runs of each engine in the Spark comparison, alternated; the fastest counts")
    p.add_argument("--no-load", action="store_true", help="do not time `sayso load`")
    p.add_argument("--no-peer", action="store_true", help="do not run throughput.py against textacy")
    p.add_argument("--peer-limit", type=int, default=None, help="dev documents for the peer")
    p.add_argument("--inputs", default=",".join(str(x) for x in DEFAULT_INPUTS))
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    records = read_texts([Path(x) for x in args.inputs.split(",") if x])
    results: dict[str, Any] = {"machine": machine(), "jobs": args.jobs, "part_articles": args.part_articles,
                               "sizes": sizes, "local": []}
    with tempfile.TemporaryDirectory(prefix="sayso-scaling-") as tmp:
        root = Path(tmp)
        corpora: dict[int, Path] = {}
        for size in sorted({*sizes, *([args.spark_articles] if args.spark_articles else [])}):
            corpora[size] = root / f"corpus-{size}.jsonl"
            results.setdefault("corpora", {})[size] = build_corpus(records, size, corpora[size])
        for size in sizes:
            results["local"].append(batch_run(corpora[size], size, root / f"local-{size}", "local", args,
                                              not args.no_load))
        if args.spark_articles:
            results["spark"] = compare_spark(corpora[args.spark_articles], args, root)
    if not args.no_peer:
        results["peer"] = peer_run(args.peer_limit)
    results["machine"]["loadavg_end"] = round(os.getloadavg()[0], 2)
    results["memory_budget_mb"] = MEMORY_BUDGET_MB
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print_report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
