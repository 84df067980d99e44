"""The tense of an expression's clause decides which way it is anchored."""

from __future__ import annotations

import datetime as dt

from storyline.article.annotate import annotation_of, load_model
from storyline.article.timex import tag
from storyline.lexicon.calendar import anchor
from storyline.model import FUTURE, PAST
from storyline.settings import Settings

MONDAY = dt.date(2022, 2, 14)


def tagged(text: str, reference: dt.date = MONDAY) -> list[tuple[str, str | None, str]]:
    nlp = load_model(Settings().model)
    annotation = annotation_of(nlp(text), "test")
    return [(m.text, anchor(m.form, reference, m.tense), m.tense) for m in tag(text, annotation.tokens)]


def test_weekday_follows_the_tense_of_its_clause():
    assert tagged("Guterres on Monday called for diplomacy. The Duma will vote on Tuesday. Officials met on Thursday.") == [
        ("Monday", "2022-02-14", PAST),
        ("Tuesday", "2022-02-15", FUTURE),
        ("Thursday", "2022-02-10", PAST),
    ]


def test_weekday_equal_to_the_publication_day():
    # Published on a Monday: "on Monday" in the past tense is that very day; in the future
    # tense it is a week later.
    assert tagged("He spoke on Monday.") == [("Monday", "2022-02-14", PAST)]
    assert tagged("He will speak on Monday.") == [("Monday", "2022-02-21", FUTURE)]


def test_scheduled_frames_are_future():
    assert tagged("Next Thursday, the UN Security Council is scheduled to hold its annual meeting.")[0] == (
        "Next Thursday",
        "2022-02-17",
        FUTURE,
    )
    assert tagged("Putin is expected to visit Minsk on Friday.")[0] == ("Friday", "2022-02-18", FUTURE)


def test_attribution_time_is_past():
    assert tagged("Putin will meet Guterres next week, according to the Kremlin on Friday.")[1] == ("Friday", "2022-02-11", PAST)


def test_month_without_year_across_the_year_boundary():
    january = dt.date(2022, 1, 10)
    assert tagged("The talks collapsed in December.", january) == [("December", "2021-12", PAST)]
    assert tagged("The talks will resume in December.", january) == [("December", "2022-12", FUTURE)]
    assert tagged("The ceasefire began on Dec. 28.", january) == [("Dec. 28", "2021-12-28", PAST)]
    assert tagged("Elections will be held on January 3.", dt.date(2021, 12, 20)) == [("January 3", "2022-01-03", FUTURE)]


def test_a_season_read_as_a_verb_is_no_time():
    """"Prices will fall" names no autumn; "in the fall" does."""
    assert tagged("Prices will fall further.") == []
    assert [text for text, _, _ in tagged("The talks resume in the fall.")] == ["fall"]
