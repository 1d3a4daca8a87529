"""disjoint: union-find, joins → the sets they make and which root stays."""

from __future__ import annotations

import pytest

from sayso.disjoint import DisjointSets

CASES = [
    (3, [], [[0], [1], [2]]),
    (4, [(0, 1), (2, 3)], [[0, 1], [2, 3]]),
    (5, [(0, 1), (1, 2), (4, 3)], [[0, 1, 2], [3, 4]]),
    (4, [(3, 0), (0, 1), (1, 3)], [[0, 1, 3], [2]]),  # a join within one set changes nothing
]


@pytest.mark.parametrize(("n", "joins", "expected"), CASES)
def test_disjoint_sets_group_what_is_joined(n: int, joins: list[tuple[int, int]],
                                            expected: list[list[int]]) -> None:
    sets = DisjointSets(n)
    for keep, other in joins:
        sets.join(keep, other)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(sets.find(i), []).append(i)
    assert sorted(groups.values()) == expected


def test_disjoint_sets_join_keeps_the_first_root() -> None:
    sets = DisjointSets(3)
    sets.join(2, 0)
    sets.join(2, 1)
    assert [sets.find(i) for i in range(3)] == [2, 2, 2]
