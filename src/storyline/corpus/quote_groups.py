"""The corpus step for quotes: speakers as corpus entities, and the same utterance matched
across outlets, translations and paraphrases.

Two quotations are one utterance only when they have the same speaker and come from reports
of the same event (or, where clustering has nothing to say, the same speaker alone), and their
words agree: sentence by sentence, the rare words they share outweigh what either has alone.
Different speakers' words are never grouped, however alike.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from storyline.corpus.disjoint import DisjointSets
from storyline.lexicon import words
from storyline.model import ArticleQuotes, Quote, Span

# Weight of the rare words two sentences of one speaker about one event share (Dice).
GROUP_THRESHOLD = 0.2
# Enough for a pair that sits between matched pairs in the same order in both reports.
ORDERED_THRESHOLD = 0.12
_STOP = words("quote_groups", "stop")


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
    sentences = [s for s in re.split(r"(?<=[.!?;:])\s+", text) if s.strip()]
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
    frequency: Counter[str] = Counter()
    segments = [_segments(q.text) for q in quotes]
    for segs in segments:
        frequency.update({w for seg in segs for w in seg})
    total = len(quotes) + 1

    def idf(word: str) -> float:
        return math.log(total / frequency[word]) + 0.5

    same = DisjointSets(range(len(quotes)))

    pairs = []
    for a, b in sorted(_candidates(by_speaker, quotes, event_of if events else None)):
        score = _agreement(segments[a], segments[b], idf)
        if score >= ORDERED_THRESHOLD:
            pairs.append((score, a, b))
    # One utterance has one rendering per report: match the best pairs first, and a quote
    # already matched in the other report takes no second partner there. Then weaker pairs
    # (a paraphrase through translation shares few words) are taken where they keep the order
    # in which both reports tell the speech.
    matched: set[tuple[int, str]] = set()
    # Accepted pairs by speaker and pair of reports: the anchors an ordered match is checked by.
    accepted: dict[tuple[str, frozenset[str]], list[tuple[int, int]]] = defaultdict(list)
    for threshold, keep_order in ((GROUP_THRESHOLD, False), (ORDERED_THRESHOLD, True)):
        for score, a, b in sorted(pairs, reverse=True):
            if score < threshold or (a, quotes[b].span.article) in matched or (b, quotes[a].span.article) in matched:
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
            quote = Quote(**{**{f: getattr(quote, f) for f in Quote.__dataclass_fields__}, "group": numbering[root]})
        result.append(quote)
    return result


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
