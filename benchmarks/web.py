"""Web benchmark: how long sayso's pages take on a store of 100,000 statements.

    python benchmarks/web.py [--statements 100000] [--store FILE] [--repeat 5] [--json]

The store is built once (and kept when ``--store`` names a file that does not exist yet; reused when it
does): the real pipeline ingests ../shared/data/polnear-dev.jsonl and adaq-ru-dev.jsonl (or only
examples/ when the shared data is absent) into a seed store; its articles are then written again,
with their statements, under new content hashes, 40 outlets and publication dates spread over two
years, until the store holds the asked number of statements. The grown store is then linked by the real
linker (``sayso.api.link``: speakers and quote clusters); a copy made before that stands for an
un-linked store.

Each page is requested through Datasette's in-process client (the full page: routing, queries,
template), once to warm up and ``--repeat`` times timed; the median and the slowest wall time are
reported, and the median CPU time of the process (all its threads): on a busy machine the wall time
grows with the load, the CPU time much less.
Target (issue 7): every page under 300 ms (each page's median; the slowest single request is shown
too, as it includes whatever else the machine was doing).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
TARGET_MS = 300.0
OUTLETS = [f"outlet-{i:02d}.example" for i in range(40)]
FIRST_DAY = date(2023, 1, 1)
BATCH = 200

def seed_store(path: Path) -> None:
    from sayso import api
    from sayso.settings import Settings

    sources = [REPO / "examples"]
    sources += [p for p in (SHARED / "polnear-dev.jsonl", SHARED / "adaq-ru-dev.jsonl") if p.exists()]
    settings = Settings(json_fields="published=meta.publication_date,outlet=meta.publisher,"
                                    "headline=meta.title")
    print(f"seed: ingesting {', '.join(str(s) for s in sources)}", file=sys.stderr)
    api.ingest(sources, path, jobs=2, settings=settings)


def grow_store(seed: Path, path: Path, wanted: int) -> int:
    """Write the seed's articles again (new hashes, outlets and dates) until ``wanted`` statements."""
    from sayso.store import Outcome, open_store

    src = sqlite3.connect(seed)
    src.row_factory = sqlite3.Row
    articles = [dict(r) for r in src.execute("SELECT * FROM articles ORDER BY id")]
    statements: dict[int, list[dict[str, Any]]] = {}
    for r in src.execute("SELECT * FROM statements ORDER BY article, ordinal"):
        statements.setdefault(r["article"], []).append(dict(r))
    src.close()
    articles = [a for a in articles if statements.get(a["id"])]
    total, copy = 0, 0
    with open_store(path) as store:
        while total < wanted:
            batch: list[Outcome] = []
            for i, a in enumerate(articles):
                if total >= wanted:
                    break
                day = (FIRST_DAY + timedelta(days=(i * 37 + copy * 11) % 730)).isoformat()
                art = {"hash": f"{a['hash']}-{copy}", "id": f"{a['article_id']}#{copy}", "url": a["url"],
                       "outlet": OUTLETS[(i + copy) % len(OUTLETS)], "published": day,
                       "headline": a["headline"], "language": a["language"],
                       "languages": json.loads(a["languages"]), "text": a["text"]}
                rows = []
                for s in statements[a["id"]]:
                    row = {k: s[k] for k in s if k not in ("id", "article", "ordinal", "pipeline_version")}
                    row["id"] = f"{s['statement_id']}-{copy}"
                    row["reported_by"] = json.loads(s["reported_by"]) if s["reported_by"] else None
                    if row["said_on_precision"] in (None, "published"):
                        row["said_on"], row["said_on_precision"] = day, "published"
                    rows.append(row)
                batch.append(Outcome(f"bench#{copy}#{i}", art, rows))
                total += len(rows)
                if len(batch) >= BATCH:
                    store.write(batch)
                    batch = []
            store.write(batch)
            copy += 1
            print(f"grow: {total} statements", file=sys.stderr)
    return total


