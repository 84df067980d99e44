"""Publication dates for articles that do not state one, reasoned from what they say.

Per article, the clues are: dates of past events (the article came out after them), dates of
scheduled events (it came out before them), photo captions (a news photo is usually taken the
day of the story; an archive photo says nothing), and weekdays. News style names an event of
the past week by its weekday ("on Monday") and an older one by its date ("on April 11"), and
the lead sentence reports the news of the day, so among the days the hard clues allow, the one
that puts the weekdays mentioned closest before it, the lead's above all, is the most likely.

Per corpus: an article whose clues give no year takes it from the articles whose year is
known (a "Tuesday, April 26" fits 2016 and 2022; a corpus dated 2022 says which). An article
with no clue at all stays undated; its event cluster may date it later.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from storyline.lexicon.calendar import weekday_date
from storyline.model import FUTURE, PAST, TemporalMention, TimeForm, TimeTagging

# Weights of the soft clues, in "days of weekday distance".
LEAD_WEIGHT = 3.0  # a weekday in the lead sentence
CAPTION_WEIGHT = 0.5  # per day between a news photo and publication
STYLE_WEIGHT = 0.3  # per day an explicitly dated past event is nearer than a week
SCHEDULE_WEIGHT = 0.3  # per day before an explicitly dated scheduled event: news looks ahead briefly
EARLY_WEIGHT = 0.05  # per day after the earliest possible date: news is published promptly
CORPUS_YEAR_SHARE = 0.75  # of the dated articles in one year: then an undated one is taken to be of it too
WINDOW_DAYS = 21  # how far past the last hard lower bound publication is looked for
YEARS_SEARCHED = range(1990, dt.date.today().year + 1)


@dataclass(frozen=True, slots=True)
class InferredDate:
    date: dt.date
    clues: int  # how many clues took part
    year_from_corpus: bool


def year_hints(tagging: TimeTagging) -> list[int]:
    """Years an article's own clues point to: full dates in its text and news-photo captions."""
    years = [int(c.value[:4]) for c in tagging.caption_dates if not c.file_photo]
    years += [m.form.year for m in tagging.mentions if m.form.kind == "absolute" and m.form.day and m.tense != FUTURE]
    return years


def _usual_year(corpus_years: list[int]) -> int | None:
    """The year most of the corpus was published in, when most of it was: a pile spread over
    many years (an archive) says nothing about the year of one undated article in it."""
    if not corpus_years:
        return None
    year, count = Counter(corpus_years).most_common(1)[0]
    return year if count >= CORPUS_YEAR_SHARE * len(corpus_years) else None


def infer(tagging: TimeTagging, lead_end: int, corpus_years: list[int]) -> InferredDate | None:
    """The most likely publication date, or None when the clues cannot pin a day."""
    years = year_hints(tagging)
    from_corpus = False
    if years:
        candidates = [Counter(years).most_common(1)[0][0]]
    else:
        candidates = _years_fitting_weekdays(tagging) or []
        usual = _usual_year(corpus_years)
        if usual is not None:
            from_corpus = True
            candidates = sorted(candidates, key=lambda y: abs(y - usual))[:1] if candidates else [usual]
        elif len(candidates) != 1:
            return None
    best: tuple[float, dt.date, int] | None = None
    for year in candidates:
        found = _best_day(tagging, lead_end, year)
        if found and (best is None or found[0] < best[0]):
            best = found
    if best is None:
        return None
    return InferredDate(best[1], best[2], from_corpus)


def _years_fitting_weekdays(tagging: TimeTagging) -> list[int]:
    """Years in which every "Tuesday, April 26" of the article falls on its weekday."""
    pinned = [m.form for m in tagging.mentions if m.form.kind == "month_day" and m.form.weekday is not None]
    if not pinned:
        return []
    return [year for year in YEARS_SEARCHED if all(_weekday_fits(year, form) for form in pinned)]


def _weekday_fits(year: int, form: TimeForm) -> bool:
    try:
        return dt.date(year, form.month, form.day).weekday() == form.weekday
    except ValueError:
        return False


def _best_day(tagging: TimeTagging, lead_end: int, year: int) -> tuple[float, dt.date, int] | None:
    past, future, captions = [], [], []
    for mention in tagging.mentions:
        day = _day_of(mention.form, year)
        if day is None:
            continue
        (future if mention.tense == FUTURE else past).append(day)
    for caption in tagging.caption_dates:
        if not caption.file_photo and int(caption.value[:4]) == year:
            captions.append(dt.date.fromisoformat(caption.value))
    lower = max(past + captions, default=None)
    upper = min((d - dt.timedelta(days=1) for d in future), default=None)
    if lower is None and upper is None:
        return None
    if lower is None:
        lower = upper - dt.timedelta(days=WINDOW_DAYS)
    last = upper if upper is not None else lower + dt.timedelta(days=WINDOW_DAYS)
    if last < lower:
        return None  # the clues contradict each other in this year
    weekdays = [m for m in tagging.mentions if m.form.kind == "weekday" and m.form.shift is None and m.form.part is None]
    uses_weekdays = bool(weekdays)
    undated_lead = not any(m.start < lead_end and m.form.kind in _DAY_KINDS for m in tagging.mentions)
    best = None
    day = lower
    while day <= last:
        cost = EARLY_WEIGHT * (day - lower).days
        for mention in weekdays:
            cost += _weekday_cost(mention, day, mention.start < lead_end, undated_lead)
        cost += sum(CAPTION_WEIGHT * (day - c).days for c in captions)
        cost += sum(SCHEDULE_WEIGHT * (f - day).days for f in future)
        if uses_weekdays:
            cost += sum(STYLE_WEIGHT * max(0, 6 - (day - d).days) for d in past)
        if best is None or cost < best[0]:
            best = (cost, day)
        day += dt.timedelta(days=1)
    clues = len(past) + len(future) + len(captions) + len(weekdays)
    return best[0], best[1], clues


# Forms that name a day: a lead with none of them reports undated news.
_DAY_KINDS = ("weekday", "month_day", "day_offset", "clock", "absolute")


def _weekday_cost(mention: TemporalMention, day: dt.date, in_lead: bool, undated_lead: bool) -> float:
    """Days between publication on `day` and the weekday a mention names, in the direction its
    tense points. When the lead tells undated news ("Guterres has asked to meet Putin") and a
    weekday comes only later ("Nehammer told NBC on Sunday"), that weekday is background from
    before the news: an article published that very day would have dated its news too, so the
    weekday is counted from the day before publication and the article never comes out on the
    day of the background it reports."""
    weight = LEAD_WEIGHT if in_lead else 1.0
    if mention.tense == FUTURE:
        return weight * ((weekday_date(mention.form.weekday, day, FUTURE, None) - day).days - 1)
    if undated_lead and not in_lead:
        before = day - dt.timedelta(days=1)
        return weight * (before - weekday_date(mention.form.weekday, before, PAST, None)).days
    return weight * (day - weekday_date(mention.form.weekday, day, PAST, None)).days


def _day_of(form: TimeForm, year: int) -> dt.date | None:
    """The day a dated mention names, taking `year` where it names none."""
    if form.kind == "absolute" and form.day:
        if form.year != year:
            return None
        return dt.date(form.year, form.month, form.day)
    if form.kind == "month_day":
        try:
            return dt.date(year, form.month, form.day)
        except ValueError:
            return None
    return None
