"""Disjoint sets (union-find) over ``0 .. n-1``: the one grouping that speakers, outlets and quote
clusters share."""

from __future__ import annotations


class DisjointSets:
    """Each element's set, found by following parents to the set's root (paths halved on the way)."""

    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        p = self.parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def join(self, keep: int, other: int) -> None:
        """Put ``other``'s set into ``keep``'s: the root of ``keep`` stays the root."""
        self.parent[self.find(other)] = self.find(keep)
