"""The GDELT 2.0 Event and Mentions tables, read back as GDELT users read GDELT's files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import EXAMPLES
from storyline.cli import main
from storyline.export.gdelt import export_gdelt, gdelt_columns, global_event_id
from storyline.export.gdelt_mentions import export_gdelt_mentions
from storyline.model import Article, Entity, Event, PublishedBasis, Span, Story

SHARED = Path(__file__).resolve().parents[3] / "shared"
GDELT = SHARED / "benchdata" / "gdelt_cameo"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside this checkout")

TEXT = "Russia's foreign minister Sergei Lavrov met Dmytro Kuleba in Kyiv.\n\nLater talks were held."


def shared_columns(table: str) -> list[str]:
    with open(GDELT / f"{table}.columns.tsv", encoding="utf-8") as handle:
        return [row["name"] for row in csv.DictReader(handle, delimiter="\t")]


def small_story(date: str | None = "2022-02", url: str | None = "https://news.example.org/a1") -> Story:
    article = Article("a1", "a1.txt", "Example News", None, "2022-02-14", PublishedBasis.GIVEN, TEXT, "h", url=url)
    lavrov = Entity("sergei-lavrov", "Sergei Lavrov", "PERSON", (), ("Foreign Minister of Russia",), "RUS", (Span("a1", 26, 39),), "RUSGOV")
    kuleba = Entity("dmytro-kuleba", "Dmytro Kuleba", "PERSON", (), (), "UKR", (Span("a1", 44, 57),), "UKRGOV")
    guterres = Entity("antonio-guterres", "António Guterres", "PERSON", (), (), None, (), "IGOUNO")
    event = Event(
        "ev1", date, "explicit", "happened", "sergei-lavrov", "met Dmytro Kuleba", "dmytro-kuleba", "040", "Kyiv",
        (Span("a1", 0, 67),), actor_name="Sergei Lavrov", target_name="Dmytro Kuleba", goldstein=1.0, quad_class=1,
        actor_code="RUSGOV", target_code="UKRGOV", reported_by="antonio-guterres",
        location_country="UKR", location_lat=50.4547, location_lon=30.5238, location_kind="city", location_adm1="UP12",
        location_geonameid=703448,
    )  # fmt: skip
    return Story(articles=(article,), entities=(lavrov, kuleba, guterres), events=(event,))


def row_of(table: str, text: str) -> dict[str, str]:
    lines = text.splitlines()
    assert len(lines) == 1
    return dict(zip(gdelt_columns(table), lines[0].split("\t"), strict=True))


@needs_shared
def test_our_column_names_are_gdelts():
    assert list(gdelt_columns("events")) == shared_columns("events") and len(gdelt_columns("events")) == 61
    assert list(gdelt_columns("mentions")) == shared_columns("mentions") and len(gdelt_columns("mentions")) == 16


def test_an_event_row_in_gdelts_terms():
    row = row_of("events", export_gdelt(small_story(), "2026-12-02T21:14:52+00:00"))
    assert row["GLOBALEVENTID"] == str(global_event_id("ev1")) and int(row["GLOBALEVENTID"]) > 0
    # Known to the month only: GDELT holds full dates, so the unknown day is 01.
    assert (row["SQLDATE"], row["MonthYear"], row["Year"], row["FractionDate"]) == ("20220201", "202202", "2022", "2022.1671")
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "RUSGOV",
        "SERGEI LAVROV",
        "RUS",
        "GOV",
    )
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Geo_CountryCode"]) == ("UKRGOV", "UKR", "UP")
    assert (row["Actor1Geo_Type"], row["Actor1Geo_CountryCode"], row["Actor1Geo_FullName"]) == ("1", "RS", "Russia")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"], row["GoldsteinScale"]) == (
        "040",
        "040",
        "04",
        "1",
        "1.0",
    )
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"], row["IsRootEvent"]) == ("1", "1", "1", "1")
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("4", "UP", "UP12")
    assert (row["ActionGeo_FullName"], row["ActionGeo_Lat"], row["ActionGeo_Long"], row["ActionGeo_FeatureID"]) == (
        "Kyiv, Ukraine", "50.4547", "30.5238", "703448"
    )  # fmt: skip
    assert (row["DATEADDED"], row["SOURCEURL"], row["AvgTone"]) == ("20261202211452", "https://news.example.org/a1", "")


def test_partial_and_missing_dates_are_full_gdelt_dates():
    assert row_of("events", export_gdelt(small_story("2014"), None))["SQLDATE"] == "20140101"
    # No date of its own: the publication date of its report.
    assert row_of("events", export_gdelt(small_story(None), None))["SQLDATE"] == "20220214"


def test_the_global_event_id_is_stable_and_distinct():
    assert global_event_id("ev1") == global_event_id("ev1") != global_event_id("ev2")


def test_a_report_without_url_cites_its_source():
    row = row_of("events", export_gdelt(small_story(url=None), None))
    assert row["SOURCEURL"] == "a1.txt"
    mention = row_of("mentions", export_gdelt_mentions(small_story(url=None), None))
    assert (mention["MentionType"], mention["MentionIdentifier"]) == ("2", "a1.txt")


def test_a_mention_row_points_into_the_sentence():
    row = row_of("mentions", export_gdelt_mentions(small_story(), "2026-12-02T21:14:52+00:00"))
    assert row["GLOBALEVENTID"] == str(global_event_id("ev1"))
    assert (row["MentionType"], row["MentionSourceName"], row["MentionIdentifier"]) == ("1", "Example News", "https://news.example.org/a1")
    assert (row["Actor1CharOffset"], row["Actor2CharOffset"], row["ActionCharOffset"]) == ("26", "44", str(TEXT.index("met")))
    assert (row["InRawText"], row["Confidence"], row["MentionDocLen"], row["EventTimeDate"]) == (
        "1",
        "100",
        str(len(TEXT)),
        "20261202211452",
    )


def test_unknown_offsets_are_minus_one():
    story = small_story()
    lonely = Event("ev2", "2022-02-14", "publication date", "happened", None, "vanished", None, "010", None, (Span("a1", 69, 91),))
    text = export_gdelt_mentions(Story(articles=story.articles, entities=story.entities, events=(lonely,)), None)
    row = row_of("mentions", text)
    assert (row["Actor1CharOffset"], row["Actor2CharOffset"], row["ActionCharOffset"], row["Confidence"]) == ("-1", "-1", "-1", "50")
    assert row_of("events", export_gdelt(Story(articles=story.articles, events=(lonely,)), None))["ActionGeo_Type"] == "0"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("gdelt") / "s.db"
    assert main(["build", str(EXAMPLES), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    return db


def exported(db: Path, form: str, capsys) -> str:
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", form]) == 0
    return capsys.readouterr().out


@needs_shared
def test_the_example_corpus_loads_as_gdelt_events(example_db, capsys):
    pandas = pytest.importorskip("pandas")
    text = exported(example_db, "gdelt", capsys)
    table = pandas.read_csv(io.StringIO(text), sep="\t", header=None, names=shared_columns("events"))
    assert len(table) > 20 and table.shape[1] == 61
    assert not text.startswith("GLOBALEVENTID")  # no header row, as GDELT writes none
    assert table["GLOBALEVENTID"].is_unique and str(table["GLOBALEVENTID"].dtype) == "int64"
    assert str(table["SQLDATE"].dtype) == "int64" and table["SQLDATE"].between(19000101, 21001231).all()
    assert (table["SQLDATE"] // 100 == table["MonthYear"]).all() and (table["SQLDATE"] // 10000 == table["Year"]).all()
    assert table["EventRootCode"].between(1, 20).all() and table["QuadClass"].isin([1, 2, 3, 4]).all()
    roots = {line.split("\t")[28] for line in text.splitlines()}  # as written: two digits, "01" to "20"
    assert roots <= {f"{n:02d}" for n in range(1, 21)}
    assert table["GoldsteinScale"].between(-10, 10).all()
    assert (table["NumMentions"] >= table["NumArticles"]).all() and (table["NumArticles"] >= table["NumSources"]).all()
    assert table["DATEADDED"].between(20200101000000, 21000101000000).all()
    assert table["SOURCEURL"].notna().all()
    placed = table[table["ActionGeo_CountryCode"].notna()]
    assert {"UP", "RS"} <= set(placed["ActionGeo_CountryCode"]) and placed["ActionGeo_Lat"].notna().all()
    assert set(table["Actor1Geo_CountryCode"].dropna()) <= {"RS", "UP", "US", "FR", "GM", "BO", "UK", "CH", "AU"}
    assert "IGOUNO" in set(table["Actor1Code"])


@needs_shared
def test_the_example_corpus_loads_as_gdelt_mentions(example_db, capsys):
    pandas = pytest.importorskip("pandas")
    events = pandas.read_csv(io.StringIO(exported(example_db, "gdelt", capsys)), sep="\t", header=None, names=shared_columns("events"))
    text = exported(example_db, "gdelt-mentions", capsys)
    mentions = pandas.read_csv(io.StringIO(text), sep="\t", header=None, names=shared_columns("mentions"))
    assert mentions.shape[1] == 16 and len(mentions) == events["NumMentions"].sum()
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    assert (mentions["SentenceID"] >= 1).all() and (mentions["Actor1CharOffset"] >= -1).all()
    located = mentions[mentions["ActionCharOffset"] >= 0]
    assert len(located) > len(mentions) / 2 and mentions["Confidence"].between(50, 100).all()


def test_the_csv_keeps_its_columns_and_adds_new_ones_at_the_end():
    from storyline.export.csv import CSV_COLUMNS, export_csv

    first = ("date", "status", "actor", "actor_country", "actor_code", "code", "quad_class", "goldstein", "action", "target")
    assert CSV_COLUMNS[: len(first)] == first and CSV_COLUMNS[16] == "source_sentence"
    assert CSV_COLUMNS[17:] == ("event_id", "source_url", "reported_by", "location_country", "location_lat", "location_lon")
    row = next(csv.DictReader(io.StringIO(export_csv(small_story()))))
    assert (row["event_id"], row["source_url"], row["reported_by"]) == ("ev1", "https://news.example.org/a1", "António Guterres")
    assert (row["location_country"], row["location_lat"], row["location_lon"]) == ("UKR", "50.4547", "30.5238")
