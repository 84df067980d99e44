"""The calendar both sides of the build reckon with: the TIMEX3 value of a time form said on a
given day.

The times stage anchors what an article says on the article's own date; the corpus steps
anchor the same forms again once a publication date has been inferred, and weigh candidate
publication dates by the weekdays an article names. One calendar serves both, so an article
dated late gets exactly the values it would have had with its date known.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Callable, Iterator, Sequence
from functools import cache

from storyline.lexicon import load_table
from storyline.model import FUTURE, NO_TENSE, PAST, TimeForm

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@cache
def _unit_codes() -> dict[str, str]:
    """Unit word -> its ISO 8601 letter ("week" -> "W"), as timex.toml lists them."""
    return dict(load_table("timex")["units"])


def anchor(form: TimeForm, reference: dt.date | None, tense: str = NO_TENSE) -> str | None:
    """The TIMEX3 value of `form` said on `reference` in a clause of `tense`; None when it needs
    a reference date and has none."""
    if form.kind in _FIXED and (form.kind not in _YEARED or form.year is not None):
        return _FIXED[form.kind](form)
    if reference is None:
        return _unanchored(form)
    anchored = _ON_A_DAY.get(form.kind)
    return anchored(form, reference, tense) if anchored else None


# Forms whose value needs no reference date; a season, quarter or half only when it has a year.
_FIXED: dict[str, Callable[[TimeForm], str | None]] = {
    "ref": lambda form: form.value,
    "set": lambda form: form.value,
    "duration": lambda form: duration_value(form.amount, form.unit),
    "absolute": lambda form: absolute_value(form),  # defined below: looked up when called
    "decade": lambda form: str(form.year // 10),
    "century": lambda form: str(form.year // 100),
    "season": lambda form: f"{form.year}-{form.part}",
    "quarter": lambda form: f"{form.year}-{form.part}",
    "half": lambda form: f"{form.year}-{form.part}",
}
_YEARED = {"season", "quarter", "half"}


def _with_part(day: dt.date, form: TimeForm) -> str:
    return day.isoformat() + (f"T{form.part}" if form.part else "")


def _clock_value(form: TimeForm, reference: dt.date, tense: str) -> str:
    day = weekday_date(form.weekday, reference, tense, None) if form.weekday is not None else reference + dt.timedelta(days=form.shift or 0)
    return f"{day.isoformat()}T{form.clock}"


def _offset_value(form: TimeForm, reference: dt.date, tense: str) -> str | None:
    if form.amount is None:
        return "PAST_REF" if (form.shift or 0) < 0 else "FUTURE_REF"
    return _offset(form.unit, form.amount * (form.shift or 0), reference)


# Forms anchored on the reference date, in a clause of a tense: (form, reference, tense) -> value.
_ON_A_DAY: dict[str, Callable[[TimeForm, dt.date, str], str | None]] = {
    "month_day": lambda form, reference, tense: _nearest_month_day(form.month, form.day, reference, tense, form.weekday).isoformat(),
    "month": lambda form, reference, tense: f"{_month_year(form, reference, tense)}-{form.month:02}",
    "weekday": lambda form, reference, tense: _with_part(weekday_date(form.weekday, reference, tense, form.shift), form),
    "day_offset": lambda form, reference, tense: _with_part(reference + dt.timedelta(days=form.shift or 0), form),
    "clock": _clock_value,
    "relative": lambda form, reference, tense: _relative(form.unit, form.shift or 0, reference),
    "offset": _offset_value,
    # Without the text around it, "a year earlier" is counted from the reference date.
    "narrative": _offset_value,
    "narrative_unit": lambda form, reference, tense: _relative(form.unit, form.shift or 0, reference),
    "season": lambda form, reference, tense: _season(form.part, form.shift or 0, reference),
    "quarter": lambda form, reference, tense: f"{_year_of_part(form, reference, tense, 3)}-{form.part}",
    "half": lambda form, reference, tense: f"{_year_of_part(form, reference, tense, 6)}-{form.part}",
}


def anchor_all(forms: Sequence[tuple[TimeForm, str, str]], reference: dt.date | None) -> list[str | None]:
    """The TIMEX3 values of a text's expressions, (form, type, tense) in text order: as
    `anchor`, except that "a year earlier" or "two days later" counts from the last time the
    text named, at that time's own precision ("the third quarter ... a year earlier" is the
    third quarter of the year before)."""
    values: list[str | None] = []
    last: str | None = None
    for form, kind, tense in forms:
        value = anchor(form, reference, tense)
        if form.kind == "narrative" and last is not None and form.amount is not None:
            value = shifted(last, form.unit, round(form.amount) * (form.shift or 0)) or value
        elif form.kind == "narrative_unit" and last is not None:
            value = _unit_of(last, form.unit, form.shift or 0) or value
        values.append(value)
        if kind in ("DATE", "TIME") and value and _POINT.match(value):
            last = value
    return values


_POINT = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|\d{2})(?:-(\d{2}))?)?$")
_MONTHS_IN = {"year": 12, "quarter": 3, "month": 1}


def _unit_of(value: str, unit: str | None, shift: int) -> str | None:
    """The `unit` ("day", "year") holding `value`, `shift` units on: "the following year"
    after "June 1995" is 1996."""
    match = _POINT.match(value)
    if match is None:
        return None
    year, middle, day = match.groups()
    if unit == "year":
        return str(int(year) + shift)
    if day is None:
        return shifted(f"{year}-{middle}", unit, shift) if unit == "month" and middle and middle.isdigit() else None
    if unit == "week":
        week_year, week, _ = (dt.date(int(year), int(middle), int(day)) + dt.timedelta(weeks=shift)).isocalendar()
        return f"{week_year}-W{week:02}"
    if unit == "month":
        return shifted(f"{year}-{middle}", unit, shift)
    return shifted(f"{year}-{middle}-{day}", unit, shift) if unit == "day" else None


def shifted(value: str, unit: str | None, amount: int) -> str | None:
    """`value` (a year, quarter, half, month or day) moved by `amount` units, keeping its
    precision; None when the unit is finer than the value can say ("1989", two days later)."""
    match = _POINT.match(value)
    if match is None or unit is None:
        return None
    year, middle, day = match.groups()
    if day is not None:
        base = dt.date(int(year), int(middle), int(day))
        if unit in ("day", "week", "fortnight"):
            return (base + dt.timedelta(days=amount * {"day": 1, "week": 7, "fortnight": 14}[unit])).isoformat()
        if unit not in _MONTHS_IN:
            return None
        index = base.year * 12 + base.month - 1 + amount * _MONTHS_IN[unit]
        year_to, month_to = index // 12, index % 12 + 1
        return dt.date(year_to, month_to, min(base.day, monthrange(year_to, month_to)[1])).isoformat()
    if middle is None:
        return str(int(year) + amount) if unit == "year" else None
    if middle[0] in "QH":
        per_year = 4 if middle[0] == "Q" else 2
        step = {"year": per_year, "quarter": 1 if per_year == 4 else None, "half": 1 if per_year == 2 else None}.get(unit)
        if step is None:
            return None
        index = int(year) * per_year + int(middle[1]) - 1 + amount * step
        return f"{index // per_year}-{middle[0]}{index % per_year + 1}"
    if unit not in _MONTHS_IN:
        return None
    index = int(year) * 12 + int(middle) - 1 + amount * _MONTHS_IN[unit]
    return f"{index // 12}-{index % 12 + 1:02}"


def absolute_value(form: TimeForm) -> str:
    value = str(form.year)
    if form.month:
        value += f"-{form.month:02}"
        if form.day:
            value += f"-{form.day:02}"
    return value


def _unanchored(form: TimeForm) -> str | None:
    if form.kind == "month_day":
        return f"XXXX-{form.month:02}-{form.day:02}"
    if form.kind == "month":
        return f"XXXX-{form.month:02}"
    return None


def duration_value(amount: float | None, unit: str | None) -> str:
    code = _unit_codes().get(unit or "", "D")
    count = "X" if amount is None else (str(int(amount)) if float(amount).is_integer() else str(amount))
    if code == "W2":
        return "P2W" if amount in (None, 1) else f"P{int(2 * amount)}W"
    if code.startswith("T"):
        return f"PT{count}{code[1:]}"
    if code == "Q":
        return f"P{count}Q"
    return f"P{count}{code}"


# How much farther a date after the reference counts than one before it, by the tense of the
# clause: news reports the past, and a past-tense clause names a later date only when it reports a
# plan ("set Nov. 10 as the deadline", "was extended to Nov. 16"), so a date just ahead still wins
# over one nearly a year back. A future-tense clause never looks back (see _tense_allows).
_AHEAD_COST = {PAST: 3.0, NO_TENSE: 1.5}


def _tense_allows(options: list, reference, tense: str, distance: Callable) -> list:
    """The candidates a clause of `tense` can mean: a future one only those on or after the
    reference."""
    if tense == FUTURE:
        return [d for d in options if distance(d) >= 0] or options
    return options


def _biased_nearest(options: list, tense: str, distance: Callable):
    """The candidate nearest the reference, a later one weighed by _AHEAD_COST."""
    ahead_cost = _AHEAD_COST.get(tense, 1.0)
    return min(options, key=lambda d: -distance(d) if distance(d) <= 0 else ahead_cost * distance(d))


def _nearest_month_day(month: int, day: int, reference: dt.date, tense: str, weekday: int | None) -> dt.date:
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    if weekday is not None:
        matching = [d for d in options if d.weekday() == weekday]
        options = matching or options
    def distance(d):
        return (d - reference).days
    return _biased_nearest(_tense_allows(options, reference, tense, distance), tense, distance)


def _month_year(form: TimeForm, reference: dt.date, tense: str) -> int:
    if form.unit == "year":  # "June last year": the shift counts years
        return reference.year + (form.shift or 0)
    return _year_of_month(form.month, reference, tense, form.shift)


def _year_of_part(form: TimeForm, reference: dt.date, tense: str, months: int) -> int:
    """The year of "the fourth quarter" or "the first half": "of next year" says it, else the
    nearest such part, weighed by tense ("the fourth quarter" reported in January is last year's)."""
    if form.shift is not None:
        return reference.year + form.shift
    number = int(form.part[1:])
    current = (reference.month - 1) // months + 1
    per_year = 12 // months
    def distance(year):
        return (year - reference.year) * per_year + number - current
    # No future restriction: results "for the third quarter" are reported after it ends.
    return _biased_nearest([reference.year - 1, reference.year, reference.year + 1], tense, distance)


def _year_of_month(month: int, reference: dt.date, tense: str, shift: int | None) -> int:
    if shift == -1:
        return reference.year if month < reference.month else reference.year - 1
    if shift == 1:
        return reference.year if month > reference.month else reference.year + 1
    if shift == 0:
        return reference.year
    def distance(year):
        return (year - reference.year) * 12 + month - reference.month
    years = [reference.year - 1, reference.year, reference.year + 1]
    return _biased_nearest(_tense_allows(years, reference, tense, distance), tense, distance)


def weekday_date(weekday: int, reference: dt.date, tense: str, shift: int | None) -> dt.date:
    back = (reference.weekday() - weekday) % 7
    ahead = (weekday - reference.weekday()) % 7
    if shift == 1:  # "next Thursday": the first one after the reference date
        return reference + dt.timedelta(days=ahead or 7)
    if shift == -1:  # "last Friday": the latest one before it
        return reference - dt.timedelta(days=back or 7)
    if shift == 0:  # "this Tuesday": the one in the reference date's week
        return reference + dt.timedelta(days=weekday - reference.weekday())
    if tense == FUTURE:
        return reference + dt.timedelta(days=ahead or 7)
    return reference - dt.timedelta(days=back)


def _relative(unit: str | None, shift: int, reference: dt.date) -> str | None:
    if unit == "day":
        return (reference + dt.timedelta(days=shift)).isoformat()
    if unit in ("week", "weekend"):
        year, week, _ = (reference + dt.timedelta(weeks=shift)).isocalendar()
        return f"{year}-W{week:02}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        index = reference.year * 12 + reference.month - 1 + shift
        return f"{index // 12}-{index % 12 + 1:02}"
    if unit == "quarter":
        index = reference.year * 4 + (reference.month - 1) // 3 + shift
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "year":
        return str(reference.year + shift)
    if unit == "decade":
        return str(reference.year // 10 + shift)
    if unit == "century":
        return str(reference.year // 100 + shift)
    return None


def _offset(unit: str | None, amount: float, reference: dt.date) -> str | None:
    whole = round(amount)
    if unit in ("day", "night"):
        return (reference + dt.timedelta(days=whole)).isoformat()
    if unit == "fortnight":
        return _relative("week", 2 * whole, reference)
    return _relative(unit, whole, reference)


def _season(part: str | None, shift: int, reference: dt.date) -> str:
    season_of_month = {m: code for code, (first, last) in _SEASON_MONTHS.items() for m in _months_between(first, last)}
    current = season_of_month[reference.month]
    # Winter spans the turn of the year; it belongs to the year it starts in.
    year = reference.year - (1 if current == "WI" and reference.month <= 2 else 0)
    if not shift:
        return f"{year if part == 'WI' else reference.year}-{part}"
    sequence = ["SP", "SU", "FA", "WI"]
    position = year * 4 + sequence.index(current)
    step = -1 if shift < 0 else 1
    position += step
    while sequence[position % 4] != part:
        position += step
    return f"{position // 4}-{part}"


def _months_between(first: int, last: int) -> Iterator[int]:
    month = first
    while True:
        yield month
        if month == last:
            return
        month = month % 12 + 1
