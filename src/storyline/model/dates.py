"""Dates at the precision they were stated: "2014", "2022-02" and "2022-02-14" all occur.

A date stands for every day it may mean (2022-02 is 1 to 28 February), so comparing two dates
of different precision asks whether those stretches meet, never whether their strings sort:
`--since 2022-02` keeps an event of 2022-02-14 and one of 2022-02. The DataFrames hold a date
as its first day beside its precision, for the same reason.
"""

from __future__ import annotations

import datetime as dt
import re

YEAR, MONTH, DAY = "year", "month", "day"
PRECISIONS = (YEAR, MONTH, DAY)

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def precision(value: str | None) -> str | None:
    """year, month or day for a stored date; None for no date (or one that is not a date)."""
    bounds = date_bounds(value)
    if bounds is None:
        return None
    return PRECISIONS[(len(_DATE.match(value).group(0)) - 4) // 3]


def date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day `value` (YYYY, YYYY-MM or YYYY-MM-DD, perhaps with a time after
    it) can mean; None when it is no date."""
    match = _DATE.match(value) if value else None
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            first = dt.date(year, month, day)
            return first, first
        if month is not None:
            first = dt.date(year, month, 1)
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def first_day(value: str | None) -> dt.date | None:
    bounds = date_bounds(value)
    return bounds[0] if bounds else None


def exact_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """`date_bounds` of a date a user typed, which must be YYYY, YYYY-MM or YYYY-MM-DD and
    nothing more."""
    return date_bounds(value.strip()) if _DATE.fullmatch(value.strip()) else None


def parse_date_flag(value: str, flag: str) -> tuple[dt.date, dt.date]:
    """A date a user typed for `flag` (--since, --until), at the precision typed; one line
    saying what is expected otherwise."""
    bounds = exact_bounds(value)
    if bounds is None:
        raise ValueError(f"{flag} {value}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return bounds


def overlaps(bounds: tuple[dt.date, dt.date] | None, since: dt.date | None, until: dt.date | None) -> bool:
    """True when a date's stretch of days meets [since, until] (either end open); an undated
    record never does."""
    if bounds is None:
        return False
    return (since is None or bounds[1] >= since) and (until is None or bounds[0] <= until)
