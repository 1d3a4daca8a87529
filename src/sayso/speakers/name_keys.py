"""Keys that names of one person or body are matched by in coreference: spelling-blind skeletons of
name words (Умеров / Umerov meet), surnames that may be inflected (Умерова), and a body's key, initials
and shorter names ("office of the president of ukraine" → "office of the president").

Pure functions over one name each, memoised where linking asks them for every written form.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import load_set
from .names import _places

_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "'": "", "’": "",
})


_NOT_LATIN = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")
_LONE_H = re.compile(r"(?<![sczt])h")  # not of sh, ch, zh, th


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling-blind key of one name word: Умеров / Umerov / Oumerov-like variants meet."""
    w = word.lower().translate(_TRANSLIT)
    w = w.replace("kh", "h").replace("y", "i").replace("j", "i").replace("w", "v").replace("ck", "k")
    # Ukrainian г is h in Latin, Russian г is g: Сибіга / Sybiha, Шмигаль / Shmyhal meet (х and г too)
    w = _LONE_H.sub("g", w)
    return _DOUBLED.sub(r"\1", _NOT_LATIN.sub("", w))


def same_surname(a: str, b: str) -> bool:
    if a == b:
        return True
    # inflected Cyrillic forms: Умерова, Умеровым → umerova, umerovim
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def org_key(name: str) -> str:
    key = " ".join(name.split()).lower()
    return key[4:] if key.startswith("the ") else key


def org_prefixes(key: str) -> list[str]:
    """"office of the president of ukraine" → ["office of the president"]: the shorter names of a body."""
    out = []
    i = key.find(" of ")
    while i > 0:
        i = key.find(" of ", i + 4)
        if i > 0:
            out.append(key[:i])
    return out


@lru_cache(maxsize=65536)
def person_tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in (skeleton(w) for w in name.split()) if t)


@lru_cache(maxsize=65536)
def org_info(name: str) -> tuple[str, str, tuple[str, ...], bool, bool]:
    """(key, initials of a several-word name, shorter names, is it a bare organisation word, a place)."""
    key = org_key(name)
    ini = initials(name).lower() if " " in key else ""
    bare = key in load_set("en", "organisation_words")
    place = _places().issuperset(key.split())
    return key, ini if len(ini) > 1 else "", tuple(org_prefixes(key)), bare, place
