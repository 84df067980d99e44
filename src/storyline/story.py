"""Assemble the `Story` from a store: stored documents plus their cached stage results, and
the corpus-level steps that need more than one article.

Articles are derived from the cached results at load time rather than stored whole, so there
is one source of truth and a new stage version never leaves a stale copy behind. Corpus steps
here work on the per-article results only, never on raw text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from dataclasses import dataclass, replace

from storyline import cluster
from storyline.brief import compose_brief
from storyline.clean import CleanText
from storyline.cluster import assign_events, find_duplicates, label_of, story_groups
from storyline.codec import from_plain
from storyline.entities import resolve_entities
from storyline.event_merge import build_events
from storyline.events import ArticleEvents
from storyline.ingest.records import outlet_of
from storyline.mentions import ArticleEntities
from storyline.model import Article, Cluster, Extraction, InputProblem, PublishedBasis, Severity, Story, TimeExpression
from storyline.names import is_country, name_key, surname_key
from storyline.pipeline import STAGE_ORDER
from storyline.profile import ArticleProfile
from storyline.pubdate import infer, year_hints
from storyline.published import PublicationDate, publication_date
from storyline.quote_groups import build_quotes
from storyline.quotes import ArticleQuotes
from storyline.sentence_dates import date_sentences
from storyline.settings import Settings
from storyline.stages import fingerprints
from storyline.store import Store, StoredArticle
from storyline.timeline import compose_timeline
from storyline.timex import TimeTagging, anchor

# What assembling an article needs; the parse itself stays in the store.
_NEEDED = {
    "extract": Extraction,
    "clean": CleanText,
    "times": TimeTagging,
    "mentions": ArticleEntities,
    "profile": ArticleProfile,
    "quotes": ArticleQuotes,
    "events": ArticleEvents,
}


@dataclass(frozen=True, slots=True)
class _Loaded:
    stored: StoredArticle
    extraction: Extraction
    cleaned: CleanText
    tagging: TimeTagging
    entities: ArticleEntities
    profile: ArticleProfile
    quotes: ArticleQuotes
    events: ArticleEvents

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
    entities = resolve_entities({item.stored.document.id: item.entities for item in loaded})
    profiles = {item.stored.document.id: item.profile for item in loaded}
    days = {key: _day(d.date) for key, d in dates.items()}
    duplicate_of = find_duplicates(profiles, days)
    events = _event_groups(store, stage_fingerprints["profile"], loaded, profiles, days, set(duplicate_of))
    dates = _dates_from_events(dates, events, duplicate_of)
    clusters = _clusters(events, profiles, duplicate_of, entities)
    articles = tuple(
        replace(assemble_article(item, dates[item.stored.document.id]), duplicate_of=duplicate_of.get(item.stored.document.id))
        for item in loaded
    )
    lookup = _entity_lookup(loaded, entities)
    quotes = build_quotes(
        {item.stored.document.id: item.quotes for item in loaded},
        {item.stored.document.id: item.cleaned.text for item in loaded},
        entities,
        lookup,
        [set(c.articles) for c in clusters if c.level == "event"],
    )
    events = build_events(
        {item.stored.document.id: item.events for item in loaded},
        {item.stored.document.id: item.tagging for item in loaded},
        {article.id: article for article in articles},
        lookup,
        {entity.id: entity.name for entity in entities},
        {entity.country: entity.id for entity in reversed(entities) if entity.type == "GPE" and entity.country and is_country(entity.name)},
        {entity.id: entity.code for entity in entities if entity.code},
    )
    names = {entity.id: entity.name for entity in entities}
    timeline = compose_timeline(events, articles, names)
    brief = compose_brief(articles, clusters)
    return Story(
        articles=articles,
        entities=entities,
        quotes=quotes,
        events=events,
        timeline=timeline,
        clusters=clusters,
        brief=brief,
        problems=tuple(problems),
    )


def _event_groups(store: Store, profile_fingerprint: str, loaded: list[_Loaded], profiles, days, skip: set[str]):
    """Event clusters, placing only what the store has not placed before: the first load
    after a build clusters the new articles among the clusters already stored and records
    where they went. Changed articles are placed again; new clustering settings (or a new
    profile version) cluster the whole store afresh."""
    fingerprint = ":".join(
        str(v) for v in (cluster.EVENT_THRESHOLD, cluster.NAME_WEIGHT, cluster.MAX_KEY_SHARE, cluster.KEYS_PER_UNIT, profile_fingerprint)
    )
    hashes = {item.stored.document.id: item.stored.content_hash for item in loaded}
    stored = store.event_assignments(fingerprint)
    placed = {key: number for key, (content_hash, number) in stored.items() if hashes.get(key[0]) == content_hash}
    groups, assigned, whole = assign_events(profiles, days, skip, placed)
    rows = [
        (article, unit, hashes[article], number)
        for (article, unit), number in assigned.items()
        if whole or placed.get((article, unit)) != number
    ]
    if whole and assigned == placed and len(stored) == len(placed):
        rows = []  # clustered afresh to the same result: nothing to remember
    if rows:
        # A read-only store: the clusters are right for this load, only not remembered.
        with contextlib.suppress(sqlite3.OperationalError):
            store.save_event_assignments(fingerprint, rows, replace_all=whole)
    return groups


def _entity_lookup(loaded: list[_Loaded], entities):
    """Corpus entity of a speaker, actor or target: the entity whose mention the words are, or
    (for a pronoun) the corpus entity of the article entity it was resolved to."""
    by_article: dict[str, list[tuple[int, int, str, str]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            by_article.setdefault(mention.article, []).append((mention.start, mention.end, entity.id, entity.type))
    local_mentions = {item.stored.document.id: item.entities.mentions for item in loaded}

    def corpus_entity(article: str, span, local: int) -> str | None:
        mentions = by_article.get(article, [])
        if span is not None:
            overlapping = [m for m in mentions if m[0] < span.end and span.start < m[1]]
            if overlapping:
                return min(overlapping, key=lambda m: (m[3] != "PERSON", m[0]))[2]
        if local >= 0:
            for mention in local_mentions[article]:
                if mention.entity == local:
                    found = [m[2] for m in mentions if m[0] == mention.start and m[1] == mention.end]
                    if found:
                        return found[0]
        return None

    return corpus_entity


def _dates_from_events(
    dates: dict[str, PublicationDate], events: list[list[tuple[str, int]]], duplicate_of: dict[str, str]
) -> dict[str, PublicationDate]:
    """An article with no date clue of its own takes the earliest date of the other reports of
    its event (a copy, that of its original): they describe the same days."""
    dates = dict(dates)
    for group in events:
        members = {article for article, _ in group}
        dated = sorted(dates[a].date for a in members if dates[a].date and len(dates[a].date) == 10)
        for article in sorted(members):
            if dates[article].date is None and dated:
                others = len([a for a in members if dates[a].date])
                dates[article] = PublicationDate(
                    dated[0], PublishedBasis.INFERRED, f"inferred from its event cluster: {others} other report(s) of the same event"
                )
    for copy, original in duplicate_of.items():
        if dates[copy].date is None and dates[original].date:
            dates[copy] = PublicationDate(dates[original].date, PublishedBasis.INFERRED, f"inferred: a copy of {original}")
    return dates


def _clusters(events: list[list[tuple[str, int]]], profiles: dict, duplicate_of: dict[str, str], entities) -> tuple[Cluster, ...]:
    names = {}
    for entity in entities:
        names.setdefault(name_key(entity.name), entity.name)
        if entity.type == "PERSON":
            names.setdefault(surname_key(entity.name), entity.name)
    copies: dict[str, list[str]] = {}
    for copy, original in duplicate_of.items():
        copies.setdefault(original, []).append(copy)
    result = []
    for original, group in sorted(copies.items()):
        result.append(Cluster(f"dup-{len(result) + 1}", f"copies of {original}", "duplicate", tuple(sorted([original, *group]))))
    event_articles = []
    for number, group in enumerate(events, 1):
        articles = sorted({a for a, _ in group} | {c for a, _ in group for c in copies.get(a, [])})
        event_articles.append(articles)
        result.append(Cluster(f"event-{number}", label_of(group, profiles, names), "event", tuple(articles), tuple(group)))
    for number, members in enumerate(story_groups(events, profiles), 1):
        units = [unit for index in members for unit in events[index]]
        articles = sorted({a for index in members for a in event_articles[index]})
        result.append(Cluster(f"story-{number}", label_of(units, profiles, names), "story", tuple(articles)))
    return tuple(result)


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
