"""Bytes out of input files: limits held while reading, gzip bombs refused while unpacking."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc

import pytest

from storyline.ingest import files, read_documents
from storyline.ingest.files import InputReadError, read_bytes
from storyline.model import Document, InputProblem, Severity
from storyline.settings import Settings


def read(path, **settings):
    items = list(read_documents([str(path)], Settings(**settings)))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputProblem)]


def peak_of(call):
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bomb(unpacked_mb: int) -> bytes:
    """A .json.gz of one record whose text is spaces: about a thousand times smaller than it unpacks."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packed:
        packed.write(b'[{"id": "x", "text": "')
        block = b" " * 1_000_000
        for _ in range(unpacked_mb):
            packed.write(block)
        packed.write(b'"}]')
    return out.getvalue()


def test_a_gzip_bomb_is_refused_while_unpacking_with_a_reason(tmp_path):
    data = bomb(200)
    assert len(data) < 250_000
    (tmp_path / "bomb.json.gz").write_bytes(data)
    (documents, problems), peak = peak_of(lambda: read(tmp_path / "bomb.json.gz"))
    assert documents == []
    [problem] = problems
    assert problem.severity is Severity.FAILED and problem.source.endswith("bomb.json.gz")
    assert "refused as a gzip bomb (setting max_gzip_ratio)" in problem.reason
    assert peak < 40_000_000  # refused after about 16 MB, not once 200 MB were held


def test_a_feed_of_near_copies_is_within_the_ratio(tmp_path, story_text, monkeypatch):
    monkeypatch.setattr(files, "GZIP_RATIO_FLOOR", 1_000_000)
    lines = "".join(json.dumps({"id": f"r{i}", "text": f"{story_text} {i}"}) + "\n" for i in range(5000)).encode()
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(lines))  # 4 MB that pack 90 times smaller
    documents, problems = read(tmp_path / "feed.jsonl.gz")
    assert len(documents) == 5000 and problems == []
    documents, problems = read(tmp_path / "feed.jsonl.gz", max_gzip_ratio=10)
    assert "more than 10 times its compressed size" in problems[-1].reason and 1000 < len(documents) < 5000


def test_the_limit_is_held_while_reading_not_after():
    stream = io.BytesIO(b"x" * 50_000_000)
    with pytest.raises(InputReadError, match="limit of 1,000,000 bytes"):
        peak_of(lambda: read_bytes(stream, 1_000_000))
    stream.seek(0)
    try:
        tracemalloc.start()
        with pytest.raises(InputReadError):
            read_bytes(stream, 1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3_000_000


def test_a_text_longer_than_an_article_may_be_is_refused_when_read(tmp_path, story_text):
    (tmp_path / "long.txt").write_text("word " * 2_000_001)
    (tmp_path / "fine.txt").write_text(story_text)
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "long", "text": "word " * 2_000_001}) + "\n")
    documents, problems = read(tmp_path)
    assert [d.id for d in documents] == ["fine.txt"]
    assert [p.source.rsplit("/", 1)[1] for p in problems] == ["feed.jsonl:1", "long.txt"]
    for problem in problems:
        assert problem.severity is Severity.FAILED
        assert problem.reason == "text of 10,000,005 characters is longer than the 10,000,000 characters an article may have"
