"""Anchoring a time form on a reference date: the one calendar of the map and the reduce."""

from __future__ import annotations

import datetime as dt

from storyline.lexicon.calendar import anchor, weekday_date
from storyline.model import FUTURE, PAST, TimeForm

FRIDAY = dt.date(2022, 2, 18)


def test_a_weekday_is_the_last_one_in_the_past_and_the_next_one_in_the_future():
    monday = 0
    assert weekday_date(monday, FRIDAY, PAST, None) == dt.date(2022, 2, 14)
    assert weekday_date(monday, FRIDAY, FUTURE, None) == dt.date(2022, 2, 21)
    assert weekday_date(4, FRIDAY, PAST, None) == FRIDAY  # "on Friday", said on a Friday
    assert weekday_date(4, FRIDAY, FUTURE, None) == dt.date(2022, 2, 25)
    assert weekday_date(monday, FRIDAY, PAST, 1) == dt.date(2022, 2, 21)  # "next Monday"


def test_a_day_without_a_year_takes_the_nearest_one_the_tense_allows():
    leap_day = TimeForm("month_day", month=2, day=29)
    assert anchor(leap_day, dt.date(2024, 3, 5), PAST) == "2024-02-29"
    december = TimeForm("month", month=12)
    assert anchor(december, dt.date(2022, 1, 10), PAST) == "2021-12"
    assert anchor(december, dt.date(2022, 1, 10), FUTURE) == "2022-12"


def test_offsets_durations_and_fixed_values():
    assert anchor(TimeForm("offset", amount=3, unit="day", shift=-1), dt.date(2024, 3, 1)) == "2024-02-27"
    assert anchor(TimeForm("duration", amount=8, unit="year"), None) == "P8Y"
    assert anchor(TimeForm("ref", value="PRESENT_REF"), None) == "PRESENT_REF"
    assert anchor(TimeForm("quarter", year=2021, part="Q3"), None) == "2021-Q3"


def test_a_form_that_needs_a_date_has_none_without_one():
    assert anchor(TimeForm("month_day", month=4, day=11), None) == "XXXX-04-11"
    assert anchor(TimeForm("weekday", weekday=0), None) is None
