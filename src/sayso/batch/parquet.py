"""Batch output as Parquet: ``articles``, ``statements`` and ``skips``, each partitioned by month.

::

    DIR/_sayso.json                                  what the run was: inputs, settings, engine, parts
    DIR/articles/month=2024-11/part-00000.parquet    one row per article (its text included)
    DIR/statements/month=2024-11/part-00000.parquet  one row per statement: the output contract's fields
    DIR/skips/month=unknown/part-00000.parquet       one row per source that gave no article

The month (``YYYY-MM`` of the article's publication date, ``unknown`` without one; a skip has no
article, so its month is always ``unknown``) is a Hive-style folder, as Spark's ``partitionBy`` writes
it: Spark, pyarrow (``partitioning="hive"``) and DuckDB (``hive_partitioning``) give it back as a
``month`` column.

A *part* is a block of consecutive items of the run (``part_articles`` of them; an item's ``seq`` is
its place among all the items the inputs hold, in the order ``ingest.sources.iter_items`` finds them).
Both engines write a part with the same ``PartWriter``, so they give the same files. Within a file the
rows follow ``seq`` (statements then ``ordinal``), and an article's statements are in the file of the
same part and month: ``read_outcomes`` walks the two side by side, a small batch at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..model import STATEMENT_FIELDS
from ..pipeline import VERSION
from ..store import Outcome
from . import BatchError, require

pa: Any = require("pyarrow", "batch")
pq: Any = require("pyarrow.parquet", "batch")

DATASETS = ("articles", "statements", "skips")
UNKNOWN_MONTH = "unknown"
COMPRESSION = "zstd"
# Rows held per file before they are written as a row group; articles also by the size of their texts.
FLUSH_ROWS = {"articles": 256, "statements": 4096, "skips": 1024}
FLUSH_TEXT_BYTES = 16 << 20
# ... and every file of a part once its files hold this many rows together (a part that spans many
# months would otherwise hold most of its rows until it ends).
FLUSH_PART_ROWS = 8192
READ_BATCH_ROWS = 256

_MONTH = re.compile(r"\s*(\d{4})-(\d{2})(?!\d)")
_INT_FIELDS = {"start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"}


def month_of(published: str | None) -> str:
    """``YYYY-MM`` of an ISO publication date (``2024-11-03``, ``2024-11-03T10:00Z``), else ``unknown``."""
    m = _MONTH.match(published or "")
    if m is None or not 1 <= int(m.group(2)) <= 12:
        return UNKNOWN_MONTH
    return f"{m.group(1)}-{m.group(2)}"


def _statement_type(name: str) -> Any:
    if name in _INT_FIELDS:
        return pa.int64()
    if name == "confidence":
        return pa.float64()
    if name == "reported_by":
        return pa.list_(pa.string())
    return pa.string()


SCHEMAS: dict[str, Any] = {
    "articles": pa.schema([
        ("seq", pa.int64()), ("source", pa.string()), ("hash", pa.string()), ("article_id", pa.string()),
        ("url", pa.string()), ("outlet", pa.string()), ("published", pa.string()),
        ("headline", pa.string()), ("language", pa.string()), ("languages", pa.list_(pa.string())),
        ("text", pa.large_string()), ("pipeline_version", pa.string()),
    ]),
    "statements": pa.schema([
        ("seq", pa.int64()), ("source", pa.string()), ("article_hash", pa.string()),
        ("article_id", pa.string()), ("ordinal", pa.int32()),
        *((name, _statement_type(name)) for name in STATEMENT_FIELDS),
        ("pipeline_version", pa.string()),
    ]),
    "skips": pa.schema([
        ("seq", pa.int64()), ("source", pa.string()), ("stage", pa.string()), ("reason", pa.string()),
        ("message", pa.string()),
    ]),
}


def part_name(part: int) -> str:
    return f"part-{part:05d}.parquet"


@dataclass(slots=True)
class PartInfo:
    """What one part holds: its items (``first`` is the ``seq`` of the first), and the files written."""

    part: int
    first: int = -1
    items: int = 0
    articles: int = 0
    statements: int = 0
    skips: int = 0
    files: list[str] = field(default_factory=list)  # relative to the output folder
    seconds_extract: float = 0.0  # time spent in the pipeline (worker time) ...
    seconds_write: float = 0.0  # ... and in writing Parquet

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PartInfo:
        return cls(**d)


class _File:
    """One Parquet file being written: rows are held until a row group's worth is there."""

    def __init__(self, path: Path, dataset: str) -> None:
        self.path = path
        self.dataset = dataset
        self.rows: list[dict[str, Any]] = []
        self.text_bytes = 0
        self.writer: Any = None

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if self.dataset == "articles":
            self.text_bytes += len(row["text"])
        if len(self.rows) >= FLUSH_ROWS[self.dataset] or self.text_bytes >= FLUSH_TEXT_BYTES:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        schema = SCHEMAS[self.dataset]
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(str(self.path), schema, compression=COMPRESSION)
        self.writer.write_table(pa.Table.from_pylist(self.rows, schema=schema))
        self.rows.clear()
        self.text_bytes = 0

    def close(self) -> None:
        self.flush()
        if self.writer is not None:
            self.writer.close()
            self.writer = None


