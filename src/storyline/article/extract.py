"""The extraction stage: a document's body text and metadata, from its text or its HTML.

HTML goes through trafilatura for the main text, title, author, site name and the date the
page's metadata states. The date search is kept to metadata (no guessing from the page's
running text), so a date found here can honestly be called "metadata".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import trafilatura

from storyline.article.flatten import shallow_html
from storyline.ingest.dates import find_dateline, normalise_date
from storyline.model import Document, Extraction
from storyline.settings import MAX_TEXT_CHARACTERS, Settings
from storyline.stages import register_stage

# htmldate's extensive search reads dates out of running text and links; that is inference,
# not metadata, and is left to the time stage.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# On a page with no article, trafilatura returns what is left: a menu, a cookie notice. A news
# brief has more words than that.
MIN_HTML_ARTICLE_WORDS = 20


@register_stage("extract", result_type=Extraction, settings_used=("dateline_window",))
def extract(document: Document, upstream: Mapping[str, object], settings: Settings) -> Extraction:
    if document.html is not None:
        extraction = _from_html(document.html, document.url)
    else:
        extraction = Extraction(text=_normalise_newlines(document.text or ""))
    dateline = find_dateline(extraction.text, settings.dateline_window)
    if dateline is None:
        return extraction
    date, evidence = dateline
    return replace(extraction, dateline_date=date, dateline_text=evidence)


def _from_html(html: str, url: str | None) -> Extraction:
    html = shallow_html(html)
    found = _trafilatura(html, url, favor_recall=False)
    if not _is_article(found):
        # Unusual layouts defeat the precise pass; the recall pass still finds their text
        # more often than not.
        found = _trafilatura(html, url, favor_recall=True)
    if not _is_article(found):
        return Extraction(text="")
    if len(found.text) > MAX_TEXT_CHARACTERS:
        raise ValueError(f"article text of {len(found.text):,} characters is longer than the {MAX_TEXT_CHARACTERS:,} an article may have")
    return Extraction(
        text=_normalise_newlines(found.text or ""),
        title=found.title or None,
        author=found.author or None,
        site_name=found.sitename or None,
        url=found.url or None,
        metadata_date=normalise_date(found.date) if found.date else None,
    )


def _is_article(found) -> bool:
    return found is not None and len((found.text or "").split()) >= MIN_HTML_ARTICLE_WORDS


def _trafilatura(html: str, url: str | None, favor_recall: bool):
    return trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        favor_recall=favor_recall,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
