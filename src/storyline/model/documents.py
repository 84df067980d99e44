"""The data model: typed, frozen records that every stage passes along.

Everything that makes a claim about an article carries `Span`s into the article's clean text,
so provenance is part of the type, not an afterthought. Nothing here does I/O or analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from storyline.model.printable import printable


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


# Story-level records: what the corpus steps make and every reader reads.


class Severity(StrEnum):
    """How bad an input problem is; the build summary counts each kind."""

    WARNING = "warning"  # read and stored, but something was off (a lossy decode)
    SKIPPED = "skipped"  # read, but there was no article in it
    FAILED = "failed"  # could not be read
    # A file in a folder that is of no kind storyline reads (a README.md beside the articles):
    # counted in the build's summary and named with --verbose, not reported as a problem.
    IGNORED = "ignored"


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Something wrong with one input: reported in one line, never dropped silently."""

    source: str
    reason: str
    severity: Severity

    def line(self) -> str:
        """One line whatever the source and reason hold (a file name may hold a line break)."""
        return f"{printable(self.source)}: {self.severity.value}: {printable(self.reason)}"
