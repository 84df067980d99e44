"""The JSON export: the public contract in schema/storyline-export.schema.json.

Fields the contract requires are always present; lists that later stages fill are empty until
those stages exist. Extra fields (url, author, content_hash ...) are allowed by the contract.
"""

from __future__ import annotations

import json

from storyline import __version__
from storyline.model import Story
from storyline.model.codec import to_plain
from storyline.store.database import Store
from storyline.store.story import RECORD_TYPES, load_plain_records

FORMAT = "storyline-export/1"


def story_to_export(story: Story) -> dict:
    return {
        "format": FORMAT,
        "generator": {"name": "storyline", "version": __version__},
        "articles": [to_plain(article) for article in story.articles],
        "entities": [to_plain(item) for item in story.entities],
        "quotes": [to_plain(item) for item in story.quotes],
        "events": [to_plain(item) for item in story.events],
        "timeline": [to_plain(item) for item in story.timeline],
        "clusters": [to_plain(item) for item in story.clusters],
        "brief": [to_plain(item) for item in story.brief],
        "stories": [to_plain(item) for item in story.stories],
    }


def export_json(story: Story) -> str:
    return json.dumps(story_to_export(story), ensure_ascii=False, indent=1) + "\n"


def export_stored_json(store: Store) -> str:
    """`export_json` of the stored story, written from the stored records as they are: the
    records were stored as the codec writes them, so there is nothing to decode and encode again."""
    data = {"format": FORMAT, "generator": {"name": "storyline", "version": __version__}}
    data.update({kind: load_plain_records(store, kind) for kind in RECORD_TYPES})
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
