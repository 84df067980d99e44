"""The corpus step for quotes: speakers as corpus entities, and the same utterance matched
across outlets, translations and paraphrases.

Two quotations are one utterance only when they have the same speaker and come from reports
of the same event (or, where clustering has nothing to say, the same speaker alone), and their
words agree: one holds the other word for word (a partial quotation taken from the full one),
or, sentence by sentence, the rare words they share are enough and their meaning agrees too
(sentence vectors, lexicon/sentence_vectors.py). Shared words alone mislead: one speaker's
"big plans" and "very, very big factor" share a rare word and mean nothing alike. A weaker
match (a paraphrase through translation shares few words) is taken where it keeps the order in
which both reports tell the speech. Different speakers' words are grouped only where one of them relays the other's: a
spokesman's "He noted that Ukraine and Russia are founding members ..." and the same sentence
credited to the Secretary-General in another report are one utterance, matched on the words
after the frame, and never on shared words alone.

The thresholds were fitted on a sample of 140 candidate pairs of one speaker's quotations in
two PolNeAR articles (dev split and the first half of train), labelled by hand: shared words
alone (Dice >= 0.2) grouped them at precision 0.28, shared words with agreeing meaning and
containment at 0.92 with recall 0.96.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import replace

import numpy as np

from storyline.corpus.disjoint import DisjointSets
from storyline.lexicon import reporting, words
from storyline.lexicon.sentence_vectors import embed
from storyline.model import ArticleQuotes, Quote, Span

# Weight of the rare words two sentences of one speaker about one event share (Dice), and how
# alike their meaning must be (cosine of sentence vectors) besides.
GROUP_THRESHOLD = 0.3
MEANING_THRESHOLD = 0.85
# Enough for a pair that sits between matched pairs in the same order in both reports.
ORDERED_THRESHOLD = 0.12
ORDERED_MEANING = 0.6
# A quotation held word for word in another is the same words when it is this long.
CONTAINED_WORDS = 3
# The score of a containment: above any pair that only shares words.
CONTAINED = 2.0
_STOP = words("quote_groups", "stop")
_SPEECH = reporting("speech")
_IRREGULAR = reporting("irregular_past")
_SELF = words("events", "first_person")
# How far into a quotation a frame's "that" may stand: "The Secretary-General said that".
_FRAME_WORDS = 8


def build_quotes(
    found: dict[str, ArticleQuotes], texts: dict[str, str], entities, local_to_corpus, events: list[set[str]]
) -> tuple[Quote, ...]:
    """Quotes with corpus speakers and cross-source groups. `local_to_corpus(article, span,
    local_index)` names the corpus entity of a speaker."""
    names = {e.id: e.name for e in entities}
    quotes = []
    for article in sorted(found):
        text = texts[article]
        ids: dict[tuple[int, int], str] = {}
        for finding in found[article].quotes:
            ids.setdefault((finding.start, finding.end), f"q{len(quotes) + 1}")
            speaker = local_to_corpus(article, finding.speaker_span, finding.speaker_entity)
            quotes.append(
                Quote(
                    id=f"q{len(quotes) + 1}",
                    text=text[finding.start : finding.end],
                    speaker=speaker,
                    speaker_name=names.get(speaker)
                    if speaker
                    else (text[finding.speaker_span.start : finding.speaker_span.end] if finding.speaker_span else None),
                    speaker_span=Span(article, finding.speaker_span.start, finding.speaker_span.end) if finding.speaker_span else None,
                    span=Span(article, finding.start, finding.end),
                    cue=text[finding.cue.start : finding.cue.end] if finding.cue else None,
                    cue_span=Span(article, finding.cue.start, finding.cue.end) if finding.cue else None,
                    kind=finding.kind,
                    reported_by=_relayed_by(local_to_corpus, article, finding, speaker),
                    nested_in=_outer_id(ids, finding),
                )
            )
    return tuple(_grouped(quotes, events))


def _outer_id(ids: dict[tuple[int, int], str], finding) -> str | None:
    """The id of the quotation a nested one sits in; the outer one comes first in its article."""
    if finding.within is None:
        return None
    return ids.get((finding.within.start, finding.within.end))


def _relayed_by(local_to_corpus, article: str, finding, speaker: str | None) -> str | None:
    if finding.reporter_span is None:
        return None
    relayer = local_to_corpus(article, finding.reporter_span, finding.reporter_entity)
    return relayer if relayer != speaker else None


def _segments(text: str) -> list[list[str]]:
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    return [[w for w in re.findall(r"[a-z]+", s.lower()) if len(w) > 2 and w not in _STOP] for s in sentences]


def _grouped(quotes: list[Quote], events: list[set[str]]) -> list[Quote]:
    event_of: dict[str, set[int]] = defaultdict(set)
    for index, members in enumerate(events):
        for article in members:
            event_of[article].add(index)
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for index, quote in enumerate(quotes):
        if quote.speaker and quote.kind != "indirect":
            by_speaker[quote.speaker].append(index)
    same = DisjointSets(range(len(quotes)))
    scope = event_of if events else None
    pairs = _scored_pairs(quotes, _candidates(by_speaker, quotes, scope))
    pairs += _relayed_pairs(quotes, by_speaker, scope)
    # The best pairs first: containment, then shared words with agreeing meaning. Then weaker
    # pairs (a paraphrase through translation shares few words) are taken where they keep the
    # order in which both reports tell the speech, and only for quotes still without a partner
    # in the other report.
    matched: set[tuple[int, str]] = set()
    # Accepted pairs by speaker and pair of reports: the anchors an ordered match is checked by.
    accepted: dict[tuple[str, frozenset[str]], list[tuple[int, int]]] = defaultdict(list)
    for threshold, keep_order in ((GROUP_THRESHOLD, False), (ORDERED_THRESHOLD, True)):
        for score, a, b in sorted(pairs, reverse=True):
            if score < threshold:
                continue
            # a long rendering may hold several shorter ones, each its partner; a weak match
            # takes no quote that already has one in the other report
            taken = (a, quotes[b].span.article) in matched or (b, quotes[a].span.article) in matched
            if taken and keep_order:
                continue
            reports = (quotes[a].speaker, frozenset((quotes[a].span.article, quotes[b].span.article)))
            if keep_order and not _keeps_order(a, b, accepted.get(reports, []), quotes):
                continue
            matched.add((a, quotes[b].span.article))
            matched.add((b, quotes[a].span.article))
            accepted[reports].append((a, b))
            same.union(a, b)
    roots = Counter(same.find(i) for i in range(len(quotes)))
    numbering: dict[int, str] = {}
    result = []
    for index, quote in enumerate(quotes):
        root = same.find(index)
        if roots[root] > 1:
            numbering.setdefault(root, f"g{len(numbering) + 1}")
            quote = replace(quote, group=numbering[root])
        result.append(quote)
    return result


class _Meaning:
    """The best agreement in meaning between two quotations' sentences; each quotation's
    sentence vectors are made once, and only for quotations that some pair needs."""

    def __init__(self, quotes: list[Quote]) -> None:
        self._quotes = quotes
        self._vectors: dict[int, np.ndarray] = {}

    def between(self, a: int, b: int) -> float:
        return float((self._of(a) @ self._of(b).T).max())

    def _of(self, index: int) -> np.ndarray:
        if index not in self._vectors:
            text = self._quotes[index].text
            # sentences of three words or more: "..." alone is alike in everyone's mouth
            sentences = [s for s in _SENTENCE_END.split(text) if len(_WORD.findall(s)) >= 3]
            self._vectors[index] = embed(sentences or [text])
        return self._vectors[index]


_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def _contained(a: str, b: str) -> bool:
    """The shorter quotation's words, three or more, stand in the longer one in a row."""
    left, right = [w.lower() for w in _WORD.findall(a)], [w.lower() for w in _WORD.findall(b)]
    if len(left) > len(right):
        left, right = right, left
    size = len(left)
    if size < CONTAINED_WORDS:
        return False
    first = left[0]
    return any(right[i : i + size] == left for i in range(len(right) - size + 1) if right[i] == first)


