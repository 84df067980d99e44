"""Stretches of an article's text (quotations, mentions, sentences) looked up by position in
logarithmic time.

Per-article code asks, for every token, mention or quotation, which quotations hold it or which
mentions overlap it. Asked by scanning every stretch, those questions made a stage quadratic in
the article's length (a 950 KB article did not finish in ten minutes); asked of an index built
once, they cost a bisection and the answers themselves.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from operator import attrgetter, itemgetter
from typing import Generic, Protocol, TypeVar


class Ranged(Protocol):
    start: int
    end: int


T = TypeVar("T")
R = TypeVar("R", bound=Ranged)


class Stretches(Generic[T]):
    """Items with a start and an end offset (end exclusive), ordered by start. Besides the
    starts, it keeps for each item the furthest end reached by it or any item before it, which
    tells where a walk back from a position can stop: nothing earlier reaches past it."""

    __slots__ = ("_ends", "_reach", "_starts", "items")

    def __init__(self, items: Iterable[T], start: Callable[[T], int], end: Callable[[T], int]) -> None:
        self.items: tuple[T, ...] = tuple(sorted(items, key=start))
        self._starts = [start(item) for item in self.items]
        self._ends = [end(item) for item in self.items]
        self._reach = list(accumulate(self._ends, max))

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def touches(self, position: int, before: int = 1) -> bool:
        """True when some item has start - before <= position <= end: with `before` 1, the
        position is inside it or on the mark just before or after it (what "inside a quotation"
        means for a token)."""
        index = bisect_right(self._starts, position + before)
        return index > 0 and self._reach[index - 1] >= position

    def touching(self, position: int, before: int = 1) -> list[T]:
        """The items with start - before <= position <= end, in start order."""
        found = []
        index = bisect_right(self._starts, position + before) - 1
        while index >= 0 and self._reach[index] >= position:
            if self._ends[index] >= position:
                found.append(self.items[index])
            index -= 1
        found.reverse()
        return found

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items that share a character with [start, end), in start order."""
        found = []
        index = bisect_left(self._starts, end) - 1
        while index >= 0 and self._reach[index] > start:
            if self._ends[index] > start:
                found.append(self.items[index])
            index -= 1
        found.reverse()
        return found

    def last_before(self, position: int) -> int:
        """The index of the last item starting before `position` (-1 if none)."""
        return bisect_left(self._starts, position) - 1

    def first_from(self, position: int) -> int:
        """The index of the first item starting at or after `position` (len if none)."""
        return bisect_left(self._starts, position)


def spans_of(pairs: Iterable[tuple[int, int]]) -> Stretches[tuple[int, int]]:
    """(start, end) pairs, such as the quotations of an article, as stretches."""
    return Stretches(pairs, itemgetter(0), itemgetter(1))


def as_spans(pairs: Iterable[tuple[int, int]] | Stretches[tuple[int, int]]) -> Stretches[tuple[int, int]]:
    """`pairs` as stretches, indexed once: itself when it already is."""
    return pairs if isinstance(pairs, Stretches) else spans_of(pairs)


def ranges_of(items: Sequence[T]) -> Stretches[T]:
    """Records with `start` and `end` attributes (mentions, sentences) as stretches."""
    return Stretches(items, attrgetter("start"), attrgetter("end"))


class Masked(Generic[T]):
    """Stretches with one of them left out and others added, asked as the stretches are: the
    quotations around a quotation nested inside `left_out` are the article's others and the
    ones nested beside it, without copying the article's for each outer quotation."""

    __slots__ = ("added", "base", "left_out")

    def __init__(self, base: Stretches[T], left_out: T, added: Stretches[T]) -> None:
        self.base = base
        self.left_out = left_out
        self.added = added

    def touches(self, position: int, before: int = 1) -> bool:
        return self.added.touches(position, before) or any(item != self.left_out for item in self.base.touching(position, before))


# An article's sentences (Annotation.sentences) are in text order and never overlap, so both
# their starts and their ends are sorted: a sentence is found by bisection on either.
_START = attrgetter("start")
_END = attrgetter("end")


def sentence_at(sentences: Sequence[R], position: int) -> R | None:
    """The sentence that holds the character at `position`, if any."""
    index = bisect_right(sentences, position, key=_START) - 1
    return sentences[index] if index >= 0 and position < sentences[index].end else None


def sentences_over(sentences: Sequence[R], start: int, end: int) -> range:
    """The indices of the sentences that share a character with [start, end)."""
    return range(bisect_right(sentences, start, key=_END), bisect_left(sentences, end, key=_START))


def last_sentence_before(sentences: Sequence[R], position: int) -> int:
    """The index of the last sentence that ends at or before `position` (-1 if none)."""
    return bisect_right(sentences, position, key=_END) - 1


class Coverage:
    """Which characters of a text are taken by stretches found so far: whether a new stretch
    overlaps any of them costs its own length, however many there are."""

    __slots__ = ("_marks",)

    def __init__(self, length: int, taken: Iterable[tuple[int, int]] = ()) -> None:
        self._marks = bytearray(length)
        for start, end in taken:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if end > start:
            self._marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """True when a character of [start, end) is taken."""
        return self._marks.find(1, start, end) >= 0
