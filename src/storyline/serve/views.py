"""What each page shows, worked out from a snapshot's records: selections and filters, never
analysis. Long lists come a page at a time, as a reader can take them in, and so that the
biggest story of a large store still answers at once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from typing import Generic, TypeVar
from urllib.parse import urlencode

from storyline.export.diff import word_changes
from storyline.export.report import quotes_by_speaker
from storyline.lexicon.names import fold
from storyline.model import Article, BriefSentence, Cluster, Entity, Event, Quote, Removal, Span, Story, StorySummary, TimelineEntry
from storyline.serve.highlight import Run, article_runs, item_marks, removals_elsewhere
from storyline.serve.stored import Snapshot
from storyline.serve.timeline import Axis, axis, days_of

T = TypeVar("T")
EVENTS_PER_PAGE = 100
TIMELINE_PER_PAGE = 150
QUOTES_PER_PAGE = 60
ACTORS_PER_PAGE = 60
ARTICLES_PER_PAGE = 50


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    number: int  # from 1
    pages: int
    total: int
    size: int
    parameter: str  # the query parameter that turns it

    @property
    def first(self) -> int:
        """The position (from 1) of its first item in the whole list."""
        return (self.number - 1) * self.size + 1 if self.items else 0


def paged(items: list[T], number: int, size: int, parameter: str) -> Page[T]:
    pages = max(1, -(-len(items) // size))
    number = min(max(1, number), pages)
    return Page(tuple(items[(number - 1) * size : number * size]), number, pages, len(items), size, parameter)


@dataclass(frozen=True, slots=True)
class Filters:
    """What the reader narrowed a story to: dates (YYYY, YYYY-MM or YYYY-MM-DD), an actor (an
    entity id) and an outlet. Empty strings filter nothing."""

    start: str = ""
    end: str = ""
    actor: str = ""
    outlet: str = ""

    @classmethod
    def of(cls, start: str = "", end: str = "", actor: str = "", outlet: str = "") -> Filters:
        """The filters asked for, a date that is not one dropped."""
        return cls(start if days_of(start) else "", end if days_of(end) else "", actor.strip(), outlet.strip())

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def query(self, **pages: int) -> str:
        """The query string of these filters and the list pages given, for links."""
        given = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
        given.update({name: str(number) for name, number in pages.items() if number > 1})
        return urlencode(given)

    def dated(self, date: str | None) -> bool:
        """True when a date overlaps the range asked for (any date, when none was)."""
        if not self.start and not self.end:
            return True
        days = days_of(date) if date else None
        if days is None:
            return False
        low, high = days_of(self.start) if self.start else None, days_of(self.end) if self.end else None
        return (low is None or days[1] >= low[0]) and (high is None or days[0] <= high[1])


@dataclass(frozen=True, slots=True)
class Rendering:
    """Another outlet's rendering of a quotation, as runs of ("same" | "removed" | "added", words)."""

    quote: Quote
    changes: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class QuoteRow:
    speaker: str
    quote: Quote
    renderings: tuple[Rendering, ...]
    relayed_by: str | None


@dataclass(frozen=True, slots=True)
class ActorRow:
    entity: Entity
    mentions: int  # in this story's articles


@dataclass(frozen=True, slots=True)
class StoryView:
    summary: StorySummary
    filters: Filters
    outlets: tuple[str, ...]
    brief: tuple[BriefSentence, ...]
    timeline: Page[TimelineEntry]  # the axis shows every entry; the list below it, a page
    axis: Axis | None
    events: Page[Event]
    quotes: Page[QuoteRow]
    actors: Page[ActorRow]
    clusters: tuple[Cluster, ...]
    actor_choices: tuple[tuple[str, str, int], ...]  # (entity id, name, events)
    totals: dict[str, int]

    def query(self, pages: dict[str, int], **changes: int) -> str:
        """The query string of this page with some list turned to another page."""
        return self.filters.query(**(pages | changes))

    def entry_links(self, pages: dict[str, int]) -> list[str]:
        """Where each mark on the axis leads: its entry in the list, on the page that holds it."""
        size, here = self.timeline.size, self.timeline.number
        elsewhere = {page: f"?{self.query(pages, timeline_page=page)}" for page in range(1, self.timeline.pages + 1) if page != here}
        return [f"{elsewhere.get(number // size + 1, '')}#entry-{number}" for number in range(self.timeline.total)]


