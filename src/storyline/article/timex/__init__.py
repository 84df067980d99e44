"""Temporal expressions: finding them, and anchoring them to a date with the tense of their
sentence. All of storyline's anchoring and tense logic lives here.

Finding is a pure function of an article's clean text and parse, and gives each expression an
anchor-free `TimeForm` ("the Monday before", "the month after"). Anchoring turns a form into a
TIMEX3 value once a reference date is known, so when an article's publication date is only
inferred later (from its clues, or from other articles), its expressions are re-anchored
without being found again.

Conventions follow TimeML: spans leave out prepositions ("on Monday" -> "Monday"); a weekday
in a past-tense sentence is the latest such day on or before the reference date, in a future
one the first after it; "next Thursday" is the first Thursday after the reference date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping

from storyline.article.timex.normalise import find_expressions
from storyline.article.timex.tense import sentence_tenses, tense_at
from storyline.lexicon import words
from storyline.lexicon.calendar import absolute_value
from storyline.model import Annotation, CaptionDate, CleanText, Document, TemporalMention, TimeForm, TimeTagging, TokenTable
from storyline.settings import Settings
from storyline.stages import register_stage


def tag(text: str, tokens: TokenTable) -> list[TemporalMention]:
    """Every temporal expression of a text, with the tense of its clause."""
    found = []
    for start, end, kind, form in find_expressions(text):
        if form.kind == "season" and _is_a_verb(tokens, start):
            continue
        if form.kind == "offset" and form.shift == 1 and text[start:end].lower().startswith("in ") and _after_superlative(tokens, start):
            kind, form = "DURATION", TimeForm("duration", amount=form.amount, unit=form.unit)
            start += len("in ")  # the span of a duration leaves its preposition out
        found.append(TemporalMention(start, end, text[start:end], kind, form, tense_at(tokens, start, end)))
    return found


# How far back a superlative may stand from "in N years": "the worst storm in 50 years".
_SUPERLATIVE_REACH = 6


def _after_superlative(tokens: TokenTable, start: int) -> bool:
    """ "For the first time in 40 years", "the fastest pace in a decade": a span measured back
    from now, a duration, not a date 40 years ahead. The superlative (or "first", "only") stands
    in the same phrase, before the "in", with no verb between."""
    index = bisect_right(tokens.start, start) - 1
    for i in range(index - 1, max(-1, index - 1 - _SUPERLATIVE_REACH), -1):
        if tokens.pos[i] in ("VERB", "AUX", "PUNCT"):
            return False
        if tokens.tag[i] in ("JJS", "RBS") or tokens.lemma[i].lower() in _RANKS:
            return True
    return False


def _is_a_verb(tokens: TokenTable, start: int) -> bool:
    """"Prices will fall", "began to fall apart": a season's name that the parse reads as a verb."""
    index = bisect_right(tokens.start, start) - 1
    return 0 <= index < len(tokens) and tokens.start[index] == start and tokens.pos[index] in ("VERB", "AUX")


_RANKS = words("timex", "ranks")
_FILE_PHOTO = re.compile(r"\b(?:file|archive|archival|undated) (?:photo|picture|image|photograph)|\bFILE\b", re.I)
_EVIDENCE_KINDS = ("caption", "credit", "dateline")


@register_stage("times", result_type=TimeTagging, needs=("clean", "annotate"))
def times(document: Document, upstream: Mapping[str, object], settings: Settings) -> TimeTagging:
    cleaned = upstream["clean"]
    annotation = upstream["annotate"]
    assert isinstance(cleaned, CleanText) and isinstance(annotation, Annotation)
    captions = []
    for index, removal in enumerate(cleaned.removed):
        if removal.kind not in _EVIDENCE_KINDS:
            continue
        for _start, _end, _kind, form in find_expressions(removal.text):
            if form.kind == "absolute" and form.day:
                captions.append(CaptionDate(absolute_value(form), index, bool(_FILE_PHOTO.search(removal.text))))
    return TimeTagging(
        mentions=tuple(tag(cleaned.text, annotation.tokens)),
        caption_dates=tuple(captions),
        sentences=tuple(sentence_tenses(annotation)),
    )
