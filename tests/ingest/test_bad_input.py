"""Every class of bad input: one line naming the input and the reason, and the run goes on."""

from __future__ import annotations

import gzip
import json
import os
import tracemalloc

from conftest import article_html, record, write_warc
from storyline.ingest import read_documents
from storyline.model import Document, InputProblem, Severity
from storyline.settings import Settings


def read(paths, **settings):
    items = list(read_documents([str(p) for p in paths], Settings(**settings)))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputProblem)]


def only_problem(problems, severity):
    assert len(problems) == 1, problems
    assert problems[0].severity is severity
    assert "\n" not in problems[0].line()
    return problems[0]


def good_file(folder, story_text):
    (folder / "good.txt").write_text(story_text)


def test_empty_file(tmp_path, story_text):
    good_file(tmp_path, story_text)
    (tmp_path / "empty.txt").write_bytes(b"")
    documents, problems = read([tmp_path])
    problem = only_problem(problems, Severity.SKIPPED)
    assert problem.source.endswith("empty.txt") and "empty" in problem.reason
    assert [d.id for d in documents] == ["good.txt"]


def test_binary_file_with_a_text_name(tmp_path, story_text):
    good_file(tmp_path, story_text)
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    documents, problems = read([tmp_path])
    problem = only_problem(problems, Severity.FAILED)
    assert problem.source.endswith("photo.txt") and "binary" in problem.reason
    assert [d.id for d in documents] == ["good.txt"]


def test_invalid_utf8_is_replaced_and_reported(tmp_path):
    text = "Guterres met Zelensky in Kyiv — the talks were “constructive”. " * 5
    raw = text.encode("utf-8").replace("—".encode(), b"\xe2\x80", 1)  # a cut-off multibyte character
    (tmp_path / "broken.txt").write_bytes(raw)
    documents, problems = read([tmp_path])
    problem = only_problem(problems, Severity.WARNING)
    assert "invalid UTF-8" in problem.reason
    assert "\ufffd" in documents[0].text and "“constructive”" in documents[0].text


