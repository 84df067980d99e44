"""Full-text search: the user's words, never FTS5 syntax errors, matches placed in the clean
text, and the index file made again only when the story changed."""

from __future__ import annotations

import pytest

from storyline.model import Article, PublishedBasis
from storyline.serve.index import ArticleIndex, match_expression


def _article(article_id: str, text: str, title: str | None = None) -> Article:
    return Article(article_id, f"{article_id}.txt", None, title, None, PublishedBasis.UNKNOWN, text, "h")


ARTICLES = [
    _article("a", "Guterres called for diplomacy. Diplomacy, he said, was the only way.", "Diplomacy first"),
    _article("b", "The peace talks in Geneva ended without a deal; negotiators will meet again."),
    _article("c", "Négociations à Genève: the café talks were cordial."),
]


def test_queries_are_words_phrases_and_prefixes():
    assert match_expression('war "peace talks" nego*') == '"war" "peace talks" "nego"*'
    assert match_expression('AND OR NOT ( ) NEAR( "') == '"AND" "OR" "NOT" "NEAR"'
    assert match_expression("  ,;  ") == ""


@pytest.fixture
def index(tmp_path) -> ArticleIndex:
    found = ArticleIndex(tmp_path / "story.db.search")
    found.update("story-a", ARTICLES)
    return found


def test_a_match_is_placed_where_it_stands(index):
    total, hits = index.search("diplomacy")
    assert total == 1 and hits[0].article == "a"
    assert ARTICLES[0].text[hits[0].start : hits[0].end] == "diplomacy"
    assert ("diplomacy", True) in hits[0].snippet
    total, hits = index.search('"peace talks" nego*')
    assert [hit.article for hit in hits] == ["b"] and ARTICLES[1].text[hits[0].start : hits[0].end] == "peace talks"
    assert index.search("negociations geneve")[1][0].article == "c"  # accents are folded


def test_odd_input_is_no_error(index):
    for query in ('"', "AND", "NEAR(", "*", "col:x", "'; DROP TABLE texts; --", ""):
        total, hits = index.search(query)
        assert total == len(hits) or total > len(hits)


def test_the_index_file_is_made_again_only_for_another_story(tmp_path, index):
    again = ArticleIndex(tmp_path / "story.db.search")
    again.update("story-a", [])  # the same story: the file is used as it is
    assert again.search("diplomacy")[0] == 1
    again.update("story-b", ARTICLES[1:])
    assert again.search("diplomacy")[0] == 0 and again.search("talks")[0] == 2
    assert not (tmp_path / "story.db.search.new").exists()


def test_without_a_file_the_index_is_kept_in_memory(tmp_path):
    memory = ArticleIndex(None)
    memory.update("story-a", ARTICLES)
    assert memory.search("talks")[0] == 2
    assert list(tmp_path.iterdir()) == []
