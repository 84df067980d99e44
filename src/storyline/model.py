"""The data model: typed, frozen records that every stage passes along.

Everything that makes a claim about an article carries `Span`s into the article's clean text,
so provenance is part of the type, not an afterthought. Nothing here does I/O or analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class PublishedBasis(StrEnum):
    """Where a publication date came from, so an analyst can weigh it."""

    GIVEN = "given"  # supplied by the user with the record
    METADATA = "metadata"  # HTML or JSON metadata of the page
    TEXT = "text"  # a dateline in the article text
    INFERRED = "inferred"  # reasoned from dates, weekdays or other articles
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one article's clean text: `text == article.text[start:end]`."""

    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Removal:
    """A stretch that cleaning took out of the body, kept as evidence."""

    text: str
    kind: str  # caption, credit, related-link, pull-quote, share-prompt, footer, headline
    at: int | None  # offset in the clean text where the stretch stood


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the clean text about one subject (a round-up's sub-story)."""

    start: int
    end: int
    heading: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression in the clean text, normalised to a TIMEX3 value."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None


@dataclass(frozen=True, slots=True)
class TextRange:
    """A stretch of the article's own clean text (the article is implied by context)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named-entity mention found by the parser."""

    start: int
    end: int
    label: str  # PERSON, ORG, GPE, LOC, NORP, DATE, ...
    text: str


@dataclass(frozen=True, slots=True)
class TokenTable:
    """The parse of one article, column by column (compact to store, quick to rebuild a spaCy
    Doc from). Token i covers text[start[i]:end[i]]; head[i] is a token index."""

    start: tuple[int, ...] = ()
    end: tuple[int, ...] = ()
    tag: tuple[str, ...] = ()
    pos: tuple[str, ...] = ()
    dep: tuple[str, ...] = ()
    head: tuple[int, ...] = ()
    lemma: tuple[str, ...] = ()
    ent_iob: tuple[str, ...] = ()
    ent_type: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.start)


@dataclass(frozen=True, slots=True)
class Annotation:
    """What the language model says about an article's clean text."""

    model: str  # name and version of the model that made it
    sentences: tuple[TextRange, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    tokens: TokenTable = TokenTable()


@dataclass(frozen=True, slots=True)
class SentenceDate:
    """The date of what a sentence reports, and whether it happened."""

    start: int
    end: int
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_basis: str  # explicit (its own expression), context (one nearby), news day (the lede's), publication, unknown
    status: str  # happened, scheduled (future when written), hypothetical


@dataclass(frozen=True, slots=True)
class Document:
    """One input item as a reader found it, before any analysis.

    Exactly one of `text` and `html` is set. `published` is only what the user's record said;
    metadata and datelines are looked at by the extraction stage.
    """

    id: str
    source: str  # path, URL or record key
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date at the precision given
    outlet: str | None = None  # the record's `source` field


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extraction stage reads out of one document: its body text and metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None
    metadata_date: str | None = None  # from HTML metadata
    dateline_date: str | None = None  # from a dateline at the head of the text
    dateline_text: str | None = None  # the words the dateline date was read from


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


# Story-level records: what the corpus steps make and every reader reads.


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
    outlets: int = 1


@dataclass(frozen=True, slots=True)
class BriefSentence:
    text: str
    sources: tuple[Span, ...]
    date: str | None = None


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
    problems: tuple[InputProblem, ...] = field(default=())


class Severity(StrEnum):
    """How bad an input problem is; the build summary counts each kind."""

    WARNING = "warning"  # read and stored, but something was off (a lossy decode)
    SKIPPED = "skipped"  # read, but there was no article in it
    FAILED = "failed"  # could not be read


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Something wrong with one input: reported in one line, never dropped silently."""

    source: str
    reason: str
    severity: Severity

    def line(self) -> str:
        return f"{self.source}: {self.severity.value}: {self.reason}"
