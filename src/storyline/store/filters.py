"""What `--story`, `--since`, `--until`, `--actor` and `--outlet` keep of each kind of record.

Every read command and the export ask this one module, so `storyline events --since X` and
`storyline export --since X` hold the same events. Each record is kept on its own terms and
never cut down: an event by its own date, a quotation by the date of the article it is in, a
cluster or story when one of its articles passes. Filters combine (all must keep a record).

- dates (`--since`, `--until`) are compared at their precision (model/dates.py); an undated
  record is left out as soon as either is given;
- `--outlet` keeps what an article of a matching outlet tells (the outlet contains the words,
  accents and case aside);
- `--actor` keeps what a matching entity (its name or an alias contains the words) takes part
  in: the entity, the articles that name it and their clusters and stories, the events it does
  or undergoes, the quotations it speaks, the timeline entries and brief sentences whose events
  it takes part in or whose source sentences name it.

What the filters need is read from the store when first asked for, and only then (the name
folding too: it brings the country tables, which a read command without --actor never needs).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields, replace

from storyline.model import Story
from storyline.model.dates import date_bounds, overlaps, parse_date_flag
from storyline.store.database import Store
from storyline.store.selection import StorySelection, select_story
from storyline.store.story import RECORD_TYPES, load_plain_records, load_records

# Kinds whose records say where they were told, as spans into articles.
_SOURCED = ("events", "timeline", "brief")


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters a user gave; None for each one not given."""

    story: str | None = None
    since: str | None = None
    until: str | None = None
    actor: str | None = None
    outlet: str | None = None

    def __post_init__(self) -> None:
        for flag, value in (("--since", self.since), ("--until", self.until)):
            if value is not None:
                parse_date_flag(value, flag)
        if self.since and self.until and parse_date_flag(self.since, "--since")[0] > parse_date_flag(self.until, "--until")[1]:
            raise ValueError(f"--since {self.since} is after --until {self.until}")

    @property
    def given(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def flags(self) -> str:
        """The filters as the command line gives them: `--since 2022-02 --actor Guterres`."""
        return " ".join(f"--{f.name} {getattr(self, f.name)}" for f in fields(self) if getattr(self, f.name) is not None)


class Chooser:
    """Answers, for one store and one set of filters, whether a record is kept."""

    def __init__(self, store: Store, filters: Filters) -> None:
        self.filters = filters
        self._store = store
        self._selection: StorySelection | None = select_story(store, filters.story) if filters.story else None
        self._since = parse_date_flag(filters.since, "--since")[0] if filters.since else None
        self._until = parse_date_flag(filters.until, "--until")[1] if filters.until else None
        self._facts: dict[str, tuple[dt.date, dt.date] | None] | None = None
        self._outlets: frozenset[str] | None = None
        self._actors: _Actors | None = None
        self._events: dict[str, object] | None = None

    def keeps_article(self, article_id: str) -> bool:
        """An article by its id alone: what listing articles needs, without reading them."""
        return self.keeps("articles", _Id(article_id))

    def keeps(self, kind: str, record: object) -> bool:
        if self._selection is not None and not self._selection.keeps(kind, record):
            return False
        if (self._since or self._until) and not self._dated(kind, record):
            return False
        if self.filters.outlet is not None and not self._from_outlet(kind, record):
            return False
        return self.filters.actor is None or self._involves(kind, record)

    def only(self, story: Story) -> Story:
        """The story with every list cut down to the records kept."""
        kept = {f.name: tuple(r for r in getattr(story, f.name) if self.keeps(f.name, r)) for f in fields(story) if f.name != "problems"}
        return Story(**kept, problems=story.problems)

    def _dated(self, kind: str, record: object) -> bool:
        if kind in ("events", "timeline", "brief"):
            return overlaps(date_bounds(record.date), self._since, self._until)
        if kind == "stories":
            first, last = date_bounds(record.first_date), date_bounds(record.last_date)
            return bool(first and last) and overlaps((first[0], last[1]), self._since, self._until)
        facts = self._article_facts()
        return any(overlaps(facts[a], self._since, self._until) for a in _articles_of(kind, record) if a in facts)

    def _from_outlet(self, kind: str, record: object) -> bool:
        return bool(self._outlet_articles().intersection(_articles_of(kind, record)))

    def _involves(self, kind: str, record: object) -> bool:
        actors = self._matching_actors()
        if kind == "entities":
            return record.id in actors.ids
        if kind == "events":
            return actors.take_part(record)
        if kind == "quotes":
            return record.speaker in actors.ids or actors.named(record.speaker_name)
        if kind == "timeline" and any(actors.take_part(e) for e in map(self._event_index().get, record.events) if e is not None):
            return True
        if kind in _SOURCED:
            return any(actors.named_in(span) for span in record.sources)
        return bool(actors.articles.intersection(_articles_of(kind, record)))

    def _article_facts(self) -> dict[str, tuple[dt.date, dt.date] | None]:
        """Article id -> the days its publication date may mean, from the listing's summaries:
        no article is read."""
        if self._facts is None:
            self._facts = {key: date_bounds(summary.get("published")) for key, summary in self._store.story_summaries("articles")}
        return self._facts

    def _outlet_articles(self) -> frozenset[str]:
        if self._outlets is None:
            from storyline.lexicon.names import fold

            wanted = fold(self.filters.outlet)
            self._outlets = frozenset(
                key for key, summary in self._store.story_summaries("articles") if wanted in fold(summary.get("outlet") or "")
            )
        return self._outlets

    def _matching_actors(self) -> _Actors:
        if self._actors is None:
            self._actors = _Actors(self.filters.actor, load_records(self._store, "entities"))
        return self._actors

    def _event_index(self) -> dict[str, object]:
        if self._events is None:
            self._events = {event.id: event for event in load_records(self._store, "events")}
        return self._events


def chosen_records(
    store: Store, kind: str, chooser: Chooser | None = None, typed: bool = True, plain: bool = True
) -> tuple[list[dict], tuple]:
    """The stored records of one kind that `chooser` keeps (all without one): as the export
    writes them when `plain`, as model records when `typed` (the same records, in story order;
    the list not asked for is empty). What is not asked for is not kept: a table of ten
    thousand records holding their plain copies too pays for it in garbage collection."""
    from storyline.model.codec import from_plain

    record_type = RECORD_TYPES[kind]
    choosing = chooser is not None and chooser.filters.given
    if not plain:
        records = load_records(store, kind)
        return [], tuple(r for r in records if chooser.keeps(kind, r)) if choosing else records
    found = load_plain_records(store, kind)
    if choosing and kind == "articles":  # chosen by id: decoded only when asked for
        found = [record for record in found if chooser.keeps_article(record["id"])]
    elif choosing:
        pairs = [(record, from_plain(record_type, record)) for record in found]
        pairs = [(record, item) for record, item in pairs if chooser.keeps(kind, item)]
        return [record for record, _ in pairs], tuple(item for _, item in pairs) if typed else ()
    return found, tuple(from_plain(record_type, record) for record in found) if typed else ()


def cited(kept: Story, whole: Story) -> Story:
    """`kept` with the articles and entities its records point to added from `whole`, for the
    writers that look them up (the CSV and GDELT tables take a sentence's words from its
    article, the report names speakers): a filter chooses rows, never breaks them."""
    articles = {a.id for a in kept.articles}
    entities = {e.id for e in kept.entities}
    for kind in ("quotes", "events", "timeline", "brief"):
        for record in getattr(kept, kind):
            articles |= _articles_of(kind, record)
    for event in kept.events:
        entities |= {event.actor, event.target, event.reported_by}
    for quote in kept.quotes:
        entities |= {quote.speaker, quote.reported_by}
    return replace(
        kept,
        articles=tuple(a for a in whole.articles if a.id in articles),
        entities=tuple(e for e in whole.entities if e.id in entities),
    )


class _Actors:
    """The entities an `--actor` value matches, and where they are named."""

    def __init__(self, words: str, entities: tuple) -> None:
        from storyline.lexicon.names import fold

        self._fold = fold
        self.words = fold(words)
        matching = [e for e in entities if any(self.words in fold(name) for name in (e.name, *e.aliases))]
        self.ids = frozenset(e.id for e in matching)
        self.mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for entity in matching:
            for mention in entity.mentions:
                self.mentions[mention.article].append((mention.start, mention.end))
        self.articles = frozenset(self.mentions)

    def named(self, name: str | None) -> bool:
        return bool(name) and self.words in self._fold(name)

    def take_part(self, event: object) -> bool:
        """The actor does or undergoes the event (an entity, or words naming no entity)."""
        return bool({event.actor, event.target} & self.ids) or self.named(event.actor_name) or self.named(event.target_name)

    def named_in(self, span: object) -> bool:
        return any(span.start <= start and end <= span.end for start, end in self.mentions.get(span.article, ()))


@dataclass(frozen=True, slots=True)
class _Id:
    id: str


def _articles_of(kind: str, record: object) -> set[str]:
    """The articles a record was told in."""
    if kind == "articles":
        return {record.id}
    if kind == "entities":
        return {mention.article for mention in record.mentions}
    if kind == "quotes":
        return {record.span.article}
    if kind in _SOURCED:
        return {span.article for span in record.sources}
    return set(record.articles)
