"""What the words of an English speaker description say on their own ("a source in the Office",
"the minister", "Western diplomats"), whatever the article: its head noun, where the head part ends,
and which kind of speaker the head names. Coreference then looks in the article for who it stands for.

The same descriptions come back in article after article, so ``read_description`` is memoised.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from ..lang import load_lines, load_set
from .names import media_words

DETERMINERS = frozenset(["the", "this", "that", "these", "those", "a", "an", "one", "two", "three",
                         "several", "some", "many", "its", "their", "his", "her", "our", "your", "my"])
INDEFINITE = frozenset(["a", "an", "one", "two", "three", "several", "some", "many", "unnamed",
                        "anonymous", "certain"])
WORD = re.compile(r"[\w][\w'’\-]*")
_POSSESSIVE_END = re.compile(r"['’]s$")
# an aside closing a mention, e.g. a party tag: "Gov. Pat McCrory (R)", "Sen. Ted Cruz (R-Tex.)"
_TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*\Z")
_POSTMODIFIERS = frozenset(["in", "at", "from", "with", "for", "on", "close", "familiar", "near", "inside",
                            "within", "to", "who", "that", "which", "whose", "representing", "working",
                            "involved", "linked", "based", "speaking", "like", "including"])
_QUANTITIES = frozenset(["number", "numbers", "majority", "group", "groups", "lot", "lots", "dozens",
                         "hundreds", "thousands", "millions", "some", "many", "most", "several", "one", "two",
                         "three", "all", "none", "few", "handful", "half", "part", "rest", "each", "both"])


def head_cut(lows: list[str]) -> int:
    """Where the words after the head begin ("a source | in the Office", "Democrats | trying to …")."""
    return next((i for i, w in enumerate(lows)
                 if i > 0 and (w in _POSTMODIFIERS
                               or (w.endswith("ing") and len(w) > 5 and lows[i - 1].endswith("s")))),
                len(lows))


def description_head(lows: list[str]) -> str:
    """The head noun of a speaker description (lower-case words): "a source in the Office" → "source",
    "an increasing number of officials in Ukraine" → "officials", "the head of the Office" → "head"."""
    words = lows[:head_cut(lows)]
    if "of" in words[1:]:
        k = words.index("of", 1)
        words = words[k + 1:] if words[k - 1] in _QUANTITIES and k + 1 < len(words) else words[:k]
    return _POSSESSIVE_END.sub("", words[-1]) if words else lows[-1]


@cache
def title_words() -> frozenset[str]:
    """Lower-case titles ("minister", "spokesperson"): a description headed by one means a person."""
    return frozenset(line.partition(":")[0].strip().lower() for line in load_lines("en", "titles"))


class Description(NamedTuple):
    """One description read on its own (offsets relative to the mention)."""

    head: str  # the head noun: "source", "minister", "officials"
    head_end: int  # where the head part ends: a name after it ("… in Montana") is not the speaker
    anonymous: bool  # "a source in …", "a top Trump adviser"
    groups: bool  # the head is a group word ("officials", "protesters")
    medium: bool  # the head describes a medium ("the publication", "the journalists")
    organisation: bool  # the head is an organisation word ("the Office")
    title: bool  # the head is a title ("the minister")
    role: str | None  # a title's role as written, without the determiner ("defence minister")
    capitalised: bool  # it opens with a capitalised word that is no determiner: a name no scan found
    plural: bool  # a plural head without a definite determiner ("protesters", "some analysts")


@lru_cache(maxsize=65536)
def read_description(mention: str) -> Description | None:
    """The description ``mention`` read word by word; ``None`` when it has no word."""
    aside = _TRAILING_ASIDE.search(mention)
    body_end = aside.start() if aside and aside.start() > 0 else len(mention)
    spans = [(m.start(), m.end()) for m in WORD.finditer(mention, 0, body_end)]
    if not spans:
        return None
    words = [mention[a:b] for a, b in spans]
    lows = [w.lower() for w in words]
    cut = head_cut(lows)
    head = description_head(lows)
    anon = load_set("en", "anonymous")
    joined = " ".join(lows)
    anonymous = bool((set(lows[:cut]) & anon) or any(" " in a and a in joined for a in anon)
                     or (lows[0] in INDEFINITE and head in title_words()))
    role = mention[spans[1][0]:spans[cut - 1][1]] if lows[0] in DETERMINERS and cut > 1 else None
    return Description(
        head=head, head_end=spans[cut - 1][1], anonymous=anonymous,
        groups=head in load_set("en", "groups"), medium=head in media_words("description"),
        organisation=head in load_set("en", "organisation_words"), title=head in title_words(),
        role=role, capitalised=words[0][:1].isupper() and lows[0] not in DETERMINERS,
        plural=head.endswith("s") and lows[0] not in DETERMINERS - INDEFINITE)
