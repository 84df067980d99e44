"""Stretches looked up by position give what a scan of every stretch gives."""

from __future__ import annotations

import random

from storyline.lexicon.positions import Coverage, Masked, Stretches, last_sentence_before, ranges_of, sentence_at, sentences_over, spans_of
from storyline.model import TextRange


def _random_spans(rng: random.Random, count: int, length: int = 1000) -> list[tuple[int, int]]:
    spans = []
    for _ in range(count):
        start = rng.randrange(length)
        spans.append((start, start + rng.randrange(1, 60)))
    return spans


def test_overlapping_and_touching_match_a_scan():
    rng = random.Random(7)
    for _ in range(50):
        spans = _random_spans(rng, rng.randrange(0, 40))
        index = spans_of(spans)
        for _ in range(40):
            start = rng.randrange(-5, 1100)
            end = start + rng.randrange(1, 80)
            # in start order, and in the order given among equal starts
            assert index.overlapping(start, end) == sorted(((s, e) for s, e in spans if s < end and start < e), key=lambda p: p[0])
            position = rng.randrange(-5, 1100)
            assert index.touches(position) == any(s - 1 <= position <= e for s, e in spans)
            assert index.touches(position, before=0) == any(s <= position <= e for s, e in spans)
            assert index.touching(position) == sorted(((s, e) for s, e in spans if s - 1 <= position <= e), key=lambda p: p[0])


def test_items_keep_their_order_among_equal_starts():
    index = Stretches([(5, "b"), (5, "a"), (1, "c")], lambda item: item[0], lambda item: item[0] + 3)
    assert [name for _, name in index.overlapping(0, 10)] == ["c", "b", "a"]
    assert index.last_before(5) == 0 and index.first_from(5) == 1


def test_masked_leaves_one_out_and_adds_others():
    spans = spans_of([(10, 20), (30, 40)])
    masked = Masked(spans, (10, 20), spans_of([(12, 15)]))
    assert not masked.touches(18)  # only in the one left out
    assert masked.touches(13) and masked.touches(35)


def test_coverage_tells_overlap_with_what_was_added():
    covered = Coverage(100, [(10, 20)])
    assert covered.overlaps(15, 30) and covered.overlaps(0, 11) and not covered.overlaps(20, 30) and not covered.overlaps(0, 10)
    covered.add(25, 27)
    assert covered.overlaps(26, 40) and not covered.overlaps(27, 40)


def test_sentences_are_found_by_bisection():
    sentences = (TextRange(0, 10), TextRange(12, 20), TextRange(25, 40))
    assert sentence_at(sentences, 5) == sentences[0] and sentence_at(sentences, 11) is None and sentence_at(sentences, 39) == sentences[2]
    assert list(sentences_over(sentences, 9, 13)) == [0, 1]
    assert list(sentences_over(sentences, 20, 25)) == []
    assert last_sentence_before(sentences, 24) == 1 and last_sentence_before(sentences, 9) == -1
    assert [r.start for r in ranges_of(sentences).overlapping(0, 13)] == [0, 12]
