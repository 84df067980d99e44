"""Every reader, through the one entry point the pipeline uses."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from conftest import article_html, record, write_jsonl, write_warc
from storyline.ingest import read_documents
from storyline.model import Document, InputProblem, Severity
from storyline.settings import Settings


def read(paths, settings: Settings | None = None):
    items = list(read_documents([str(p) for p in paths], settings or Settings()))
    documents = [item for item in items if isinstance(item, Document)]
    problems = [item for item in items if isinstance(item, InputProblem)]
    return documents, problems


def test_text_file_keeps_its_text_and_gets_its_name_as_id(tmp_path, story_text):
    (tmp_path / "a.txt").write_text(story_text, encoding="utf-8")
    documents, problems = read([tmp_path / "a.txt"])
    assert problems == []
    assert [(d.id, d.text) for d in documents] == [("a.txt", story_text)]


def test_folder_is_read_recursively_with_relative_ids(tmp_path, story_text):
    (tmp_path / "day1").mkdir()
    (tmp_path / "day2").mkdir()
    (tmp_path / "day1" / "a.txt").write_text(story_text)
    (tmp_path / "day2" / "a.txt").write_text(story_text + " More.")
    (tmp_path / "top.txt").write_text(story_text)
    documents, _ = read([tmp_path])
    assert [d.id for d in documents] == ["day1/a.txt", "day2/a.txt", "top.txt"]


def test_hidden_files_are_not_articles(tmp_path, story_text):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref")
    (tmp_path / "a.txt").write_text(story_text)
    documents, problems = read([tmp_path])
    assert [d.id for d in documents] == ["a.txt"] and problems == []


def test_html_file_is_kept_as_html_for_the_extraction_stage(tmp_path):
    page = article_html()
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "page2.htm").write_text(page, encoding="utf-8")
    documents, _ = read([tmp_path])
    assert [d.id for d in documents] == ["page.html", "page2.htm"]
    assert documents[0].html == page and documents[0].text is None


def test_html_declared_charset_is_honoured(tmp_path):
    page = article_html(title="Zürich café talks").replace("charset='utf-8'", "charset='iso-8859-15'")
    (tmp_path / "page.html").write_bytes(page.encode("iso-8859-15"))
    documents, problems = read([tmp_path / "page.html"])
    assert "Zürich café" in documents[0].html and problems == []


def test_jsonl_records_carry_their_ids_and_metadata(tmp_path, story_text):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            record("r1", story_text, url="https://www.example.org/a", title="T", published="2022-02-14T09:00:00Z", source="Example"),
            {"html": article_html(), "url": "https://news.example.com/b"},
        ],
    )
    documents, problems = read([path])
    assert problems == []
    first, second = documents
    assert (first.id, first.title, first.published, first.outlet, first.source) == (
        "r1",
        "T",
        "2022-02-14",
        "Example",
        "https://www.example.org/a",
    )
    assert second.id == "feed.jsonl#2" and second.html and second.text is None


def test_json_file_with_one_record_or_an_array(tmp_path, story_text):
    (tmp_path / "one.json").write_text(json.dumps(record("x", story_text)))
    (tmp_path / "many.json").write_text(json.dumps([record("y", story_text), {"text": story_text + " 2"}]))
    documents, problems = read([tmp_path])
    assert problems == []
    assert sorted(d.id for d in documents) == ["many.json#2", "x", "y"]


@pytest.mark.parametrize("name", ["a.txt.gz", "a.html.gz", "a.jsonl.gz", "a.json.gz"])
def test_gzip_of_every_kind(tmp_path, story_text, name):
    content = {
        "a.txt.gz": story_text,
        "a.html.gz": article_html(),
        "a.jsonl.gz": json.dumps(record("g", story_text)) + "\n",
        "a.json.gz": json.dumps(record("g", story_text)),
    }[name]
    (tmp_path / name).write_bytes(gzip.compress(content.encode()))
    documents, problems = read([tmp_path / name])
    assert problems == [] and len(documents) == 1
    assert (documents[0].text or documents[0].html).strip()


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_html_responses_become_documents(tmp_path, gzipped):
    path = write_warc(
        tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"),
        [
            ("https://news.example.com/a", "text/html; charset=utf-8", article_html()),
            ("https://news.example.com/logo.png", "image/png", "PNG"),
            ("https://news.example.com/b", "text/html", article_html(title="Second")),
        ],
        gzipped=gzipped,
    )
    documents, problems = read([path])
    assert [d.url for d in documents] == ["https://news.example.com/a", "https://news.example.com/b"]
    assert documents[0].id == f"{path.name}#1"
    assert [p.severity for p in problems] == [Severity.SKIPPED]
    assert "not HTML" in problems[0].reason


def test_standard_input_is_sniffed(monkeypatch, story_text):
    lines = (json.dumps(record("s1", story_text)) + "\n" + json.dumps(record("s2", story_text + "!")) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    documents, problems = read(["-"])
    assert [d.id for d in documents] == ["s1", "s2"] and problems == []


def test_standard_input_plain_text(monkeypatch, story_text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(story_text.encode())))
    documents, _ = read(["-"])
    assert [(d.id, d.text) for d in documents] == [("stdin", story_text)]


def test_cp1252_text_is_decoded_by_detection_not_latin1(tmp_path):
    text = "Le président a déclaré « nous sommes prêts » – a €5 billion plan for Kyiv’s reconstruction was announced on Monday. " * 4
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    documents, problems = read([tmp_path / "a.txt"])
    assert problems == []
    assert "€5 billion" in documents[0].text and "Kyiv’s" in documents[0].text


def test_gzip_on_standard_input(monkeypatch, story_text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(story_text.encode()))))
    documents, problems = read(["-"])
    assert problems == [] and [(d.id, d.text) for d in documents] == [("stdin", story_text)]


@pytest.mark.parametrize("text", ["[UPDATED] Russian forces shelled Kharkiv overnight.", "{Reuters} Talks resumed in Geneva on Monday."])
def test_text_starting_with_a_bracket_is_text_not_json(monkeypatch, text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    documents, problems = read(["-"])
    assert problems == [] and [d.text for d in documents] == [text]


@pytest.mark.parametrize(
    "content", ['[{"id": "j1", "text": "A story."}]', '[\n  {"id": "j1", "text": "A story."}\n]', '{ "id": "j1", "text": "A story." }']
)
def test_json_on_standard_input_is_still_json(monkeypatch, content):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
    documents, problems = read(["-"])
    assert problems == [] and [d.id for d in documents] == ["j1"]


def test_warc_http_charset_is_used_when_the_page_declares_none(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    czech = "Generální tajemník OSN v pondělí vyzval k diplomacii. Řekl novinářům, že cena války by byla příliš vysoká."
    page = f"<html><body><p>{czech}</p></body></html>"
    with open(tmp_path / "crawl.warc", "wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1250")], protocol="HTTP/1.1")
        payload = io.BytesIO(page.encode("cp1250"))
        writer.write_record(writer.create_warc_record("https://news.example.cz/a", "response", payload=payload, http_headers=headers))
    documents, problems = read([tmp_path / "crawl.warc"])
    assert problems == [] and [d.html for d in documents] == [page]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_jsonl_in_utf16_or_utf32_with_a_bom_keeps_every_record(tmp_path, story_text, encoding):
    lines = "".join(json.dumps(record(f"r{n}", story_text + " Zürich."), ensure_ascii=False) + "\r\n" for n in range(3))
    bom = "\ufeff" if encoding == "utf-16-be" else ""  # the other codecs write their own BOM
    (tmp_path / "feed.jsonl").write_bytes((bom + lines).encode(encoding))
    documents, problems = read([tmp_path / "feed.jsonl"])
    assert problems == [] and [d.id for d in documents] == ["r0", "r1", "r2"]
    assert documents[0].text.endswith("Zürich.")
