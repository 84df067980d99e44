"""The timeline: one entry per real-world happening of the story, said the way its best telling
says it, ranked by how much the coverage keeps coming back to it.

An entry is a group of tellings of one happening (corpus/tellings.py): every outlet's sentence,
the events they hold, their sources. Its summary is the sentence of the group that a fitted
model (corpus/salience.py) expects to say most of what a journalist's timeline says of that
day: close to the day's other coverage, a lead, not a quotation, reported by many; trimmed of
a connective, and a claim nobody confirmed reads as one ("According to Volodin, ..."). With no
sentence to show, the entry says who did what.

Each entry's `salience` is its date's (how much the coverage returns to that day) times its
share of the day's entries by the same model, so summed over a date it is the date's own; at
most `ENTRIES_PER_DATE` entries per date are kept. History recalled for context, dated well
before the reports themselves ("in 2014"), is kept but marked `background`; what is only
denied or imagined stays out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from storyline.corpus.salience import DateCentroids, DateEvidence, date_evidence, date_salience, telling_features, telling_score
from storyline.corpus.sentence_dates import last_day
from storyline.corpus.tellings import MIN_WORDS, Telling, find_tellings, same_happenings, timeline_events, trimmed
from storyline.model import Article, Event, Span, TimelineEntry

# How long before the first report an event may lie and still be part of the story.
STORY_LEAD_DAYS = 45
_BYLINE = re.compile(r"^By [A-Z][\w'-]+ [A-Z]")
# Entries kept per date, the best told first.
ENTRIES_PER_DATE = 12


def compose_timeline(
    events: tuple[Event, ...], articles: tuple[Article, ...], names: dict[str, str], corpus: CorpusDates | None = None
) -> tuple[TimelineEntry, ...]:
    """The timeline of one story. `corpus`: the whole corpus's date evidence, when the story
    is one of several (else the story's own)."""
    kept = timeline_events(events)
    tellings = find_tellings(kept, articles)
    corpus = corpus or CorpusDates.of(tellings, articles)
    centroids = DateCentroids(tellings)
    statements = {e.id for e in kept if (e.code or "").startswith("01")}
    start = _story_start(articles)
    by_event = {event.id: event for event in kept}
    scored = []
    for group in same_happenings(tellings):
        ranked = sorted(
            ((telling_score(telling_features(t, group, centroids, statements)), t) for t in group),
            key=lambda s: (-s[0], _day_number(s[1].article.published), s[1].article.id),
        )
        scored.append(ranked)
    weighed = []
    shown: set[tuple[str, int]] = set()
    # A sentence telling events of several dates is the summary of one entry only: the story's
    # news before history recalled, then the entries on a sentence's own date, then the best told.
    def background(date: str) -> bool:
        return bool(start and last_day(date) < start)

    for ranked in sorted(scored, key=lambda r: (background(r[0][1].date), not _own_date(r[0][1]), -r[0][0])):
        fresh = [(score, t) for score, t in ranked if _showable(t) and (t.sentence is None or (t.article.id, t.sentence.start) not in shown)]
        if not fresh:
            continue  # what it tells is told, in the same words, on the sentence's own date
        score, best = fresh[0]
        if best.sentence is not None:
            shown.add((best.article.id, best.sentence.start))
        weighed.append((_entry([t for _, t in ranked], best, by_event, names, start), score))
    return _ranked(weighed, corpus.salience(tellings))


@dataclass(frozen=True)
class CorpusDates:
    """How much the whole coverage returns to each date, and how many tellings it has there:
    a story's share of a date's salience is its share of the date's tellings, so the stories'
    entries of one date add up to the date's salience."""

    evidence: dict[str, DateEvidence]
    tellings: dict[str, int]

    @classmethod
    def of(cls, tellings: list[Telling], articles: tuple[Article, ...]) -> CorpusDates:
        return cls(timeline_evidence(tellings, articles), dict(Counter(t.date for t in tellings)))

    def salience(self, tellings: list[Telling]) -> dict[str, float]:
        own = Counter(t.date for t in tellings)
        return {
            date: date_salience(self.evidence.get(date, DateEvidence())) * min(1.0, count / max(1, self.tellings.get(date, count)))
            for date, count in own.items()
        }


def corpus_dates(events: tuple[Event, ...], articles: tuple[Article, ...]) -> CorpusDates:
    """The date evidence of the whole corpus, for each story's timeline."""
    return CorpusDates.of(find_tellings(timeline_events(events), articles), articles)


def timeline_evidence(tellings: list[Telling], articles: tuple[Article, ...]) -> dict[str, DateEvidence]:
    told: dict[str, set[str]] = defaultdict(set)
    for telling in tellings:
        told[telling.date].add(telling.article.id)
    return date_evidence(articles, told)


def _showable(telling: Telling) -> bool:
    """A sentence a reader can take alone: not a fragment the splitter left (", according to
    France Press.", "said X, spokesman for ..."), which opens in lower case or punctuation, nor
    a question or a byline ("By Richard Black, Environment correspondent")."""
    if telling.sentence is None:
        return True
    text = telling.text
    opening = text.lstrip("\"“‘'«(`")[:1]
    if text.rstrip("\"”’' ").endswith("?") or _BYLINE.match(text):
        return False  # a question or a byline tells no happening
    return len(telling.words) >= MIN_WORDS and (opening.isupper() or opening.isdigit())


def _own_date(telling: Telling) -> bool:
    return telling.sentence is not None and telling.sentence.date == telling.date


def _story_start(articles: tuple[Article, ...]) -> dt.date | None:
    published = sorted(a.published for a in articles if a.published and len(a.published) == 10)
    return dt.date.fromisoformat(published[0]) - dt.timedelta(days=STORY_LEAD_DAYS) if published else None


def _day_number(published: str | None) -> int:
    return dt.date.fromisoformat(published).toordinal() if published and len(published) == 10 else 0


def _entry(group: list[Telling], best: Telling, by_event: dict[str, Event], names: dict[str, str], start: dt.date | None) -> TimelineEntry:
    told = sorted({e for t in group for e in t.events})
    events = [by_event[e] for e in told]
    statuses = {e.status for e in events} or {best.sentence.status if best.sentence else "happened"}
    status = statuses.pop() if len(statuses) == 1 else "happened"
    sources = {Span(t.article.id, t.sentence.start, t.sentence.end) for t in group if t.sentence}
    sources |= {by_event[min(t.events)].sources[0] for t in group if t.sentence is None}
    first = Span(best.article.id, best.sentence.start, best.sentence.end) if best.sentence else None
    return TimelineEntry(
        date=best.date,
        summary=_summary(best, events, names, status),
        events=tuple(told),
        sources=tuple(sorted(sources, key=lambda s: (s != first, s.article, s.start))),  # the summary's own first
        kind="background" if start and last_day(best.date) < start else "story",
        status=status,
        outlets=len({t.article.outlet or t.article.source for t in group}),
        articles=len({t.article.id for t in group}),
    )


def _summary(telling: Telling, events: list[Event], names: dict[str, str], status: str) -> str:
    """The best telling's sentence, else who did what; a claim reads as a claim."""
    if telling.sentence is None:
        return _who_did_what(events[0], names, status)
    text = trimmed(telling.text)
    if status == "reported" and events:
        teller = names.get(events[0].reported_by or "", events[0].reported_by or "")
        if teller and teller.split()[-1] not in text:
            text = f"According to {teller}, {text[:1].lower() + text[1:]}"
    elif status == "scheduled":
        text += " (scheduled)"
    return text


def _who_did_what(event: Event, names: dict[str, str], status: str) -> str:
    actor = names.get(event.actor or "", event.actor_name or "Someone")
    action = " ".join(event.action.split())
    if status == "reported" and event.reported_by:
        return f"{actor} {action} (according to {names.get(event.reported_by, event.reported_by)})"
    return f"{actor} {action}" + (" (scheduled)" if status == "scheduled" else "")


def _ranked(weighed: list[tuple[TimelineEntry, float]], salience: dict[str, float]) -> tuple[TimelineEntry, ...]:
    """Each date's best `ENTRIES_PER_DATE` entries, with their salience, in date order."""
    by_date: dict[str, list[tuple[TimelineEntry, float]]] = defaultdict(list)
    for entry, score in weighed:
        by_date[entry.date].append((entry, score))
    result = []
    for date, members in by_date.items():
        members.sort(key=lambda m: (-m[1], -m[0].outlets, m[0].events))
        kept = members[:ENTRIES_PER_DATE]
        shares = [math.exp(score - kept[0][1]) for _, score in kept]
        total = sum(shares)
        result += [replace(e, salience=round(salience.get(date, 0.0) * share / total, 6)) for (e, _), share in zip(kept, shares, strict=True)]
    return tuple(sorted(result, key=lambda e: (e.date, e.kind != "background", -e.salience, e.events)))
