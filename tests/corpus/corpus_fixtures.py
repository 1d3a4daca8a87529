"""Data for the corpus tests: variants of the example article the tests write, statement and article
records for stores built by hand, and the labelled alias set."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

from sayso.model import STATEMENT_FIELDS
from sayso.store import Outcome

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "articles"


def header(text: str, date: str, outlet: str) -> str:
    """The example's text under another date line and outlet line."""
    body = text.split("\n", 2)[2]
    return f"{date}\n{outlet}\n{body}"


def syndicated_copies(example: str) -> dict[str, str]:
    """Copies of the example as other outlets ran them, each with small edits."""
    kyivpost = header(example, "04 November 2024", "kyivpost.com")
    kyivpost = kyivpost.replace("I haven't heard", "I have not heard").replace(
        'What he specifically meant was not explained by "Radio Liberty."\n\n', "")
    kyivpost += ('\n\nUmerov promised to do "very bad things".\n\n'
                 '"Ukraine does not trade its territories," the Office of the President said.\n')
    unian = header(example, "05 November 2024", "unian.info")
    unian = unian.split("The journalists reminded")[0].replace("emphasized Umerov", "Umerov stressed")
    return {"umerov-kyivpost.txt": kyivpost, "umerov-unian.txt": unian}


def statement(**fields: Any) -> dict[str, Any]:
    """A statement record as the pipeline writes it (every contract field; the rest ``None``)."""
    out: dict[str, Any] = dict.fromkeys(STATEMENT_FIELDS)
    out.update(kind="direct", start=0, end=len(fields.get("text", "")), confidence=0.9)
    out.update(fields)
    return out


def article(article_id: str, published: str, outlet: str, statements: list[dict[str, Any]],
            language: str = "en") -> Outcome:
    """An article outcome whose text holds its statements' words (offsets are not checked here)."""
    text = "\n".join(s["text"] for s in statements)
    record = {"hash": hashlib.blake2b((article_id + text).encode(), digest_size=16).hexdigest(),
              "text": text, "id": article_id, "published": published, "outlet": outlet, "headline": None,
              "language": language, "languages": [language]}
    return Outcome(f"{article_id}.txt", article=record, statements=statements)


def alias_rows() -> list[dict[str, str]]:
    lines = [line for line in (DATA / "aliases.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))
