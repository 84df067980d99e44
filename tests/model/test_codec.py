from __future__ import annotations

from storyline.model import Article, PublishedBasis, Removal, Section, TimeExpression
from storyline.model.codec import from_plain, to_plain


def test_round_trip_of_nested_records():
    article = Article(
        id="a",
        source="a.txt",
        outlet=None,
        title="T",
        published="2022-02-14",
        published_basis=PublishedBasis.TEXT,
        text="Body",
        content_hash="h",
        removed=(Removal("ALSO READ: x", "related-link", 4),),
        sections=(Section(0, 4, "Heading"),),
        times=(TimeExpression(0, 4, "Body", "DATE", None),),
    )
    plain = to_plain(article)
    assert plain["published_basis"] == "text" and plain["removed"] == [{"text": "ALSO READ: x", "kind": "related-link", "at": 4}]
    assert from_plain(Article, plain) == article
