"""The stored story as the server holds it: every record, loaded once per build of the store.

A page must answer in well under a second, and decoding a 1,000-article story takes seconds, so
the records are read once into a `Snapshot` and kept until the store changes. Whether it
changed is asked of the file system on every request (two `stat` calls), and of the store only
when the files moved: a checkpoint that changes the file but not the story keeps the snapshot.
The snapshot is read in one read transaction, so a build that finishes meanwhile is seen whole
or not at all; the server never computes or writes any of it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.model import Article, BriefSentence, Cluster, Entity, Event, Quote, StorySummary, TimelineEntry
from storyline.model.codec import from_plain
from storyline.store.database import Store, StoreError
from storyline.store.selection import StorySelection, selection_of
from storyline.store.story import RECORD_TYPES, behind, check_current, load_plain_records


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention in one article, as the article page marks it."""

    start: int
    end: int
    entity: Entity


@dataclass(frozen=True, slots=True)
class ArticleItems:
    """Everything the story says about one article, found by the spans that point into it."""

    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    stories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """One build's story: the records in story order, plain (as the export writes them, for the
    API) and typed (for the pages), and the indexes the pages look things up in."""

    key: str
    behind: bool
    plain: dict[str, list[dict]]
    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    timeline: tuple[TimelineEntry, ...]
    clusters: tuple[Cluster, ...]
    brief: tuple[BriefSentence, ...]
    stories: tuple[StorySummary, ...]
    article_by_id: dict[str, Article] = field(default_factory=dict)
    entity_by_id: dict[str, Entity] = field(default_factory=dict)
    story_by_id: dict[str, StorySummary] = field(default_factory=dict)
    items: dict[str, ArticleItems] = field(default_factory=dict)
    # What pages work out once per snapshot (the quote diffs of a story, say), by key.
    _memo: dict[object, object] = field(default_factory=dict, repr=False)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def selection(self, story_id: str) -> StorySelection | None:
        summary = self.story_by_id.get(story_id)
        return selection_of(summary) if summary is not None else None

    def article_items(self, article_id: str) -> ArticleItems:
        return self.items.get(article_id, ArticleItems())

    def memo(self, key: object, make: Callable[[], object]) -> object:
        """`make()` once per snapshot and key: the snapshot never changes, so neither does it."""
        with self._memo_lock:
            if key in self._memo:
                return self._memo[key]
        value = make()
        with self._memo_lock:
            if len(self._memo) > 256:
                self._memo.clear()
            self._memo[key] = value
        return value


def story_key(meta: dict[str, str]) -> str:
    """What identifies the stored story: its version, its article set and what it left out."""
    return hashlib.sha256(json.dumps(meta, sort_keys=True).encode()).hexdigest()[:16]


def load_snapshot(db: Path) -> Snapshot:
    with Store.for_reading(db) as store:
        check_current(store)
        key = story_key(store.story_meta())
        plain = {kind: load_plain_records(store, kind) for kind in RECORD_TYPES}
        left_behind = behind(store)
    typed = {kind: tuple(from_plain(RECORD_TYPES[kind], item) for item in plain[kind]) for kind in RECORD_TYPES}
    snapshot = Snapshot(key=key, behind=left_behind, plain=plain, **typed)
    snapshot.article_by_id.update((article.id, article) for article in snapshot.articles)
    snapshot.entity_by_id.update((entity.id, entity) for entity in snapshot.entities)
    snapshot.story_by_id.update((story.id, story) for story in snapshot.stories)
    snapshot.items.update(_items_by_article(snapshot))
    return snapshot


def _items_by_article(snapshot: Snapshot) -> dict[str, ArticleItems]:
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for entity in snapshot.entities:
        for span in entity.mentions:
            mentions[span.article].append(Mention(span.start, span.end, entity))
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for quote in snapshot.quotes:
        quotes[quote.span.article].append(quote)
    events: dict[str, list[Event]] = defaultdict(list)
    for event in snapshot.events:
        for article in dict.fromkeys(span.article for span in event.sources):
            events[article].append(event)
    stories: dict[str, list[str]] = defaultdict(list)
    for story in snapshot.stories:
        for article in story.articles:
            stories[article].append(story.id)
    return {
        article.id: ArticleItems(
            tuple(mentions[article.id]), tuple(quotes[article.id]), tuple(events[article.id]), tuple(stories[article.id])
        )
        for article in snapshot.articles
    }


def _stamp(db: Path) -> tuple:
    """What the file system says of the store and its write-ahead log: any write moves it."""
    found = []
    for path in (db, db.with_name(db.name + "-wal")):
        try:
            status = path.stat()
            found.append((status.st_mtime_ns, status.st_size, status.st_ino))
        except FileNotFoundError:
            found.append(None)
    return tuple(found)


class StoredStory:
    """The current snapshot of one store, loaded again when a build changed the story.

    While a new snapshot loads, or when the store cannot be read for a moment (a build holding
    its lock, a story of another storyline version), requests keep the last good snapshot and
    `problem` says why; only a server that never read the store refuses them."""

    def __init__(self, db: Path, on_load: Callable[[Snapshot], None] | None = None) -> None:
        self.db = db
        self.problem: str | None = None
        self._on_load = on_load
        self._snapshot: Snapshot | None = None
        self._stamp: tuple | None = None
        self._lock = threading.Lock()

    def current(self, wait: bool = False) -> Snapshot:
        """The snapshot of the store as it is now. While another thread loads a new one, a
        request is answered from the last one rather than kept waiting, unless it asks to `wait`."""
        stamp = _stamp(self.db)
        stale = self._snapshot is None or stamp != self._stamp
        if stale and self._lock.acquire(blocking=wait or self._snapshot is None):
            try:
                if self._snapshot is None or stamp != self._stamp:
                    self._refresh(stamp)
            finally:
                self._lock.release()
        if self._snapshot is None:
            raise StoreError(self.problem or f"{self.db}: cannot be read")
        return self._snapshot

    def settled(self, wait: float = 10.0) -> Snapshot:
        """The current snapshot once the store reads cleanly again: what a build that just
        ended made, not the last good one kept while the store could not be read."""
        deadline = time.monotonic() + wait
        while True:
            snapshot = self.current(wait=True)
            if self.problem is None or time.monotonic() > deadline:
                return snapshot
            time.sleep(0.1)

    def _refresh(self, stamp: tuple) -> None:
        try:
            with Store.for_reading(self.db) as store:
                key = story_key(store.story_meta())
            if self._snapshot is None or key != self._snapshot.key:
                snapshot = load_snapshot(self.db)
                if self._on_load is not None:
                    self._on_load(snapshot)
                self._snapshot = snapshot
                # A big story is millions of objects that live until the next build and hold no
                # cycles: left to the cyclic collector, each of its full passes walks them all and
                # stalls a request for half a second. Frozen, they are still freed by reference
                # counting when the next snapshot replaces this one.
                gc.collect()
                gc.freeze()
            self._stamp = stamp
            self.problem = None
        except StoreError as error:
            # Asked again on the next request: the store may be readable by then.
            self.problem = str(error)
            if self._snapshot is None:
                raise
