"""The whole build, fed at random (hypothesis): a folder of random texts, pages and JSON lines
is built without an exception, and every span of the story, and every stored entity mention
and time, matches its article's clean text."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PARAGRAPHS
from fuzzing import article_texts, html_pages, json_lines, story_faults
from storyline.model.codec import to_plain
from storyline.pipeline.build import STAGE_ORDER, run_build
from storyline.settings import Settings
from storyline.stages import fingerprints
from storyline.store.database import Store
from storyline.store.story import open_story

SETTINGS = Settings(workers=1, batch_size=3)

inputs = st.lists(
    st.one_of(
        st.tuples(st.just(".txt"), article_texts(max_pieces=10).map(str.encode)),
        st.tuples(st.just(".html"), html_pages().map(str.encode)),
        st.tuples(st.just(".jsonl"), json_lines()),
        st.tuples(st.just(".txt"), st.binary(max_size=500)),
    ),
    min_size=1,
    max_size=6,
)


def stored_faults(store: Store) -> list[str]:
    """The per-article results a story is made from: parser mentions and times in the clean text."""
    prints = fingerprints(STAGE_ORDER, SETTINGS)
    faults = []
    for article in store.articles():
        results = store.cached_results(article.content_hash, prints)
        text = results["clean"]["text"]
        for mention in results["annotate"]["mentions"]:
            if text[mention["start"] : mention["end"]] != mention["text"]:
                faults.append(f"{article.document.id!r}: mention {mention} is not at its offsets")
        for removal in results["clean"]["removed"]:
            if removal["at"] is not None and not 0 <= removal["at"] <= len(text):
                faults.append(f"{article.document.id!r}: removal {removal} outside the clean text")
    return faults


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lede=article_texts(max_pieces=4), files=inputs)
def test_building_random_inputs(lede, files):
    # One article that surely has people, places, dates and quotes in it, among the random ones.
    files = [(".txt", "\n\n".join((*PARAGRAPHS, lede)).encode()), *files]
    with tempfile.TemporaryDirectory() as folder:
        for index, (suffix, content) in enumerate(files):
            (Path(folder) / f"input{index}{suffix}").write_bytes(content)
        with Store(Path(folder) / "s.db") as store:
            summary = run_build([folder], store, SETTINGS)
            story = open_story(store)
            assert stored_faults(store) == []
    assert summary.read == len(story.articles) >= 1 and story.entities and story.quotes
    assert story_faults(story) == []
    to_plain(story)  # every record can be exported
