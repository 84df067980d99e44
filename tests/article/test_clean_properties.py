"""Extraction and cleaning, fed at random (hypothesis): nothing raises, and every removal and
section stands inside the clean text it belongs to."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from fuzzing import article_texts, clean_faults, html_pages
from storyline.article.clean import clean_text
from storyline.article.extract import extract
from storyline.model import Document
from storyline.settings import Settings

EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(text=article_texts(max_pieces=12), title=article_texts(max_pieces=1))
def test_cleaning_random_text(text, title):
    cleaned = clean_text(text, title=title)
    assert clean_faults(cleaned) == []
    for piece in cleaned.text.split("\n"):
        assert piece in text  # cleaning keeps or drops the source's lines, it never writes any


@EXAMPLES
@given(page=html_pages())
def test_extracting_and_cleaning_random_html(page):
    extraction = extract(Document(id="a", source="a.html", html=page), {}, Settings())
    assert "\r" not in extraction.text
    assert clean_faults(clean_text(extraction.text, title=extraction.title)) == []
