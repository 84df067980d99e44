"""Anchoring a time form on a reference date: the one calendar of the map and the reduce."""

from __future__ import annotations

import datetime as dt

from storyline.lexicon.calendar import anchor, weekday_date
from storyline.model import FUTURE, NO_TENSE, PAST, TimeForm

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


def test_a_past_clause_names_a_date_just_ahead_rather_than_one_nearly_a_year_back():
    """"Directors authorized a split, payable Dec. 7": the plan is reported in the past tense."""
    october = dt.date(1989, 10, 27)
    assert anchor(TimeForm("month_day", month=12, day=7), october, PAST) == "1989-12-07"
    assert anchor(TimeForm("month", month=12), october, PAST) == "1989-12"
    assert anchor(TimeForm("month_day", month=9, day=30), october, PAST) == "1989-09-30"
    assert anchor(TimeForm("month", month=10), dt.date(1998, 1, 8)) == "1997-10"  # no tense: the nearest


def test_offsets_durations_and_fixed_values():
    assert anchor(TimeForm("offset", amount=3, unit="day", shift=-1), dt.date(2024, 3, 1)) == "2024-02-27"
    assert anchor(TimeForm("duration", amount=8, unit="year"), None) == "P8Y"
    assert anchor(TimeForm("ref", value="PRESENT_REF"), None) == "PRESENT_REF"
    assert anchor(TimeForm("quarter", year=2021, part="Q3"), None) == "2021-Q3"


def test_a_form_that_needs_a_date_has_none_without_one():
    assert anchor(TimeForm("month_day", month=4, day=11), None) == "XXXX-04-11"
    assert anchor(TimeForm("weekday", weekday=0), None) is None


def test_a_quarter_without_a_year_is_the_nearest_one():
    """"The fourth quarter" reported in January is the one just ended; results "for the third
    quarter" are still reported (future tense) after it ends."""
    fourth, third = TimeForm("quarter", part="Q4"), TimeForm("quarter", part="Q3")
    assert anchor(fourth, dt.date(1998, 1, 26), PAST) == "1997-Q4"
    assert anchor(third, dt.date(1989, 10, 27), FUTURE) == "1989-Q3"
    assert anchor(TimeForm("quarter", part="Q1", shift=1), dt.date(1989, 10, 27)) == "1990-Q1"


def _anchored_in_text(text: str, reference: dt.date) -> list[tuple[str, str | None]]:
    from storyline.article.timex import find_expressions
    from storyline.lexicon.calendar import anchor_all

    found = find_expressions(text)
    values = anchor_all([(form, kind, NO_TENSE) for _s, _e, kind, form in found], reference)
    return [(text[s:e], value) for (s, e, _k, _f), value in zip(found, values, strict=True)]


def test_a_year_earlier_counts_from_the_time_last_named_at_its_precision():
    text = "Profit rose in the third quarter of 1989 from $2 million a year earlier."
    assert ("a year earlier", "1988-Q3") in _anchored_in_text(text, dt.date(1989, 11, 2))
    text = "The talks began on June 3, 1995. Two days later they broke down."
    assert ("Two days later", "1995-06-05") in _anchored_in_text(text, dt.date(1998, 3, 1))


def test_that_day_and_the_following_year_are_those_of_the_time_last_named():
    text = "A storm hit in June 1995. Earlier that month the bridge had opened; the following year it was closed."
    found = _anchored_in_text(text, dt.date(1998, 3, 1))
    assert ("Earlier that month", "1995-06") in found and ("following year", "1996") in found


def test_with_no_time_named_before_it_a_narrative_offset_counts_from_the_reference():
    assert ("a year earlier", "1997") in _anchored_in_text("Sales doubled from a year earlier.", dt.date(1998, 3, 1))
