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
