"""How much a date matters to a story, the way timeline summarisers rank dates.

A journalist's timeline keeps the days the coverage keeps coming back to. The evidence is in
the articles themselves: how many were published that day, how many sentences state it as the
date of what they tell, and above all how many articles written later still point back at it
("since the April 20 explosion"). These counts are the features of a logistic model whose
weights were fit on journalists' timelines (`lexicon/salience.toml` says on which data, and
`scripts/fit_salience.py` refits them); its output, between 0 and 1, is the date's salience.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from storyline.corpus.sentence_dates import calendar_date
from storyline.corpus.tellings import Telling
from storyline.lexicon import load_table
from storyline.model import Article

# A date named in a sentence of fewer words than this is a dateline or a time stamp, not news.
MIN_LINE_WORDS = 4
_LETTERS = re.compile(r"[^\W\d_]{2,}")
FEATURES = ("published", "stated", "stated_articles", "recalled_later", "told", "in_leads", "followed")
# The sentences of an article that are its lead, and the days after a date whose articles are
# its follow-up coverage.
LEAD_SENTENCES = 2
FOLLOW_UP_DAYS = 2


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """The counts behind one date's salience."""

    published: int = 0  # articles published that day
    stated: int = 0  # date expressions that name it
    stated_articles: int = 0  # articles that name it
    recalled_later: int = 0  # articles published after it that name it
    told: int = 0  # articles whose events of that date make the timeline
    in_leads: int = 0  # articles whose lead names it
    followed: int = 0  # articles published in the days just after it

    def vector(self) -> list[float]:
        return [math.log1p(getattr(self, name)) for name in FEATURES]


def date_evidence(articles: Iterable[Article], told: dict[str, set[str]]) -> dict[str, DateEvidence]:
    """Every date the articles publish on or name, with its counts. `told`: date -> ids of the
    articles whose timeline tellings are on it."""
    published: dict[str, int] = defaultdict(int)
    stated: dict[str, int] = defaultdict(int)
    naming: dict[str, dict[str, set[str]]] = {"all": defaultdict(set), "later": defaultdict(set), "leads": defaultdict(set)}
    for article in articles:
        if article.duplicate_of:
            continue
        if article.published:
            published[article.published] += 1
        lead_end = article.sentences[min(LEAD_SENTENCES, len(article.sentences)) - 1].end if article.sentences else 0
        for date, offset in _named_dates(article):
            stated[date] += 1
            naming["all"][date].add(article.id)
            if article.published and date < article.published[: len(date)]:
                naming["later"][date].add(article.id)
            if offset < lead_end:
                naming["leads"][date].add(article.id)
    dates = set(published) | set(stated) | set(told)
    return {
        date: DateEvidence(
            published[date],
            stated[date],
            len(naming["all"][date]),
            len(naming["later"][date]),
            len(told.get(date, ())),
            len(naming["leads"][date]),
            _followed(date, published),
        )
        for date in dates
    }


def _followed(date: str, published: dict[str, int]) -> int:
    if len(date) != 10:
        return 0
    day = dt.date.fromisoformat(date)
    return sum(published.get((day + dt.timedelta(days=k)).isoformat(), 0) for k in range(1, FOLLOW_UP_DAYS + 1))


def _named_dates(article: Article) -> list[tuple[str, int]]:
    """The calendar dates the article's own words name ("on April 20", "last Monday"), each
    time it names them; not in a sentence that is only a date (a dateline or a time stamp)."""
    starts = [sentence.start for sentence in article.sentences]
    dates = []
    for time in article.times:
        date = calendar_date(time.value) if time.type == "DATE" else None
        if not date:
            continue
        index = bisect_right(starts, time.start) - 1
        sentence = article.sentences[index] if index >= 0 else None
        text = article.text[sentence.start : sentence.end] if sentence else article.text[time.start : time.end]
        if len(_LETTERS.findall(text)) >= MIN_LINE_WORDS:
            dates.append((date, time.start))
    return dates


