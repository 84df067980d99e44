"""Dates at their precision: a month is every day of it."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.model.dates import date_bounds, first_day, overlaps, parse_date_flag, precision


def test_a_date_means_every_day_of_its_precision():
    assert date_bounds("2022-02-14") == (dt.date(2022, 2, 14), dt.date(2022, 2, 14))
    assert date_bounds("2022-02") == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    assert date_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_bounds("2022-12") == (dt.date(2022, 12, 1), dt.date(2022, 12, 31))
    assert date_bounds("2014") == (dt.date(2014, 1, 1), dt.date(2014, 12, 31))
    assert date_bounds(None) is None and date_bounds("soon") is None and date_bounds("2022-13") is None
    assert [precision(v) for v in ("2014", "2022-02", "2022-02-14", None)] == ["year", "month", "day", None]
    assert first_day("2022-02") == dt.date(2022, 2, 1)


def test_since_a_month_keeps_its_days_and_the_month_itself():
    since, _ = parse_date_flag("2022-02", "--since")
    assert overlaps(date_bounds("2022-02-14"), since, None) and overlaps(date_bounds("2022-02"), since, None)
    assert overlaps(date_bounds("2022"), since, None)  # the year may be February or later
    assert not overlaps(date_bounds("2022-01-31"), since, None) and not overlaps(date_bounds("2021"), since, None)
    _, until = parse_date_flag("2022-02-14", "--until")
    assert overlaps(date_bounds("2022-02"), None, until) and not overlaps(date_bounds("2022-02-15"), None, until)
    assert not overlaps(None, since, until)


def test_a_flag_that_is_no_date_is_one_clear_error():
    with pytest.raises(ValueError, match=r"--since 14/02/2022: not a date \(YYYY, YYYY-MM or YYYY-MM-DD\)"):
        parse_date_flag("14/02/2022", "--since")
    with pytest.raises(ValueError, match="not a date"):
        parse_date_flag("2022-02-30", "--until")
