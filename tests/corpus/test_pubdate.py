"""Publication dates inferred from an article's clues, and years from the corpus."""

from __future__ import annotations

import datetime as dt

from storyline.article.annotate import annotation_of, load_model
from storyline.article.timex import tag
from storyline.article.timex.tense import sentence_tenses
from storyline.corpus.pubdate import infer
from storyline.model import CaptionDate, TimeTagging
from storyline.settings import Settings


def tagging(text: str, captions: tuple[CaptionDate, ...] = ()) -> TimeTagging:
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    return TimeTagging(tuple(tag(text, annotation.tokens)), captions, tuple(sentence_tenses(annotation)))


def lead_end(t: TimeTagging) -> int:
    return t.sentences[0].end


def test_news_photo_and_weekday_date_the_article():
    t = tagging(
        "The minister on Monday called for talks. The State Department on Saturday ordered staff out.",
        (CaptionDate("2022-02-14", 0, False),),
    )
    assert infer(t, lead_end(t), []).date == dt.date(2022, 2, 14)


def test_file_photo_says_nothing():
    t = tagging("The minister on Monday called for talks.", (CaptionDate("2021-12-21", 0, True),))
    assert infer(t, lead_end(t), []) is None


def test_year_from_the_corpus_and_weekday_after_a_dated_event():
    # "on April 11" is more than a week back (news names recent days by weekday); "on Sunday"
    # is the latest Sunday: 17 April 2022.
    t = tagging("Nehammer met Putin in Moscow on April 11. He told NBC on Sunday that Putin believes he is winning.")
    assert infer(t, lead_end(t), []) is None  # no year anywhere
    inferred = infer(t, lead_end(t), [2022, 2022])
    assert inferred.date == dt.date(2022, 4, 17) and inferred.year_from_corpus


def test_scheduled_date_with_weekday_and_the_lead():
    text = (
        "Putin will meet Guterres next week, according to the Kremlin on Friday. "
        "On Tuesday, April 26, Guterres will arrive in Moscow. "
        "Guterres sent letters on Tuesday, his spokesman announced Wednesday. "
        "He last spoke to Zelensky on 26 February."
    )
    t = tagging(text)
    # 26 April is a Tuesday in 2016 and in 2022; the corpus is dated 2022.
    assert infer(t, lead_end(t), [2022]).date == dt.date(2022, 4, 22)
    assert infer(t, lead_end(t), [2016]).date == dt.date(2016, 4, 22)


def test_contradictory_clues_give_no_date():
    t = tagging("The summit will be held on March 1, 2022. The talks ended on March 9, 2022.")
    assert infer(t, lead_end(t), []) is None


def test_a_corpus_spread_over_years_gives_no_year():
    # An archive of reports from 2005 to 2013: the year of an undated one is anybody's guess.
    t = tagging("Nehammer met Putin in Moscow on April 11. He told NBC on Sunday that Putin believes he is winning.")
    assert infer(t, lead_end(t), [2005, 2008, 2009, 2011, 2013, 2013]) is None
    assert infer(t, lead_end(t), [2022, 2022, 2022, 2021]).date == dt.date(2022, 4, 17)


def test_an_article_is_never_dated_before_the_background_it_reports():
    """The lead tells undated news; "on Sunday" comes later, as background. Dated that Sunday,
    the article would come out before the news it reports (seen on a report of Guterres's
    letters, dated 17 April from "told Meet the Press on Sunday")."""
    text = (
        "The Secretary-General has asked to meet the president in Moscow. "
        "The request was made in a letter delivered to the mission. "
        "The chancellor was the last leader to meet him face to face on April 11. "
        "He told a television programme on Sunday that the president believes he is winning."
    )
    t = tagging(text)
    inferred = infer(t, lead_end(t), [2022, 2022])
    assert inferred.date > dt.date(2022, 4, 17)  # Sunday 17 April: the background, not the news
    assert inferred.date <= dt.date(2022, 4, 23)
