"""`storyline export`: every format, whole or filtered, to a file or standard output."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from conftest import EXAMPLES
from storyline.cli import main


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0, argv
    return capsys.readouterr().out


def test_export_without_a_store_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such store" in err


def test_json_to_a_file_and_jsonl_to_standard_output(wire_store, tmp_path, capsys):
    assert main(["export", "--db", str(wire_store), "--format", "json", "-o", str(tmp_path / "out.json"), "-v"]) == 0
    assert "storyline: 7 articles, " in capsys.readouterr().err
    whole = json.loads((tmp_path / "out.json").read_text())
    lines = [json.loads(line) for line in run(capsys, "export", "--db", str(wire_store), "--format", "jsonl").splitlines()]
    assert lines[0]["record_type"] == "export" and lines[0]["format"] == whole["format"]
    assert [line["id"] for line in lines if line["record_type"] == "articles"] == [a["id"] for a in whole["articles"]]


def test_parquet_into_a_folder_equals_the_json_export(wire_store, tmp_path, capsys):
    from storyline.export.parquet import read_parquet_export

    whole = json.loads(run(capsys, "export", "--db", str(wire_store), "--since", "2022-04"))
    assert main(["export", "--db", str(wire_store), "--format", "parquet", "-o", str(tmp_path / "pq"), "--since", "2022-04"]) == 0
    assert pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist() == whole["events"]
    assert read_parquet_export(tmp_path / "pq") == {kind: records for kind, records in whole.items() if isinstance(records, list)}
    assert main(["export", "--db", str(wire_store), "--format", "parquet"]) == 2
    assert "name their folder with -o FOLDER" in capsys.readouterr().err


def test_a_filtered_csv_keeps_its_rows_whole(wire_store, capsys):
    rows = list(csv.DictReader(io.StringIO(run(capsys, "export", "--db", str(wire_store), "--format", "csv", "--since", "2022-04-26"))))
    # Told in an article of 22 April: the sentence still comes from it. (2022-04 may be the 26th.)
    assert {row["date"] for row in rows} == {"2022-04-26", "2022-04"}
    assert any(row["date"] == "2022-04-26" and "Moscow" in row["source_sentence"] for row in rows)
    gdelt = run(capsys, "export", "--db", str(wire_store), "--format", "gdelt", "--actor", "Nehammer").splitlines()
    assert gdelt and all("NEHAMMER" in line for line in gdelt)
    report = run(capsys, "export", "--db", str(wire_store), "--format", "md", "--outlet", "probe")
    assert "The war must end" in report and "Nehammer" not in report


def test_event_table_as_csv(tmp_path, capsys):
    db = tmp_path / "s.db"
    assert main(["build", str(EXAMPLES), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    rows = list(csv.DictReader(io.StringIO(run(capsys, "export", "--db", str(db), "--format", "csv"))))
    assert rows and {"date", "actor", "code", "goldstein", "source_sentence"} <= set(rows[0])
    guterres = [r for r in rows if r["actor"] == "António Guterres" and r["date"] == "2022-04-26"]
    assert guterres and guterres[0]["status"] == "scheduled" and "Moscow" in guterres[0]["source_sentence"]
    assert guterres[0]["actor_code"] == "IGOUNO"
    relayed = [r for r in rows if "remains convinced" in r["action"]]
    assert relayed and relayed[0]["reported_by"] == "Stéphane Dujarric" and relayed[0]["event_id"].startswith("ev")
    placed = [r for r in rows if r["location"] == "Kyiv"]
    assert placed and placed[0]["location_country"] == "UKR" and float(placed[0]["location_lat"]) > 50
    listed = run(capsys, "events", "--db", str(db), "--format", "tsv").splitlines()
    assert "reported_by_name" in listed[0].split("\t")
    assert any("remains convinced" in line and "Stéphane Dujarric" in line for line in listed)


def test_output_dash_is_standard_output(wire_store, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "export", "--db", str(wire_store), "--format", "csv", "-o", "-").startswith("date,status,actor")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("quiet", [True, False])
def test_stored_problems_are_notes_that_quiet_leaves_out(wire_store, tmp_path, capsys, quiet):
    import shutil

    from storyline.store.database import Store

    db = tmp_path / "s.db"
    shutil.copy(wire_store, db)
    with Store(db) as store:
        store.save_corpus_results([], {"problems": json.dumps([{"source": "x.txt", "reason": "left out", "severity": "skipped"}])})
    assert main(["export", "--db", str(db), "--format", "jsonl", *(["-q"] if quiet else [])]) == 0
    assert capsys.readouterr().err == ("" if quiet else "x.txt: skipped: left out\n")


def test_export_over_the_store_is_refused_and_the_store_kept(one_article_store, capsys):
    before = one_article_store.read_bytes()
    for output_format in ("json", "parquet"):
        assert main(["export", "--db", str(one_article_store), "--format", output_format, "-o", str(one_article_store)]) == 2
        assert (
            capsys.readouterr().err == f"storyline: error: {one_article_store}: is the store {one_article_store}; name another file to write\n"
        )
    assert one_article_store.read_bytes() == before


@pytest.mark.parametrize("output", ["missing/out.json", ".", "/dev/full"])
def test_export_that_cannot_be_written_is_one_line(one_article_store, tmp_path, monkeypatch, capsys, output):
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["export", "--db", str(one_article_store), "-o", output]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"storyline: error: {output}: ")
