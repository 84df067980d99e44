from __future__ import annotations

import storyline
from conftest import PARAGRAPHS
from storyline.model import Severity


def test_build_returns_the_story_with_its_problems(tmp_path):
    (tmp_path / "a.txt").write_text(PARAGRAPHS[0])
    (tmp_path / "b.txt").write_text("")
    story = storyline.build(tmp_path, workers=1)
    assert [a.id for a in story.articles] == ["a.txt"]
    assert [(p.severity, p.reason) for p in story.problems] == [(Severity.SKIPPED, "empty file")]


def test_build_into_a_file_store_and_again(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PARAGRAPHS[0])
    first = storyline.build([tmp_path / "in"], db=tmp_path / "s.db", workers=1)
    second = storyline.build([tmp_path / "in"], db=tmp_path / "s.db", workers=1)
    assert first.articles == second.articles


def test_open_reads_a_built_store_without_building(wire_store, monkeypatch):
    import storyline.pipeline.build as build

    monkeypatch.setattr(build, "run_build", lambda *a, **k: (_ for _ in ()).throw(AssertionError("built")))
    story = storyline.open(wire_store)
    assert isinstance(story, storyline.Story)
    assert {a.id for a in story.articles} >= {"wire-1", "wire-2"} and story.events and story.stories
    assert storyline.open(str(wire_store)) == story


def test_open_without_a_store_is_one_clear_error(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="no such store; build it first"):
        storyline.open(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_the_public_functions_are_typed_and_the_package_says_so():
    import inspect
    import typing
    from importlib import resources

    assert resources.files("storyline").joinpath("py.typed").is_file()
    for function in (storyline.build, storyline.open, storyline.Story.frames):
        hints = typing.get_type_hints(function, globalns={**vars(storyline), "Story": storyline.Story, "pandas": __import__("pandas")})
        assert "return" in hints, function
        assert all(name in hints for name in inspect.signature(function).parameters if name not in ("self", "settings", "kinds")), function
