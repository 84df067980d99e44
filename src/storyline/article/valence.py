"""How positive or negative a stretch of prose is, on a scale from -1 to 1.

Coding a statement the CAMEO way turns on its tone (criticism 111 against a plain 010, praise
051), and a word list written from a handful of sentences does not carry to unseen ones. VADER's
lexicon (about 7,500 words and emoticons rated by human judges, with its rules for negation,
intensifiers and contrast) is general English and ships inside the vaderSentiment package (MIT).
"""

from __future__ import annotations

from functools import cache


@cache
def _analyser():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def polarity(text: str) -> float:
    """VADER's compound score of `text`: below 0 fault or gloom, above 0 praise or hope."""
    return float(_analyser().polarity_scores(text)["compound"]) if text.strip() else 0.0
