"""The brief takes the timeline's most salient entries, one sentence each, never two that say
mostly the same, history only when the story has too little else, in date order."""

from __future__ import annotations

from storyline.corpus.brief import MAX_SENTENCES, compose_brief
from storyline.model import Article, PublishedBasis, SentenceDate, Span, TimelineEntry

SENTENCES = [
    "Russia recognised the independence of two breakaway regions of eastern Ukraine on Monday.",
    "Moscow recognised the independence of two breakaway regions in eastern Ukraine on Monday evening.",
    "The United Nations Secretary-General called the recognition a violation of Ukraine's territorial integrity.",
    "Western governments announced sanctions against Russian banks and members of parliament.",
    "Russian troops crossed into Ukraine from the north, the east and the south before dawn.",
    "The Security Council met in an emergency session late at night in New York.",
    "Ukraine's president declared martial law and asked citizens to stay at home.",
    "In 2014 Russia annexed Crimea after a disputed referendum held under occupation.",
]


def article() -> tuple[Article, list[Span]]:
    text, spans, sentences = "", [], []
    for sentence in SENTENCES:
        start = len(text)
        text += sentence + " "
        spans.append(Span("a", start, start + len(sentence)))
        sentences.append(SentenceDate(start, start + len(sentence), "2022-02-21", "publication", "happened"))
    return Article("a", "a.txt", None, None, "2022-02-22", PublishedBasis.GIVEN, text, "h", sentences=tuple(sentences)), spans


def test_the_most_salient_entries_without_repeats_in_date_order():
    source, spans = article()
    dates = ["2022-02-21", "2022-02-21", "2022-02-22", "2022-02-22", "2022-02-24", "2022-02-24", "2022-02-24", "2014"]
    timeline = tuple(
        TimelineEntry(date, SENTENCES[i], (), (spans[i],), kind="background" if date == "2014" else "story", salience=1.0 - i / 10)
        for i, date in enumerate(dates)
    )
    brief = compose_brief({"a": source}, (), timeline)
    texts = [sentence.text for sentence in brief]
    assert SENTENCES[0] in texts and SENTENCES[1] not in texts  # the same news in other words
    assert SENTENCES[7] not in texts  # history, with enough news to tell
    assert 5 <= len(brief) <= MAX_SENTENCES
    assert [s.date for s in brief] == sorted(s.date for s in brief)
    assert all(source.text[s.sources[0].start : s.sources[0].end] == s.text for s in brief)