def _scored_pairs(quotes: list[Quote], candidates: set[tuple[int, int]]) -> list[tuple[float, int, int]]:
    """(score, a, b) for each candidate pair that may be one utterance: a containment first,
    then shared rare words where the meaning agrees (a pair alike only in part scores no more
    than an ordered match needs)."""
    frequency: Counter[str] = Counter()
    segments = [_segments(q.text) for q in quotes]
    for segs in segments:
        frequency.update({w for seg in segs for w in seg})
    total = len(quotes) + 1

    def idf(word: str) -> float:
        return math.log(total / frequency[word]) + 0.5

    pairs = []
    meaning = _Meaning(quotes)
    for a, b in sorted(candidates):
        if _contained(quotes[a].text, quotes[b].text):
            pairs.append((CONTAINED, a, b))
            continue
        score = _agreement(segments[a], segments[b], idf)
        if score >= ORDERED_THRESHOLD:
            alike = meaning.between(a, b)
            if alike >= ORDERED_MEANING:
                pairs.append((score if alike >= MEANING_THRESHOLD else min(score, ORDERED_THRESHOLD), a, b))
    return pairs


def _relayed_pairs(quotes: list[Quote], by_speaker: dict[str, list[int]], scope: dict[str, set[int]] | None) -> list[tuple[float, int, int]]:
    """Pairs of a quotation that relays someone's words ("He noted that ...") and another
    speaker's quotation of the same event holding those words: containment, or shared words
    with agreeing meaning, on the words after the frame."""
    relayed = {index: rest for index, quote in enumerate(quotes) if quote.speaker and (rest := _after_frame(quote.text))}
    if not relayed:
        return []
    stripped = [replace(q, text=relayed[i]) if i in relayed else q for i, q in enumerate(quotes)]
    # Looked up by event, so a relay meets the quotations of its own events, not the corpus.
    spoken = [index for members in by_speaker.values() for index in members]
    in_event: dict[int, list[int]] = defaultdict(list)
    for index in spoken if scope is not None else ():
        for event in scope[quotes[index].span.article]:
            in_event[event].append(index)
    candidates = set()
    for index in relayed:
        article = quotes[index].span.article
        others = spoken if scope is None else {o for event in scope[article] for o in in_event[event]}
        for other in others:
            if quotes[other].speaker != quotes[index].speaker and quotes[other].span.article != article:
                candidates.add((min(index, other), max(index, other)))
    return [(score, a, b) for score, a, b in _scored_pairs(stripped, candidates) if score >= GROUP_THRESHOLD]


