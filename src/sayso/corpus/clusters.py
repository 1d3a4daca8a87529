"""Quote clusters (DESIGN.md's ``dedupe`` stage): the same words reprinted anywhere become one cluster
with its earliest appearance.

Three ways into a cluster, tried in this order:

- ``exact``: the same words after normalisation (case, quotation marks, apostrophes, dashes, "…",
  punctuation and spacing do not count);
- ``near``: a copy with small edits ("haven't" → "have not", a word dropped), found by MinHash and LSH
  (``corpus.minhash``) and confirmed when the word bigrams of the two texts have a Jaccard similarity
  of at least ``NEAR_JACCARD``;
- ``fragment``: a quote of ``FRAGMENT_MIN_WORDS`` words or more that stands inside a longer one
  ("very bad things" inside "… I would definitely… do very bad things"; for a mixed statement, the
  words it puts in quotation marks: he would commit "very bad things"); a fragment joins the cluster of
  one container only (a direct quote before a mixed or reported one, then the earliest), so a common
  phrase never bridges two different quotes.

Statements by different speakers never share a cluster: the same words said by two people are two
statements. ``label`` carries what is known of the speaker (``None``: unknown, joins anyone). Every
statement gets a cluster; most are clusters of one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..disjoint import DisjointSets
from .minhash import band_pairs, jaccard, shingles_of, sketch, word_hashes

NEAR_JACCARD = 0.6
NEAR_MIN_WORDS = 5
FRAGMENT_MIN_WORDS = 3
FRAGMENT_MIN_CHARS = 12
_KIND_RANK = {"direct": 0, "mixed": 1, "indirect": 2}
_APOSTROPHES = re.compile(r"['’ʼ`´]")
_NON_WORD = re.compile(r"[\W_]+")
_QUOTED = re.compile(r'["“”«»„‟]([^"“”«»„‟]+)["“”«»„‟]')


def normalise(text: str) -> str:
    """The words of a quote for comparison: "No, I haven’t… heard" → "no i havent heard"."""
    s = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    s = _APOSTROPHES.sub("", s)
    return " ".join(_NON_WORD.sub(" ", s).split())


@dataclass(slots=True)
class Quote:
    """What clustering needs of one statement."""

    statement: int
    text: str
    kind: str
    order: tuple[str, int, int]  # published (or "9999"), article, ordinal: earliest first
    outlet: str | None = None
    label: str | None = None  # the speaker as far as it is known; None joins anyone


@dataclass(slots=True)
class Cluster:
    members: list[int]  # indexes into the quotes, earliest first
    relations: list[str]  # first | exact | near | fragment, one per member
    text: str  # the words most of its members carry


class _Groups(DisjointSets):
    """Disjoint sets whose roots carry the speaker label of their group."""

    __slots__ = ("fragment", "label")

    def __init__(self, labels: list[str | None]) -> None:
        super().__init__(len(labels))
        self.label = labels
        self.fragment: set[int] = set()

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        la, lb = self.label[ra], self.label[rb]
        if la is not None and lb is not None and la != lb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.label[ra] = la if la is not None else lb
        return True


def find_clusters(quotes: Sequence[Quote]) -> list[Cluster]:
    """Cluster ``quotes``; every quote ends up in exactly one cluster."""
    norms = [normalise(q.text) for q in quotes]
    groups = _Groups([q.label for q in quotes])
    reps = _exact(quotes, norms, groups)
    cache: dict[str, int] = {}
    hashes = {i: word_hashes(norms[i].split(), cache) for i in reps}  # shared by both passes
    _near(reps, hashes, groups)
    _fragments(quotes, reps, norms, groups, hashes, cache)
    return _collect(quotes, norms, groups)


def _exact(quotes: Sequence[Quote], norms: list[str], groups: _Groups) -> list[int]:
    """Join equal texts (speaker labels permitting); return one representative per distinct
    (text, speaker) group, in quote order."""
    by_text: dict[str, list[int]] = {}
    reps: list[int] = []
    for i in sorted(range(len(quotes)), key=lambda i: quotes[i].order):
        if not norms[i]:
            continue
        heads = by_text.setdefault(norms[i], [])
        for h in heads:
            if groups.union(h, i):
                break
        else:
            heads.append(i)
            reps.append(i)
    return reps


def _near(reps: list[int], hashes: dict[int, list[int]], groups: _Groups) -> None:
    shingled: list[tuple[int, ...]] = []
    sketches: list[list[int] | None] = []
    for i in reps:
        hs = hashes[i]
        sh = shingles_of(hs)
        shingled.append(sh)
        sketches.append(sketch(sh) if len(hs) >= NEAR_MIN_WORDS else None)
    checked: set[tuple[int, int]] = set()
    for a, b in band_pairs(sketches):
        if (a, b) in checked:
            continue
        checked.add((a, b))
        if groups.find(reps[a]) == groups.find(reps[b]):
            continue
        if jaccard(shingled[a], shingled[b]) >= NEAR_JACCARD:
            groups.union(reps[a], reps[b])


def quoted_words(q: Quote, norm: str) -> str:
    """The words a statement quotes: all of a direct one, the longest quoted part of a mixed one ("he
    would commit "very bad things" if …" → "very bad things")."""
    if q.kind != "mixed":
        return norm
    parts = [normalise(p) for p in _QUOTED.findall(q.text)]
    return max(parts, key=len, default="")


def _fragments(quotes: Sequence[Quote], reps: list[int], norms: list[str], groups: _Groups,
               hashes: dict[int, list[int]], cache: dict[str, int]) -> None:
    """Join each short quote to the best longer quote that contains its words."""
    anchors: dict[int, list[int]] = {}
    own = {i: quoted_words(quotes[i], norms[i]) for i in reps}
    for i in reps:
        words = own[i].split()
        if len(words) >= FRAGMENT_MIN_WORDS and len(own[i]) >= FRAGMENT_MIN_CHARS:
            hs = hashes[i] if own[i] is norms[i] else word_hashes(words[:3], cache)
            anchors.setdefault(_trigram(hs, 0), []).append(i)
    if not anchors:
        return
    best: dict[int, tuple[tuple[int, int, tuple[str, int, int]], int]] = {}
    get = anchors.get
    for c in reps:
        hs = hashes[c]
        if len(hs) <= FRAGMENT_MIN_WORDS:
            continue
        padded = f" {norms[c]} "
        for k in range(len(hs) - 2):
            for f in get(_trigram(hs, k), ()):
                if f == c or len(own[f]) >= len(norms[c]) or f" {own[f]} " not in padded:
                    continue
                lf, lc = groups.label[groups.find(f)], groups.label[groups.find(c)]
                if lf is not None and lc is not None and lf != lc:
                    continue
                score = (_KIND_RANK.get(quotes[c].kind, 3), 0 if lc == lf else 1, quotes[c].order)
                if f not in best or score < best[f][0]:
                    best[f] = (score, c)
    # longer fragments first: a fragment of a fragment follows its container into the same cluster
    for f in sorted(best, key=lambda f: -len(norms[f])):
        if groups.find(f) != groups.find(best[f][1]) and groups.union(f, best[f][1]):
            groups.fragment.add(f)


def _trigram(hs: list[int], k: int) -> int:
    return (((hs[k] * 0x01000193) ^ hs[k + 1]) * 0x01000193) ^ hs[k + 2]


def _collect(quotes: Sequence[Quote], norms: list[str], groups: _Groups) -> list[Cluster]:
    members: dict[int, list[int]] = {}
    for i in sorted(range(len(quotes)), key=lambda i: quotes[i].order):
        members.setdefault(groups.find(i), []).append(i)
    # a quote joined as a fragment brings its exact copies along: they are fragments too
    fragment_texts = {(groups.find(f), norms[f]) for f in groups.fragment}
    out = []
    for ms in members.values():
        root = groups.find(ms[0])
        whole = [i for i in ms if (root, norms[i]) not in fragment_texts] or ms
        counts = Counter(norms[i] for i in whole)
        top = max(counts.values())
        rep_norm = next(norms[i] for i in whole if counts[norms[i]] == top)
        relations = []
        for pos, i in enumerate(ms):
            if pos == 0:
                relations.append("first")
            elif (root, norms[i]) in fragment_texts:
                relations.append("fragment")
            elif norms[i] == rep_norm:
                relations.append("exact")
            else:
                relations.append("near")
        text = next(quotes[i].text for i in whole if norms[i] == rep_norm)
        out.append(Cluster(ms, relations, text))
    return out
