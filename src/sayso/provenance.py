"""``provenance``: the venue of a statement and the outlets that carried it."""

from __future__ import annotations

from .model import Article
from .pipeline import stage
from .settings import Settings


@stage("provenance", requires=["speakers.attribute"])
def provenance(article: Article, settings: Settings) -> None:
    return None
