"""Pages nested deeper than the HTML parser goes: their text is found all the same."""

from __future__ import annotations

import pytest

from conftest import PARAGRAPHS
from storyline.article.extract import extract
from storyline.article.flatten import MAX_DEPTH, shallow_html
from storyline.model import Document
from storyline.settings import Settings


def nested(depth: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"<html><head><title>Deep</title></head><body>{'<div>' * depth}<article>{body}</article>{'</div>' * depth}</body></html>"


@pytest.mark.parametrize("depth", [300, 5000, 50_000])
def test_the_text_of_a_deep_page_is_found(depth):
    found = extract(Document(id="a", source="a", html=nested(depth)), {}, Settings())
    for paragraph in PARAGRAPHS:
        assert paragraph in found.text


def test_a_page_the_parser_reads_whole_is_handed_on_as_it_is():
    page = nested(MAX_DEPTH - 10)
    assert shallow_html(page) is page


def test_below_the_limit_tags_go_and_text_and_line_breaks_stay():
    page = (
        "<html><body>"
        + "<div>" * (MAX_DEPTH + 5)
        + "<p>one &amp; two</p><p>three</p><script>if (a < b) {}</script>"
        + "</div>" * (MAX_DEPTH + 5)
        + "</body></html>"
    )
    rebuilt = shallow_html(page)
    assert rebuilt.count("<div>") == MAX_DEPTH - 2 and "one &amp; two<br>three" in rebuilt and "if (a < b) {}" in rebuilt
