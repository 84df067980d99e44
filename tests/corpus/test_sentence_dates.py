"""Each sentence dated by what it reports, with a status."""

from __future__ import annotations

import datetime as dt

from storyline.article.annotate import annotation_of, load_model
from storyline.article.timex import tag
from storyline.article.timex.tense import sentence_tenses
from storyline.corpus.sentence_dates import calendar_date, date_sentences
from storyline.lexicon.calendar import anchor_all
from storyline.settings import Settings

MONDAY = dt.date(2022, 2, 14)


def dated(text: str, published: dt.date | None = MONDAY):
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    mentions = tuple(tag(text, annotation.tokens))
    values = anchor_all([(m.form, m.type, m.tense) for m in mentions], published)
    sentences = date_sentences(text, tuple(sentence_tenses(annotation)), mentions, values, published)
    return [(text[s.start : s.end], s.date, s.date_basis, s.status) for s in sentences]


def test_own_expression_then_context_then_publication():
    text = "The State Department on February 3 ordered staff to leave. It cited the threat of an invasion.\nGuterres spoke to reporters."
    assert dated(text) == [
        ("The State Department on February 3 ordered staff to leave.", "2022-02-03", "explicit", "happened"),
        ("It cited the threat of an invasion.", "2022-02-03", "context", "happened"),
        ("Guterres spoke to reporters.", "2022-02-14", "publication", "happened"),
    ]


def test_undated_sentences_take_the_day_the_lede_reports_when_published_the_day_after():
    text = "Guterres told reporters on Sunday he was worried.\nPeskov said the talks had failed.\nThe council will meet."
    assert [(d, basis) for _, d, basis, _ in dated(text)] == [
        ("2022-02-13", "explicit"),
        ("2022-02-13", "news day"),
        ("2022-02-14", "publication"),  # what is still to come is not the lede's day
    ]


def test_a_report_written_days_after_its_news_day_still_tells_that_day():
    # published on a Monday, of a Wednesday event: the weekend between them
    text = "In a Wednesday media event, Acme unveiled a new laptop.\nIts chief executive praised the design."
    assert [(d, basis) for _, d, basis, _ in dated(text)] == [("2022-02-09", "explicit"), ("2022-02-09", "news day")]


def test_a_lede_about_the_future_or_long_past_sets_no_news_day():
    future = "Guterres will arrive in Moscow on Tuesday.\nPeskov said the talks had failed."
    assert [basis for _, _, basis, _ in dated(future)] == ["explicit", "publication"]
    older = "Guterres told reporters on February 3 he was worried.\nPeskov said the talks had failed."
    assert [basis for _, _, basis, _ in dated(older)] == ["explicit", "publication"]


def test_scheduled_and_hypothetical():
    text = "The Duma will vote on Tuesday. Moscow could follow up with an invasion."
    assert [(d, status) for _, d, _, status in dated(text)] == [("2022-02-15", "scheduled"), ("2022-02-15", "hypothetical")]


def test_undated_article_keeps_only_explicit_dates():
    text = "Talks began on Feb 14, 2022. They went on on Monday."
    assert [(d, basis) for _, d, basis, _ in dated(text, None)] == [("2022-02-14", "explicit"), ("2022-02-14", "context")]


def test_calendar_dates_at_their_precision():
    assert calendar_date("2022-02-14T10:30") == "2022-02-14"
    assert calendar_date("2022-W07") == "2022-02"
    assert calendar_date("2022-Q1") == "2022"
    assert calendar_date("PRESENT_REF") is None and calendar_date("P3Y") is None
