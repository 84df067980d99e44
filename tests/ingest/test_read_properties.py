"""Reading, fed at random (hypothesis): whatever the bytes, nothing raises, and what comes out is
documents a stage can take or one-line problems."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import html_pages, json_lines, reading_faults
from storyline.ingest import read_documents
from storyline.settings import Settings

SUFFIXES = (".txt", ".html", ".json", ".jsonl", ".warc", "", ".txt.gz", ".jsonl.gz", ".json.gz", ".warc.gz")
EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_all(files: list[tuple[str, bytes]], named_directly: bool = False, **options) -> list:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, (suffix, content) in enumerate(files):
            path = Path(folder) / f"input{index}{suffix}"
            path.write_bytes(gzip.compress(content) if suffix.endswith(".gz") else content)
            paths.append(str(path))
        return list(read_documents(paths if named_directly else [folder], Settings(**options)))


@EXAMPLES
@given(files=st.lists(st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=3000)), min_size=1, max_size=4), named=st.booleans())
def test_random_bytes_in_every_kind_of_file(files, named):
    assert reading_faults(read_all(files, named_directly=named)) == []


@EXAMPLES
@given(content=json_lines(), suffix=st.sampled_from((".jsonl", ".jsonl.gz", "")), limit=st.sampled_from((20_000_000, 300)))
def test_random_json_lines(content, suffix, limit):
    items = read_all([(suffix, content)], named_directly=True, max_document_bytes=limit)
    assert reading_faults(items) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(json_lines(), max_size=3))
def test_random_json_documents(records):
    content = b"[" + b",".join(line.replace(b"\n", b",") for line in records) + b"]"
    assert reading_faults(read_all([(".json", content)])) == []


@EXAMPLES
@given(page=html_pages(), encoding=st.sampled_from(("utf-8", "utf-16", "cp1252", "latin-1")))
def test_random_html(page, encoding):
    raw = page.encode(encoding, errors="replace")
    assert reading_faults(read_all([(".html", raw), ("", raw)])) == []
