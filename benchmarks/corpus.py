"""Corpus layer benchmark: link a store of N statements, then time `search`, `speaker` and `cluster`.

Run on demand (never by pytest):

    .venv/bin/python benchmarks/corpus.py                  # 100,000 statements
    .venv/bin/python benchmarks/corpus.py --statements 20000 --db /tmp/c.db --json

The store is built by the real ``Store.write`` from synthetic articles (10 statements each): speakers
drawn from a pool of people (written in Latin, Russian and Ukrainian, inflected, surname alone; people
who share a surname), organisations and outlets (acronyms and full names); quote texts are sentences of
``../shared/data/polnear-dev.jsonl`` when it is there (else made of random words), and a fifth of the
statements are syndicated copies of earlier ones, some with small edits or cut to a fragment. Then:

- ``link``: ``link_store`` over the whole store (what ``sayso link`` does), and the relink after one
  more ingest of 100 articles (what the end of ``sayso ingest`` costs);
- ``search`` / ``speaker`` / ``cluster``: the API calls behind the commands (``Corpus.search`` with and
  without filters, ``Corpus.speaker`` of the most quoted speaker and of a rare one, ``Corpus.cluster``
  of the largest cluster and of a cluster of one), each the median of ``--repeat`` runs, in ms.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sayso import api
from sayso.model import STATEMENT_FIELDS
from sayso.store import Outcome

REPO = Path(__file__).resolve().parent.parent
POLNEAR = REPO.parent / "shared" / "data" / "polnear-dev.jsonl"
TARGET_MS = 200.0

# (speaker as an article names it, mention, type, role, language); several spellings per person
PEOPLE: list[list[tuple[str, str, str, str | None, str]]] = [
    [("Rustem Umerov", "Umerov", "person", "Ukrainian Defense Minister", "en"),
     ("Рустем Умеров", "Умерова", "person", "министр обороны Украины", "ru"),
     ("Рустем Умєров", "Умєров", "person", "міністр оборони України", "uk"),
     ("Umerov", "Umerov", "person", "defense minister", "en")],
    [("Nariman Umerov", "Nariman Umerov", "person", "Crimean Tatar activist", "en")],
    [("Volodymyr Zelensky", "Zelensky", "person", "President", "en"),
     ("Владимир Зеленский", "Зеленского", "person", "президент Украины", "ru"),
     ("Володимир Зеленський", "Зеленський", "person", "Президент України", "uk")],
    [("Olena Zelenska", "Zelenska", "person", "First Lady", "en")],
    [("Vitali Klitschko", "Klitschko", "person", "Kyiv Mayor", "en"),
     ("Віталій Кличко", "Кличко", "person", "мер Києва", "uk")],
    [("Wladimir Klitschko", "Klitschko", "person", "boxer", "en")],
    [("Dmytro Kuleba", "Kuleba", "person", "Foreign Minister", "en"),
     ("Дмитрий Кулеба", "Кулеба", "person", "глава МИД Украины", "ru")],
    [("Vladimir Putin", "Putin", "person", "Russian President", "en"),
     ("Владимир Путин", "Путин", "person", "президент России", "ru")],
    [("Financial Times", "FT", "media", None, "en"), ("FT", "FT", "media", None, "en")],
    [("Office of the President of Ukraine", "the Office of the President", "organisation", None, "en"),
     ("Офис президента Украины", "Офис президента", "organisation", None, "ru")],
    [("Western diplomats", "Western diplomats", "group", None, "en")],
]
OUTLETS = [f"outlet{i}.example" for i in range(40)]
STATEMENTS_PER_ARTICLE = 10


def sentences(limit: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    if POLNEAR.is_file():
        with POLNEAR.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 30 <= len(s.strip()) <= 300]
                if len(out) >= limit:
                    break
    if len(out) < limit:
        words = [f"w{rng.randrange(20000)}" for _ in range(50000)]
        while len(out) < limit:
            out.append(" ".join(rng.choices(words, k=rng.randint(6, 30))))
    rng.shuffle(out)
    return out[:limit]


def extra_people(n: int, rng: random.Random) -> list[list[tuple[str, str, str, str | None, str]]]:
    """Many rarely quoted people (real corpora have a long tail), a tenth of them sharing a surname."""
    firsts = ["Anna", "Petro", "Iryna", "Oleh", "Taras", "Mariya", "Ivan", "Yulia", "Serhiy", "Olga"]
    out = []
    for i in range(n):
        surname = f"Surname{i // 10 if i % 10 == 0 else i}"
        out.append([(f"{rng.choice(firsts)} {surname}", surname, "person", None, "en")])
    return out


def statement(n: int, text: str, who: tuple[str, str, str, str | None, str], day: str) -> dict[str, Any]:
    speaker, mention, kind, role, lang = who
    s: dict[str, Any] = dict.fromkeys(STATEMENT_FIELDS)
    s.update(id=f"s{n}", kind=rng_kind(n), start=0, end=len(text), text=text, language=lang, speaker=speaker,
             speaker_mention=mention, speaker_type=kind, speaker_role=role, said_on=day, confidence=0.9)
    return s


def rng_kind(n: int) -> str:
    return ("direct", "indirect", "mixed", "direct")[n % 4]


def edit(text: str, rng: random.Random) -> str:
    """A syndicated copy: the same words, one dropped or the sentence cut to a fragment."""
    words = text.split()
    r = rng.random()
    if r < 0.3 and len(words) > 8:
        return " ".join(words[2:-2])
    if r < 0.6 and len(words) > 4:
        del words[rng.randrange(len(words))]
    return " ".join(words)


def build(db: Path, statements: int, seed: int = 7, start_article: int = 0) -> None:
    rng = random.Random(seed + start_article)
    people = PEOPLE + extra_people(2000, rng)
    weights = [400 if i < len(PEOPLE) else 1 for i in range(len(people))]
    texts = sentences(statements, rng)
    said: list[tuple[str, tuple[str, str, str, str | None, str]]] = []
    outcomes = []
    n = 0
    with api.open_store(db) as store:
        for a in range(start_article, start_article + statements // STATEMENTS_PER_ARTICLE):
            day = f"2024-{1 + a % 12:02d}-{1 + a % 28:02d}"
            stmts = []
            for _ in range(STATEMENTS_PER_ARTICLE):
                if said and rng.random() < 0.2:  # a copy of an earlier quote, by the same speaker
                    text, who = rng.choice(said)
                    text = edit(text, rng)
                else:
                    person = rng.choices(people, weights)[0]
                    who = rng.choice(person)
                    text = texts[n % len(texts)]
                    said.append((text, who))
                stmts.append(statement(n, text, who, day))
                n += 1
            body = "\n".join(s["text"] for s in stmts)
            digest = hashlib.blake2b(f"{a}{body}".encode(), digest_size=16).hexdigest()
            record = {"hash": digest, "text": body,
                      "id": f"article-{a}", "published": day, "outlet": rng.choice(OUTLETS), "headline": None,
                      "language": "en", "languages": ["en"]}
            outcomes.append(Outcome(f"bench/{a}.txt", article=record, statements=stmts))
            if len(outcomes) >= 500:
                store.write(outcomes)
                outcomes = []
        store.write(outcomes)


def timed(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm: the first call opens pages the rest find in the cache
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/sayso-corpus-bench.db"))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    t = time.perf_counter()
    build(args.db, args.statements)
    built = time.perf_counter() - t
    print(f"built {args.statements} statements in {built:.1f}s", file=sys.stderr)
    results: dict[str, Any] = {"statements": args.statements}
    counts = api.link(args.db)
    results["link_s"] = round(counts.seconds, 2)
    results["link"] = {"speakers": counts.speakers, "clusters": counts.clusters,
                       "clustered": counts.clustered}
    build(args.db, 1000, start_article=args.statements // STATEMENTS_PER_ARTICLE)
    t = time.perf_counter()
    with api.open_store(args.db) as store:
        store.link(keep=True)
    results["relink_after_100_articles_s"] = round(time.perf_counter() - t, 2)
    with api.open_store(args.db, readonly=True) as store:
        top = store.stats()["top_speakers"][0]
        rare = next(iter(store.query("SELECT id FROM speakers WHERE statements = 1 LIMIT 1")))["id"]
        big = next(store.clusters(limit=1))["id"]
        single = next(iter(store.query("SELECT id FROM clusters WHERE statements = 1 LIMIT 1")))["id"]
        common = "the"
        cases: dict[str, Callable[[], Any]] = {
            "search common word": lambda: list(store.search(common)),
            "search two words": lambda: list(store.search("president said")),
            "search + speaker + since": lambda: list(store.search(common, speaker=top["name"],
                                                                  since="2024-06-01")),
            "search + outlet + kind": lambda: list(store.search(common, outlet=OUTLETS[3], kind="direct")),
            "search speaker name": lambda: list(store.search("Умеров")),
            "speaker most quoted": lambda: store.speaker(top["name"]),
            "speaker rare": lambda: store.speaker(str(rare)),
            "cluster largest": lambda: store.cluster(big),
            "cluster of one": lambda: store.cluster(single),
        }
        results["ms"] = {name: round(timed(fn, args.repeat), 1) for name, fn in cases.items()}
        results["top_speaker"] = {"name": top["name"], "statements": top["statements"]}
    results["target_ms"] = TARGET_MS
    results["all_under_target"] = all(v < TARGET_MS for v in results["ms"].values())
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"statements: {args.statements}; link: {results['link_s']}s ({results['link']}); "
              f"relink after 100 more articles: {results['relink_after_100_articles_s']}s")
        for name, ms in results["ms"].items():
            print(f"  {name:28s} {ms:8.1f} ms {'ok' if ms < TARGET_MS else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