def outlet_of(snapshot: Snapshot, article_id: str) -> str | None:
    article = snapshot.article_by_id.get(article_id)
    return article.outlet if article is not None else None


def story_outlets(snapshot: Snapshot, summary: StorySummary) -> tuple[str, ...]:
    """The named outlets of a story's articles, the most frequent first."""
    counts = Counter(outlet for article in summary.articles if (outlet := outlet_of(snapshot, article)))
    return tuple(outlet for outlet, _ in counts.most_common())


class _Matcher:
    """Which of a story's items the filters keep."""

    def __init__(self, snapshot: Snapshot, filters: Filters, events: tuple[Event, ...]) -> None:
        self.snapshot = snapshot
        self.filters = filters
        self.actor_events = {e.id for e in events if filters.actor in (e.actor, e.target)} if filters.actor else set()

    def from_outlet(self, spans: tuple[Span, ...]) -> bool:
        return not self.filters.outlet or any(outlet_of(self.snapshot, span.article) == self.filters.outlet for span in spans)

    def event(self, event: Event) -> bool:
        return (
            self.filters.dated(event.date) and (not self.filters.actor or event.id in self.actor_events) and self.from_outlet(event.sources)
        )

    def entry(self, entry: TimelineEntry) -> bool:
        actor = not self.filters.actor or any(event in self.actor_events for event in entry.events)
        return self.filters.dated(entry.date) and actor and self.from_outlet(entry.sources)

    def quote(self, quote: Quote) -> bool:
        return (not self.filters.actor or quote.speaker == self.filters.actor) and self.from_outlet((quote.span,))

    def sentence(self, sentence: BriefSentence) -> bool:
        return self.filters.dated(sentence.date) and self.from_outlet(sentence.sources) and self.mentions_actor(sentence.sources)

    def mentions_actor(self, spans: tuple[Span, ...]) -> bool:
        if not self.filters.actor:
            return True
        return any(
            mention.entity.id == self.filters.actor and span.start <= mention.start and mention.end <= span.end
            for span in spans
            for mention in self.snapshot.article_items(span.article).mentions
        )


def story_view(snapshot: Snapshot, story_id: str, filters: Filters, pages: dict[str, int]) -> StoryView | None:
    """The story page of `story_id` (None when there is no such story)."""
    selection = snapshot.selection(story_id)
    if selection is None:
        return None
    events = tuple(e for e in snapshot.events if e.story == story_id)
    timeline = tuple(t for t in snapshot.timeline if t.story == story_id)
    brief = tuple(b for b in snapshot.brief if b.story == story_id)
    quotes = tuple(q for q in snapshot.quotes if q.story == story_id)
    keep = _Matcher(snapshot, filters, events)
    shown_timeline = [entry for entry in timeline if keep.entry(entry)]
    return StoryView(
        summary=selection.summary,
        filters=filters,
        outlets=story_outlets(snapshot, selection.summary),
        brief=tuple(b for b in brief if keep.sentence(b)),
        timeline=paged(shown_timeline, pages.get("timeline_page", 1), TIMELINE_PER_PAGE, "timeline_page"),
        axis=axis(shown_timeline),
        events=paged([e for e in events if keep.event(e)], pages.get("events_page", 1), EVENTS_PER_PAGE, "events_page"),
        quotes=paged(_quote_rows(snapshot, story_id, quotes, keep), pages.get("quotes_page", 1), QUOTES_PER_PAGE, "quotes_page"),
        actors=paged(_actor_rows(snapshot, selection.summary), pages.get("actors_page", 1), ACTORS_PER_PAGE, "actors_page"),
        clusters=tuple(c for c in snapshot.clusters if selection.keeps("clusters", c)),
        actor_choices=_actor_choices(events),
        totals={"brief": len(brief), "timeline": len(timeline), "events": len(events), "quotes": len(quotes)},
    )


