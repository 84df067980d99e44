"""The story page's timeline drawn to scale: a day axis on which a gap of a year looks like one.

Each entry becomes a mark from the first to the last day its date covers (a day, a month, a
year), stacked in lanes so that marks do not overlap. This is the first drawing, for a page
without script; static/timeline.js draws it again, the same way, when the reader zooms or pans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storyline.model import TimelineEntry
from storyline.model.dates import exact_bounds

WIDTH = 960
LEFT, RIGHT = 12, 12
LANE_HEIGHT = 14
AXIS_HEIGHT = 28
MOST_LANES = 16
# Marks closer than this many pixels share a lane only if they do not touch.
GAP = 3
MARK_WIDTH = 8


@dataclass(frozen=True, slots=True)
class Mark:
    number: int  # the entry's number on the page: its row is #entry-N
    first: int  # first day (proleptic Gregorian ordinal)
    last: int
    lane: int
    x: float
    width: float
    css: str
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Axis:
    first: int
    last: int
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    height: int
    width: int = WIDTH


def days_of(date: str) -> tuple[int, int] | None:
    """The first and last day (ordinals) a date of YYYY, YYYY-MM or YYYY-MM-DD covers: the
    stretch `--since` and `--until` compare too (model/dates.py)."""
    bounds = exact_bounds(date)
    return (bounds[0].toordinal(), bounds[1].toordinal()) if bounds else None
    return None


def entry_css(entry: TimelineEntry) -> str:
    if entry.kind == "background":
        return "background"
    return "scheduled" if entry.status == "scheduled" else "story"


def axis(entries: list[TimelineEntry]) -> Axis | None:
    """The axis of the entries (numbered in the order given), or None when none is dated."""
    spans = [(number, days) for number, entry in enumerate(entries) if (days := days_of(entry.date))]
    if not spans:
        return None
    first = min(days[0] for _, days in spans)
    last = max(days[1] for _, days in spans)
    # A little room either side, so the first and last marks are not on the frame.
    pad = max(1, (last - first) // 40)
    first, last = first - pad, last + pad + 1
    scale = (WIDTH - LEFT - RIGHT) / (last - first)
    lane_ends: list[float] = []
    marks = []
    for number, (start, end) in sorted(spans, key=lambda item: (item[1][0], -item[1][1])):
        x = LEFT + (start - first) * scale
        width = max(MARK_WIDTH, (end + 1 - start) * scale)
        lane = next((i for i, taken in enumerate(lane_ends) if taken + GAP <= x), None)
        if lane is None:
            lane = len(lane_ends) if len(lane_ends) < MOST_LANES else min(range(len(lane_ends)), key=lane_ends.__getitem__)
            if lane == len(lane_ends):
                lane_ends.append(0.0)
        lane_ends[lane] = max(lane_ends[lane], x + width)
        entry = entries[number]
        marks.append(Mark(number, start, end, lane, round(x, 1), round(width, 1), entry_css(entry), f"{entry.date}: {entry.summary}"))
    height = AXIS_HEIGHT + LANE_HEIGHT * max(1, len(lane_ends)) + 8
    return Axis(first, last, tuple(sorted(marks, key=lambda m: m.number)), tuple(ticks(first, last, scale)), height)


def ticks(first: int, last: int, scale: float) -> list[Tick]:
    """Labels at year, month or day boundaries, as many as fit (about one per 80 pixels)."""
    span = last - first
    start, end = dt.date.fromordinal(first), dt.date.fromordinal(last)
    found = []
    if span > 3 * 365:
        step = max(1, round(span / 365 / ((WIDTH - LEFT - RIGHT) / 80)))
        found = [(dt.date(year, 1, 1), str(year)) for year in range(start.year + 1, end.year + 1) if year % step == 0]
    elif span > 90:
        step = max(1, round(span / 30 / ((WIDTH - LEFT - RIGHT) / 80)))
        # Months counted from year 0: the first boundary after the axis starts, to the last before it ends.
        months = range(start.year * 12 + start.month, end.year * 12 + end.month)
        found = [(dt.date(m // 12, m % 12 + 1, 1), f"{m // 12}-{m % 12 + 1:02d}") for m in months if m % step == 0]
    else:
        step = max(1, round(span / ((WIDTH - LEFT - RIGHT) / 80)))
        found = [(dt.date.fromordinal(day), dt.date.fromordinal(day).isoformat()) for day in range(first, last + 1) if day % step == 0]
    return [Tick(round(LEFT + (day.toordinal() - first) * scale, 1), label) for day, label in found if first <= day.toordinal() <= last]
