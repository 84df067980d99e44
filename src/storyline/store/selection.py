"""One story out of a stored pile: what `--story ID` keeps of each kind of record.

Every item already carries the story it belongs to (the corpus stages set it), so selecting
is a filter, never a computation. Articles and entities have no single story (a round-up
tells several, a person turns up in many): an article is kept when the story lists it, an
entity when it is mentioned in one of those articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields

from storyline.model import Story, StorySummary, TimelineEntry
from storyline.store.database import Store
from storyline.store.story import load_plain_records


@dataclass(frozen=True, slots=True)
class StorySelection:
    summary: StorySummary
    articles: frozenset[str]
    clusters: frozenset[str]

    def keeps(self, kind: str, record: object) -> bool:
        if kind == "articles":
            return record.id in self.articles
        if kind == "entities":
            return any(mention.article in self.articles for mention in record.mentions)
        if kind == "clusters":
            return record.id in self.clusters or (record.level == "duplicate" and bool(self.articles.intersection(record.articles)))
        if kind == "stories":
            return record.id == self.summary.id
        return getattr(record, "story", None) == self.summary.id

    def only(self, story: Story) -> Story:
        """The story with every list cut down to this story's records."""
        kept = {f.name: tuple(r for r in getattr(story, f.name) if self.keeps(f.name, r)) for f in fields(story) if f.name != "problems"}
        return Story(**kept, problems=story.problems)


def select_story(store: Store, story_id: str) -> StorySelection:
    """The selection of the stored story `story_id`; one line naming the known ones otherwise."""
    from storyline.model.codec import from_plain

    stories = [from_plain(StorySummary, plain) for plain in load_plain_records(store, "stories")]
    chosen = next((s for s in stories if s.id == story_id), None)
    if chosen is None:
        known = ", ".join(s.id for s in stories[:8]) + (" ..." if len(stories) > 8 else "")
        raise ValueError(f"{store.path}: no story {story_id!r} (stories: {known or 'none'}; `storyline stories` lists them)")
    return selection_of(chosen)


def selection_of(summary: StorySummary) -> StorySelection:
    return StorySelection(summary, frozenset(summary.articles), frozenset((summary.id, *summary.clusters)))


def most_salient(timeline: Iterable[TimelineEntry], max_dates: int, per_date: int) -> list[TimelineEntry]:
    """Of each story's timeline, its `max_dates` dates of highest summed salience and of each
    the `per_date` most salient entries (0: no limit): a big story's timeline, readable."""
    by_story: dict[str | None, dict[str, list[TimelineEntry]]] = defaultdict(lambda: defaultdict(list))
    for entry in timeline:
        by_story[entry.story][entry.date].append(entry)
    kept = []
    for dates in by_story.values():
        ranked = sorted(dates, key=lambda d: (-sum(e.salience for e in dates[d]), d))
        for date in ranked[:max_dates] if max_dates > 0 else ranked:
            entries = sorted(dates[date], key=lambda e: -e.salience)
            kept += entries[:per_date] if per_date > 0 else entries
    return kept
