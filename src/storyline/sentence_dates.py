"""The date of what each sentence reports, and its status, once the article's dates are known.

A sentence's date is its own temporal expression (the most precise one), else the one of the
sentence before it in the same paragraph (news writing states a date once and goes on), else
the publication date. Its status comes from its main clause: future tense is scheduled, a modal
(could, might, would) hypothetical, a date after publication scheduled, anything else happened.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.model import SentenceDate
from storyline.timex import FUTURE, SentenceTense, TemporalMention, anchor

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
    text: str, sentences: tuple[SentenceTense, ...], mentions: tuple[TemporalMention, ...], published: dt.date | None
) -> tuple[SentenceDate, ...]:
    result = []
    previous: SentenceDate | None = None
    for sentence in sentences:
        own = [m for m in mentions if sentence.start <= m.start < sentence.end and m.type in ("DATE", "TIME")]
        dates = [d for d in (calendar_date(anchor(m.form, published, m.tense)) for m in own) if d]
        if dates:
            date, basis = max(dates, key=len), "explicit"
        elif previous is not None and previous.date_basis in ("explicit", "context") and "\n" not in text[previous.end : sentence.start]:
            date, basis = previous.date, "context"
        elif published is not None:
            date, basis = published.isoformat(), "publication"
        else:
            date, basis = None, "unknown"
        current = SentenceDate(sentence.start, sentence.end, date, basis, _status(sentence, date, published))
        result.append(current)
        previous = current
    return tuple(result)


def _status(sentence: SentenceTense, date: str | None, published: dt.date | None) -> str:
    if sentence.tense == FUTURE:
        return "scheduled"
    if sentence.hypothetical:
        return "hypothetical"
    if date and published and len(date) == 10 and date > published.isoformat():
        return "scheduled"
    return "happened"
