"""The brief: five to ten sentences from the articles that cover the story's main developments,
each citing the text it rests on.

Extractive, so that no sentence says more than a source: the lead sentence of each reported
event (the sentence that opens its article or round-up section), the events reported by the
most outlets first, a sentence left out when it mostly repeats one already chosen (another
outlet telling the same thing), and the chosen ones told in date order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from storyline.model import Article, BriefSentence, Cluster, Span

MAX_SENTENCES = 8
REPEAT_OVERLAP = 0.5
_WORD = re.compile(r"[a-z0-9]+")
_LEAD_IN = re.compile(r"^(?:Meanwhile|Besides|In particular|However|Also|Earlier),\s+", re.I)


def compose_brief(by_id: Mapping[str, Article], clusters: tuple[Cluster, ...]) -> tuple[BriefSentence, ...]:
    """The brief of the event clusters `clusters`, from the articles by id."""
    candidates = []
    for cluster in clusters:
        if cluster.level != "event":
            continue
        weight = len(cluster.articles)
        for article_id, section in cluster.sections:
            article = by_id.get(article_id)
            if article is None or article.duplicate_of:
                continue
            for rank, sentence in enumerate(_sentences_of_section(article, section)[:3]):
                candidates.append((weight, -rank, article, sentence))
    chosen: list[tuple[BriefSentence, set[str]]] = []
    # Every event's lead before any event's second sentence; among leads, the most reported first.
    for _weight, _rank, article, sentence in sorted(candidates, key=lambda c: (-c[1], -c[0], c[2].published or "", c[3].start)):
        text = _trimmed(article.text[sentence.start : sentence.end])
        words = set(_WORD.findall(text.lower()))
        if len(words) < 6 or any(len(words & seen) > REPEAT_OVERLAP * len(words) for _, seen in chosen):
            continue
        chosen.append((BriefSentence(text, (Span(article.id, sentence.start, sentence.end),), sentence.date), words))
        if len(chosen) >= MAX_SENTENCES:
            break
    return tuple(sorted((s for s, _ in chosen), key=lambda s: s.date or "9999"))


def _sentences_of_section(article: Article, index: int):
    if article.sections and index < len(article.sections):
        section = article.sections[index]
        return [s for s in article.sentences if section.start <= s.start < section.end]
    return list(article.sentences)


def _trimmed(text: str) -> str:
    """A sentence as it stands in its article, less a connective that needs the one before it."""
    text = " ".join(text.split())
    trimmed = _LEAD_IN.sub("", text)
    return trimmed[:1].upper() + trimmed[1:] if trimmed != text else text
