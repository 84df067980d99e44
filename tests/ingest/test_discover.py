"""Finding the inputs: every file below a folder, and a line for whatever cannot be read."""

from __future__ import annotations

import os

from storyline.ingest import read_documents
from storyline.model import Document, InputProblem, Severity
from storyline.settings import Settings


def read(paths):
    items = list(read_documents([str(p) for p in paths], Settings()))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputProblem)]


def test_a_file_name_that_is_not_utf8_is_read_under_an_escaped_id(tmp_path, story_text):
    (tmp_path / "good.txt").write_text(story_text)
    with open(os.fsencode(tmp_path) + b"/bad\xff.txt", "wb") as handle:
        handle.write(story_text.encode())
    documents, problems = read([tmp_path])
    assert sorted(d.id for d in documents) == ["bad\\xff.txt", "good.txt"]
    bad = next(d for d in documents if d.id != "good.txt")
    bad.source.encode("utf-8")  # storable and printable: no lone surrogate left
    [problem] = problems
    assert problem.severity is Severity.WARNING and problem.source.endswith("bad\\xff.txt")


def test_a_line_break_in_a_file_name_keeps_the_report_on_one_line(tmp_path):
    (tmp_path / "two\nlines.txt").write_bytes(b"")
    _, problems = read([tmp_path])
    lines = [problem.line() for problem in problems]
    assert all("\n" not in line for line in lines)
    assert any(line.endswith("two\\nlines.txt: skipped: empty file") for line in lines)


def test_an_unreadable_subfolder_is_reported_and_the_rest_is_read(tmp_path, story_text, monkeypatch):
    for folder in ("a", "locked", "z"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(story_text)
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    documents, problems = read([tmp_path])
    assert [d.id for d in documents] == ["a/story.txt", "z/story.txt"]
    [problem] = problems
    assert problem.severity is Severity.FAILED and problem.source == str(tmp_path / "locked")
    assert problem.reason == "cannot list folder (Permission denied)"


def test_a_link_to_a_folder_is_followed_and_a_loop_is_not(tmp_path, story_text):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "story.txt").write_text(story_text)
    given = tmp_path / "given"
    given.mkdir()
    os.symlink(elsewhere, given / "linked")
    os.symlink(given, given / "linked-back")
    documents, problems = read([given])
    assert [d.id for d in documents] == ["linked/story.txt"]
    [problem] = problems
    assert problem.severity is Severity.SKIPPED and "loop" in problem.reason and problem.source.endswith("linked-back")


def test_the_order_is_that_of_the_sorted_relative_paths(tmp_path, story_text):
    for name in ("b.txt", "a/z.txt", "a.txt", "a-b/c.txt", "a/b/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(story_text + name)
    documents, _ = read([tmp_path])
    assert [d.id for d in documents] == sorted(["b.txt", "a/z.txt", "a.txt", "a-b/c.txt", "a/b/c.txt"], key=lambda p: p.split("/"))
