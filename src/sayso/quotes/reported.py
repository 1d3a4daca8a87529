"""``quotes.reported``: reporting cues, their speakers and what they report."""

from __future__ import annotations

from ..model import Article
from ..pipeline import stage
from ..settings import Settings


@stage("quotes.reported", requires=["quotes.direct"])
def reported(article: Article, settings: Settings) -> None:
    return None
