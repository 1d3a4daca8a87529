"""``quotes.direct``: pair quotation marks into quotations.

(First version: straight and curly double quotes within one paragraph. Being replaced by the full
pairing algorithm.)
"""

from __future__ import annotations

import re

from ..model import Article, Quotation, Span
from ..pipeline import stage
from ..settings import Settings

_PAIRS = re.compile(r"[\"“”«»„]")


def find_quotations(text: str, paragraphs: list[Span]) -> list[Quotation]:
    out: list[Quotation] = []
    for p in paragraphs:
        marks = [m.start() for m in _PAIRS.finditer(text, p.start, p.end)]
        for a, b in zip(marks[::2], marks[1::2], strict=False):
            if b > a + 1:
                out.append(Quotation(a + 1, b, a, b))
    return out


@stage("quotes.direct", requires=["segment"])
def direct(article: Article, settings: Settings) -> None:
    article.quotations = find_quotations(article.norm or article.text, article.paragraphs)


_NAME_JOINERS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "&"})


def looks_like_name(words: str) -> bool:
    """A short run of capitalised words in quotation marks: a title or a name, not a statement."""
    ws = words.strip().rstrip(".,").split()
    return 0 < len(ws) <= 5 and all(w[:1].isupper() or w[:1].isdigit() or w in _NAME_JOINERS for w in ws)
