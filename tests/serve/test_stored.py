"""The stored story as the server holds it: loaded once, loaded again only when the story
changed, and the last good one kept while the store cannot be read."""

from __future__ import annotations

import json
import os
import threading
import time

from storyline.serve.stored import StoredStory, load_snapshot
from storyline.store.database import Store
from storyline.store.story import RECORD_TYPES

from .conftest import PROBE_ID, make_client


def _set_meta(db, **meta: str) -> None:
    with Store(db) as store:
        store.save_corpus_results([], meta)


def test_a_snapshot_holds_every_record_and_where_each_points(store):
    snapshot = load_snapshot(store)
    for kind in RECORD_TYPES:
        assert len(snapshot.plain[kind]) == len(getattr(snapshot, kind)) > 0, kind
    items = snapshot.article_items(PROBE_ID)
    article = snapshot.article_by_id[PROBE_ID]
    assert items.mentions and all(article.text[m.start : m.end] for m in items.mentions)
    assert {quote.span.article for quote in items.quotes} == {PROBE_ID}
    assert all(any(span.article == PROBE_ID for span in event.sources) for event in items.events)
    assert items.stories == ("story-1",)


def test_the_snapshot_is_kept_until_the_story_changes(store):
    stored = StoredStory(store)
    first = stored.current()
    assert stored.current() is first
    os.utime(store, ns=(1, 1))  # the file moved, the story did not: no reload
    assert stored.current() is first
    _set_meta(store, problems=json.dumps([{"source": "x.txt", "reason": "left out", "severity": "skipped"}]))
    second = stored.current()
    assert second is not first and second.key != first.key


def test_while_the_store_cannot_be_read_the_last_snapshot_is_served_and_the_page_says_why(store):
    with make_client(store) as client:
        stored = client.app.state.stored
        first = stored.current()
        with Store.for_reading(store) as reading:
            version = reading.story_meta()["version"]
        _set_meta(store, version="another")
        assert stored.current() is first and "another storyline version" in stored.problem
        page = client.get("/")
        assert page.status_code == 200 and "another storyline version" in page.text
        _set_meta(store, version=version)
        assert stored.current().key == first.key and stored.problem is None


def test_a_request_is_answered_from_the_last_story_while_the_new_one_loads(store):
    loads, release = [], threading.Event()

    def slow_second_load(snapshot) -> None:
        loads.append(snapshot.key)
        if len(loads) == 2:
            release.wait(20)

    stored = StoredStory(store, on_load=slow_second_load)
    first = stored.current()
    _set_meta(store, problems=json.dumps([{"source": "x.txt", "reason": "left out", "severity": "skipped"}]))
    loader = threading.Thread(target=stored.current, kwargs={"wait": True})
    loader.start()
    while len(loads) < 2:
        time.sleep(0.01)
    started = time.monotonic()
    assert stored.current() is first and time.monotonic() - started < 1
    release.set()
    loader.join(20)
    assert stored.current().key == loads[1] != first.key