@cache
def _weights() -> tuple[float, tuple[float, ...]]:
    table = load_table("salience")["date"]
    return float(table["intercept"]), tuple(float(table["weights"][name]) for name in FEATURES)


def date_salience(evidence: DateEvidence) -> float:
    """The model's probability that a journalist's timeline of the story keeps this date."""
    intercept, weights = _weights()
    score = intercept + sum(w * x for w, x in zip(weights, evidence.vector(), strict=True))
    return 1.0 / (1.0 + math.exp(-score))


# How well a sentence tells its date's news, for choosing an entry's summary and ranking a
# date's entries: features of the sentence and of the happening it tells.


class DateCentroids:
    """Per date, the centroid of its tellings' content words, each weighed by how few dates
    use it (tf-idf over the story's dates): what that day's coverage is about and others' is not."""

    def __init__(self, tellings: Iterable[Telling]) -> None:
        pools: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for telling in tellings:
            for word in telling.words:
                pools[telling.date][word] += 1
        spread: dict[str, int] = defaultdict(int)
        for pool in pools.values():
            for word in pool:
                spread[word] += 1
        self.idf = {w: math.log((1 + len(pools)) / (1 + n)) + 1.0 for w, n in spread.items()}
        self.centroids = {date: {w: n * self.idf[w] for w, n in pool.items()} for date, pool in pools.items()}
        self.norms = {date: math.sqrt(sum(v * v for v in c.values())) or 1.0 for date, c in self.centroids.items()}
        # The whole story's centroid: what its coverage is about on any day (a sentence on the
        # day's news but off the story, an aside or an advertisement, lies far from it).
        story: dict[str, float] = defaultdict(float)
        for pool in pools.values():
            for word, count in pool.items():
                story[word] += count
        self.story = dict(story)
        self.story_norm = math.sqrt(sum(v * v for v in self.story.values())) or 1.0

    def similarity(self, telling: Telling) -> float:
        """Cosine of the telling's words (tf-idf) with its date's centroid."""
        centroid = self.centroids.get(telling.date)
        if not centroid or not telling.words:
            return 0.0
        vector = {w: self.idf.get(w, 1.0) for w in telling.words}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return sum(v * centroid.get(w, 0.0) for w, v in vector.items()) / (norm * self.norms[telling.date])


    def topicality(self, telling: Telling) -> float:
        """Cosine of the telling's words with the whole story's word counts."""
        if not telling.words:
            return 0.0
        return sum(self.story.get(w, 0.0) for w in telling.words) / (math.sqrt(len(telling.words)) * self.story_norm)


def telling_features(telling: Telling, group: list[Telling], centroids: DateCentroids, statements: set[str]) -> dict[str, float]:
    """The features the sentence model weighs (its weights in lexicon/salience.toml name them);
    `statements`: ids of events that are only someone's words (CAMEO 01)."""
    sentence = telling.sentence
    published = telling.article.published or ""
    stated = sentence is not None and sentence.date_basis == "explicit"
    return {
        "central": centroids.similarity(telling),
        "topical": centroids.topicality(telling),
        "lead": float(telling.lead),
        "quoted": telling.quoted,
        "length": math.log1p(len(telling.words)),
        "coded": float(bool(telling.events)),
        "statement": float(bool(telling.events) and telling.events <= statements),
        "stated": float(stated),
        "recalled": float(stated and published > telling.date),
        "same_day": float(published == telling.date),
        "dated_first": float(telling.dated_first),
        "articles": math.log1p(len({t.article.id for t in group})),
        "outlets": math.log1p(len({t.article.outlet or t.article.source for t in group})),
    }


@cache
def _telling_weights() -> dict[str, float]:
    return {name: float(value) for name, value in load_table("salience")["telling"]["weights"].items()}


def telling_score(features: dict[str, float]) -> float:
    """The fitted estimate of how much of its date's reference summary the sentence says."""
    weights = _telling_weights()
    return sum(weights[name] * value for name, value in features.items())
