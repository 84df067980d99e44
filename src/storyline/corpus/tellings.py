"""Tellings: the sentences of a story that tell a dated happening, and which of them tell the
same one.

A telling is one sentence on one date: a sentence holding a kept event (on the event's date),
or a lead sentence or a sentence that states its own date even when the event coder has no
code for what it tells ("a deepwater oil well exploded in the Gulf of Mexico"). Tellings are
the same happening when they share an event (event_merge already joined the outlets' tellings
of one event, and a statement that reports a shelling is how we know of the shelling), or
when, on one date, most of the content words of one are in the other. A later sentence that
recalls an event already dated by an earlier report, and states no date of its own ("he
claimed that Russia violated the Charter by invading Ukraine"), tells it on its first date.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from storyline.corpus.disjoint import DisjointSets
from storyline.lexicon import words
from storyline.model import Article, Event, SentenceDate

# Two sentences of one date tell the same happening when this share of the shorter one's
# content words is in the other.
SAME_TELLING = 0.6
# Each telling is compared with the others of its date that share one of its rarest words.
BLOCKING_WORDS = 4
# A sentence opens with its date when a date expression starts within this many characters.
OPENING_CHARS = 3
# An uncoded sentence shorter than this in content words is a fragment, not a telling.
MIN_WORDS = 4
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = words("quote_groups", "stop") | {"say", "told", "tell"}  # words that tell nothing of what happened
_QUOTE_MARK = re.compile(r"[\"“”«»]|``|''")
_LEAD_IN = re.compile(r"^(?:Meanwhile|Besides|In particular|However|Also|Earlier|But|And|So)\s*,?\s+", re.I)


@dataclass
class Telling:
    """One sentence telling what happened on one date."""

    date: str
    article: Article
    sentence: SentenceDate | None
    events: set[str] = field(default_factory=set)
    words: frozenset[str] = frozenset()
    lead: bool = False  # the first sentence of its article or of a section
    quoted: float = 0.0  # share of its characters inside quotation marks
    dated_first: bool = False  # opens with its date, as a chronology's lines do ("April 20 - ...")

    @property
    def text(self) -> str:
        if self.sentence is None:
            return ""
        return " ".join(self.article.text[self.sentence.start : self.sentence.end].split())


def trimmed(text: str) -> str:
    """A sentence as it stands in its article, less a connective that needs the one before it."""
    text = " ".join(text.split())
    cut = _LEAD_IN.sub("", text)
    return cut[:1].upper() + cut[1:] if cut != text else text


def timeline_events(events: tuple[Event, ...]) -> list[Event]:
    """What can be a step of the story: dated, not denied or imagined, with someone doing it."""
    return [e for e in events if e.date and e.status in ("happened", "scheduled", "reported") and (e.actor or e.actor_code)]


def find_tellings(events: list[Event], articles: tuple[Article, ...]) -> list[Telling]:
    indexed = {article.id: _ArticleIndex(article) for article in articles if not article.duplicate_of}
    dates = recalled_dates(events)
    found: dict[tuple, Telling] = {}
    for event in events:
        for span in event.sources:
            index = indexed.get(span.article)
            if index is None:
                continue
            sentence = index.sentence_at(span.start)
            key = (dates[event.id], index.article.id, sentence.start if sentence else span.start)
            if key not in found:
                found[key] = _telling(dates[event.id], index, sentence)
            found[key].events.add(event.id)
    told = {(key[1], key[2]) for key in found}
    for index in indexed.values():
        article = index.article
        for sentence in article.sentences:
            if (article.id, sentence.start) in told or not sentence.date or sentence.status == "hypothetical":
                continue
            if sentence.date_basis == "explicit" or sentence.start in index.leads:
                telling = _telling(sentence.date, index, sentence)
                if len(telling.words) >= MIN_WORDS:
                    found[(sentence.date, article.id, sentence.start)] = telling
    return list(found.values())


def recalled_dates(events: list[Event]) -> dict[str, str | None]:
    """Each event's timeline date: its own, or that of the earlier telling it recalls."""
    first: dict[tuple, str] = {}
    for event in sorted((e for e in events if _stated(e) and _recognisable(e)), key=lambda e: e.date or ""):
        first.setdefault(_happening(event), event.date or "")
    dates: dict[str, str | None] = {}
    for event in events:
        earlier = first.get(_happening(event)) if _recognisable(event) else None
        recalled = earlier and not _stated(event) and earlier < (event.date or "")
        dates[event.id] = earlier if recalled else event.date
    return dates


