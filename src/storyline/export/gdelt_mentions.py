"""The GDELT 2.0 Mentions table: one row per sentence that reports a coded event, GDELT's 16
tab-separated columns with no header row, joined to the Event table by GLOBALEVENTID.

Offsets are characters into the article's clean text (what every storyline span points into),
-1 where the actor, target or action is not found in the sentence itself (an actor resolved
from a pronoun or a title said elsewhere). Confidence is storyline's own measure, not GDELT's:
100 when the actor and the action are both found in the sentence, 75 when one is, 50 when
neither is. Tone and translation are not measured and stay blank. MentionType is 1 (web) for a
report with a URL, else 2 (a citation: the file or record it was read from).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from storyline.export.gdelt import gdelt_columns, gdelt_timestamp, global_event_id, tsv
from storyline.model import Article, Entity, Event, Span, Story


def export_gdelt_mentions(story: Story, added: str | None) -> str:
    """Every source sentence of every coded event; `added`: when the store was built."""
    entities = {e.id: e for e in story.entities}
    articles = {a.id: a for a in story.articles}
    stamp = gdelt_timestamp(added)
    return tsv(_rows(story.events, entities, articles, stamp), gdelt_columns("mentions"))


def _rows(events: tuple[Event, ...], entities: dict[str, Entity], articles: dict[str, Article], stamp: str) -> Iterator[dict[str, object]]:
    for event in events:
        if not event.code:
            continue
        for source in event.sources:
            article = articles.get(source.article)
            if article is not None:
                yield _mention(event, source, article, entities, stamp)


def _mention(event: Event, source: Span, article: Article, entities: dict[str, Entity], stamp: str) -> dict[str, object]:
    actor = _offset_of(entities.get(event.actor or ""), source)
    action = _action_offset(event.action, source, article.text)
    return {
        "GLOBALEVENTID": global_event_id(event.id),
        "EventTimeDate": stamp,
        "MentionTimeDate": stamp,
        "MentionType": 1 if article.url else 2,
        "MentionSourceName": _source_name(article),
        "MentionIdentifier": article.url or article.source,
        "SentenceID": _sentence_number(article, source.start),
        "Actor1CharOffset": actor,
        "Actor2CharOffset": _offset_of(entities.get(event.target or ""), source),
        "ActionCharOffset": action,
        "InRawText": 1,
        "Confidence": 50 + 25 * (actor >= 0) + 25 * (action >= 0),
        "MentionDocLen": len(article.text),
    }


def _source_name(article: Article) -> str:
    """The outlet, as GDELT names a source by its web domain when it has no better name."""
    return article.outlet or article.site_name or (urlsplit(article.url).hostname if article.url else None) or article.source


def _offset_of(entity: Entity | None, sentence: Span) -> int:
    """Where the entity is first named inside the sentence, or -1."""
    if entity is None:
        return -1
    inside = [m.start for m in entity.mentions if m.article == sentence.article and sentence.start <= m.start < sentence.end]
    return min(inside, default=-1)


def _action_offset(action: str, sentence: Span, text: str) -> int:
    """Where the action's first word stands in the sentence ("warned ..." at "warned"), or -1."""
    words = re.findall(r"[^\W\d_]+", action)
    if not words:
        return -1
    found = re.search(rf"\b{re.escape(words[0])}\b", text[sentence.start : sentence.end], re.IGNORECASE)
    return sentence.start + found.start() if found else -1


def _sentence_number(article: Article, start: int) -> int:
    """The sentence's number in the article, counting from 1 as GDELT does; -1 if unknown."""
    for number, sentence in enumerate(article.sentences, 1):
        if sentence.start <= start < sentence.end:
            return number
    return -1
