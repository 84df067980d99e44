"""Counting what a build will meet, before reading it, for the progress bar."""

from __future__ import annotations

import json

from conftest import PARAGRAPHS, article_html, record, write_jsonl, write_warc
from storyline.ingest.count import expected_inputs


def test_files_lines_and_records_are_counted(tmp_path):
    (tmp_path / "a.txt").write_text(PARAGRAPHS[0])
    (tmp_path / "b.html").write_text(article_html())
    write_jsonl(tmp_path / "c.jsonl", [record(f"r{n}", p) for n, p in enumerate(PARAGRAPHS)])
    write_jsonl(tmp_path / "d.jsonl.gz", [record(f"g{n}", p) for n, p in enumerate(PARAGRAPHS[:3])], gzipped=True)
    (tmp_path / "e.json").write_text(json.dumps([record("j1", PARAGRAPHS[0]), record("j2", PARAGRAPHS[1])]))
    write_warc(tmp_path / "f.warc.gz", [("https://x.example/1", "text/html", article_html())] * 2, gzipped=True)
    (tmp_path / "README.md").write_text("not an article")
    total, whole_files = expected_inputs([str(tmp_path), str(tmp_path / "missing.txt")])
    # 1 + 1 + 4 + 3 + 2 + 2, the missing file (a problem counted as done), not the README.
    assert total == 14
    assert whole_files == {"a.txt", "b.html"}


def test_a_count_across_chunk_ends(tmp_path, monkeypatch):
    import storyline.ingest.count as count

    monkeypatch.setattr(count, "_CHUNK", 7)
    path = tmp_path / "x.warc"
    path.write_bytes(b"WARC-Type: response\n" * 5)
    assert expected_inputs([str(path)])[0] == 5


def test_standard_input_cannot_be_counted():
    assert expected_inputs(["-"]) == (None, frozenset())
