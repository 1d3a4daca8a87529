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
