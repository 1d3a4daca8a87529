"""``speakers.coref``: resolve pronouns and descriptions to the speaker they stand for."""

from __future__ import annotations

from ..model import Article
from ..pipeline import stage
from ..settings import Settings


@stage("speakers.coref", requires=["speakers.attribute"])
def coref(article: Article, settings: Settings) -> None:
    return None
