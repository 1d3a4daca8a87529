"""``dates``: when a statement was said, resolved against the publication date."""

from __future__ import annotations

from .model import Article
from .pipeline import stage
from .settings import Settings


@stage("dates", requires=["speakers.attribute"])
def dates(article: Article, settings: Settings) -> None:
    return None
