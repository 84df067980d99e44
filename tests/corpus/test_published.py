from __future__ import annotations

from storyline.corpus.published import publication_date
from storyline.model import Document, Extraction, PublishedBasis


def test_user_record_wins_over_metadata_and_dateline():
    extraction = Extraction(text="x", metadata_date="2022-02-15", dateline_date="2022-02-16", dateline_text="date 2022-02-16")
    got = publication_date(Document(id="a", source="s", text="x", published="2022-02-14"), extraction)
    assert (got.date, got.basis) == ("2022-02-14", PublishedBasis.GIVEN)


def test_metadata_wins_over_dateline():
    extraction = Extraction(text="x", metadata_date="2022-02-15", dateline_date="2022-02-16", dateline_text="date 2022-02-16")
    got = publication_date(Document(id="a", source="s", html="<p>x</p>"), extraction)
    assert (got.date, got.basis) == ("2022-02-15", PublishedBasis.METADATA)


def test_dateline_keeps_its_evidence():
    extraction = Extraction(text="x", dateline_date="2022-02-16", dateline_text="date 2022-02-16")
    got = publication_date(Document(id="a", source="s", text="x"), extraction)
    assert (got.date, got.basis, got.evidence) == ("2022-02-16", PublishedBasis.TEXT, "date 2022-02-16")


def test_no_clue_is_unknown():
    got = publication_date(Document(id="a", source="s", text="x"), Extraction(text="x"))
    assert (got.date, got.basis) == (None, PublishedBasis.UNKNOWN)
