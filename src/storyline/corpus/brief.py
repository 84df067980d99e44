"""The brief: five to ten sentences from the articles that cover the story's main developments,
each citing the text it rests on.

Extractive, so that no sentence says more than a source. The timeline has already found each
happening's best-told sentence and how much the coverage returns to it (`salience`); the
brief takes the most salient entries of the story, one sentence each as it stands in its
article, leaves out one that mostly repeats a sentence already chosen, and tells them in date
order. Background (history recalled for context) stays out unless the story has too little
else. A story whose timeline is too short for a brief falls back to the lead sentences of its
event clusters, the most reported first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from storyline.corpus.tellings import trimmed
from storyline.model import Article, BriefSentence, Cluster, Span, TimelineEntry

MIN_SENTENCES = 5
MAX_SENTENCES = 8
REPEAT_OVERLAP = 0.5
MIN_WORDS = 6
_WORD = re.compile(r"[a-z0-9]+")


def compose_brief(by_id: Mapping[str, Article], clusters: tuple[Cluster, ...], timeline: tuple[TimelineEntry, ...] = ()) -> tuple[BriefSentence, ...]:
    """The brief of one story: its event clusters `clusters` and timeline entries `timeline`."""
    chosen: list[tuple[BriefSentence, set[str]]] = []
    news = [e for e in timeline if e.kind != "background"]
    history = [e for e in timeline if e.kind == "background"]
    for entries, limit in ((news, MAX_SENTENCES), (history, MIN_SENTENCES)):
        for entry in sorted(entries, key=lambda e: (-e.salience, -e.articles, e.date)):
            if len(chosen) >= limit:
                break
            _offer(chosen, by_id, entry.sources[0], entry.date)  # its summary's own sentence
    if len(chosen) < MIN_SENTENCES:
        for article, sentence in _cluster_leads(by_id, clusters):
            if len(chosen) >= MAX_SENTENCES:
                break
            _offer(chosen, by_id, Span(article.id, sentence.start, sentence.end), sentence.date)
    return tuple(sorted((s for s, _ in chosen), key=lambda s: s.date or "9999"))


def _offer(chosen: list[tuple[BriefSentence, set[str]]], by_id: Mapping[str, Article], span: Span, date: str | None) -> bool:
    """Add the sentence at `span` unless it is too short or repeats one already chosen."""
    article = by_id.get(span.article)
    if article is None or article.duplicate_of:
        return False
    text = trimmed(article.text[span.start : span.end])
    words = set(_WORD.findall(text.lower()))
    if len(words) < MIN_WORDS or any(len(words & seen) > REPEAT_OVERLAP * len(words) for _, seen in chosen):
        return False
    chosen.append((BriefSentence(text, (span,), date), words))
    return True


def _cluster_leads(by_id: Mapping[str, Article], clusters: tuple[Cluster, ...]):
    """Each event cluster's first sentences, every cluster's lead before any second sentence,
    the most reported cluster first."""
    candidates = []
    for cluster in clusters:
        if cluster.level != "event":
            continue
        for article_id, section in cluster.sections:
            article = by_id.get(article_id)
            if article is None or article.duplicate_of:
                continue
            for rank, sentence in enumerate(_sentences_of_section(article, section)[:3]):
                candidates.append((rank, -len(cluster.articles), article.published or "", sentence.start, article, sentence))
    return [(c[4], c[5]) for c in sorted(candidates, key=lambda c: c[:4])]


def _sentences_of_section(article: Article, index: int):
    if article.sections and index < len(article.sections):
        section = article.sections[index]
        return [s for s in article.sentences if section.start <= s.start < section.end]
    return list(article.sentences)
