"""WARC archives: what a cut archive costs, and what is told about it."""

from __future__ import annotations

import pytest

from conftest import article_html, write_warc
from storyline.ingest import read_documents
from storyline.model import Document, InputProblem, Severity
from storyline.settings import Settings


@pytest.mark.parametrize("into_headers", [5, 20, 40])
def test_an_archive_cut_inside_the_http_headers_is_truncated_not_other_content(tmp_path, into_headers):
    pages = [(f"https://news.example.com/{n}", "text/html", article_html(title=f"Story {n}")) for n in range(3)]
    whole = write_warc(tmp_path / "whole.warc", pages).read_bytes()
    (tmp_path / "whole.warc").unlink()
    last_headers = whole.rindex(b"HTTP/1.1 200")
    (tmp_path / "cut.warc").write_bytes(whole[: last_headers + into_headers])
    items = list(read_documents([str(tmp_path)], Settings()))
    assert [d.url for d in items if isinstance(d, Document)] == ["https://news.example.com/0", "https://news.example.com/1"]
    [problem] = [p for p in items if isinstance(p, InputProblem)]
    assert problem.severity is Severity.FAILED and problem.reason == "truncated WARC: the archive ends inside this record"
    assert "news.example.com/2" in problem.source


def test_whole_records_that_are_not_html_are_still_counted_as_such(tmp_path):
    pages = [("https://news.example.com/0", "text/html", article_html()), ("https://news.example.com/logo.png", "image/png", "PNG" * 50)]
    write_warc(tmp_path / "crawl.warc", pages)
    items = list(read_documents([str(tmp_path)], Settings()))
    assert [p.reason for p in items if isinstance(p, InputProblem)] == [
        "1 response(s) that are not HTML (images, scripts, styles) left out"
    ]
