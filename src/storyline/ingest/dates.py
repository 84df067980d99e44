"""Calendar dates written the way news writes them, to ISO 8601 at the precision written.

Two jobs: normalise a date a user or a page's metadata gave ("2022-02-14T10:00:00Z",
"Mon, 14 Feb 2022 10:00:00 GMT", "February 14, 2022"), and find a dateline at the head of an
article's text. It must never read a date out of a caption or a sentence as the publication
date: only dates that open the text, follow a dateline label, or follow a place dateline count.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import cache

from storyline.lexicon import load_table

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"


@cache
def _patterns() -> tuple[re.Pattern, ...]:
    table = load_table("datelines")
    months = "|".join(sorted(table["months"], key=len, reverse=True))
    month = rf"(?P<month>{months})\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d{2})"
    forms = [
        r"(?P<iso>(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2}))(?![\d])",
        rf"{day}\s+(?:of\s+)?{month},?\s+{year}",
        rf"{month}\s+{day},?\s+{year}",
    ]
    date = _number_groups(forms)
    labels = "|".join(sorted((re.escape(label) for label in table["labels"]), key=len, reverse=True))
    whole = re.compile(rf"^\s*(?:{_WEEKDAY})?{date}", re.I)
    # A dateline stands apart: at the start of a line or after a separator, and the date ends
    # its line or is followed by a time or another separator. "a report published on March 3,
    # 2021, which ..." and "February 24, 2022 began like any other day" are sentences.
    apart = r"(?:^|(?<=[|•·\u2013\u2014])|(?<=\s[-|]))[ \t]*"
    closed = r"(?=[ \t]*(?:$|[|•·\u2013\u2014(\-]|\d{1,2}[:.]\d\d|at\s+\d|(?:GMT|UTC|IST|EST|ET|CET)\b))"
    iso_label = r"(?:date|dated)\s*:?\s*\d{4}-\d{2}-\d{2}"
    labelled = re.compile(rf"(?m){apart}(?:{labels})\s*[:\-\u2013\u2014]?\s*(?:on\s+)?(?:{_WEEKDAY})?{date}{closed}", re.I)
    # A machine-made "date 2022-02-23" is a dateline whatever follows it.
    machine = re.compile(rf"(?m){apart}(?={iso_label})(?:{labels})\s*:?\s*{date}", re.I)
    line_start = re.compile(rf"(?m)^[ \t]*(?:{_WEEKDAY})?{date}{closed}", re.I)
    place = re.compile(rf"(?m)^[ \t]*(?-i:[A-Z][A-Z.'/ -]{{1,60}}),\s+(?:{_WEEKDAY})?{date}", re.I)
    return whole, labelled, machine, line_start, place


def _number_groups(forms: list[str]) -> str:
    """Join date forms into one alternation, giving each form's groups their own suffix
    (Python forbids a group name twice in one pattern)."""
    numbered = []
    for index, form in enumerate(forms):
        numbered.append(re.sub(r"\(\?P<(\w+)>", lambda m, i=index: f"(?P<{m.group(1)}_{i}>", form))
    return "(?:" + "|".join(f"(?:{form})" for form in numbered) + ")"


def _date_from_match(match: re.Match) -> str | None:
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    months = load_table("datelines")["months"]
    year = month = day = None
    for name, value in groups.items():
        key = name.rsplit("_", 1)[0]
        if key in ("year", "iy"):
            year = int(value)
        elif key == "im":
            month = int(value)
        elif key == "month":
            month = months.get(value.lower().rstrip("."))
        elif key in ("day", "id"):
            day = int(value)
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: str) -> str | None:
    """A date string from a record or metadata as YYYY, YYYY-MM or YYYY-MM-DD; None if it is not one."""
    value = value.strip()
    iso = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", value)
    if iso:
        year, month, day = iso.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return None
        return "-".join(part for part in (year, month, day) if part)
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = _patterns()[0].match(value)
    if match and not value[match.end() :].strip(" ,.").strip()[:1].isalpha():
        return _date_from_match(match)
    return None


def find_dateline(text: str, window: int) -> tuple[str, str] | None:
    """The publication date written at the head of `text`, with the words it was read from."""
    head = text[:window]
    found = []
    for pattern in _patterns()[1:]:
        for match in pattern.finditer(head):
            date = _date_from_match(match)
            if date:
                found.append((match.start(), date, match.group(0).strip()))
                break
    if not found:
        return None
    _, date, evidence = min(found)
    return date, evidence
