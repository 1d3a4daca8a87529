"""A small mixed corpus, and what a store or a batch output holds, for the batch tests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

SPEAKERS = ("Mayor John Smith", "Anna Lee", "the minister", "Senator Maria Gonzalez")
CUES = ("said", "told reporters", "added", "stressed")


def news_text(n: int) -> str:
    speaker, cue = SPEAKERS[n % len(SPEAKERS)], CUES[n % len(CUES)]
    return (f'"We will build {n} new bridges across the river this year," {speaker} {cue} on Monday. '
            f"He added that council number {n} had agreed. \"It is a good day,\" said Anna Lee.")


def published(n: int) -> str | None:
    """Six months, and now and then no date (month ``unknown``)."""
    return None if n % 7 == 3 else f"2024-{n % 6 + 1:02d}-{n % 27 + 1:02d}"


RUSSIAN = ("Министр обороны Рустем Умеров заявил, что переговоры продолжатся. «Мы готовы к встрече»,"
           " — сказал он журналистам.")
HTML = ("<html><head><title>Talks</title></head><body><article><h1>Talks go on</h1><p>\"We are not "
        "leaving the table,\" the negotiator said on Tuesday, adding that a deal was close.</p><p>The "
        "other side declined to comment, according to officials.</p></article></body></html>")


def write_corpus(root: Path, lines: int) -> Path:
    """JSON lines over six months, text files (one with a date line), an HTML page, Russian lines, a
    repeated text (a ``duplicate`` in the store) and a binary file (``unreadable``)."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / "news.jsonl").open("w", encoding="utf-8") as fh:
        for n in range(lines):
            record = {"id": f"n{n}", "text": news_text(n), "published": published(n)}
            fh.write(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n")
    with (root / "ru.jsonl").open("w", encoding="utf-8") as fh:
        for n in range(3):
            fh.write(json.dumps({"id": f"ru{n}", "text": f"{RUSSIAN} Раунд {n}.",
                                 "published": f"2023-12-0{n + 1}"}, ensure_ascii=False) + "\n")
    for n in range(3):
        (root / f"file{n}.txt").write_text(f"Sunday03 November 2024\n\n{news_text(10_000 + n)}",
                                           encoding="utf-8")
    (root / "page.html").write_text(HTML, encoding="utf-8")
    (root / "bad.bin").write_bytes(bytes(range(256)) * 8)
    (root / "dup.txt").write_text(news_text(1), encoding="utf-8")  # news line 2's text, found first
    return root


def store_snapshot(db: Path) -> tuple[list[tuple[Any, ...]], ...]:
    """What a store says, without the row ids and run ids that depend on timing."""
    with sqlite3.connect(db) as conn:
        articles = conn.execute(
            "SELECT hash, source, article_id, url, outlet, published, headline, language, languages, text "
            "FROM articles ORDER BY hash").fetchall()
        columns = ", ".join(f's."{c}"' for c in (
            "kind", "start", "end", "text", "language", "group", "speaker", "speaker_mention",
            "speaker_start", "speaker_end", "speaker_type", "speaker_role", "speaker_id", "cue",
            "cue_start", "cue_end", "said_on", "said_on_precision", "said_on_text", "venue",
            "reported_by", "confidence"))
        statements = conn.execute(
            f"SELECT a.hash, s.ordinal, s.statement_id, {columns}, s.pipeline_version FROM statements s "
            "JOIN articles a ON a.id = s.article ORDER BY a.hash, s.ordinal").fetchall()
        skips = conn.execute("SELECT source, stage, reason FROM skips ORDER BY source").fetchall()
    return articles, statements, skips


def output_rows(root: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of a batch output's three datasets, the ``month`` folder included, in ``seq`` order."""
    rows = {}
    for name in ("articles", "statements", "skips"):
        table = ds.dataset(root / name, format="parquet", partitioning="hive").to_table()
        rows[name] = sorted(table.to_pylist(), key=lambda r: (r["seq"], r.get("ordinal", 0)))
    return rows


def output_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.parquet"))
