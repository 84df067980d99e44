"""The date of what each sentence reports, and its status, once the article's dates are known.

A sentence's date is its own temporal expression (the most precise one), else the one of the
sentence before it in the same paragraph (news writing states a date once and goes on), else
the article's news day, else the publication date. The news day is the day the lede says the
news happened when that is within the week before publication ("told reporters on Tuesday" in
a story published on Wednesday, "in a Wednesday media event" in one published on Saturday): a
report written after the day tells the rest of that day's news in undated past-tense sentences. Its status comes from its main clause: future tense is scheduled, a modal
(could, might, would) hypothetical, a date after publication scheduled, anything else happened.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence

from storyline.model import FUTURE, SentenceDate, SentenceTense, TemporalMention

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_MONTH = re.compile(r"^(\d{4}-\d{2})$")
_YEAR = re.compile(r"^(\d{4})(?:-(?:Q\d|H\d|SP|SU|FA|WI))?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def calendar_date(value: str | None) -> str | None:
    """A TIMEX3 value as a calendar date at the precision it has (weeks by their month)."""
    if not value:
        return None
    if match := _DAY.match(value):
        return match.group(1)
    if match := _MONTH.match(value):
        return match.group(1)
    if match := _WEEK.match(value):
        thursday = dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 4)
        return thursday.isoformat()[:7]
    if match := _YEAR.match(value):
        return match.group(1)
    return None


def last_day(date: str) -> dt.date:
    """The last day a date at its precision can mean: 2022-01 is at the latest 31 January."""
    if len(date) == 10:
        return dt.date.fromisoformat(date)
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:])
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(int(date[:4]), 12, 31)


def date_sentences(
    text: str,
    sentences: tuple[SentenceTense, ...],
    mentions: tuple[TemporalMention, ...],
    values: Sequence[str | None],
    published: dt.date | None,
) -> tuple[SentenceDate, ...]:
    """Each sentence's date; `values` are the mentions' anchored values (calendar.anchor_all)."""
    own_dates = []
    starts = [m.start for m in mentions]
    ordered = all(a <= b for a, b in itertools.pairwise(starts))
    for sentence in sentences:
        # The expressions are in text order (the times stage finds them so): each sentence's
        # are found by bisection, not by reading them all for every sentence.
        first, last = (bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)) if ordered else (0, len(mentions))
        own = [
            values[i] for i in range(first, last) if sentence.start <= mentions[i].start < sentence.end and mentions[i].type in ("DATE", "TIME")
        ]
        dates = [d for d in (calendar_date(value) for value in own) if d]
        own_dates.append(max(dates, key=len) if dates else None)
    day = news_day([(d, _status(s, d, published)) for s, d in zip(sentences, own_dates, strict=True)], published)
    result = []
    previous: SentenceDate | None = None
    for sentence, own_date in zip(sentences, own_dates, strict=True):
        if own_date:
            date, basis = own_date, "explicit"
        elif previous is not None and previous.date_basis in ("explicit", "context") and "\n" not in text[previous.end : sentence.start]:
            date, basis = previous.date, "context"
        elif day is not None and sentence.tense != FUTURE:
            date, basis = day, "news day"
        elif published is not None:
            date, basis = published.isoformat(), "publication"
        else:
            date, basis = None, "unknown"
        current = SentenceDate(sentence.start, sentence.end, date, basis, _status(sentence, date, published))
        result.append(current)
        previous = current
    return tuple(result)


LEDE_SENTENCES = 3
# A report written up to a week after its news day (a weekday name reaches six days back: a
# weekly round-up, a weekend between the event and the report); older ledes say less about the rest.
NEWS_DAY_LAG = 6


def news_day(ledes: list[tuple[str | None, str]], published: dt.date | None) -> str | None:
    """The day before publication the lede places its news on, or None (then undated
    sentences take the publication date). `ledes`: each sentence's own date (None when it has
    none) and status, in order."""
    if published is None:
        return None
    for date, status in ledes[:LEDE_SENTENCES]:
        if date is None or len(date) != 10 or status != "happened":
            continue
        lag = (published - dt.date.fromisoformat(date)).days
        return date if 0 < lag <= NEWS_DAY_LAG else None
    return None


def article_news_day(sentences: tuple[SentenceDate, ...], published: str | None) -> str | None:
    """`news_day` of sentences already dated."""
    reference = dt.date.fromisoformat(published) if published and len(published) == 10 else None
    return news_day([(s.date if s.date_basis == "explicit" else None, s.status) for s in sentences[:LEDE_SENTENCES]], reference)


def _status(sentence: SentenceTense, date: str | None, published: dt.date | None) -> str:
    if sentence.tense == FUTURE:
        return "scheduled"
    if sentence.hypothetical:
        return "hypothetical"
    if date and published and len(date) == 10 and date > published.isoformat():
        return "scheduled"
    return "happened"
