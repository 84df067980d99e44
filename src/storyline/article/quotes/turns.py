"""Turns: transcripts ("PENCE: Well, look, ...") and signed letters, where the speaker is a label or a
signature rather than a cue."""

from __future__ import annotations

import re

from storyline.article.reference import entity_of
from storyline.lexicon import words
from storyline.lexicon.names import surname_key
from storyline.lexicon.positions import Stretches
from storyline.model import DIRECT, Annotation, ArticleEntities, QuoteFinding, TextRange

_LABEL = re.compile(r"^[\"“]?([A-Z][A-Z.'’ -]{0,28}[A-Z.]):[ \t]+\S", re.MULTILINE)


_NOT_SPEAKERS = words("quotes", "not_speakers")


def turn_labels(text: str, found: ArticleEntities) -> dict[int, TextRange]:
    """Transcript turns: a paragraph opening with a speaker's name in capitals and a colon
    ("PENCE: Well, look, ..."). A label counts when it names a person of the article or opens
    several paragraphs (a transcript), never a section heading ("UPDATE:"). Keyed by the
    position right after the paragraph's opening mark, or its first character."""
    matches = [m for m in _LABEL.finditer(text) if m.group(1).strip() not in _NOT_SPEAKERS and len(m.group(1)) > 1]
    counts: dict[str, int] = {}
    for m in matches:
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    labels = {}
    for m in matches:
        label = m.group(1)
        if counts[label] >= 2 or _person_named(label, found) >= 0:
            key = m.start(1) if m.start(1) == m.start() else m.start() + 1
            labels[key] = TextRange(m.start(1), m.end(1))
    return labels


def after_label(text: str, label: TextRange) -> int:
    position = label.end + 1
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def unmarked_turns(
    text: str, labels: dict[int, TextRange], spans: list[tuple[int, int]], found: ArticleEntities, annotation: Annotation
) -> list[QuoteFinding]:
    """Transcript turns printed without quotation marks: the rest of the paragraph is the turn."""
    turns = []
    for key, label in labels.items():
        if _quoted(key, spans):
            continue
        start = after_label(text, label)
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        end = len(text[:end].rstrip())
        if end - start < 2:
            continue
        turns.append(QuoteFinding(start, end, DIRECT, None, label, turn_speaker(label, text, found, annotation, spans)))
    return turns


def _quoted(position: int, spans: list[tuple[int, int]]) -> bool:
    if isinstance(spans, Stretches):
        return spans.touches(position, before=0)
    return any(s <= position <= e for s, e in spans)


def turn_speaker(label: TextRange, text: str, found: ArticleEntities, annotation: Annotation, spans: list[tuple[int, int]]) -> int:
    """The entity a turn label names: a mention, else the article's person whose surname it is
    ("PENCE" -> Mike Pence)."""
    entity = entity_of(label, text, found, annotation.tokens, spans)
    return entity if entity >= 0 else _person_named(text[label.start : label.end], found)


def _person_named(label: str, found: ArticleEntities) -> int:
    """The article's person whose surname the label is, or -1."""
    key = surname_key(label)
    for index, entity in enumerate(found.entities):
        if entity.type == "PERSON" and any(surname_key(name) == key for name in entity.names):
            return index
    return -1


_SIGNATURE = re.compile(
    r"[”\"’'.,]*[ \t]*[―—–-][ \t]*"  # the closing mark, then a dash
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|da|del|van|von|la|le|bin|al)(?:[ \t]+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|da|del|van|von|la|le|bin|al)){0,5})"
    r"[ \t.]*(?:,[^\n]{0,120})?(?:\n|$)"
)


def paragraph_signature(text: str, end: int) -> TextRange | None:
    """The signature ending the paragraph of a quotation that has no cue of its own: a stray
    mark inside one reader's words ("... ‘Some people are so poor all they have is money.” And
    that's all he has “the root of all evil’.” ― Christina Lastra.") splits them in two."""
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    for position in range(end, paragraph_end):
        signed = signed_at(text, position) if text[position] in "”\"’'" else None
        if signed is not None:
            return signed
    return None


def signed_at(text: str, end: int) -> TextRange | None:
    """'"...." ― Pamela Padilla': a quotation signed with a dash and a name on the rest of its
    line (testimonials, readers' voices, epigraphs) speaks for that name."""
    match = _SIGNATURE.match(text, end)
    if match is None or not match.group(1)[0].isupper():
        return None
    name_end = match.end(1)
    while text[name_end - 1] == ".":
        name_end -= 1  # "― Steve Quinlan." ends the sentence, not the name
    return TextRange(match.start(1), name_end)
