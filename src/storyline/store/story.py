"""Read the stored story: what the corpus stages of the last build persisted (reduce.py).

Reading never computes and never writes: every reader (the read commands, the export, the
report, the Python API) loads records from the store, and loads only the kinds it shows. This
module must stay light to import: no parser, no gazetteer, no MinHash; a read command's start-up
is most of its time.
"""

from __future__ import annotations

import json

from storyline.model import Article, BriefSentence, Cluster, Entity, Event, InputProblem, Quote, Story, StorySummary, TimelineEntry
from storyline.model.codec import from_plain
from storyline.stages import story_version
from storyline.store.database import Store, StoreError, unpack

RECORD_TYPES: dict[str, type] = {
    "articles": Article,
    "entities": Entity,
    "quotes": Quote,
    "events": Event,
    "timeline": TimelineEntry,
    "clusters": Cluster,
    "brief": BriefSentence,
    "stories": StorySummary,
}


def check_current(store: Store) -> None:
    """Refuse, in one line, a store whose story was not made by this storyline's stages."""
    meta = store.story_meta()
    if meta.get("version") != story_version():
        what = "was never completely built" if not meta else "was built by another storyline version"
        raise StoreError(f"{store.path}: the story {what}; run `storyline build --db {store.path}` to bring it up to date")


def behind(store: Store) -> bool:
    """True when articles were stored after the story was made (a build stopped between
    analysing the articles and making the story): the story is whole, but not of all of them."""
    return store.story_meta().get("articles") != store.article_set_digest()


def load_records(store: Store, kind: str) -> tuple:
    """The story's records of one kind, typed, in story order."""
    record_type = RECORD_TYPES[kind]
    return tuple(from_plain(record_type, unpack(record.record)) for record in store.story_records(kind))


def load_plain_records(store: Store, kind: str) -> list[dict]:
    """The same records as the export writes them, without building the typed records."""
    return [unpack(record.record) for record in store.story_records(kind)]


def stored_problems(store: Store) -> tuple[InputProblem, ...]:
    """Stored articles the last build left out of the story, and why."""
    return tuple(from_plain(InputProblem, item) for item in json.loads(store.story_meta().get("problems", "[]")))


def open_story(store: Store, kinds: tuple[str, ...] = tuple(RECORD_TYPES)) -> Story:
    """The stored story; kinds not asked for stay empty."""
    check_current(store)
    return Story(**{kind: load_records(store, kind) for kind in kinds}, problems=stored_problems(store))
