"""MinHash sketches and LSH banding for near-duplicate quotes, in pure Python.

One-permutation hashing (Li, Owen and Zhang, 2012) with rotation densification (Shrivastava and Li,
2014): each shingle is hashed once and falls into one of ``BINS`` bins, a bin keeps its smallest value,
and an empty bin borrows from the next filled one. That costs one hash per shingle instead of one per
shingle and permutation, which is what makes a pure-Python sketch of 100,000 statements take about a
second (datasketch's 128-permutation ``MinHash`` needs numpy and scipy and is slower per statement;
see docs/design-notes.md). Candidates that share a band are checked with the exact Jaccard
similarity of their shingles, so the sketch only has to find them, not to measure them.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterator, Sequence

BINS = 32
_BIN_BITS = 5  # BINS == 1 << _BIN_BITS
ROWS = 2  # values per LSH band: 16 bands of 2 find pairs of Jaccard 0.5 with probability 0.99
_MASK = (1 << 32) - 1
_EMPTY = 1 << 40
_OFFSET = 0x9E3779B1  # added per bin borrowed across, so borrowed values differ from their source


def word_hash(word: str, cache: dict[str, int]) -> int:
    h = cache.get(word)
    if h is None:
        h = cache[word] = zlib.crc32(word.encode("utf-8"))
    return h


def word_hashes(words: Sequence[str], cache: dict[str, int]) -> list[int]:
    get = cache.get
    out = []
    for w in words:
        h = get(w)
        if h is None:
            h = cache[w] = zlib.crc32(w.encode("utf-8"))
        out.append(h)
    return out


def shingles(words: Sequence[str], cache: dict[str, int]) -> tuple[int, ...]:
    """Hashes of the word bigrams of a text (of its words, when it has fewer than two), sorted."""
    return shingles_of(word_hashes(words, cache))


def shingles_of(hs: list[int]) -> tuple[int, ...]:
    if len(hs) < 2:
        return tuple(sorted(set(hs)))
    return tuple(sorted({((a * 0x01000193) ^ b) & _MASK for a, b in itertools.pairwise(hs)}))


def sketch(hashes: Sequence[int]) -> list[int]:
    """The densified one-permutation MinHash of a set of 32-bit shingle hashes."""
    bins = [_EMPTY] * BINS
    for h in hashes:
        h = (h * 0x2545F491) & _MASK  # spread crc32's low bits before binning
        b = h & (BINS - 1)
        v = h >> _BIN_BITS
        if v < bins[b]:
            bins[b] = v
    if _EMPTY in bins and any(v != _EMPTY for v in bins):
        out = list(bins)
        for i in range(BINS):
            if bins[i] == _EMPTY:
                j, step = (i + 1) % BINS, 1
                while bins[j] == _EMPTY:
                    j, step = (j + 1) % BINS, step + 1
                out[i] = bins[j] + step * _OFFSET
        return out
    return bins


def band_pairs(sketches: Sequence[list[int] | None]) -> Iterator[tuple[int, int]]:
    """Pairs (first seen, later) of sketches that share a band. Each band's buckets are built and
    dropped in turn (memory stays at one dict of n entries); within a bucket every later member is
    paired with the first, so a bucket of k members costs k - 1 checks, not k²."""
    for band in range(BINS // ROWS):
        lo = band * ROWS
        first: dict[tuple[int, ...], int] = {}
        for i, sk in enumerate(sketches):
            if sk is None:
                continue
            k = tuple(sk[lo:lo + ROWS])
            j = first.setdefault(k, i)
            if j != i:
                yield j, i


def jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """Jaccard similarity of two sorted, duplicate-free sequences."""
    if not a or not b:
        return 0.0
    inter = len(set(a).intersection(b))
    return inter / (len(a) + len(b) - inter)
