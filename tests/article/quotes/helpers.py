"""What the quotation tests read off `find_quotes`."""

from __future__ import annotations

from storyline.article.annotate import annotation_of, load_model
from storyline.article.mentions import find_entities
from storyline.article.quotes import find_quotes
from storyline.settings import Settings


def quoted(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, quoted words, speaker's first name form) of every quotation."""
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_entities(text, annotation)
    result = []
    for quote in find_quotes(text, annotation, found).quotes:
        speaker = found.entities[quote.speaker_entity].names[0] if quote.speaker_entity >= 0 else None
        result.append((quote.kind, text[quote.start : quote.end], speaker))
    return result


def speaker_spans(text: str) -> list[str | None]:
    """The words naming each quotation's speaker, for speakers that are no entity ("Protesters")."""
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_quotes(text, annotation, find_entities(text, annotation)).quotes
    return [text[q.speaker_span.start : q.speaker_span.end] if q.speaker_span else None for q in found]
