"""The corpus stages, registered in the order they run: publication dates, copies, event
clusters, entities, the articles as readers see them, clusters and stories, quotes, events,
timeline and brief.

Each is a function of the per-article results and the corpus results before it (never of raw
text, never of the store), so reduce.py can fingerprint what it reads and skip it when that
did not change. Incremental stages get their own last result and keep what new articles do
not touch; the others recompute their step in full, and the build says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from storyline.corpus import cluster
from storyline.corpus.brief import compose_brief
from storyline.corpus.cluster import LabelWeights, assign_events, find_duplicates, label_of, story_groups
from storyline.corpus.entities import resolve_entities
from storyline.corpus.event_merge import build_events
from storyline.corpus.geocode import locate_events
from storyline.corpus.pubdate import infer, year_hints
from storyline.corpus.published import publication_date
from storyline.corpus.quote_groups import build_quotes
from storyline.corpus.reported_floor import not_before_reported
from storyline.corpus.sentence_dates import date_sentences
from storyline.corpus.stories import StoryIndex, summarise_stories
from storyline.corpus.timeline import compose_timeline, corpus_dates
from storyline.ingest.records import outlet_of
from storyline.lexicon.calendar import anchor_all
from storyline.lexicon.names import is_country, name_key, surname_key
from storyline.lexicon.positions import Stretches
from storyline.model import (
    Article,
    ArticleEntities,
    ArticleEvents,
    ArticleProfile,
    ArticleQuotes,
    BriefSentence,
    CleanText,
    Cluster,
    Document,
    Entity,
    Event,
    Extraction,
    PublicationDate,
    PublishedBasis,
    Quote,
    Span,
    StorySummary,
    TimeExpression,
    TimelineEntry,
    TimeTagging,
)
from storyline.settings import Settings
from storyline.stages import CorpusInputs, Kept, StageOutcome, register_corpus_stage

EventGroups = tuple[tuple[tuple[str, int], ...], ...]


@register_corpus_stage("publication_dates", dict[str, PublicationDate], needs=("extract", "times"))
def publication_dates(inputs: CorpusInputs, settings: Settings) -> dict[str, PublicationDate]:
    """Stated dates first; then dates inferred from each article's own clues; then, for
    articles whose clues give no year, the year the rest of the corpus is dated in."""
    documents = inputs.documents()
    extractions: dict[str, Extraction] = inputs.of("extract")
    taggings: dict[str, TimeTagging] = inputs.of("times")
    dates = {article: publication_date(documents[article], extractions[article]) for article in inputs.ids}
    undated = [article for article in inputs.ids if dates[article].date is None]
    own_year = [article for article in undated if year_hints(taggings[article])]
    for article in own_year:
        _infer_into(dates, article, taggings[article], corpus_years=[])
    corpus_years = [int(d.date[:4]) for d in dates.values() if d.date]
    for article in undated:
        if article not in own_year:
            _infer_into(dates, article, taggings[article], corpus_years)
    return dates


def _infer_into(dates: dict[str, PublicationDate], article: str, tagging: TimeTagging, corpus_years: list[int]) -> None:
    lead_end = tagging.sentences[0].end if tagging.sentences else 0
    inferred = infer(tagging, lead_end, corpus_years)
    if inferred is not None:
        year_note = ", year from the rest of the corpus" if inferred.year_from_corpus else ""
        evidence = f"inferred from {inferred.clues} date clue(s) in the article{year_note}"
        dates[article] = PublicationDate(inferred.date.isoformat(), PublishedBasis.INFERRED, evidence)


def _days(inputs: CorpusInputs) -> dict[str, dt.date | None]:
    return {key: _day(d.date) for key, d in inputs.corpus("publication_dates").items()}


@register_corpus_stage("duplicates", dict[str, str], needs=("profile",), after=("publication_dates",))
def duplicates(inputs: CorpusInputs, settings: Settings) -> dict[str, str]:
    """Article id -> the id of the article it copies."""
    return find_duplicates(inputs.of("profile"), _days(inputs))


@dataclass(frozen=True, slots=True)
class EventClustering:
    """Event clusters, and where each unit (article section) was placed, so that the next
    build places new articles among them instead of clustering the store again."""

    groups: EventGroups
    placements: tuple[tuple[str, int, str, int], ...]  # (article, unit, content hash, cluster)
    parameters: str  # the clustering constants the placements were made with


def _clustering_parameters() -> str:
    return ":".join(
        str(v) for v in (cluster.EVENT_THRESHOLD, cluster.NEIGHBOURS, cluster.NAME_WEIGHT, cluster.MAX_KEY_SHARE, cluster.KEYS_PER_UNIT)
    )


@register_corpus_stage(
    "event_clusters",
    EventClustering,
    needs=("profile",),
    after=("publication_dates", "duplicates"),
    parameters=_clustering_parameters,
)
def event_clusters(inputs: CorpusInputs, settings: Settings) -> StageOutcome:
    """Changed articles are placed again; new clustering constants (or a store grown by half)
    cluster the whole store afresh."""
    parameters = _clustering_parameters()
    hashes = {article.id: article.content_hash for article in inputs.articles}
    previous: EventClustering | None = inputs.previous
    placed = {}
    if previous is not None and previous.parameters == parameters:
        placed = {(a, u): number for a, u, content_hash, number in previous.placements if hashes.get(a) == content_hash}
    groups, assigned, whole = assign_events(inputs.of("profile"), _days(inputs), set(inputs.corpus("duplicates")), placed)
    placements = tuple(sorted((a, u, hashes[a], number) for (a, u), number in assigned.items()))
    result = EventClustering(tuple(tuple(group) for group in groups), placements, parameters)
    if whole:
        return StageOutcome(result, "full")
    return StageOutcome(result, "incremental", f"{len(assigned) - len(placed)} new sections placed")


@register_corpus_stage("entities", Entity, needs=("mentions",), key_of=lambda e: e.id, summary_of=lambda e: {"type": e.type})
def entities(inputs: CorpusInputs, settings: Settings) -> tuple[Entity, ...]:
    return resolve_entities(inputs.of("mentions"))


def _article_summary(article: Article) -> dict:
    """What `storyline articles` lists, and what decides whether a stored article is still right."""
    first_line = article.text.strip().split("\n", 1)[0][:120]
    return {
        "id": article.id,
        "published": article.published,
        "basis": article.published_basis.value,
        "outlet": article.outlet,
        "words": len(article.text.split()),
        "title": article.title,
        "first_line": first_line,
        "made_from": _made_from(
            article.content_hash,
            PublicationDate(article.published, article.published_basis, article.published_evidence),
            article.duplicate_of,
        ),
    }


def _made_from(content_hash: str, published: PublicationDate, duplicate_of: str | None) -> list:
    """Everything an assembled article depends on beyond the per-article results its content
    hash stands for (the map stores an article again only when its content changed, so its id
    and source go with the hash): while this is the same, the stored article is still right."""
    return [content_hash, published.date, published.basis.value, published.evidence, duplicate_of]


@register_corpus_stage(
    "articles",
    Article,
    needs=("extract", "clean", "times", "language", "profile"),
    after=("publication_dates", "duplicates", "event_clusters"),
    key_of=lambda a: a.id,
    summary_of=_article_summary,
)
def articles(inputs: CorpusInputs, settings: Settings) -> StageOutcome:
    """Each article with its final date (an undated one takes its event's), assembled again
    only when its content or date changed."""
    groups = inputs.corpus("event_clusters").groups
    dates = _dates_from_events(inputs.corpus("publication_dates"), groups, inputs.corpus("duplicates"))
    texts = {article: cleaned.text for article, cleaned in inputs.of("clean").items()}
    dates = not_before_reported(dates, groups, inputs.of("profile"), inputs.of("times"), texts)
    duplicate_of = inputs.corpus("duplicates")
    hashes = {article.id: article.content_hash for article in inputs.articles}
    result: list[Article | Kept | str] = []
    made = 0
    for article in inputs.ids:
        published = dates[article]
        stored = inputs.previous_records.get(article)
        made_from = _made_from(hashes[article], published, duplicate_of.get(article))
        if stored is not None and stored.summary["made_from"] == made_from:
            result.append(Kept(article))
        else:
            result.append(article)  # to be assembled below
    for index, item in enumerate(result):
        if isinstance(item, str):
            made += 1
            documents, extractions, cleaned, taggings = inputs.documents(), inputs.of("extract"), inputs.of("clean"), inputs.of("times")
            assembled = assemble_article(documents[item], hashes[item], extractions[item], cleaned[item], taggings[item], dates[item])
            assembled = replace(assembled, language=inputs.of("language")[item].code)
            result[index] = replace(assembled, duplicate_of=duplicate_of.get(item))
    if inputs.previous_records and made < len(result):
        return StageOutcome(tuple(result), "incremental", f"{made} of {len(result)} assembled")
    return StageOutcome(tuple(result), "full")


def _dates_from_events(dates: dict[str, PublicationDate], events: EventGroups, duplicate_of: dict[str, str]) -> dict[str, PublicationDate]:
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


def assemble_article(
    document: Document,
    content_hash: str,
    extraction: Extraction,
    cleaned: CleanText,
    tagging: TimeTagging,
    published: PublicationDate,
) -> Article:
    url = document.url or extraction.url
    reference = _day(published.date)
    values = anchor_all([(m.form, m.type, m.tense) for m in tagging.mentions], reference)
    return Article(
        id=document.id,
        source=document.source,
        outlet=document.outlet or outlet_of(url),
        title=document.title or extraction.title or cleaned.headline,
        published=published.date,
        published_basis=published.basis,
        published_evidence=published.evidence,
        text=cleaned.text,
        content_hash=content_hash,
        url=url,
        author=extraction.author,
        site_name=extraction.site_name,
        removed=cleaned.removed,
        sections=cleaned.sections,
        times=tuple(TimeExpression(m.start, m.end, m.text, m.type, value) for m, value in zip(tagging.mentions, values, strict=True)),
        sentences=date_sentences(cleaned.text, tagging.sentences, tagging.mentions, values, reference),
    )


@register_corpus_stage(
    "clusters",
    Cluster,
    needs=("profile",),
    after=("duplicates", "event_clusters", "entities"),
    key_of=lambda c: c.id,
    summary_of=lambda c: {"level": c.level},
)
def clusters(inputs: CorpusInputs, settings: Settings) -> tuple[Cluster, ...]:
    """Copies, events and stories, each labelled by its most shared names and terms."""
    profiles: dict[str, ArticleProfile] = inputs.of("profile")
    events = [list(group) for group in inputs.corpus("event_clusters").groups]
    duplicate_of = inputs.corpus("duplicates")
    names = {}
    for entity in inputs.corpus("entities"):
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
    weights = LabelWeights.of(profiles)
    for number, group in enumerate(events, 1):
        members = sorted({a for a, _ in group} | {c for a, _ in group for c in copies.get(a, [])})
        event_articles.append(members)
        result.append(Cluster(f"event-{number}", label_of(group, profiles, names, weights), "event", tuple(members), tuple(group)))
    linked_groups = story_groups(events, profiles)
    members_of = [sorted({a for index in linked for a in event_articles[index]}) for linked in linked_groups]
    # Numbered biggest first by the articles a reader sees in them (copies included).
    for number, position in enumerate(sorted(range(len(linked_groups)), key=lambda p: (-len(members_of[p]), p)), 1):
        linked, members = linked_groups[position], members_of[position]
        units = sorted(unit for index in linked for unit in events[index])
        result.append(Cluster(f"story-{number}", label_of(units, profiles, names, weights), "story", tuple(members), tuple(units)))
    return tuple(result)


def _entity_lookup(local_mentions: dict[str, ArticleEntities], entities: tuple[Entity, ...]):
    """Corpus entity of a speaker, actor or target: the entity whose mention the words are, or
    (for a pronoun) the corpus entity of the article entity it was resolved to."""
    by_article: dict[str, list[tuple[int, int, str, str]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            by_article.setdefault(mention.article, []).append((mention.start, mention.end, entity.id, entity.type))
    indexes: dict[str, _ArticleMentions] = {}

    def corpus_entity(article: str, span: Span | None, local: int) -> str | None:
        if article not in indexes:
            indexes[article] = _ArticleMentions(by_article.get(article, []), lambda: local_mentions[article])
        index = indexes[article]
        if span is not None:
            overlapping = index.overlapping(span.start, span.end)
            if overlapping:
                best = min(overlapping, key=lambda k: (index.mentions[k][3] != "PERSON", index.mentions[k][0], k))
                return index.mentions[best][2]
        return index.of_local(local) if local >= 0 else None

    return corpus_entity


class _ArticleMentions:
    """The corpus entities' mentions in one article, indexed once: an article with a
    quotation or an event in every sentence asks for each one (scanning every mention for
    each made the step quadratic in the article's length)."""

    def __init__(self, mentions: list[tuple[int, int, str, str]], local: Callable[[], ArticleEntities]) -> None:
        self.mentions = mentions  # (start, end, corpus entity id, type), in the order the entities list them
        self._by_position = Stretches(range(len(mentions)), lambda k: mentions[k][0], lambda k: mentions[k][1])
        self._exact: dict[tuple[int, int], str] = {}
        for start, end, entity, _type in mentions:
            self._exact.setdefault((start, end), entity)
        self._local = local
        self._of_local: dict[int, str | None] | None = None

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions in `mentions` of those sharing a character with [start, end)."""
        return self._by_position.overlapping(start, end)

    def of_local(self, local: int) -> str | None:
        """The corpus entity of the first mention of article entity `local` that a corpus
        entity's mention covers exactly."""
        if self._of_local is None:
            self._of_local = {}
            for mention in self._local().mentions:
                if mention.entity not in self._of_local or self._of_local[mention.entity] is None:
                    self._of_local[mention.entity] = self._exact.get((mention.start, mention.end))
        return self._of_local.get(local)


@register_corpus_stage(
    "quotes",
    Quote,
    needs=("quotes", "clean", "mentions"),
    after=("entities", "articles", "clusters"),
    key_of=lambda q: q.id,
    summary_of=lambda q: {"speaker": q.speaker_name},
)
def quotes(inputs: CorpusInputs, settings: Settings) -> tuple[Quote, ...]:
    """Speakers as corpus entities; the same words across outlets grouped."""
    entities = inputs.corpus("entities")
    found: dict[str, ArticleQuotes] = inputs.of("quotes")
    cleaned: dict[str, CleanText] = inputs.of("clean")
    clusters = inputs.corpus("clusters")
    quoted = build_quotes(
        found,
        {article: cleaned[article].text for article in inputs.ids},
        entities,
        _entity_lookup(inputs.of("mentions"), entities),
        [set(c.articles) for c in clusters if c.level == "event"],
    )
    index = StoryIndex(clusters, inputs.corpus("articles"))
    return tuple(replace(q, story=index.story_of(q.span.article, q.span.start)) for q in quoted)


@register_corpus_stage(
    "events",
    Event,
    needs=("events", "times", "mentions"),
    after=("entities", "articles", "clusters"),
    key_of=lambda e: e.id,
    summary_of=lambda e: {"date": e.date, "actor": e.actor},
)
def events(inputs: CorpusInputs, settings: Settings) -> tuple[Event, ...]:
    """Actors as corpus entities, dates anchored, the same event told twice merged, places geocoded."""
    entities = inputs.corpus("entities")
    found: dict[str, ArticleEvents] = inputs.of("events")
    index = StoryIndex(inputs.corpus("clusters"), inputs.corpus("articles"))
    told = build_events(
        found,
        inputs.of("times"),
        {article.id: article for article in inputs.corpus("articles")},
        _entity_lookup(inputs.of("mentions"), entities),
        {entity.id: entity.name for entity in entities},
        {entity.country: entity.id for entity in reversed(entities) if entity.type == "GPE" and entity.country and is_country(entity.name)},
        {entity.id: entity.code for entity in entities if entity.code},
    )
    located = locate_events(told, entities)
    return tuple(replace(e, story=index.story_of(e.sources[0].article, e.sources[0].start) if e.sources else None) for e in located)


@register_corpus_stage("timeline", TimelineEntry, after=("events", "articles", "entities", "clusters"), key_of=lambda t: t.date)
def timeline(inputs: CorpusInputs, settings: Settings) -> tuple[TimelineEntry, ...]:
    return story_timelines(inputs.corpus("events"), inputs.corpus("articles"), inputs.corpus("entities"), inputs.corpus("clusters"))


def story_timelines(
    events: tuple[Event, ...], articles: tuple[Article, ...], entities: tuple[Entity, ...], clusters: tuple[Cluster, ...]
) -> tuple[TimelineEntry, ...]:
    """One timeline per story: each story's entries, its dates ranked and its background
    judged by its own articles."""
    names = {entity.id: entity.name for entity in entities}
    corpus = corpus_dates(events, articles)
    entries = []
    for story, told, own in story_parts(events, articles, clusters):
        entries += [replace(entry, story=story) for entry in compose_timeline(told, own, names, corpus)]
    return tuple(sorted(entries, key=lambda e: (e.date, e.kind != "background", -e.salience, e.events)))


def story_parts(
    events: tuple[Event, ...], articles: tuple[Article, ...], clusters: tuple[Cluster, ...]
) -> list[tuple[str | None, tuple[Event, ...], tuple[Article, ...]]]:
    """(story id, its events, its articles) of every story that tells events."""
    by_id = {article.id: article for article in articles}
    members = StoryIndex(clusters, articles).members
    told: dict[str | None, list[Event]] = {}
    for event in events:
        told.setdefault(event.story, []).append(event)
    parts = []
    for story in sorted(told, key=lambda s: (s is None, s or "")):
        own = [by_id[a] for a in sorted(members.get(story, ())) if a in by_id] or list(articles)
        parts.append((story, tuple(told[story]), tuple(own)))
    return parts


@register_corpus_stage("brief", BriefSentence, after=("articles", "clusters", "timeline"), key_of=lambda b: b.date or "")
def brief(inputs: CorpusInputs, settings: Settings) -> tuple[BriefSentence, ...]:
    """A brief per story, the biggest story first."""
    articles, clusters = inputs.corpus("articles"), inputs.corpus("clusters")
    by_id = {article.id: article for article in articles}
    event_clusters = StoryIndex(clusters, articles).event_clusters
    timelines: dict[str | None, list[TimelineEntry]] = {}
    for entry in inputs.corpus("timeline"):
        timelines.setdefault(entry.story, []).append(entry)
    sentences = []
    for story in (c for c in clusters if c.level == "story"):
        own = compose_brief(by_id, tuple(event_clusters[story.id]), tuple(timelines.get(story.id, ())))
        sentences += [replace(s, story=story.id) for s in own]
    return tuple(sentences)


@register_corpus_stage(
    "stories",
    StorySummary,
    after=("clusters", "events", "timeline", "articles"),
    key_of=lambda s: s.id,
    summary_of=lambda s: {
        "label": s.label,
        "first": s.first_date,
        "last": s.last_date,
        "articles": len(s.articles),
        "events": len(s.events),
    },
)
def stories(inputs: CorpusInputs, settings: Settings) -> tuple[StorySummary, ...]:
    return summarise_stories(inputs.corpus("clusters"), inputs.corpus("events"), inputs.corpus("timeline"), inputs.corpus("articles"))


def _day(date: str | None) -> dt.date | None:
    return dt.date.fromisoformat(date) if date and len(date) == 10 else None
