"""The quotes stage: every quotation in one article, with its cue and its speaker.

Quotation marks are paired paragraph by paragraph, so a stray or missing mark costs at most its
paragraph, never the rest of the article; a paragraph that opens with a mark continues the
quotation of the one before (the multi-paragraph convention). The speaker is the subject of the
reporting verb outside the quotation ("Guterres said", "said Guterres", "the spokesman added",
"according to the Kremlin"), a pronoun or title resolved to the person it stands for, and a
quotation with no cue of its own speaks with the voice of the quotation before it. Reported
speech without marks ("Guterres said he will remain engaged") is kept as `indirect`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from storyline.article.quotes.attribution import (
    continued_paragraphs,
    cue_and_subject,
    cue_before,
    nested_quotes,
    person_before,
    voice_from_before,
)
from storyline.article.quotes.cues import relayer_of
from storyline.article.quotes.indirect import indirect_quotes
from storyline.article.quotes.marks import near_enough, quote_kind, quote_spans
from storyline.article.quotes.turns import after_label, paragraph_signature, signed_at, turn_labels, turn_speaker, unmarked_turns
from storyline.article.reference import entity_of
from storyline.model import Annotation, ArticleEntities, ArticleQuotes, CleanText, Document, QuoteFinding
from storyline.settings import Settings
from storyline.stages import register_stage


@register_stage("quotes", result_type=ArticleQuotes, needs=("clean", "annotate", "mentions"))
def quotes(document: Document, upstream: Mapping[str, object], settings: Settings) -> ArticleQuotes:
    cleaned, annotation, found = upstream["clean"], upstream["annotate"], upstream["mentions"]
    assert isinstance(cleaned, CleanText) and isinstance(annotation, Annotation) and isinstance(found, ArticleEntities)
    return find_quotes(cleaned.text, annotation, found)


def find_quotes(text: str, annotation: Annotation, found: ArticleEntities) -> ArticleQuotes:
    spans = quote_spans(text)
    labels = turn_labels(text, found)
    results: list[QuoteFinding] = []
    previous: QuoteFinding | None = None
    for start, end in spans:
        kind = quote_kind(text, start, end)
        turn, signed = labels.get(start), signed_at(text, end)
        if turn is not None:
            # '"PENCE: Well, look, ...': a transcript turn; its words start after the label.
            cue, subject, start = None, turn, after_label(text, turn)
        elif signed is not None:
            cue, subject = None, signed
        else:
            cue, subject = cue_and_subject(text, annotation.tokens, annotation.sentences, start, end, spans)
            if subject is None:
                # A reader's words split by a stray mark: the signature ending the paragraph.
                subject = paragraph_signature(text, end)
            if subject is None and (previous is None or previous.end < start):
                # 'The administration may wait, Schiff said. "The other factor is ..."': the
                # voice of the sentence just before, when no quotation came between.
                cue, subject = cue_before(text, annotation, start, spans, previous.end if previous else 0)
            if subject is None and (previous is None or voice_from_before(text, previous, start)):
                # 'On "Face the Nation," Sen. Bernie Sanders ... identified young voters'
                # exhaustion as one of the reasons. "The younger people are ...": the person
                # this paragraph is about speaks, not the voice of the paragraph before.
                cue, subject = person_before(text, annotation, found, start, spans)
        entity = -1
        if turn is not None:
            entity = turn_speaker(turn, text, found, annotation, spans)
        elif subject is not None:
            entity = entity_of(subject, text, found, annotation.tokens, spans)
        if subject is None and previous is not None and near_enough(text, previous.end, start):
            # No cue of its own: the passage's voice goes on ("...," he said. "...").
            results.append(replace(previous, start=start, end=end, kind=kind))
        else:
            relayer = relayer_of(annotation.tokens, cue, spans) if cue is not None else None
            relayer_entity = entity_of(relayer, text, found, annotation.tokens, spans) if relayer is not None else -1
            results.append(QuoteFinding(start, end, kind, cue, subject, entity, relayer, relayer_entity))
        previous = results[-1]
    results = continued_paragraphs(text, results)
    results += nested_quotes(text, annotation, found, spans, results)
    results += unmarked_turns(text, labels, spans, found, annotation)
    results += indirect_quotes(text, annotation, found, spans)
    return ArticleQuotes(tuple(sorted(results, key=lambda q: q.start)))
