"""Story-level records: what the corpus steps make of many articles, and the `Story` of them all.

Everything that makes a claim carries `Span`s into an article's clean text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.model.documents import InputProblem, PublishedBasis, Removal, Section, Span, TimeExpression

if TYPE_CHECKING:
    import pandas


@dataclass(frozen=True, slots=True)
class SentenceDate:
    """The date of what a sentence reports, and whether it happened."""

    start: int
    end: int
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_basis: str  # explicit (its own expression), context (one nearby), news day (the lede's), publication, unknown
    status: str  # happened, scheduled (future when written), hypothetical


@dataclass(frozen=True, slots=True)
class Article:
    """An article as stored and exported: its clean text and what later stages found in it."""

    id: str
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    published_basis: PublishedBasis
    text: str
    content_hash: str
    url: str | None = None
    author: str | None = None
    site_name: str | None = None
    published_evidence: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    removed: tuple[Removal, ...] = ()
    sections: tuple[Section, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    sentences: tuple[SentenceDate, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    country: str | None
    mentions: tuple[Span, ...]
    code: str | None = None  # CAMEO-style actor code: "RUSGOV", "IGOUNO" (see actor_codes.py)


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    speaker: str | None
    speaker_name: str | None
    speaker_span: Span | None
    span: Span
    cue: str | None
    cue_span: Span | None
    kind: str
    group: str | None = None
    reported_by: str | None = None
    nested_in: str | None = None  # id of the quote these words are quoted inside
    story: str | None = None  # id of the story the words were said in


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: str | None
    date_basis: str
    status: str
    actor: str | None
    action: str
    target: str | None
    code: str | None
    location: str | None
    sources: tuple[Span, ...]
    actor_name: str | None = None
    target_name: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    articles: int = 1
    outlets: int = 1
    reported_by: str | None = None
    actor_code: str | None = None  # CAMEO-style: "RUSGOV", "IGOUNO"
    target_code: str | None = None
    story: str | None = None  # id of the story its first source tells
    # Where it happened, geocoded from `location` (corpus/geocode.py); None when not known.
    location_country: str | None = None  # ISO alpha-3
    location_lat: float | None = None
    location_lon: float | None = None
    location_kind: str | None = None  # country, us-state, city, continent, region
    location_adm1: str | None = None  # FIPS 10-4 country + GeoNames admin1 code: "UP12", "USTX"
    location_geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    label: str
    level: str  # duplicate, event, story
    articles: tuple[str, ...]
    sections: tuple[tuple[str, int], ...] = ()  # (article, section index) for event clusters


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    summary: str
    events: tuple[str, ...]
    sources: tuple[Span, ...]
    kind: str = "story"  # story, background
    status: str = "happened"
    story: str | None = None
    outlets: int = 1
    articles: int = 1
    salience: float = 0.0  # its date's salience times its share of that date's articles


@dataclass(frozen=True, slots=True)
class BriefSentence:
    text: str
    sources: tuple[Span, ...]
    date: str | None = None
    story: str | None = None


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story: event clusters a reader would call one story, its size and its dates."""

    id: str
    label: str
    first_date: str | None
    last_date: str | None
    articles: tuple[str, ...]
    events: tuple[str, ...]  # ids of the corpus events its articles tell
    clusters: tuple[str, ...] = ()  # ids of its event clusters


@dataclass(frozen=True, slots=True)
class Story:
    """Everything storyline knows about one collection of articles.

    The corpus-level lists stay empty until the stages that fill them exist: an empty list is
    an honest "not computed", a placeholder item would be a fake.
    """

    articles: tuple[Article, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    brief: tuple[BriefSentence, ...] = ()
    stories: tuple[StorySummary, ...] = ()
    problems: tuple[InputProblem, ...] = field(default=())

    def frames(self, *kinds: str) -> dict[str, pandas.DataFrame]:
        """The story as pandas DataFrames by kind: articles, entities, mentions, quotes, events,
        timeline, clusters, brief and stories (or only the `kinds` named). Needs pandas
        (`pip install 'storyline[pandas]'`); model/frames.py says how records become columns."""
        from storyline.model.frames import story_frames

        return story_frames(self, kinds or None)


@dataclass(frozen=True, slots=True)
class PublicationDate:
    date: str | None
    basis: PublishedBasis
    evidence: str | None = None  # the words a dateline date was read from
