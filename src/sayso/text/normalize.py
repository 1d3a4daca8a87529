"""``normalise``: a same-length analysis copy of the text.

Stages match rules against ``Article.norm`` and report offsets into ``Article.text``. Because every
replacement is one character for one character, the map back to the raw text is the identity and no
offset ever shifts.
"""

from __future__ import annotations

from ..model import Article
from ..pipeline import stage
from ..settings import Settings

# One character in, one character out.
_TABLE = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ", "\u200b": " ", "\u200c": " ", "\u200d": " ", "\ufeff": " ",
    "\u00ad": " ", "\t": " ", "\r": " ", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n",
    "\u2010": "-", "\u2011": "-",
})


def normalise_text(text: str) -> str:
    """Return the analysis copy of ``text``: same length, unusual spaces made plain."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out


@stage("normalise")
def normalise(article: Article, settings: Settings) -> None:
    article.norm = normalise_text(article.text)
