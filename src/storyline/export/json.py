"""The JSON export: the public contract in schema/storyline-export.schema.json.

Fields the contract requires are always present; lists that later stages fill are empty until
those stages exist. Extra fields (url, author, content_hash ...) are allowed by the contract.

JSON Lines holds the same records, one a line, each with `record_type` naming the export list
it belongs to (articles, entities, quotes, events, timeline, clusters, brief, stories), after a
first line of `record_type` "export" with the format and generator. The read commands print
their records with the functions here, so their JSON cannot drift from the export's.
"""

from __future__ import annotations

import json

from storyline import __version__
from storyline.model import Story
from storyline.model.codec import to_plain
from storyline.store.database import Store
from storyline.store.filters import Chooser, chosen_records
from storyline.store.story import RECORD_TYPES, load_plain_records

FORMAT = "storyline-export/1"
GENERATOR = {"name": "storyline", "version": __version__}


def story_to_export(story: Story) -> dict:
    return {
        "format": FORMAT,
        "generator": GENERATOR,
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
    return dumps_export(story_to_export(story))


def stored_export(store: Store, chooser: Chooser | None = None) -> dict:
    """The export of the stored story (only what `chooser` keeps), from the stored records as
    they are: they were stored as the codec writes them, so there is nothing to decode and
    encode again unless a filter must look at them."""
    data: dict[str, object] = {"format": FORMAT, "generator": GENERATOR}
    for kind in RECORD_TYPES:
        data[kind] = chosen_records(store, kind, chooser, typed=False)[0] if chooser else load_plain_records(store, kind)
    return data


def export_stored_json(store: Store, chooser: Chooser | None = None) -> str:
    """`export_json` of the stored story."""
    return dumps_export(stored_export(store, chooser))


def dumps_export(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def export_stored_jsonl(store: Store, chooser: Chooser | None = None) -> str:
    data = stored_export(store, chooser)
    lines = [json.dumps({"record_type": "export", "format": data["format"], "generator": data["generator"]}, ensure_ascii=False)]
    lines += [record_line(kind, record) for kind in RECORD_TYPES for record in data[kind]]
    return "\n".join(lines) + "\n"


def record_line(kind: str, record: dict) -> str:
    """One record as a line of JSON Lines: its fields after its `record_type`."""
    return json.dumps({"record_type": kind, **record}, ensure_ascii=False)


def records_json(records: list[dict]) -> str:
    """Records of one kind as a JSON array, each as the export writes it."""
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
