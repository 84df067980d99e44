"""Temporal expressions: every family found and anchored, with the tense of its clause."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.article.timex import find_expressions
from storyline.lexicon.calendar import anchor
from storyline.model import FUTURE, NO_TENSE, PAST

MONDAY = dt.date(2022, 2, 14)


def values(text: str, reference: dt.date = MONDAY, tense: str = NO_TENSE) -> list[tuple[str, str, str | None]]:
    return [(text[s:e], kind, anchor(form, reference, tense)) for s, e, kind, form in find_expressions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb 14, 2022", ("Feb 14, 2022", "DATE", "2022-02-14")),
        ("February 14 2022", ("February 14 2022", "DATE", "2022-02-14")),
        ("on 26 February 2022", ("26 February 2022", "DATE", "2022-02-26")),
        ("Dec. 21, 2021", ("Dec. 21, 2021", "DATE", "2021-12-21")),
        ("2022-02-23", ("2022-02-23", "DATE", "2022-02-23")),
        ("in 2014", ("2014", "DATE", "2014")),
        ("in March 2021", ("March 2021", "DATE", "2021-03")),
        ("the 1990s", ("the 1990s", "DATE", "199")),
        ("the third quarter of 1998", ("the third quarter of 1998", "DATE", "1998-Q3")),
        ("the first half of 2021", ("the first half of 2021", "DATE", "2021-H1")),
        ("last month", ("last month", "DATE", "2022-01")),
        ("next week", ("next week", "DATE", "2022-W08")),
        ("this year", ("this year", "DATE", "2022")),
        ("earlier this week", ("earlier this week", "DATE", "2022-W07")),
        ("late last year", ("late last year", "DATE", "2021")),
        ("yesterday", ("yesterday", "DATE", "2022-02-13")),
        ("today", ("today", "DATE", "2022-02-14")),
        ("tomorrow morning", ("tomorrow morning", "TIME", "2022-02-15TMO")),
        ("this morning", ("this morning", "TIME", "2022-02-14TMO")),
        ("tonight", ("tonight", "TIME", "2022-02-14TNI")),
        ("three years ago", ("three years ago", "DATE", "2019")),
        ("two weeks ago", ("two weeks ago", "DATE", "2022-W05")),
        ("five days ago", ("five days ago", "DATE", "2022-02-09")),
        ("next Thursday", ("next Thursday", "DATE", "2022-02-17")),
        ("last Friday", ("last Friday", "DATE", "2022-02-11")),
        ("at 10:30 a.m.", ("10:30 a.m.", "TIME", "2022-02-14T10:30")),
        ("at 3 pm", ("3 pm", "TIME", "2022-02-14T15:00")),
        ("at noon", ("noon", "TIME", "2022-02-14T12:00")),
        ("this summer", ("this summer", "DATE", "2022-SU")),
        ("last winter", ("last winter", "DATE", "2020-WI")),
        ("nearly eight years", ("nearly eight years", "DURATION", "P8Y")),
        ("a four-day pause", ("four-day", "DURATION", "P4D")),
        ("a 24-hour strike", ("24-hour", "DURATION", "PT24H")),
        ("for several weeks", ("several weeks", "DURATION", "PXW")),
        ("the past year", ("the past year", "DURATION", "P1Y")),
        ("every week", ("every week", "SET", "P1W")),
        ("weekly", ("weekly", "SET", "P1W")),
        ("now", ("now", "DATE", "PRESENT_REF")),
        ("recently", ("recently", "DATE", "PAST_REF")),
        ("in recent months", ("recent months", "DURATION", "PXM")),
        ("over recent years", ("recent years", "DURATION", "PXY")),
        ("in the hours and days to come", ("the hours and days to come", "DATE", "FUTURE_REF")),
        ("in the coming days", ("the coming days", "DURATION", "PXD")),
        ("in the months ahead", ("the months ahead", "DURATION", "PXM")),
        ("its third-quarter loss", ("third-quarter", "DATE", "2021-Q3")),
        ("in June last year", ("June last year", "DATE", "2021-06")),
        ("in January this year", ("January this year", "DATE", "2022-01")),
        ("within a week", ("a week", "DURATION", "P1W")),
        ("the town was ruled for centuries", ("centuries", "DURATION", "PXCE")),
        ("aid will arrive within weeks", ("weeks", "DURATION", "PXW")),
        ("the best harvest in years", ("years", "DURATION", "PXY")),
        ("over the years it grew", ("the years", "DURATION", "PXY")),
    ],
)
def test_expression_families(text, expected):
    assert values(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "May I ask?",
        "They march on the capital.",
        "He was 2,014th in line.",
        "2014 troops arrived.",
        "The mon was calm.",
        "Sun Microsystems rose.",
        "Wed to the idea",
        "A 44-year-old protester was held.",
        "The 50-year-old alliance grew.",
        "About three-quarters of voters agreed.",
        "Foreign Minister Jan Kavan said so.",
        "In the weeks before the vote they met.",
        "It took years of work.",
    ],
)
def test_words_that_only_look_like_dates(text):
    assert values(text) == []


def test_ages_and_fractions_aside_durations_and_dotted_abbreviations_stay():
    assert values("a 10-year plan") == [("10-year", "DURATION", "P10Y")]
    assert values("in Jan. they met", tense=PAST) == [("Jan.", "DATE", "2022-01")]


def test_may_after_a_preposition_is_the_month():
    assert values("The talks should end by May.", tense=FUTURE) == [("May", "DATE", "2022-05")]
    assert values("Prices fell in May, traders said.", tense=PAST) == [("May", "DATE", "2021-05")]
    assert values("May the talks go well.") == []


def test_prepositions_stay_out_of_the_span():
    assert values("The vote is on Tuesday.", tense=FUTURE) == [("Tuesday", "DATE", "2022-02-15")]


def test_leap_days():
    assert values("on Feb. 29, 2024") == [("Feb. 29, 2024", "DATE", "2024-02-29")]
    assert [v for _, _, v in values("on Feb. 29, 2023")] == ["2023"]  # no such day: only the year stands
    # A 29 February without a year belongs to the nearest leap year around the reference date.
    assert values("on 29 February", dt.date(2024, 3, 5), PAST) == [("29 February", "DATE", "2024-02-29")]
    assert values("three days ago", dt.date(2024, 3, 1)) == [("three days ago", "DATE", "2024-02-27")]


def test_weekday_and_date_together_check_each_other():
    assert values("On Tuesday, April 26, he will arrive", dt.date(2022, 4, 22), FUTURE) == [("Tuesday, April 26", "DATE", "2022-04-26")]


def test_unanchored_values():
    (_, _, _, form) = find_expressions("on April 11")[0]
    assert anchor(form, None) == "XXXX-04-11"
    (_, _, _, form) = find_expressions("on Monday")[0]
    assert anchor(form, None) is None


def test_every_grammar_rule_has_a_handler():
    # A rule without a handler would find expressions and silently drop every one of them.
    from storyline.article.timex.grammar import load_grammar
    from storyline.article.timex.normalise import handled_rules

    assert {rule for _, rule in load_grammar().patterns} <= handled_rules()
