"""Corpus stages started in a second process before their turn: the same story as running them
in order, and a child that fails costs only the time it took."""

from __future__ import annotations

from dataclasses import replace

import pytest

import storyline.pipeline.reduce as reduce
from conftest import PARAGRAPHS
from storyline.pipeline.build import STAGE_ORDER, run_build
from storyline.pipeline.early import EarlyStage, LoadedInputs
from storyline.settings import Settings
from storyline.stages import corpus_stages
from storyline.store.database import Store
from storyline.store.story import open_story


def corpus(folder, count=4):
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n}.txt").write_text(f"Story number {n}.\n\n" + "\n\n".join(PARAGRAPHS))
    return folder


@pytest.fixture
def started(monkeypatch):
    """The stages started early, by name."""
    names = []

    class Spy(EarlyStage):
        def __init__(self, stage, *args):
            names.append(stage.name)
            super().__init__(stage, *args)

    monkeypatch.setattr(reduce, "EarlyStage", Spy)
    return names


def _story_after_reduce(store, workers):
    reduce.run_reduce(store, Settings(workers=workers), STAGE_ORDER)
    return open_story(store)


def test_stages_started_early_make_the_story_running_them_in_order_makes(tmp_path, started):
    with Store() as store:
        run_build([str(corpus(tmp_path / "in"))], store, Settings(workers=1, batch_size=4))
        in_order = open_story(store)
        assert started == []
        store._db.execute("DELETE FROM story_meta")  # the story made again, from scratch
        early = _story_after_reduce(store, workers=2)
    assert early == in_order
    # Entities reads no corpus result; clusters and events wait only for some of the stages before them.
    assert {"entities", "clusters", "events"} <= set(started)
    assert "publication_dates" not in started


def test_a_store_with_its_story_up_to_date_starts_nothing(tmp_path, started):
    with Store() as store:
        run_build([str(corpus(tmp_path / "in"))], store, Settings(workers=1, batch_size=4))
        _story_after_reduce(store, workers=2)
    assert started == []


def test_a_failing_child_gives_nothing_and_the_stage_runs_in_the_build_process():
    def failing(stage, inputs, settings):
        raise RuntimeError("no")

    stage = replace(next(s for s in corpus_stages() if s.name == "entities"), needs=())
    loaded = LoadedInputs([], {}, {})
    assert EarlyStage(stage, loaded, {}, Settings(), failing).result() is None


def test_a_child_reads_only_what_was_loaded_for_it():
    loaded = LoadedInputs([], {"mentions": {"a": 1}}, {"entities": ()})
    assert loaded.of("mentions") == {"a": 1} and loaded.corpus("entities") == ()
    with pytest.raises(LookupError):
        loaded.documents()
