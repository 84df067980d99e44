"""Per-article results: what each per-article stage makes of one document.

They live here, apart from the stages that make them, so that a reader of a result (a later
stage, a corpus step, the store) imports the record and not its producer with its models and
rules. Offsets are into the article's clean text.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model.documents import Removal, Section, TextRange

# clean: the clean body and what was removed from it (removal kinds)
CAPTION = "caption"
CREDIT = "credit"
RELATED_LINK = "related-link"
SHARE_PROMPT = "share-prompt"
FOOTER = "footer"
PULL_QUOTE = "pull-quote"
DATELINE = "dateline"
BYLINE = "byline"
HEADING = "heading"
HEADLINE = "headline"


@dataclass(frozen=True, slots=True)
class CleanText:
    """The clean body, what was taken out of it, and where its subject changes."""

    text: str
    removed: tuple[Removal, ...] = ()
    sections: tuple[Section, ...] = ()
    headline: str | None = None  # a headline found at the top of the body, for untitled articles


# language: which language the clean text is in, and whether the English model reads it
@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str | None  # ISO 639-1 ("en", "de"); None when the text is too short to tell
    probability: float = 0.0
    analysed: bool = True  # False: stored, but left out of the English analysis


# mentions: the article's names and descriptors, grouped into local entities
# People, bodies and places, and the named things a story is about: groups ("Republicans"),
# products ("iPhone 4"), works ("American Pie"), laws ("Endangered Species Act") and named
# events ("Orthodox Easter").
NAMED_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT")
NAME = "name"
DESCRIPTOR = "descriptor"


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    org: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class NameMention:
    start: int
    end: int
    text: str
    kind: str  # name, descriptor
    entity: int  # index into ArticleEntities.entities; -1 for a descriptor left to the corpus
    label: str = ""  # the tagger's label (names) or the title (descriptors)
    role: Role | None = None  # what a descriptor says: "the Russian president"


@dataclass(frozen=True, slots=True)
class LocalEntity:
    type: str
    names: tuple[str, ...]
    roles: tuple[Role, ...] = ()
    gender: str | None = None  # "he" or "she" when the article says which (titles, pronouns)


@dataclass(frozen=True, slots=True)
class ArticleEntities:
    entities: tuple[LocalEntity, ...] = ()
    mentions: tuple[NameMention, ...] = ()


# times: temporal expressions, caption dates, sentence tenses
PAST, PRESENT, FUTURE, NO_TENSE = "past", "present", "future", "none"


@dataclass(frozen=True, slots=True)
class TimeForm:
    """What an expression says, before it is anchored to a date."""

    kind: str  # absolute, month_day, month, weekday, day_offset, relative, offset, narrative and narrative_unit (counted from the last time the text named), season, quarter, half, decade, century, ref, duration, set, clock
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    unit: str | None = None  # day, week, weekend, month, quarter, half, year, decade, century
    amount: float | None = None  # how many units; None where unspecified ("several days")
    shift: int | None = None  # -1 last, 0 this, +1 next; signed count for offsets
    part: str | None = None  # SP/SU/FA/WI, Q1..Q4, H1/H2, MO/AF/EV/NI
    clock: str | None = None  # HH:MM
    value: str | None = None  # fixed values: PRESENT_REF, P1W (sets), P3Y (durations)


@dataclass(frozen=True, slots=True)
class TemporalMention:
    """A temporal expression in the clean text, with the tense of the clause it sits in."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    form: TimeForm
    tense: str = NO_TENSE  # past, present, future, none


@dataclass(frozen=True, slots=True)
class CaptionDate:
    """A full date in a removed caption or credit: when its photo was taken."""

    value: str  # YYYY-MM-DD
    removal: int  # index into the article's removal log
    file_photo: bool  # an archive photo ("In this file photo ..."): says nothing of the news date


@dataclass(frozen=True, slots=True)
class SentenceTense:
    """A sentence and the tense and mood of its main clause."""

    start: int
    end: int
    tense: str  # past, present, future, none
    hypothetical: bool = False  # could, might, may, would: not (yet) a fact


@dataclass(frozen=True, slots=True)
class TimeTagging:
    mentions: tuple[TemporalMention, ...] = ()
    caption_dates: tuple[CaptionDate, ...] = ()
    sentences: tuple[SentenceTense, ...] = ()


# quotes
DIRECT, PARTIAL, INDIRECT = "direct", "partial", "indirect"


@dataclass(frozen=True, slots=True)
class QuoteFinding:
    start: int  # the quoted words, without the marks
    end: int
    kind: str  # direct, partial, indirect
    cue: TextRange | None = None
    speaker_span: TextRange | None = None  # the words naming or pointing to the speaker
    speaker_entity: int = -1  # index into the article's entities (mentions stage)
    reporter_span: TextRange | None = None  # who relays the words, when someone else said them
    reporter_entity: int = -1
    within: TextRange | None = None  # the quotation this one is quoted inside, if any


@dataclass(frozen=True, slots=True)
class ArticleQuotes:
    quotes: tuple[QuoteFinding, ...] = ()


# events: who did what to whom in one sentence
@dataclass(frozen=True, slots=True)
class EventFinding:
    start: int  # the predicate word
    end: int
    sentence: TextRange
    actor: int  # article entity, -1 when none could be resolved
    actor_span: TextRange | None
    target: int
    action: str  # "held a meeting with Sergei Lavrov"
    code: str
    time: int  # index of the temporal expression of its clause in TimeTagging.mentions, or -1
    tense: str
    modal: bool
    negated: bool
    reporter: int = -1  # article entity that reported it, for events inside reported speech
    actor_country: str | None = None  # "the Russian invasion": the state, by ISO alpha-3
    actor_sector: str | None = None  # "Russian police": COP (see actor_codes.py)
    location: int = -1  # article entity of the place named in its clause ("in Moscow")


@dataclass(frozen=True, slots=True)
class ArticleEvents:
    events: tuple[EventFinding, ...] = ()


# profile: what clustering compares (a MinHash signature, terms and names per unit)
NUM_PERM = 64
SHINGLE_WORDS = 5


# Named, so that stored signatures stay comparable whatever datasketch later defaults to.
SCHEME = "affine32"


@dataclass(frozen=True, slots=True)
class UnitProfile:
    start: int
    end: int
    heading: str | None
    terms: tuple[tuple[str, int], ...]  # content lemma, count
    names: tuple[str, ...]  # name keys of the entities the unit mentions, most mentioned first
    # Every word of three letters or more as written, lower-cased (the title's too, for an
    # article of one unit): clustering weighs them by rarity, so even function words do no harm,
    # and forms a lemmatiser would merge ("fired", "hires") are what tells two events apart.
    words: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleProfile:
    minhash: tuple[int, ...]
    units: tuple[UnitProfile, ...]
