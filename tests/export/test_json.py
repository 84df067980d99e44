"""The JSON export is the public contract: it must validate, and spans must hold."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

import storyline
from conftest import EXAMPLES
from storyline.export.json import export_json, story_to_export

SHARED_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schema" / "storyline-export.schema.json"


def packaged_schema() -> dict:
    return json.loads(resources.files("storyline.export").joinpath("storyline-export.schema.json").read_text())


@pytest.fixture(scope="module")
def example_export() -> dict:
    return json.loads(export_json(storyline.build(EXAMPLES, workers=1)))


def test_example_corpus_export_validates(example_export):
    jsonschema.validate(example_export, packaged_schema())
    assert sorted(a["id"] for a in example_export["articles"]) == sorted(p.name for p in EXAMPLES.glob("*.txt"))


def test_dateline_dates_the_article_that_has_one(example_export):
    by_id = {a["id"]: a for a in example_export["articles"]}
    dated = by_id["003_7c30a3d5304ba20a.txt"]
    assert (dated["published"], dated["published_basis"]) == ("2022-02-23", "text")
    # 001 opens with a file-photo caption "taken on Dec 21, 2021": not its publication date; its
    # news-photo captions and "on Monday" date it to Monday 14 February 2022.
    assert (by_id["001_c5d15c2902e20029.txt"]["published"], by_id["001_c5d15c2902e20029.txt"]["published_basis"]) == (
        "2022-02-14",
        "inferred",
    )
    # 004 has no year of its own: "Tuesday, April 26" fits 2016 and 2022, the corpus says 2022.
    assert by_id["004_b52ed249a648ff47.txt"]["published"] == "2022-04-22"
    assert "year from the rest of the corpus" in by_id["004_b52ed249a648ff47.txt"]["published_evidence"]
    # 000 has no clue of its own: it takes the date of 001, which reports the same press encounter.
    assert (by_id["000_ed6f6d6639c51f57.txt"]["published"], by_id["000_ed6f6d6639c51f57.txt"]["published_basis"]) == (
        "2022-02-14",
        "inferred",
    )
    assert "event cluster" in by_id["000_ed6f6d6639c51f57.txt"]["published_evidence"]


def test_times_are_anchored_to_the_publication_date(example_export):
    by_id = {a["id"]: a for a in example_export["articles"]}
    values = {(t["text"], t["value"]) for t in by_id["004_b52ed249a648ff47.txt"]["times"]}
    assert {
        ("next week", "2022-W17"),
        ("Friday", "2022-04-22"),
        ("Tuesday, April 26", "2022-04-26"),
        ("26 February", "2022-02-26"),
    } <= values
    for article in example_export["articles"]:
        for time in article["times"]:
            assert article["text"][time["start"] : time["end"]] == time["text"]


def test_timeline_in_date_order_with_background_marked(example_export):
    timeline = example_export["timeline"]
    dates = [entry["date"] for entry in timeline]
    assert dates == sorted(dates)
    # "in 2014" is history recalled for context, not a step of the story.
    assert all(entry["kind"] == "background" for entry in timeline if entry["date"].startswith("2014"))
    # Photo captions never make entries (Beirut 2021, the Duma building 2020, the embassy photo).
    assert not any(entry["date"].startswith(("2021-12-21", "2020-11-27", "2022-01-24")) for entry in timeline)
    assert any(entry["date"] == "2022-02-17" and "(scheduled)" in entry["summary"] for entry in timeline)


def test_brief_sentences_are_cited_text(example_export):
    texts = {a["id"]: a["text"] for a in example_export["articles"]}
    assert 5 <= len(example_export["brief"]) <= 10
    for sentence in example_export["brief"]:
        (source,) = sentence["sources"]
        cited = " ".join(texts[source["article"]][source["start"] : source["end"]].split())
        assert sentence["text"] in cited or sentence["text"][1:] in cited


def test_entity_mentions_point_at_their_names(example_export):
    texts = {a["id"]: a["text"] for a in example_export["articles"]}
    by_name = {e["name"]: e for e in example_export["entities"]}
    guterres = by_name["António Guterres"]
    assert guterres["type"] == "PERSON" and "Secretary-General of the United Nations" in guterres["roles"]
    said = {texts[m["article"]][m["start"] : m["end"]] for m in guterres["mentions"]}
    assert {"António Guterres", "Antonio Guterres", "Guterres"} <= said
    for entity in example_export["entities"]:
        for mention in entity["mentions"]:
            assert 0 <= mention["start"] < mention["end"] <= len(texts[mention["article"]])


def test_every_reader_produces_a_valid_export(tmp_path):
    from conftest import PARAGRAPHS, article_html, record, write_jsonl, write_warc

    (tmp_path / "a.txt").write_text("\n\n".join(PARAGRAPHS))
    (tmp_path / "b.html").write_text(article_html(meta_date="2022-02-14"))
    write_jsonl(
        tmp_path / "c.jsonl", [record("c1", PARAGRAPHS[0] + " " + PARAGRAPHS[1], url="https://www.example.org/c", published="2022-02-15")]
    )
    write_warc(tmp_path / "d.warc.gz", [("https://news.example.net/d", "text/html", article_html(title="From a crawl"))], gzipped=True)
    exported = story_to_export(storyline.build(tmp_path, workers=1))
    jsonschema.validate(exported, packaged_schema())
    summary = {a["id"]: (a["published"], a["published_basis"], a["outlet"]) for a in exported["articles"]}
    # a.txt and the crawled page carry the same report as b.html: they take its date.
    assert summary == {
        "a.txt": ("2022-02-14", "inferred", None),
        "b.html": ("2022-02-14", "metadata", None),
        "c1": ("2022-02-15", "given", "example.org"),
        "d.warc.gz#1": ("2022-02-14", "inferred", "news.example.net"),
    }


def extends(ours, shared, path: str = "") -> list[str]:
    """Where `ours` breaks `shared`: anything shared says must hold in ours unchanged; ours may
    only add properties (and their descriptions)."""
    if isinstance(shared, dict) and isinstance(ours, dict):
        broken = [f"{path}/{key}: missing" for key in shared if key not in ours]
        for key in shared.keys() & ours.keys():
            broken += extends(ours[key], shared[key], f"{path}/{key}")
        added = [key for key in ours.keys() - shared.keys() if not path.endswith("/properties")]
        return broken + [f"{path}/{key}: added outside properties" for key in added]
    return [] if ours == shared else [f"{path}: changed"]


@pytest.mark.skipif(not SHARED_SCHEMA.is_file(), reason="../shared is not beside this checkout")
def test_packaged_schema_extends_the_shared_contract_without_breaking_it():
    assert extends(packaged_schema(), json.loads(SHARED_SCHEMA.read_text())) == []


def test_a_schema_that_drops_or_changes_a_shared_field_is_caught():
    shared = {"properties": {"a": {"type": "string"}}, "required": ["a"]}
    assert extends({"properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "required": ["a"]}, shared) == []
    assert extends({"properties": {"a": {"type": "number"}}, "required": ["a"]}, shared) == ["/properties/a/type: changed"]
    assert extends({"properties": {}, "required": ["a"]}, shared) == ["/properties/a: missing"]


def test_a_quotation_quoted_inside_another_points_to_it(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Post piece on the rally\n\n"
        'The Post wrote of Melanie Austin: "She had been hospitalized for weeks after what she called a '
        '“rant,” a series of online postings, and she came to the rally anyway."\n'
    )
    exported = story_to_export(storyline.build(tmp_path, workers=1))
    jsonschema.validate(exported, packaged_schema())
    by_text = {q["text"]: q for q in exported["quotes"]}
    outer = next(q for q in exported["quotes"] if q["text"].startswith("She had been"))
    assert by_text["rant,"]["nested_in"] == outer["id"] and outer["nested_in"] is None


def test_quotes_sit_in_their_spans_and_group_across_outlets(example_export):
    texts = {a["id"]: a["text"] for a in example_export["articles"]}
    for quote in example_export["quotes"]:
        span = quote["span"]
        assert texts[span["article"]][span["start"] : span["end"]] == quote["text"]
    groups, texts_of = {}, {}
    for quote in example_export["quotes"]:
        if quote["group"]:
            groups.setdefault(quote["group"], set()).add((quote["span"]["article"], quote["speaker_name"]))
            texts_of.setdefault(quote["group"], []).append(quote["text"])
    # The 14 February press encounter as two outlets quoted it; the April letters likewise.
    assert any({a for a, _ in members} == {"000_ed6f6d6639c51f57.txt", "001_c5d15c2902e20029.txt"} for members in groups.values())
    assert any({a for a, _ in members} == {"002_7a2cd4767096ddd0.txt", "004_b52ed249a648ff47.txt"} for members in groups.values())
    # one speaker's words, or a spokesman relaying them ("He noted that ...")
    mixed = [group for group, members in groups.items() if len({speaker for _, speaker in members}) > 1]
    assert all(any(" noted that " in f" {text}" for text in texts_of[group]) for group in mixed)


def test_events_cite_their_sentences_and_merge_across_outlets(example_export):
    texts = {a["id"]: a["text"] for a in example_export["articles"]}
    names = {e["id"]: e["name"] for e in example_export["entities"]}
    for event in example_export["events"]:
        for source in event["sources"]:
            assert 0 <= source["start"] < source["end"] <= len(texts[source["article"]])
    # The 14 February press encounter, told by two outlets, is one event citing both.
    press = [
        e
        for e in example_export["events"]
        if e["date"] == "2022-02-14"
        and names.get(e["actor"]) == "António Guterres"
        and {s["article"] for s in e["sources"]} >= {"000_ed6f6d6639c51f57.txt", "001_c5d15c2902e20029.txt"}
    ]
    assert press and press[0]["outlets"] == 2
    scheduled = {(e["date"], names.get(e["actor"])) for e in example_export["events"] if e["status"] == "scheduled"}
    assert ("2022-04-26", "António Guterres") in scheduled and ("2022-02-17", "UN Security Council") in scheduled


def test_events_carry_their_geocoded_place(example_export):
    placed = {e["location"]: e for e in example_export["events"] if e["location"]}
    assert placed["Kyiv"]["location_country"] == "UKR" and placed["Kyiv"]["location_kind"] == "city"
    assert placed["Moscow"]["location_country"] == "RUS" and 55 < placed["Moscow"]["location_lat"] < 56
    assert placed["New York"]["location_adm1"] == "USNY" and placed["New York"]["location_kind"] == "city"
    properties = packaged_schema()["properties"]["events"]["items"]["properties"]
    assert {"location_country", "location_lat", "location_lon"} <= set(properties)


def test_json_lines_hold_the_export_one_record_a_line(wire_store):
    from storyline.export.json import export_stored_json, export_stored_jsonl
    from storyline.store.database import Store
    from storyline.store.filters import Chooser, Filters

    with Store.for_reading(wire_store) as store:
        whole = json.loads(export_stored_json(store))
        lines = [json.loads(line) for line in export_stored_jsonl(store).splitlines()]
        chosen = [json.loads(line) for line in export_stored_jsonl(store, Chooser(store, Filters(since="2022-04"))).splitlines()]
    assert lines[0] == {"record_type": "export", "format": whole["format"], "generator": whole["generator"]}
    for kind in ("articles", "entities", "quotes", "events", "timeline", "clusters", "brief", "stories"):
        records = [{k: v for k, v in line.items() if k != "record_type"} for line in lines[1:] if line["record_type"] == kind]
        assert records == whole[kind], kind
    assert len(lines) == 1 + sum(len(whole[kind]) for kind in whole if isinstance(whole[kind], list))
    events = [line for line in chosen if line["record_type"] == "events"]
    assert events and all(line["date"] >= "2022-04" for line in events) and len(events) < len(whole["events"])
