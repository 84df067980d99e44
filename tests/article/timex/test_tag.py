"""Which expressions the tagger finds and of what type, from the words around them."""

from __future__ import annotations

import datetime as dt

from storyline.article.annotate import annotation_of, load_model
from storyline.article.timex import tag
from storyline.lexicon.calendar import anchor
from storyline.settings import Settings


def tagged(text: str) -> list[tuple[str, str, str | None]]:
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    return [(m.text, m.type, anchor(m.form, dt.date(2009, 6, 11), m.tense)) for m in tag(text, annotation.tokens)]


def test_a_span_measured_back_from_a_superlative_is_a_duration_not_a_date_ahead():
    assert tagged("For the first time in 40 years, a global pandemic is upon us.") == [("40 years", "DURATION", "P40Y")]
    assert tagged("Prices rose at the fastest pace in a decade.")[0][:2] == ("a decade", "DURATION")


def test_in_so_many_years_without_a_superlative_is_still_ahead():
    assert tagged("He will retire in two years.") == [("in two years", "DATE", "2011")]
