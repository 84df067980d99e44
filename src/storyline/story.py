"""Assemble the `Story` from a store: stored documents plus their cached stage results.

Articles are derived from the cached results at load time rather than stored whole, so there
is one source of truth and a new stage version never leaves a stale copy behind.
"""

from __future__ import annotations

from storyline.clean import CleanText
from storyline.codec import from_plain
from storyline.ingest.records import outlet_of
from storyline.model import Article, Extraction, InputProblem, Severity, Story
from storyline.pipeline import STAGE_ORDER
from storyline.published import publication_date
from storyline.settings import Settings
from storyline.stages import fingerprints
from storyline.store import Store, StoredArticle


def load_story(store: Store, settings: Settings) -> Story:
    stage_fingerprints = fingerprints(STAGE_ORDER, settings)
    articles = []
    problems = []
    for stored in store.articles():
        results = store.cached_results(stored.content_hash, stage_fingerprints)
        if len(results) < len(STAGE_ORDER):
            problems.append(
                InputProblem(
                    stored.document.source,
                    "analysed by another storyline version or settings; run `storyline build` again",
                    Severity.SKIPPED,
                )
            )
            continue
        articles.append(assemble_article(stored, from_plain(Extraction, results["extract"]), from_plain(CleanText, results["clean"])))
    return Story(articles=tuple(articles), problems=tuple(problems))


def assemble_article(stored: StoredArticle, extraction: Extraction, cleaned: CleanText) -> Article:
    document = stored.document
    published = publication_date(document, extraction)
    url = document.url or extraction.url
    return Article(
        id=document.id,
        source=document.source,
        outlet=document.outlet or outlet_of(url),
        title=document.title or extraction.title or cleaned.headline,
        published=published.date,
        published_basis=published.basis,
        published_evidence=published.evidence,
        text=cleaned.text,
        removed=cleaned.removed,
        sections=cleaned.sections,
        content_hash=stored.content_hash,
        url=url,
        author=extraction.author,
        site_name=extraction.site_name,
    )
