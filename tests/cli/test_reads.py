"""The read commands: every format, the same records as the export, the filters."""

from __future__ import annotations

import json

import pytest

from storyline.cli import main

READS = ("stories", "articles", "entities", "clusters", "quotes", "events", "timeline", "brief")


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0, argv
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def export(wire_store):
    import storyline.export.json as exported
    from storyline.store.database import Store

    with Store.for_reading(wire_store) as store:
        return json.loads(exported.export_stored_json(store))


def test_every_read_commands_json_is_the_exports_records(wire_store, export, capsys):
    for command in READS:
        records = json.loads(run(capsys, command, "--db", str(wire_store), "--format", "json"))
        assert records == export[command], command
        lines = [json.loads(line) for line in run(capsys, command, "--db", str(wire_store), "--format", "jsonl").splitlines()]
        assert lines == [{"record_type": command, **record} for record in export[command]], command


def test_filtered_reads_hold_what_the_filtered_export_holds(wire_store, capsys):
    for flags in (["--since", "2022-04"], ["--actor", "Nehammer"], ["--outlet", "probe"], ["--until", "2022-02-14", "--story", "story-1"]):
        export = json.loads(run(capsys, "export", "--db", str(wire_store), *flags))
        for command in READS:
            records = json.loads(run(capsys, command, "--db", str(wire_store), "--format", "json", *flags))
            assert records == export[command], (command, flags)
    assert [a["id"] for a in json.loads(run(capsys, "articles", "--db", str(wire_store), "--format", "json", "--outlet", "Other"))] == ["wire-2"]


def test_piped_rows_are_tab_separated_with_the_exports_field_names(wire_store, capsys):
    rows = [line.split("\t") for line in run(capsys, "articles", "--db", str(wire_store)).splitlines()]
    assert rows[0] == ["id", "published", "published_basis", "outlet", "words", "title"] and len(rows) == 8
    wire = next(row for row in rows if row[0] == "wire-1")
    assert wire[1:4] == ["2022-03-02", "given", "Probe Wire"] and wire[5] == "Guterres meets Zelensky in Kyiv"
    header = run(capsys, "events", "--db", str(wire_store)).splitlines()[0].split("\t")
    assert header[:4] == ["id", "date", "status", "actor_name"] and "reported_by_name" in header
    entities = run(capsys, "entities", "--db", str(wire_store)).splitlines()[0].split("\t")
    assert entities == ["id", "name", "type", "country", "code", "mention_count", "article_count", "roles", "aliases"]


def test_a_table_on_request_keeps_every_column_readable(wire_store, capsys):
    table = run(capsys, "articles", "--db", str(wire_store), "--format", "table").splitlines()
    assert table[0] == f"7 articles in {wire_store}" and table[1].split()[:3] == ["id", "published", "published_basis"]
    assert any(line.startswith("wire-2") and "2022-03" in line and "Scholz calls Putin" in line for line in table)
    assert all(len(line) <= 120 for line in table)


def test_events_with_a_filter_and_the_verbose_count(wire_store, export, capsys):
    import re

    assert main(["events", "--db", str(wire_store), "--actor", "Nehammer", "-v"]) == 0
    out, err = capsys.readouterr()
    rows = out.splitlines()[1:]
    assert rows and all("Nehammer" in row for row in rows)
    told = re.fullmatch(rf"storyline: (\d+) of (\d+) events in {re.escape(str(wire_store))} kept \(--actor Nehammer\)\n", err)
    assert told and (int(told.group(1)), int(told.group(2))) == (len(rows), len(export["events"]))


def test_quotes_lists_every_kind_unless_told(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "2022-02-14\n\nUN Secretary-General Antonio Guterres said on Monday that the world must not give up on diplomacy. "
        '"There is no alternative to diplomacy," Guterres told reporters in New York.\n'
    )
    db = tmp_path / "s.db"
    assert main(["build", str(corpus), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    rows = [line.split("\t") for line in run(capsys, "quotes", "--db", str(db), "--format", "tsv").splitlines()]
    assert rows[0][:3] == ["id", "speaker_name", "kind"] and {"direct", "indirect"} <= {row[2] for row in rows[1:]}
    rows = [line.split("\t") for line in run(capsys, "quotes", "--db", str(db), "--format", "tsv", "--kind", "indirect").splitlines()]
    assert {row[2] for row in rows[1:]} == {"indirect"}
    indirect = json.loads(run(capsys, "quotes", "--db", str(db), "--format", "json", "--kind", "indirect"))
    assert indirect and {quote["kind"] for quote in indirect} == {"indirect"}


def test_quotes_listing_says_who_quoted_a_nested_quotation(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Post piece on the rally\n\n"
        'The Post wrote of Melanie Austin: "She had been hospitalized for weeks after what she called a '
        '“rant,” a series of online postings, and she came to the rally anyway."\n'
    )
    db = tmp_path / "s.db"
    assert main(["build", str(corpus), "--db", str(db), "--workers", "1", "-q"]) == 0
    listing = run(capsys, "quotes", "--db", str(db), "--speaker", "Melanie", "--format", "table")
    assert "rant" in listing and "quoted by" in listing and "Post" in listing
    rows = [line.split("\t") for line in run(capsys, "quotes", "--db", str(db), "--speaker", "Melanie").splitlines()]
    assert rows[0][5] == "quoted_by" and any(row[5] == "The Post" or "Post" in row[5] for row in rows[1:])


def test_the_timeline_table_shows_the_salient_dates_and_machine_formats_every_entry(wire_store, export, capsys):
    table = run(capsys, "timeline", "--db", str(wire_store), "--format", "table", "--max-dates", "2", "--per-date", "1")
    assert table.splitlines()[0].startswith("story-1: ") and "(2 of " in table.splitlines()[0]
    rows = run(capsys, "timeline", "--db", str(wire_store)).splitlines()
    assert len(rows) == 1 + len(export["timeline"])
    two = json.loads(run(capsys, "timeline", "--db", str(wire_store), "--format", "json", "--max-dates", "2", "--per-date", "1"))
    assert len(two) == 2 and all(entry in export["timeline"] for entry in two)


def test_brief_lists_its_sentences_with_their_sources(wire_store, export, capsys):
    rows = [line.split("\t") for line in run(capsys, "brief", "--db", str(wire_store)).splitlines()]
    assert rows[0] == ["story", "date", "text", "source_articles"] and len(rows) == 1 + len(export["brief"])
    assert all(row[3] for row in rows[1:])


def test_a_filter_that_keeps_nothing_prints_only_the_header(wire_store, capsys):
    assert run(capsys, "events", "--db", str(wire_store), "--actor", "Nobody Known").splitlines()[1:] == []
    assert json.loads(run(capsys, "events", "--db", str(wire_store), "--format", "json", "--actor", "Nobody Known")) == []


def test_articles_listing_shows_escape_sequences_in_a_title_as_text(tmp_path, capsys):
    from conftest import PARAGRAPHS

    record = {"id": "a", "title": "\x1b[2J\x1b]0;owned\x07Diplomacy", "text": PARAGRAPHS[0]}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n")
    db = tmp_path / "s.db"
    assert main(["build", str(tmp_path / "feed.jsonl"), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    capsys.readouterr()
    for output_format in ("table", "tsv"):
        out = run(capsys, "articles", "--db", str(db), "--format", output_format)
        assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out
