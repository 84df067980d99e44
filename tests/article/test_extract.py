from __future__ import annotations

from conftest import PARAGRAPHS, article_html
from storyline.article.extract import extract
from storyline.model import Document
from storyline.settings import Settings


def run(document: Document):
    return extract(document, {}, Settings())


def test_html_main_text_without_page_furniture():
    result = run(Document(id="a", source="a.html", html=article_html(meta_date="2022-02-14T08:00:00Z")))
    for paragraph in PARAGRAPHS:
        assert paragraph[:60] in result.text
    for furniture in ("Share on Facebook", "All rights reserved", "Sport"):
        assert furniture not in result.text
    assert result.title == "Guterres calls for diplomacy"
    assert result.site_name == "World News"
    assert result.metadata_date == "2022-02-14"


def test_html_date_is_not_guessed_from_running_text():
    page = article_html(paragraphs=[*PARAGRAPHS, "The talks were first held on 3 March 2019 in Minsk, officials recalled."])
    assert run(Document(id="a", source="a.html", html=page)).metadata_date is None


def test_html_without_an_article_gives_no_text():
    page = "<html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav><form><input name='q'></form></body></html>"
    assert run(Document(id="a", source="a.html", html=page)).text.strip() == ""


def test_text_line_endings_are_normalised_and_dateline_read():
    result = run(Document(id="a", source="a.txt", text="Published: 14 February 2022\r\nGuterres spoke.\r\n"))
    assert result.text == "Published: 14 February 2022\nGuterres spoke.\n"
    assert (result.dateline_date, result.dateline_text) == ("2022-02-14", "Published: 14 February 2022")
