"""The Parquet layout of a batch output: months, rows written and read back, repeated texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sayso.batch import BatchError, require
from sayso.batch.parquet import PartWriter, dataset_files, month_of, read_outcomes
from sayso.model import STATEMENT_FIELDS
from sayso.store import Outcome


@pytest.mark.parametrize(
    ("published", "month"),
    [
        ("2024-11-03", "2024-11"),
        ("2024-11-03T10:00:00Z", "2024-11"),
        (" 2016-06-01", "2016-06"),
        ("2024-11", "2024-11"),
        ("2024-13-01", "unknown"),
        ("2024-1-01", "unknown"),
        ("20241103", "unknown"),
        ("03 November 2024", "unknown"),
        ("", "unknown"),
        (None, "unknown"),
    ],
)
def test_parquet_month_of(published: str | None, month: str) -> None:
    assert month_of(published) == month


def statement(n: int, **fields: Any) -> dict[str, Any]:
    s: dict[str, Any] = dict.fromkeys(STATEMENT_FIELDS)
    s.update(id=f"s{n}", kind="direct", start=n, end=n + 5, text="words", confidence=0.9,
             reported_by=["Radio Liberty"] if n % 2 else None, **fields)
    return s


def article(source: str, text: str, published: str | None, statements: int) -> Outcome:
    record = {"hash": f"h-{text}", "text": text, "id": source, "url": None, "outlet": "outlet",
              "published": published, "headline": None, "language": "en", "languages": ["en", "ru"]}
    return Outcome(source, article=record, statements=[statement(n, speaker="A") for n in range(statements)])


def skip(source: str) -> Outcome:
    return Outcome(source, skip=("ingest", "unreadable", f"{source}: cannot read"))


@pytest.mark.parametrize(
    ("parts", "files"),
    [
        # one part: an article with statements, one without, a skip, an undated article
        ([[article("a", "A", "2024-11-03", 2), article("b", "B", "2024-11-04", 0), skip("c"),
           article("d", "D", None, 1)]],
         ["articles/month=2024-11/part-00000.parquet", "articles/month=unknown/part-00000.parquet",
          "skips/month=unknown/part-00000.parquet", "statements/month=2024-11/part-00000.parquet",
          "statements/month=unknown/part-00000.parquet"]),
        # two parts over two months
        ([[article("a", "A", "2024-10-01", 1)], [article("b", "B", "2024-11-01", 3), skip("c")]],
         ["articles/month=2024-10/part-00000.parquet", "articles/month=2024-11/part-00001.parquet",
          "skips/month=unknown/part-00001.parquet", "statements/month=2024-10/part-00000.parquet",
          "statements/month=2024-11/part-00001.parquet"]),
    ],
)
def test_parquet_outcomes_written_and_read_back(tmp_path: Path, parts: list[list[Outcome]],
                                                files: list[str]) -> None:
    written: list[str] = []
    seq = 0
    for number, outcomes in enumerate(parts):
        writer = PartWriter(tmp_path, number)
        for outcome in outcomes:
            writer.add(seq, outcome)
            seq += 1
        info = writer.close()
        assert (info.items, info.first) == (len(outcomes), seq - len(outcomes))
        written += info.files
    assert sorted(written) == files
    back = sorted(read_outcomes(tmp_path), key=lambda o: o.source)
    assert back == sorted((o for p in parts for o in p), key=lambda o: o.source)


def test_parquet_a_repeated_text_keeps_its_first_occurrence(tmp_path: Path) -> None:
    # the first occurrence (seq 1) is in a later month, so it is read after the repeat (seq 4)
    first = PartWriter(tmp_path, 0)
    first.add(0, article("x", "X", "2024-01-01", 1))
    first.add(1, article("first", "same", "2024-12-01", 1))
    first.close()
    second = PartWriter(tmp_path, 1)
    second.add(4, article("again", "same", "2024-02-01", 2))
    second.close()
    outcomes = {o.source: o for o in read_outcomes(tmp_path)}
    assert outcomes["again"].skip == ("store", "duplicate", "the same text as first")
    assert outcomes["first"].article is not None and len(outcomes["first"].statements) == 1
    assert outcomes["x"].article is not None


def test_parquet_an_aborted_part_leaves_no_file(tmp_path: Path) -> None:
    writer = PartWriter(tmp_path, 0)
    for n in range(300):  # past one row group of articles: a file is open on disk
        writer.add(n, article(f"s{n}", f"text {n}", "2024-11-03", 1))
    assert dataset_files(tmp_path, "articles")
    writer.abort()
    assert not dataset_files(tmp_path, "articles")


@pytest.mark.parametrize(("module", "extra"), [("sayso_no_such_module", "batch"),
                                                ("sayso_no_such_module.sub", "spark")])
def test_parquet_a_missing_extra_is_named(module: str, extra: str) -> None:
    with pytest.raises(BatchError, match=rf"pip install 'sayso\[{extra}\]'"):
        require(module, extra)
