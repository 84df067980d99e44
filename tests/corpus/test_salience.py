"""The sentence model of the timeline: a sentence about what the whole story is about beats
one that is only about its day."""

from __future__ import annotations

from storyline.corpus.salience import DateCentroids, telling_features, telling_score
from storyline.corpus.tellings import Telling
from storyline.model import Article, PublishedBasis

ARTICLE = Article("a", "a.txt", None, None, "2010-05-02", PublishedBasis.GIVEN, "Text.", "h")


def _telling(date: str, words: str) -> Telling:
    return Telling(date, ARTICLE, None, words=frozenset(words.split()))


def test_a_sentence_on_the_story_outranks_an_aside_of_the_same_day():
    story = [
        _telling("2010-04-20", "rig exploded gulf oil well workers missing"),
        _telling("2010-04-22", "rig sank gulf oil leak"),
        _telling("2010-04-29", "oil slick reached coast gulf spill"),
    ]
    on_topic = _telling("2010-05-02", "oil spill gulf coast fishing banned")
    aside = _telling("2010-05-02", "fishing season opened with festival parade music")
    centroids = DateCentroids([*story, on_topic, aside])
    assert centroids.topicality(on_topic) > centroids.topicality(aside)
    scores = [telling_score(telling_features(t, [on_topic, aside], centroids, set())) for t in (on_topic, aside)]
    assert scores[0] > scores[1]
