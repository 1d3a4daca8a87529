"""``language``: en / ru / uk / other per sentence, from the letters it uses.

The languages sayso supports have disjoint or nearly disjoint alphabets, so a script count plus the
letters only Ukrainian (і ї є ґ) or only Russian (ы э ё ъ) use is exact on all but the shortest
sentences, and costs one pass over the text.
"""

from __future__ import annotations

from collections import Counter

from ..model import Article
from ..pipeline import stage
from ..settings import Settings

_UK = set("іїєґІЇЄҐ")
_RU = set("ыэёъЫЭЁЪ")


def detect_language(s: str) -> str:
    latin = cyr = 0
    uk = ru = 0
    for c in s:
        if "a" <= c <= "z" or "A" <= c <= "Z":
            latin += 1
        elif "\u0400" <= c <= "\u04ff":
            cyr += 1
            if c in _UK:
                uk += 1
            elif c in _RU:
                ru += 1
    if latin == 0 and cyr == 0:
        return "other"
    if cyr > latin:
        return "uk" if uk > ru else "ru"
    return "en"


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
