from __future__ import annotations

import random

from storyline.corpus.disjoint import DisjointSets


def test_groups_follow_every_union():
    sets = DisjointSets(range(10))
    for a, b in [(0, 1), (2, 3), (1, 3), (5, 6), (9, 5)]:
        sets.union(a, b)
    assert sorted(sorted(g) for g in sets.groups()) == [[0, 1, 2, 3], [4], [5, 6, 9], [7], [8]]


def test_agrees_with_a_naive_forest_on_random_unions():
    rng = random.Random(1)
    sets = DisjointSets(range(500))
    naive = list(range(500))

    def root(i: int) -> int:
        while naive[i] != i:
            i = naive[i]
        return i

    for _ in range(800):
        a, b = rng.randrange(500), rng.randrange(500)
        sets.union(a, b)
        naive[root(a)] = root(b)
    for a in range(0, 500, 7):
        for b in range(0, 500, 11):
            assert (sets.find(a) == sets.find(b)) == (root(a) == root(b))