def _stated(event: Event) -> bool:
    """Dated by words of its own sentence or paragraph, not by when the report came out."""
    return event.date_basis.startswith(("explicit", "sentence (explicit)", "sentence (context)"))


def _recognisable(event: Event) -> bool:
    """Only an act with both sides named is recognisable when told again ("Russia invaded
    Ukraine"); "Guterres asked to discuss urgent steps" is not his phone call of weeks before."""
    return bool((event.actor or event.actor_code) and (event.target or event.target_code))


def _happening(event: Event) -> tuple:
    """What makes two tellings one happening: who, the kind of act (its CAMEO root, or its verb
    when it has no code), and to whom."""
    kind = event.code[:2] if event.code else event.action.split()[:1]
    return (event.actor or event.actor_code, str(kind), event.target or event.target_code)


class _ArticleIndex:
    """One article's sentence and time starts and its lead sentences, found once, so that each
    telling is placed by bisection rather than by reading the article again."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.sentence_starts = [s.start for s in article.sentences]
        self.time_starts = [t.start for t in article.times]
        # the first sentence of the article and of every section
        self.leads = {article.sentences[0].start} if article.sentences else set()
        for section in article.sections:
            first = bisect_left(self.sentence_starts, section.start)
            if first < len(article.sentences) and article.sentences[first].start < section.end:
                self.leads.add(article.sentences[first].start)

    def sentence_at(self, offset: int) -> SentenceDate | None:
        position = bisect_right(self.sentence_starts, offset) - 1
        if position >= 0 and offset < self.article.sentences[position].end:
            return self.article.sentences[position]
        return None

    def opens_with_date(self, sentence: SentenceDate) -> bool:
        first = bisect_left(self.time_starts, sentence.start)
        return any(
            t.start <= sentence.start + OPENING_CHARS and t.type == "DATE" for t in self.article.times[first : first + 8]
        )


def _telling(date: str, index: _ArticleIndex, sentence: SentenceDate | None) -> Telling:
    telling = Telling(date, index.article, sentence, lead=sentence is not None and sentence.start in index.leads)
    telling.words = frozenset(w for w in _WORD.findall(telling.text.lower()) if w not in _STOP)
    telling.quoted = _quoted_share(telling.text)
    telling.dated_first = sentence is not None and index.opens_with_date(sentence)
    return telling


def _quoted_share(text: str) -> float:
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    inside = sum(b - a for a, b in zip(marks[::2], marks[1::2], strict=False))
    if len(marks) % 2:
        inside += len(text) - marks[-1]
    return min(1.0, inside / max(1, len(text)))


def same_happenings(tellings: list[Telling]) -> list[list[Telling]]:
    """Tellings joined when they share an event, or on one date say mostly the same words."""
    sets: DisjointSets[int] = DisjointSets(range(len(tellings)))
    by_event: dict[str, int] = {}
    by_date: dict[str, list[int]] = defaultdict(list)
    for index, telling in enumerate(tellings):
        for event in telling.events:
            sets.union(by_event.setdefault(event, index), index)
        by_date[telling.date].append(index)
    for members in by_date.values():
        for a, b in _candidate_pairs(tellings, members):
            if tellings[a].article.id != tellings[b].article.id and overlap(tellings[a].words, tellings[b].words) >= SAME_TELLING:
                sets.union(a, b)
    return [[tellings[i] for i in group] for group in sets.groups()]


def _candidate_pairs(tellings: list[Telling], members: list[int]) -> set[tuple[int, int]]:
    """Pairs of one date's tellings that share one of their rarest words: two tellings of one
    happening share its rare words, and a big day is not compared pair by pair."""
    spread: dict[str, int] = defaultdict(int)
    for index in members:
        for word in tellings[index].words:
            spread[word] += 1
    postings: dict[str, list[int]] = defaultdict(list)
    for index in members:
        for word in sorted(tellings[index].words, key=lambda w: (spread[w], w))[:BLOCKING_WORDS]:
            postings[word].append(index)
    return {(a, b) for posting in postings.values() for i, a in enumerate(posting) for b in posting[i + 1 :]}


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
