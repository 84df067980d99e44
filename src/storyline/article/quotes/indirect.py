"""Indirect speech: "Putin said that Russia would ...", a clause governed by a reporting verb, with no
marks to find it by."""

from __future__ import annotations

from storyline.article.quotes.cues import CUE_LEMMAS
from storyline.article.reference import descendants, entity_of, subject_of
from storyline.article.tokens import token_range
from storyline.lexicon.positions import as_spans
from storyline.model import INDIRECT, Annotation, ArticleEntities, QuoteFinding, TextRange, TokenTable


def indirect_quotes(text: str, annotation: Annotation, found: ArticleEntities, spans: list[tuple[int, int]]) -> list[QuoteFinding]:
    """ "Guterres said he will remain fully engaged": a reporting verb with a clause and no marks."""
    tokens = annotation.tokens
    spans = as_spans(spans)
    results = []
    for sentence in annotation.sentences:
        if spans.overlapping(sentence.start, sentence.end):
            continue
        sentence_first = token_range(tokens, sentence.start, sentence.end).start
        taken: list[TextRange] = []
        for i in token_range(tokens, sentence.start, sentence.end):
            if tokens.lemma[i].lower() not in CUE_LEMMAS or tokens.pos[i] != "VERB":
                continue
            # The clause after the verb ("said that ..."), else before it ("..., sources said").
            after = [j for j in range(i + 1, min(len(tokens), i + 40)) if tokens.head[j] == i and tokens.dep[j] == "ccomp"]
            before = [j for j in range(max(sentence_first, i - 60), i) if tokens.head[j] == i and tokens.dep[j] == "ccomp"]
            clauses = after or before
            subject = subject_of(tokens, i, spans)
            if not clauses or subject is None:
                continue
            first, last = _subtree(tokens, clauses[0])
            start = tokens.start[first]
            if tokens.lemma[first].lower() == "that":
                start = tokens.start[first + 1] if first + 1 < len(tokens) else start
            end = tokens.end[last]
            if end - start < 10 or any(r.start < end and start < r.end for r in taken):
                continue  # "she told them that ..., the source added": one clause, one voice
            if any(s - 1 <= start and end <= e + 1 for s, e in spans.overlapping(start - 1, end + 1)) or any(
                start <= s and e <= end and e - s > (end - start) / 2 for s, e in spans.overlapping(start, end)
            ):
                continue  # the quotation itself, or mostly: it is a direct quote, found as one
            taken.append(TextRange(start, end))
            results.append(
                QuoteFinding(
                    start,
                    end,
                    INDIRECT,
                    TextRange(tokens.start[i], tokens.end[i]),
                    subject,
                    entity_of(subject, text, found, tokens, spans),
                )
            )
    return results


def _subtree(tokens: TokenTable, head: int) -> tuple[int, int]:
    """First and last token of the clause headed by `head`, closing punctuation left out."""
    below = descendants(tokens, head)
    first, last = min(below), max(below)
    while last > first and tokens.pos[last] == "PUNCT":
        last -= 1
    return first, last