class PartWriter:
    """Writes the outcomes of one part, in ``seq`` order, under ``root`` (one file per dataset and
    month). ``close`` returns what was written; until then the files are not whole."""

    def __init__(self, root: Path, part: int) -> None:
        self.root = root
        self.info = PartInfo(part)
        self._files: dict[tuple[str, str], _File] = {}
        self._held = 0

    def _file(self, dataset: str, month: str) -> _File:
        key = (dataset, month)
        f = self._files.get(key)
        if f is None:
            rel = f"{dataset}/month={month}/{part_name(self.info.part)}"
            f = self._files[key] = _File(self.root / rel, dataset)
            self.info.files.append(rel)
        return f

    def add(self, seq: int, outcome: Outcome) -> None:
        self._add(seq, outcome)
        self._held += 1 + len(outcome.statements)
        if self._held >= FLUSH_PART_ROWS:
            for f in self._files.values():
                f.flush()
            self._held = 0

    def _add(self, seq: int, outcome: Outcome) -> None:
        info = self.info
        if info.first < 0:
            info.first = seq
        info.items += 1
        a = outcome.article
        if a is None:
            stage, reason, message = outcome.skip or ("ingest", "unreadable", "no article")
            self._file("skips", UNKNOWN_MONTH).add({"seq": seq, "source": outcome.source, "stage": stage,
                                                    "reason": reason, "message": message})
            info.skips += 1
            return
        month = month_of(a.get("published"))
        self._file("articles", month).add({
            "seq": seq, "source": outcome.source, "hash": a["hash"], "article_id": a.get("id"),
            "url": a.get("url"), "outlet": a.get("outlet"), "published": a.get("published"),
            "headline": a.get("headline"), "language": a.get("language"),
            "languages": list(a.get("languages") or []), "text": a["text"], "pipeline_version": VERSION})
        info.articles += 1
        if outcome.statements:
            statements = self._file("statements", month)
            for ordinal, s in enumerate(outcome.statements):
                statements.add({"seq": seq, "source": outcome.source, "article_hash": a["hash"],
                                "article_id": a.get("id"), "ordinal": ordinal,
                                **{name: s.get(name) for name in STATEMENT_FIELDS},
                                "pipeline_version": VERSION})
            info.statements += len(outcome.statements)

    def close(self) -> PartInfo:
        for f in self._files.values():
            f.close()
        self.info.files.sort()
        return self.info

    def abort(self) -> None:
        for f in self._files.values():
            if f.writer is not None:
                f.writer.close()
            f.path.unlink(missing_ok=True)


# --- reading back ---------------------------------------------------------------------------------
def iter_rows(path: Path, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of one Parquet file as dicts, a small batch at a time."""
    try:
        parquet = pq.ParquetFile(str(path))
        for batch in parquet.iter_batches(batch_size=READ_BATCH_ROWS, columns=columns):
            yield from batch.to_pylist()
    except (OSError, pa.ArrowException) as e:
        raise BatchError(f"cannot read {path} ({e}); the batch output is damaged: run the batch again "
                         "into a new --output folder") from e


def dataset_files(root: Path, dataset: str) -> list[Path]:
    """A dataset's files, month by month, part by part."""
    return sorted((root / dataset).glob("month=*/part-*.parquet"))


def duplicate_texts(root: Path) -> dict[str, tuple[int, str]]:
    """For each article text (content hash) the output holds more than once: the ``seq`` and source
    of its first occurrence, which is the one the store keeps (as ``sayso ingest`` would)."""
    ds: Any = require("pyarrow.dataset", "batch")
    pc: Any = require("pyarrow.compute", "batch")
    files = [str(p) for p in dataset_files(root, "articles")]
    if not files:
        return {}
    articles = ds.dataset(files, schema=SCHEMAS["articles"], format="parquet")
    hashes = articles.to_table(columns=["hash"])
    counts = hashes.group_by("hash").aggregate([("hash", "count")])
    repeated = counts.filter(pc.greater(counts["hash_count"], 1))["hash"]
    if len(repeated) == 0:
        return {}
    rows = articles.to_table(columns=["hash", "seq", "source"],
                             filter=pc.field("hash").isin(repeated)).to_pylist()
    first: dict[str, tuple[int, str]] = {}
    for r in rows:
        if r["hash"] not in first or r["seq"] < first[r["hash"]][0]:
            first[r["hash"]] = (r["seq"], r["source"])
    return first


def _article_outcome(row: dict[str, Any], statements: list[dict[str, Any]]) -> Outcome:
    article = {"hash": row["hash"], "text": row["text"], "id": row["article_id"], "url": row["url"],
               "outlet": row["outlet"], "published": row["published"], "headline": row["headline"],
               "language": row["language"], "languages": row["languages"] or []}
    return Outcome(row["source"], article=article,
                   statements=[{name: s[name] for name in STATEMENT_FIELDS} for s in statements])


def read_outcomes(root: Path) -> Iterator[Outcome]:
    """Every article (with its statements) and skip of a batch output, as store ``Outcome`` records;
    a repeated text after its first occurrence is a ``duplicate`` skip, as in ``sayso ingest``."""
    first = duplicate_texts(root)
    for path in dataset_files(root, "articles"):
        rel = path.relative_to(root / "articles")
        statements_path = root / "statements" / rel
        statements = iter_rows(statements_path) if statements_path.exists() else iter(())
        pending = next(statements, None)
        for row in iter_rows(path):
            own: list[dict[str, Any]] = []
            while pending is not None and pending["seq"] == row["seq"]:
                own.append(pending)
                pending = next(statements, None)
            if pending is not None and pending["seq"] < row["seq"]:
                break
            winner = first.get(row["hash"])
            if winner is not None and winner[0] != row["seq"]:
                yield Outcome(row["source"], skip=("store", "duplicate", f"the same text as {winner[1]}"))
            else:
                yield _article_outcome(row, own)
        if pending is not None:
            raise BatchError(f"{statements_path} holds statements of an article that is not in {path}; "
                             "the batch output is damaged: run the batch again into a new --output folder")
    for path in dataset_files(root, "skips"):
        for row in iter_rows(path):
            yield Outcome(row["source"], skip=(row["stage"], row["reason"], row["message"]))
