"""Assemble the `Story` from a store: stored documents plus their cached stage results, and
the corpus-level steps that need more than one article.

Articles are derived from the cached results at load time rather than stored whole, so there
is one source of truth and a new stage version never leaves a stale copy behind. Corpus steps
here work on the per-article results only, never on raw text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storyline.clean import CleanText
from storyline.codec import from_plain
from storyline.entities import resolve_entities
from storyline.ingest.records import outlet_of
from storyline.mentions import ArticleEntities
from storyline.model import Article, Extraction, InputProblem, PublishedBasis, Severity, Story, TimeExpression
from storyline.pipeline import STAGE_ORDER
from storyline.pubdate import infer, year_hints
from storyline.published import PublicationDate, publication_date
from storyline.sentence_dates import date_sentences
from storyline.settings import Settings
from storyline.stages import fingerprints
from storyline.store import Store, StoredArticle
from storyline.timex import TimeTagging, anchor

# What assembling an article needs; the parse itself stays in the store.
_NEEDED = {"extract": Extraction, "clean": CleanText, "times": TimeTagging, "mentions": ArticleEntities}


@dataclass(frozen=True, slots=True)
class _Loaded:
    stored: StoredArticle
    extraction: Extraction
    cleaned: CleanText
    tagging: TimeTagging
    entities: ArticleEntities

    @property
    def lead_end(self) -> int:
        return self.tagging.sentences[0].end if self.tagging.sentences else 0


def load_story(store: Store, settings: Settings) -> Story:
    stage_fingerprints = {name: fp for name, fp in fingerprints(STAGE_ORDER, settings).items() if name in _NEEDED}
    loaded = []
    problems = []
    for stored in store.articles():
        results = store.cached_results(stored.content_hash, stage_fingerprints)
        if len(results) < len(stage_fingerprints):
            problems.append(
                InputProblem(
                    stored.document.source,
                    "analysed by another storyline version or settings; run `storyline build` again",
                    Severity.SKIPPED,
                )
            )
            continue
        loaded.append(_Loaded(stored, *(from_plain(_NEEDED[name], results[name]) for name in _NEEDED)))
    dates = publication_dates(loaded)
    articles = tuple(assemble_article(item, dates[item.stored.document.id]) for item in loaded)
    entities = resolve_entities({item.stored.document.id: item.entities for item in loaded})
    return Story(articles=articles, entities=entities, problems=tuple(problems))


def publication_dates(loaded: list[_Loaded]) -> dict[str, PublicationDate]:
    """Stated dates first; then dates inferred from each article's own clues; then, for
    articles whose clues give no year, the year the rest of the corpus is dated in."""
    dates = {item.stored.document.id: publication_date(item.stored.document, item.extraction) for item in loaded}
    undated = [item for item in loaded if dates[item.stored.document.id].date is None]
    own_year = [item for item in undated if year_hints(item.tagging)]
    for item in own_year:
        _infer_into(dates, item, corpus_years=[])
    corpus_years = [int(d.date[:4]) for d in dates.values() if d.date]
    for item in undated:
        if item not in own_year:
            _infer_into(dates, item, corpus_years)
    return dates


def _infer_into(dates: dict[str, PublicationDate], item: _Loaded, corpus_years: list[int]) -> None:
    inferred = infer(item.tagging, item.lead_end, corpus_years)
    if inferred is not None:
        year_note = ", year from the rest of the corpus" if inferred.year_from_corpus else ""
        evidence = f"inferred from {inferred.clues} date clue(s) in the article{year_note}"
        dates[item.stored.document.id] = PublicationDate(inferred.date.isoformat(), PublishedBasis.INFERRED, evidence)


def assemble_article(item: _Loaded, published: PublicationDate) -> Article:
    document = item.stored.document
    url = document.url or item.extraction.url
    reference = _day(published.date)
    tagging = item.tagging
    return Article(
        id=document.id,
        source=document.source,
        outlet=document.outlet or outlet_of(url),
        title=document.title or item.extraction.title or item.cleaned.headline,
        published=published.date,
        published_basis=published.basis,
        published_evidence=published.evidence,
        text=item.cleaned.text,
        content_hash=item.stored.content_hash,
        url=url,
        author=item.extraction.author,
        site_name=item.extraction.site_name,
        removed=item.cleaned.removed,
        sections=item.cleaned.sections,
        times=tuple(TimeExpression(m.start, m.end, m.text, m.type, anchor(m.form, reference, m.tense)) for m in tagging.mentions),
        sentences=date_sentences(item.cleaned.text, tagging.sentences, tagging.mentions, reference),
    )


def _day(date: str | None) -> dt.date | None:
    return dt.date.fromisoformat(date) if date and len(date) == 10 else None
