"""Which tokens of the stored parse cover a stretch of the clean text: the one joint between
character offsets (what every claim points to) and token indices (what the parse speaks in).
It imports nothing of the project but the model, so every reader of the parse can use it."""

from __future__ import annotations

from bisect import bisect_right

from storyline.model import TokenTable


def token_range(tokens: TokenTable, start: int, end: int) -> range:
    first = max(0, bisect_right(tokens.start, start) - 1)
    if first < len(tokens) and tokens.end[first] <= start:
        first += 1
    return range(first, bisect_right(tokens.start, end - 1))
