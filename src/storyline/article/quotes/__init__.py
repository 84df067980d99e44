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

from storyline.article.quotes.attribution import continued_paragraphs, nested_quotes
from storyline.article.quotes.indirect import indirect_quotes
from storyline.article.quotes.marks import quote_kind, quote_spans
from storyline.article.quotes.model import Quotation, attribute
from storyline.article.quotes.turns import after_label, turn_labels, turn_speaker, unmarked_turns
from storyline.article.reference import indexed
from storyline.article.tokens import parsed
from storyline.lexicon.positions import spans_of
from storyline.model import Annotation, ArticleEntities, ArticleQuotes, CleanText, Document, QuoteFinding
from storyline.settings import Settings
from storyline.stages import register_stage


@register_stage("quotes", result_type=ArticleQuotes, needs=("clean", "annotate", "mentions"))
def quotes(document: Document, upstream: Mapping[str, object], settings: Settings) -> ArticleQuotes:
    cleaned, annotation, found = upstream["clean"], upstream["annotate"], upstream["mentions"]
    assert isinstance(cleaned, CleanText) and isinstance(annotation, Annotation) and isinstance(found, ArticleEntities)
    return find_quotes(cleaned.text, annotation, found)


def find_quotes(text: str, annotation: Annotation, found: ArticleEntities) -> ArticleQuotes:
    spans = spans_of(quote_spans(text))
    found = indexed(found)
    annotation = replace(annotation, tokens=parsed(annotation.tokens))
    labels = turn_labels(text, found)
    results: list[QuoteFinding] = []
    previous: QuoteFinding | None = None
    for start, end in spans:
        kind = quote_kind(text, start, end)
        turn = labels.get(start)
        if turn is not None:
            # '"PENCE: Well, look, ...': a transcript turn; its words start after the label.
            speaker = turn_speaker(turn, text, found, annotation, spans)
            results.append(QuoteFinding(after_label(text, turn), end, kind, None, turn, speaker))
        else:
            # Every candidate speaker weighed by the attribution model (model.py).
            results.append(attribute(Quotation(text, annotation, found, spans, start, end, kind), previous))
        previous = results[-1]
    results = continued_paragraphs(text, results)
    results += nested_quotes(text, annotation, found, spans, results)
    results += unmarked_turns(text, labels, spans, found, annotation)
    results += indirect_quotes(text, annotation, found, spans)
    return ArticleQuotes(tuple(sorted(results, key=lambda q: q.start)))