def test_truncated_gzip_keeps_what_came_before(tmp_path, story_text):
    lines = "".join(json.dumps(record(f"r{i}", story_text)) + "\n" for i in range(200)).encode()
    compressed = gzip.compress(lines)
    (tmp_path / "feed.jsonl.gz").write_bytes(compressed[: len(compressed) // 2])
    documents, problems = read([tmp_path])
    problem = only_problem(problems, Severity.FAILED)
    assert "truncated gzip" in problem.reason and problem.source.endswith("feed.jsonl.gz")
    assert 0 < len(documents) < 200


def test_truncated_gzip_text_file(tmp_path, story_text):
    compressed = gzip.compress(story_text.encode())
    (tmp_path / "a.txt.gz").write_bytes(compressed[:-12])
    _, problems = read([tmp_path])
    assert "truncated gzip" in only_problem(problems, Severity.FAILED).reason


def test_malformed_json_lines_cost_only_themselves(tmp_path, story_text):
    content = "\n".join(
        [
            json.dumps(record("ok1", story_text)),
            '{"id": "broken", "text": "unterminated',
            json.dumps(["not", "an", "object"]),
            json.dumps({"id": "nobody"}),
            json.dumps(record("ok2", story_text)),
        ]
    )
    (tmp_path / "feed.jsonl").write_text(content)
    documents, problems = read([tmp_path])
    assert [d.id for d in documents] == ["ok1", "ok2"]
    assert [p.source for p in problems] == [f"{tmp_path}/feed.jsonl:{n}" for n in (2, 3, 4)]
    assert "not valid JSON" in problems[0].reason
    assert "not an object" in problems[1].reason
    assert "no text and no html" in problems[2].reason


def test_malformed_json_file(tmp_path):
    (tmp_path / "bad.json").write_text('{"id": 1, "text": ')
    _, problems = read([tmp_path])
    assert "not valid JSON" in only_problem(problems, Severity.FAILED).reason


def test_a_date_that_is_not_a_date_is_reported_and_ignored(tmp_path, story_text):
    (tmp_path / "feed.jsonl").write_text(json.dumps(record("a", story_text, published="last Tuesday")))
    documents, problems = read([tmp_path])
    assert "not a date" in only_problem(problems, Severity.WARNING).reason
    assert documents[0].published is None


def test_oversized_file_is_refused_not_truncated(tmp_path, story_text):
    good_file(tmp_path, story_text)
    (tmp_path / "huge.txt").write_text("word " * 1000)
    documents, problems = read([tmp_path], max_document_bytes=2000)
    problem = only_problem(problems, Severity.FAILED)
    assert "limit of 2,000 bytes" in problem.reason and problem.source.endswith("huge.txt")
    assert [d.id for d in documents] == ["good.txt"]


def test_oversized_record_in_jsonl(tmp_path, story_text):
    (tmp_path / "feed.jsonl").write_text(
        json.dumps(record("big", "word " * 1000)) + "\n" + json.dumps(record("small", "short text")) + "\n"
    )
    documents, problems = read([tmp_path], max_document_bytes=2000)
    assert only_problem(problems, Severity.FAILED).source.endswith("feed.jsonl:1")
    assert [d.id for d in documents] == ["small"]


def test_oversized_gzip_is_refused_while_decompressing(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 5_000_000))
    _, problems = read([tmp_path], max_document_bytes=100_000)
    assert "limit" in only_problem(problems, Severity.FAILED).reason


def test_missing_path(tmp_path):
    documents, problems = read([tmp_path / "nowhere"])
    problem = only_problem(problems, Severity.FAILED)
    assert documents == [] and "no such file" in problem.reason


def test_broken_link_in_a_folder(tmp_path, story_text):
    good_file(tmp_path, story_text)
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    documents, problems = read([tmp_path])
    assert "broken link" in only_problem(problems, Severity.FAILED).reason
    assert [d.id for d in documents] == ["good.txt"]


def test_a_file_of_another_kind_in_a_folder_is_counted_as_ignored(tmp_path, story_text):
    good_file(tmp_path, story_text)
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04")
    _, problems = read([tmp_path])
    assert "not a kind of file storyline reads" in only_problem(problems, Severity.IGNORED).reason


def test_damaged_warc(tmp_path):
    (tmp_path / "crawl.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    _, problems = read([tmp_path])
    assert "damaged WARC" in only_problem(problems, Severity.FAILED).reason


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    pages = [(f"https://news.example.com/{n}", "text/html", article_html(title=f"Story {n}")) for n in range(3)]
    whole = write_warc(tmp_path / "whole.warc", pages).read_bytes()
    (tmp_path / "whole.warc").unlink()
    (tmp_path / "cut.warc").write_bytes(whole[: int(len(whole) * 0.8)])
    documents, problems = read([tmp_path])
    assert [d.url for d in documents] == ["https://news.example.com/0", "https://news.example.com/1"]
    problem = only_problem(problems, Severity.FAILED)
    assert "truncated WARC" in problem.reason and "news.example.com/2" in problem.source


def test_truncated_gzip_warc_reports_the_record_it_lost(tmp_path):
    pages = [(f"https://news.example.com/{n}", "text/html", article_html(title=f"Story {n}")) for n in range(3)]
    whole = write_warc(tmp_path / "whole.warc.gz", pages, gzipped=True).read_bytes()
    (tmp_path / "whole.warc.gz").unlink()
    last_member = whole.rindex(b"\x1f\x8b\x08")  # each record is a gzip member of its own
    (tmp_path / "cut.warc.gz").write_bytes(whole[: last_member + 40])  # inside the last record's headers
    documents, problems = read([tmp_path])
    assert [d.url for d in documents] == ["https://news.example.com/0", "https://news.example.com/1"]
    problem = only_problem(problems, Severity.FAILED)
    assert "truncated gzip" in problem.reason and "#2" in problem.reason and problem.source.endswith("cut.warc.gz")


def test_a_huge_jsonl_line_is_refused_without_being_held_in_memory(tmp_path):
    huge = json.dumps(record("huge", "word " * 2_000_000))  # 10 MB on one line
    (tmp_path / "feed.jsonl").write_text(huge + "\n" + json.dumps(record("small", "short text")) + "\n")
    tracemalloc.start()
    try:
        documents, problems = read([tmp_path / "feed.jsonl"], max_document_bytes=2000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    problem = only_problem(problems, Severity.FAILED)
    assert problem.source.endswith("feed.jsonl:1") and "limit of 2,000 bytes" in problem.reason
    assert [d.id for d in documents] == ["small"]
    assert peak < 1_000_000