def _quote_rows(snapshot: Snapshot, story_id: str, quotes: tuple[Quote, ...], keep: _Matcher) -> list[QuoteRow]:
    """Quotations by speaker (the report's grouping), each with every other outlet's rendering
    as a word diff; worked out once per story, then filtered."""

    def make() -> list[QuoteRow]:
        by_id = {quote.id: quote for quote in quotes}
        rows = []
        for speaker, quoted in quotes_by_speaker(Story(quotes=quotes)):
            for quote, others in quoted:
                renderings = tuple(
                    Rendering(other, tuple((kind, " ".join(words)) for kind, words in word_changes(quote.text, other.text)))
                    for other in others
                )
                relayer = (by_id[quote.nested_in].speaker_name or "an unnamed speaker") if quote.nested_in in by_id else None
                rows.append(QuoteRow(speaker, quote, renderings, relayer))
        return rows

    rows: list[QuoteRow] = snapshot.memo(("quotes", story_id), make)  # type: ignore[assignment]
    return [row for row in rows if keep.quote(row.quote)]


def _actor_rows(snapshot: Snapshot, summary: StorySummary) -> list[ActorRow]:
    """The people, organisations and places of a story's articles, the most mentioned first;
    those named once or twice and given no role are left out, as the report leaves them."""

    def make() -> list[ActorRow]:
        counts: Counter[str] = Counter()
        for article in summary.articles:
            counts.update(mention.entity.id for mention in snapshot.article_items(article).mentions)
        rows = [ActorRow(snapshot.entity_by_id[entity], count) for entity, count in counts.most_common()]
        return [row for row in rows if row.entity.roles or row.mentions > 2]

    return snapshot.memo(("actors", summary.id), make)  # type: ignore[return-value]


def _actor_choices(events: tuple[Event, ...]) -> tuple[tuple[str, str, int], ...]:
    """The actors and targets of a story's events, for the filter, the most active first."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for event in events:
        for entity, name in ((event.actor, event.actor_name), (event.target, event.target_name)):
            if entity:
                counts[entity] += 1
                names.setdefault(entity, name or entity)
    return tuple((entity, names[entity], count) for entity, count in counts.most_common())


@dataclass(frozen=True, slots=True)
class StoryRow:
    summary: StorySummary
    outlets: tuple[str, ...]


def story_rows(snapshot: Snapshot, query: str = "") -> list[StoryRow]:
    """Every story (those whose label holds the query, when there is one), the biggest first."""
    wanted = fold(query.strip())
    return [
        StoryRow(summary, story_outlets(snapshot, summary)) for summary in snapshot.stories if not wanted or wanted in fold(summary.label)
    ]


@dataclass(frozen=True, slots=True)
class ArticleView:
    article: Article
    runs: tuple[Run, ...]
    elsewhere: tuple[Removal, ...]  # removals the cleaner could not place
    stories: tuple[StorySummary, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    counts: dict[str, int]  # marks by kind, for the legend
    target: tuple[int, int] | None


def article_view(snapshot: Snapshot, article_id: str, target: tuple[int, int] | None) -> ArticleView | None:
    """The article page: its clean text marked with what the story found in it."""
    article = snapshot.article_by_id.get(article_id)
    if article is None:
        return None
    items = snapshot.article_items(article_id)
    marks = item_marks(article, items)
    return ArticleView(
        article=article,
        runs=tuple(article_runs(article, marks, target)),
        elsewhere=tuple(removals_elsewhere(article)),
        stories=tuple(snapshot.story_by_id[story] for story in items.stories),
        quotes=items.quotes,
        events=items.events,
        counts=dict(Counter(mark.kind for mark in marks)) | {"removed": len(article.removed)},
        target=target,
    )


@dataclass(frozen=True, slots=True)
class ArticleRow:
    article: Article
    stories: tuple[str, ...]


def article_rows(snapshot: Snapshot, number: int) -> Page[ArticleRow]:
    rows = [ArticleRow(article, snapshot.article_items(article.id).stories) for article in snapshot.articles]
    return paged(rows, number, ARTICLES_PER_PAGE, "page")
