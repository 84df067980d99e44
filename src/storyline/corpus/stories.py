"""Which story each extracted item belongs to, and what each story spans.

A story is a set of event clusters (cluster.story_groups), and an event cluster is a set of
article sections, so an item belongs to the story of the section its first source lies in: a
round-up whose sections tell two stories gives each of its quotes and events the right one.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.model import Article, Cluster, Event, StorySummary, TimelineEntry


class StoryIndex:
    """(article, character offset) -> story id, from the story clusters' sections."""

    def __init__(self, clusters: tuple[Cluster, ...], articles: tuple[Article, ...]) -> None:
        self._story = {unit: c.id for c in clusters if c.level == "story" for unit in c.sections}
        self._sections = {a.id: a.sections for a in articles}
        self._copies = {a.id: a.duplicate_of for a in articles if a.duplicate_of}
        self.members = {c.id: set(c.articles) for c in clusters if c.level == "story"}
        # The event clusters each story is made of, in cluster order (an event cluster's
        # sections all lie in one story).
        self.event_clusters: dict[str, list[Cluster]] = defaultdict(list)
        for cluster in clusters:
            if cluster.level == "event" and cluster.sections:
                story = self._story.get(cluster.sections[0])
                if story is not None:
                    self.event_clusters[story].append(cluster)

    def story_of(self, article: str, offset: int) -> str | None:
        source = self._copies.get(article, article)  # a copy tells the story of its original
        sections = self._sections.get(source, ())
        index = 0
        if len(sections) > 1:
            index = next((i for i, s in enumerate(sections) if s.start <= offset < s.end), 0)
        return self._story.get((source, index))


def summarise_stories(
    clusters: tuple[Cluster, ...], events: tuple[Event, ...], timeline: tuple[TimelineEntry, ...], articles: tuple[Article, ...]
) -> tuple[StorySummary, ...]:
    """Each story's label, its articles and events, and the first and last day it covers: the
    dates of its own timeline entries (background left out), else its articles' dates."""
    published = {a.id: a.published for a in articles}
    index = StoryIndex(clusters, articles)
    told: dict[str | None, list[str]] = defaultdict(list)
    for event in events:
        told[event.story].append(event.id)
    days: dict[str | None, list[str]] = defaultdict(list)
    for entry in timeline:
        if entry.kind == "story":
            days[entry.story].append(entry.date)
    result = []
    for story in (c for c in clusters if c.level == "story"):
        dates = sorted(days[story.id]) or sorted(d for d in (published.get(a) for a in story.articles) if d)
        result.append(
            StorySummary(
                id=story.id,
                label=story.label,
                first_date=dates[0] if dates else None,
                last_date=dates[-1] if dates else None,
                articles=story.articles,
                events=tuple(told[story.id]),
                clusters=tuple(c.id for c in index.event_clusters[story.id]),
            )
        )
    return tuple(result)