def build(path: Path, wanted: int) -> Path:
    """The linked store at ``path`` (linked by ``sayso.api.link``) and its un-linked twin beside it."""
    from sayso import api

    unlinked = path.with_name(path.stem + "-unlinked.db")
    if path.exists() and unlinked.exists():
        return unlinked
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed.db"
        seed_store(seed)
        started = time.perf_counter()
        grow_store(seed, path, wanted)
        print(f"grow: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copyfile(path, unlinked)
    started = time.perf_counter()
    counts = api.link(path)
    print(f"link: {time.perf_counter() - started:.0f} s ({counts.speakers} speakers, {counts.clusters} "
          f"clusters of two or more)", file=sys.stderr)
    return unlinked


def pages(db: Path, linked: bool) -> list[tuple[str, str]]:
    """(what, path) for every page kind, on the heaviest cases the store has."""
    conn = sqlite3.connect(db)

    def one(sql: str, *params: Any) -> Any:
        return conn.execute(sql, params).fetchone()

    name = db.stem
    busiest_article = one("SELECT article FROM statements GROUP BY article ORDER BY count(*) DESC "
                          "LIMIT 1")[0]
    middle = one("SELECT id FROM statements ORDER BY id LIMIT 1 "
                 "OFFSET (SELECT count(*) / 2 FROM statements)")[0]
    top_name = one("SELECT speaker FROM statements WHERE speaker IS NOT NULL GROUP BY speaker "
                   "ORDER BY count(*) DESC LIMIT 1")[0]
    month = one("SELECT substr(said_on, 1, 7) FROM statements WHERE said_on IS NOT NULL "
                "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")[0]
    out = [
        ("home", "/"),
        ("home: search, a common word", "/-/sayso?q=the"),
        ("home: search, a rare word", "/-/sayso?q=Stoltenberg"),
        ("statement", f"/-/sayso/statement/{middle}"),
        ("article, most statements", f"/-/sayso/article/{busiest_article}"),
    ]
    if linked:
        top, n = one("SELECT id, statements FROM speakers ORDER BY statements DESC LIMIT 1")
        cluster, size = one("SELECT id, statements FROM clusters ORDER BY statements DESC LIMIT 1")
        out += [(f"speaker, most quoted ({n} statements)", f"/-/sayso/speaker/{top}"),
                (f"cluster, largest ({size} statements)", f"/-/sayso/cluster/{cluster}")]
    else:
        n = one("SELECT count(*) FROM statements WHERE speaker = ?", top_name)[0]
        out += [(f"speaker by name, most quoted ({n} statements)",
                 f"/-/sayso/speaker?name={quote_plus(top_name)}")]
    out += [
        ("table: statements, 5 facets", f"/{name}/statements"),
        ("table: statements by outlet", f"/{name}/statements?_outlet={OUTLETS[3]}"),
        ("table: statements of a month", f"/{name}/statements?said_on__glob={month}*"),
        ("table: statements, full-text search", f"/{name}/statements?_search=territory"),
        ("table: articles", f"/{name}/articles"),
    ]
    conn.close()
    return out


async def time_pages(db: Path, linked: bool, repeat: int) -> list[dict[str, Any]]:
    from sayso import api

    ds = api.web_app(db)
    await ds.invoke_startup()
    results = []
    for what, path in pages(db, linked):
        warm = await ds.client.get(path, follow_redirects=True)
        if warm.status_code != 200:
            raise SystemExit(f"{path}: HTTP {warm.status_code}")
        times, cpu = [], []
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            await ds.client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        results.append({"store": "linked" if linked else "un-linked", "page": what, "path": path,
                        "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
                        "cpu_ms": round(statistics.median(cpu), 1), "bytes": len(warm.content)})
        print(f"{what}: {statistics.median(times):.0f} ms", file=sys.stderr)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=None,
                        help="build the store here and keep it (reused when it exists)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "web.db"
        unlinked = build(store, args.statements)
        count = sqlite3.connect(store).execute("SELECT count(*) FROM statements").fetchone()[0]
        results = asyncio.run(time_pages(store, True, args.repeat))
        results += asyncio.run(time_pages(unlinked, False, args.repeat))
    slowest = max(r["max_ms"] for r in results)
    worst_median = max(r["median_ms"] for r in results)
    if args.json:
        print(json.dumps({"statements": count, "target_ms": TARGET_MS, "pages": results}, indent=1))
    else:
        print(f"{count:,} statements; target: every page under {TARGET_MS:.0f} ms\n")
        print("| store | page | median ms | slowest ms | CPU ms | KB |")
        print("|---|---|---|---|---|---|")
        for r in results:
            print(f"| {r['store']} | {r['page']} | {r['median_ms']:.0f} | {r['max_ms']:.0f} | "
                  f"{r['cpu_ms']:.0f} | {r['bytes'] / 1024:.0f} |")
        verdict = "met" if worst_median < TARGET_MS else "MISSED"
        print(f"\nslowest page (median): {worst_median:.0f} ms -> target {verdict}; "
              f"slowest single request: {slowest:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
