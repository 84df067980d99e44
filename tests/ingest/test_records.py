"""JSON and JSON Lines records: what a record may hold, and what costs only that record."""

from __future__ import annotations

import json

from conftest import record
from storyline.ingest import read_documents
from storyline.model import Document, InputProblem, Severity
from storyline.settings import Settings


def read(path, **settings):
    items = list(read_documents([str(path)], Settings(**settings)))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputProblem)]


def test_a_lone_surrogate_is_replaced_and_reported(tmp_path, story_text):
    lines = [json.dumps(record("a", story_text)), '{"id": "b\\udcff", "title": "x\\ud800y", "text": "Kyiv \\ud800 on Monday"}']
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    documents, problems = read(tmp_path / "feed.jsonl")
    assert [d.id for d in documents] == ["a", "b\ufffd"]
    assert documents[1].text == "Kyiv \ufffd on Monday" and documents[1].title == "x\ufffdy"
    [problem] = problems
    assert problem.severity is Severity.WARNING and problem.source.endswith("feed.jsonl:2")
    assert "lone surrogate" in problem.reason and "id, text, title" in problem.reason
    documents[1].text.encode("utf-8")


def test_a_surrogate_pair_is_one_character_not_a_problem(tmp_path):
    (tmp_path / "feed.jsonl").write_text('{"id": "a", "text": "smile \\ud83d\\ude00 here"}\n')
    documents, problems = read(tmp_path / "feed.jsonl")
    assert documents[0].text == "smile \U0001f600 here" and problems == []


def test_a_boolean_id_is_refused_not_stored_as_true(tmp_path, story_text):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": True, "text": story_text}) + "\n" + json.dumps(record("ok", story_text)) + "\n")
    documents, problems = read(tmp_path / "feed.jsonl")
    assert [d.id for d in documents] == ["ok"]
    [problem] = problems
    assert problem.source.endswith("feed.jsonl:1") and problem.reason == "id must be a string or a whole number, not a boolean"


def test_a_publication_date_in_the_future_is_ignored_with_a_warning(tmp_path, story_text):
    (tmp_path / "feed.jsonl").write_text(
        json.dumps(record("far", story_text, published="9999-12-31"))
        + "\n"
        + json.dumps(record("past", story_text, published="2022-02-14"))
        + "\n"
    )
    documents, problems = read(tmp_path / "feed.jsonl")
    assert [(d.id, d.published) for d in documents] == [("far", None), ("past", "2022-02-14")]
    [problem] = problems
    assert problem.severity is Severity.WARNING and "'9999-12-31' lies in the future" in problem.reason


def test_an_empty_array_and_a_blank_feed_are_reported(tmp_path):
    (tmp_path / "none.json").write_text("[ ]")
    (tmp_path / "blank.jsonl").write_text("\n\n  \n")
    for name in ("none.json", "blank.jsonl"):
        documents, problems = read(tmp_path / name)
        assert documents == [] and len(problems) == 1 and problems[0].severity is Severity.SKIPPED, name
    assert "empty JSON array" in read(tmp_path / "none.json")[1][0].reason


def test_a_record_of_a_json_array_is_held_to_the_document_limit(tmp_path):
    (tmp_path / "feed.json").write_text(json.dumps([record("big", "word " * 1000), record("small", "short text")]))
    documents, problems = read(tmp_path / "feed.json", max_document_bytes=2000)
    assert [d.id for d in documents] == ["small"]
    [problem] = problems
    assert problem.source.endswith("feed.json[1]") and "limit of 2,000 bytes" in problem.reason


def test_json_nested_too_deeply_costs_only_itself(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    for name in ("deep.json", "deep.jsonl"):
        _, problems = read(tmp_path / name)
        assert [p.reason for p in problems] == ["not readable JSON (nested too deeply)"], name


def test_a_number_too_long_for_python_costs_only_its_record(tmp_path, story_text):
    huge = "1" * 5000
    (tmp_path / "feed.jsonl").write_text(f'{{"id": {huge}, "text": "x"}}\n' + json.dumps(record("ok", story_text)) + "\n")
    (tmp_path / "feed.json").write_text(f'[{{"id": {huge}, "text": "x"}}]')
    documents, problems = read(tmp_path)
    assert [d.id for d in documents] == ["ok"]
    assert [p.reason for p in problems] == ["not readable JSON (a number with too many digits)"] * 2
