"""``speakers.attribute``: the speaker mention that goes with each statement."""

from __future__ import annotations

from ..model import Article
from ..pipeline import stage
from ..settings import Settings


@stage("speakers.attribute", requires=["quotes.reported"])
def attribute(article: Article, settings: Settings) -> None:
    return None
