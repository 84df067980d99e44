"""Which tokens of the stored parse cover a stretch of the clean text: the one joint between
character offsets (what every claim points to) and token indices (what the parse speaks in).
It imports nothing of the project but the model, so every reader of the parse can use it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import fields
from functools import cached_property

from storyline.model import TokenTable

# How far from its head a dependent is looked for: a dependent is rarely further away, and the
# rules were written against what lies within this reach.
REACH = 25


def token_range(tokens: TokenTable, start: int, end: int) -> range:
    first = max(0, bisect_right(tokens.start, start) - 1)
    if first < len(tokens) and tokens.end[first] <= start:
        first += 1
    return range(first, bisect_right(tokens.start, end - 1))


class ParsedTokens(TokenTable):
    """A token table with each token's dependents (within REACH of it) listed once, for the
    stages that walk the parse: asked by scanning the neighbours of a token each time, the
    dependents cost those stages a third of their time."""

    @cached_property
    def near_children(self) -> list[list[int]]:
        found: list[list[int]] = [[] for _ in range(len(self.start))]
        for child, head in enumerate(self.head):
            if child != head and head - REACH <= child < head + REACH:
                found[head].append(child)
        return found


def parsed(tokens: TokenTable) -> ParsedTokens:
    """`tokens` with their dependents listed (itself when it already is)."""
    if isinstance(tokens, ParsedTokens):
        return tokens
    return ParsedTokens(**{f.name: getattr(tokens, f.name) for f in fields(TokenTable)})
