"""Which publication date an article gets, and on what basis.

The user's own record wins; then the page's metadata; then a dateline in the text. Anything
weaker is inference and belongs to the time stage, which records it as "inferred".
"""

from __future__ import annotations

from storyline.model import Document, Extraction, PublicationDate, PublishedBasis


def publication_date(document: Document, extraction: Extraction) -> PublicationDate:
    if document.published:
        return PublicationDate(document.published, PublishedBasis.GIVEN)
    if extraction.metadata_date:
        return PublicationDate(extraction.metadata_date, PublishedBasis.METADATA)
    if extraction.dateline_date:
        return PublicationDate(extraction.dateline_date, PublishedBasis.TEXT, extraction.dateline_text)
    return PublicationDate(None, PublishedBasis.UNKNOWN)
