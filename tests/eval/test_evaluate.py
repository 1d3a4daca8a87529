"""Reading gold files, running the pipeline over them, and the printed report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sayso.evaluate import GoldFormatError, evaluate_file, format_report, load_gold, predict, score

TEXT = '"We will win," the minister said on Friday.'
GOLD = {"id": "a1", "text": TEXT, "published": "2024-11-03", "outlet": "Example News",
        "quotes": [{"start": 1, "end": 13, "speaker": "the minister", "kind": "direct",
                    "speaker_start": 15, "speaker_end": 27}]}


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        (['{"text": "x"}'], "line without 'id'"),
        (['{"id": "a"}', '{"id": "a"}'], "duplicate id 'a'"),
        (['{"id": "a"', ], "not JSON"),
        (['["a"]'], "must be a JSON object"),
    ],
)
def test_evaluate_load_gold_rejects(tmp_path: Path, lines: list[str], error: str) -> None:
    path = write(tmp_path, lines)
    with pytest.raises(GoldFormatError, match=error):
        list(load_gold(path))


def test_evaluate_load_gold_reads_doc_id_and_skips_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, ['{"doc_id": "a", "quotes": []}', "", "   ", '{"id": "b"}'])
    assert [d["id"] for d in load_gold(path)] == ["a", "b"]


def test_evaluate_predict_passes_article_fields() -> None:
    pred = predict({"a1": GOLD})
    doc: dict[str, Any] = pred["a1"]
    assert (doc["id"], doc["published"], doc["outlet"]) == ("a1", "2024-11-03", "Example News")
    assert [(s["start"], s["end"]) for s in doc["statements"]] == [(1, 13)]


def test_evaluate_file_scores_the_pipeline(tmp_path: Path) -> None:
    path = write(tmp_path, [json.dumps(GOLD)])
    result = evaluate_file(path)
    assert result == score({"a1": GOLD}, predict({"a1": GOLD}))
    assert (result["exact"]["tp"], result["speaker"]["correct"]) == (1, 1)
    report = format_report(result, None)
    assert report.splitlines()[0] == "documents: 1  kind: all"
    assert report.splitlines()[-1] == "quote_f1=1.0000 speaker_acc=1.0000"
    with_json = format_report(result, "direct", with_json=True).splitlines()
    assert json.loads("\n".join(with_json[6:-1])) == result
