"""``language``: en / ru / uk / other per sentence, from the letters it uses.

The languages sayso supports have disjoint or nearly disjoint alphabets, so a script count plus the
letters only Ukrainian (і ї є ґ) or only Russian (ы э ё ъ) use is exact on all but the shortest
sentences, and costs one pass over the text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..lang import load_set
from ..model import Article
from ..pipeline import stage
from ..settings import Settings

_UK = set("іїєґІЇЄҐ")
_RU = set("ыэёъЫЭЁЪ")


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile("[\u0400-\u04ff'’]+")
_LATIN = re.compile("[A-Za-z]")


def detect_language(s: str) -> str:
    """``en``, ``ru``, ``uk`` or ``other`` for one sentence."""
    if _CYRILLIC.search(s) is None:  # the common case costs one scan
        return "en" if _LATIN.search(s) else "other"
    cyr = len(_CYRILLIC.findall(s))
    latin = len(_LATIN.findall(s))
    if cyr <= latin:
        return "en"
    uk = sum(s.count(c) for c in _UK)
    ru = sum(s.count(c) for c in _RU)
    if uk == ru:
        # no telling letter ("Вона наголосила, що допомога триватиме"): the words only one language has
        words = _WORD.findall(s.lower())
        uk = sum(w in _marker_words("uk") for w in words)
        ru = sum(w in _marker_words("ru") for w in words)
    return "uk" if uk > ru else "ru"


@cache
def _marker_words(lang: str) -> frozenset[str]:
    """Frequent words of ``lang`` the other Cyrillic language does not have (after ``marker_words``
    entries of the other language are taken away: a word both lists hold decides nothing)."""
    other = "ru" if lang == "uk" else "uk"
    return load_set(lang, "marker_words") - load_set(other, "marker_words")


@stage("language", requires=["segment"])
def language(article: Article, settings: Settings) -> None:
    text = article.text
    langs = [detect_language(text[s.start:s.end]) for s in article.sentences]
    article.sentence_languages = langs
    weight: Counter[str] = Counter()
    for s, lang in zip(article.sentences, langs, strict=True):
        if lang != "other":
            weight[lang] += len(s)
    ranked = [lang for lang, _ in weight.most_common()]
    article.languages = ranked
    article.language = ranked[0] if ranked else None
