"""A parsed token table lists each token's dependents as scanning its neighbours finds them."""

from __future__ import annotations

import random

from storyline.article.reference import children
from storyline.article.tokens import REACH, parsed
from storyline.model import TokenTable


def test_listed_dependents_are_the_ones_within_reach():
    rng = random.Random(3)
    count = 300
    heads = tuple(rng.randrange(count) for _ in range(count))
    table = TokenTable(start=tuple(range(0, 2 * count, 2)), end=tuple(range(1, 2 * count, 2)), head=heads)
    indexed = parsed(table)
    assert parsed(indexed) is indexed
    assert any(abs(i - h) >= REACH for i, h in enumerate(heads))  # some heads are out of reach
    for head in range(count):
        assert children(indexed, head) == children(table, head)
