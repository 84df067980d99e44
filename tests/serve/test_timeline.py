"""The timeline axis: dates to days, days to x on one linear scale (a gap is as long as the time
it stands for), lanes where marks would touch, and ticks on real boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.model import TimelineEntry
from storyline.serve.timeline import axis, days_of, ticks


def _entry(date: str, **fields) -> TimelineEntry:
    return TimelineEntry(date, f"on {date}", (), (), **fields)


def test_a_date_covers_its_days():
    day = dt.date(2022, 2, 14).toordinal()
    assert days_of("2022-02-14") == (day, day)
    assert days_of("2022-02") == (dt.date(2022, 2, 1).toordinal(), dt.date(2022, 2, 28).toordinal())
    assert days_of("2024") == (dt.date(2024, 1, 1).toordinal(), dt.date(2024, 12, 31).toordinal())
    assert days_of("2022-02-30") is None and days_of("soon") is None and days_of("") is None


def test_gaps_are_to_scale():
    drawn = axis([_entry("2022-01-01"), _entry("2022-01-11"), _entry("2022-04-21")])
    x = [mark.x for mark in drawn.marks]
    assert (x[2] - x[1]) / (x[1] - x[0]) == pytest.approx(100 / 10, rel=0.02)
    assert all(mark.lane == 0 for mark in drawn.marks)


def test_marks_that_would_touch_take_other_lanes():
    entries = [_entry("2022-02-14"), _entry("2022-02-14"), _entry("2022-02", kind="background"), _entry("2022-06-01", status="scheduled")]
    drawn = axis(entries)
    lanes: dict[int, list] = {}
    for mark in drawn.marks:
        for other in lanes.get(mark.lane, []):
            assert mark.x >= other.x + other.width or other.x >= mark.x + mark.width
        lanes.setdefault(mark.lane, []).append(mark)
    assert len(lanes) == 3 and [mark.css for mark in drawn.marks] == ["story", "story", "background", "scheduled"]
    assert axis([_entry("undated")]) is None


def test_ticks_fall_on_month_and_year_boundaries():
    first, last = dt.date(2022, 1, 20).toordinal(), dt.date(2022, 6, 10).toordinal()
    labels = [tick.label for tick in ticks(first, last, 1.0)]
    assert labels[0] == "2022-02" and labels[-1] == "2022-06"
    years = [tick.label for tick in ticks(dt.date(2014, 5, 1).toordinal(), dt.date(2022, 3, 1).toordinal(), 0.3)]
    assert years[0] == "2015" and years[-1] == "2022"
