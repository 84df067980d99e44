"""The story as DataFrames: a frame per kind, columns named as the export's fields, typed."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import storyline
from storyline.model import Story
from storyline.model.frames import FRAMES


@pytest.fixture(scope="module")
def frames(wire_store):
    return storyline.open(wire_store).frames()


def test_one_frame_per_kind_with_a_row_per_record(wire_store, frames):
    story = storyline.open(wire_store)
    assert set(frames) == set(FRAMES) == {"articles", "entities", "mentions", "quotes", "events", "timeline", "clusters", "brief", "stories"}
    for kind in FRAMES:
        if kind != "mentions":
            assert len(frames[kind]) == len(getattr(story, kind)), kind
    assert len(frames["mentions"]) == sum(len(e.mentions) for e in story.entities)


def test_dates_are_dates_with_their_precision_beside(frames):
    events = frames["events"]
    assert events["date"].dtype == "datetime64[s]"
    assert isinstance(events["date_precision"].dtype, pd.CategoricalDtype) and events["date_precision"].cat.ordered
    assert list(events["date_precision"].cat.categories) == ["year", "month", "day"]
    year = events[events["date_precision"] == "year"].iloc[0]
    assert year["date"] == pd.Timestamp("2014-01-01")
    articles = frames["articles"].set_index("id")
    assert articles.loc["wire-2", "published"] == pd.Timestamp("2022-03-01") and articles.loc["wire-2", "published_precision"] == "month"
    assert articles.loc["wire-1", "published_precision"] == "day"
    assert (events["date"] >= pd.Timestamp(dt.date(2022, 4, 1))).sum() > 0  # comparable without to_datetime
    assert frames["stories"]["first_date"].dtype == "datetime64[s]" and "last_date_precision" in frames["stories"]
    assert events["date"].isna().sum() == events["date_precision"].isna().sum() > 0  # undated: NaT, no precision


def test_columns_and_dtypes_follow_the_model(frames):
    quotes = frames["quotes"]
    assert list(quotes.columns[:7]) == ["id", "text", "speaker", "speaker_name", "speaker_span_article", "speaker_span_start", "speaker_span_end"]
    assert quotes["span_start"].dtype == "int64" and quotes["speaker_span_start"].dtype == "Int64"
    assert quotes["text"].dtype == "string" and quotes["kind"].dtype == "string"
    events = frames["events"]
    assert events["goldstein"].dtype == "float64" and events["quad_class"].dtype == "Int64" and events["outlets"].dtype == "int64"
    assert events["sources"].dtype == object and isinstance(events["sources"].iloc[0], list)
    assert set(events["sources"].iloc[0][0]) == {"article", "start", "end"}
    assert frames["entities"]["aliases"].dtype == object
    assert frames["articles"]["published_basis"].dtype == "string"
    mentions = frames["mentions"]
    assert list(mentions.columns) == ["entity", "name", "type", "article", "start", "end", "text"]
    guterres = mentions[mentions["entity"] == "antonio-guterres"]
    assert set(guterres["text"]) >= {"Guterres", "Antonio Guterres"}


def test_an_empty_story_has_the_same_columns_and_dtypes(frames):
    empty = Story().frames()
    for kind in FRAMES:
        assert list(empty[kind].columns) == list(frames[kind].columns), kind
        assert empty[kind].dtypes.equals(frames[kind].dtypes), kind


def test_some_frames_only_and_an_unknown_one(wire_store):
    story = storyline.open(wire_store)
    assert set(story.frames("events", "mentions")) == {"events", "mentions"}
    with pytest.raises(ValueError, match="no frame event"):
        story.frames("event")