def _after_frame(text: str) -> str | None:
    """The words a quotation relays after a frame naming someone else's speech ("He noted that
    ...", "The Secretary-General said that ..."), or None when it opens with no such frame."""
    found = list(_WORD.finditer(text))[: _FRAME_WORDS + 1]
    if not found or found[0].group().lower() in _SELF:
        return None  # "I said that ...": the speaker's own words still
    for position, match in enumerate(found[2:], 2):
        if match.group().lower() == "that" and _is_speech_past(found[position - 1].group().lower()):
            return text[match.end() :].strip() or None
    return None


def _is_speech_past(word: str) -> bool:
    if word in _IRREGULAR:
        return True
    return word.endswith("ed") and (word[:-2] in _SPEECH or word[:-1] in _SPEECH)


def _candidates(by_speaker: dict[str, list[int]], quotes: list[Quote], event_of: dict[str, set[int]] | None) -> set[tuple[int, int]]:
    """Pairs of one speaker's quotes from two articles that report a common event (any two
    articles when there are no event clusters). Paired within each event, so a speaker quoted
    thousands of times across a large corpus costs the size of their events, not its square."""
    pairs = set()
    for members in by_speaker.values():
        if event_of is None:
            buckets = [members]
        else:
            by_event: dict[int, list[int]] = defaultdict(list)
            for index in members:
                for event in event_of[quotes[index].span.article]:
                    by_event[event].append(index)
            buckets = list(by_event.values())
        for bucket in buckets:
            for position, a in enumerate(bucket):
                for b in bucket[position + 1 :]:
                    if quotes[a].span.article != quotes[b].span.article:
                        pairs.add((a, b) if a < b else (b, a))
    return pairs


def _keeps_order(a: int, b: int, anchors: list[tuple[int, int]], quotes: list[Quote]) -> bool:
    """True when a and b lie on the same side of every matched pair of the same speaker between
    their two reports (`anchors`), and there is at least one such pair to go by."""
    if not anchors:
        return False
    for x, y in anchors:
        if quotes[x].span.article != quotes[a].span.article:
            x, y = y, x
        if (quotes[a].span.start - quotes[x].span.start) * (quotes[b].span.start - quotes[y].span.start) <= 0:
            return False
    return True


def _agreement(a: list[list[str]], b: list[list[str]], idf) -> float:
    """The best sentence-to-sentence agreement: the weight of the rare words two sentences
    share against the weight of both (Dice), so a short sentence does not match anything that
    happens to contain its one rare word."""
    best = 0.0
    for left in a:
        for right in b:
            if not left or not right:
                continue
            left_set, right_set = set(left), set(right)
            # fsum: a set's order changes with Python's string hashing from one run to the next,
            # and a plain sum with it, in the last bit: enough to reorder two equal pairs.
            total = math.fsum(idf(w) for w in left_set) + math.fsum(idf(w) for w in right_set)
            best = max(best, 2 * math.fsum(idf(w) for w in left_set & right_set) / total)
    return best
