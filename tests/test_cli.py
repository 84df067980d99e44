"""The command line as a user runs it: exit codes, one-line problems, the summary."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, PARAGRAPHS
from storyline.cli import main


def test_build_export_and_list(tmp_path, capsys):
    db = tmp_path / "s.db"
    assert main(["build", str(EXAMPLES), "--db", str(db), "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert "5 read, 0 unchanged" in out and "5 articles in" in out
    assert "README.md: skipped: unsupported file type" in err
    assert main(["export", "--db", str(db), "--format", "json", "-o", str(tmp_path / "out.json")]) == 0
    assert len(json.loads((tmp_path / "out.json").read_text())["articles"]) == 5
    assert main(["articles", "--db", str(db), "--format", "table"]) == 0
    listing = capsys.readouterr().out
    assert "5 articles" in listing and "2022-02-23" in listing
    assert main(["articles", "--db", str(db)]) == 0  # piped: one tab-separated row per article
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["id", "published", "basis", "outlet", "words", "title"] and len(rows) == 6
    assert {row[1] for row in rows[1:]} >= {"2022-02-23"}
    assert main(["events", "--db", str(db), "--format", "jsonl"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events and {"date", "actor", "action"} <= set(events[0])


def test_bad_inputs_do_not_stop_the_run(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(PARAGRAPHS[0])
    (folder / "empty.txt").write_text("")
    (folder / "bad.jsonl").write_text("{not json}\n")
    code = main(["build", str(folder), str(tmp_path / "missing"), "--db", str(tmp_path / "s.db"), "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "1 read, 0 unchanged, 1 skipped, 2 failed" in out
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert any(line.startswith(f"{folder}/bad.jsonl:1: failed: not valid JSON") for line in lines)
    assert any(line.startswith(f"{tmp_path}/missing: failed: no such file") for line in lines)


def test_nothing_readable_exits_non_zero(tmp_path, capsys):
    assert main(["build", str(tmp_path / "missing"), "--db", str(tmp_path / "s.db")]) == 1
    assert "nothing could be read" in capsys.readouterr().err


def test_export_without_a_store_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such store" in err


def test_config_file_sets_the_store(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "storyline.toml").write_text('db = "configured.db"\nworkers = 1\n')
    (tmp_path / "a.txt").write_text(PARAGRAPHS[0])
    assert main(["build", "a.txt"]) == 0
    assert (tmp_path / "configured.db").is_file()


def test_standard_input_through_the_installed_command(tmp_path):
    lines = "".join(json.dumps({"id": f"s{n}", "text": p}) + "\n" for n, p in enumerate(PARAGRAPHS))
    db = tmp_path / "s.db"
    built = subprocess.run([sys.executable, "-m", "storyline", "build", "-", "--db", str(db)], input=lines, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "4 read" in built.stdout
    exported = subprocess.run([sys.executable, "-m", "storyline", "export", "--db", str(db)], capture_output=True, text=True, check=True)
    assert [a["id"] for a in json.loads(exported.stdout)["articles"]] == ["s0", "s1", "s2", "s3"]


def test_help_for_every_command():
    for command in ([], ["build"], ["export"], ["articles"]):
        result = subprocess.run([sys.executable, "-m", "storyline", *command, "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "usage: storyline" in result.stdout


def test_event_table_as_csv(tmp_path, capsys):
    import csv
    import io

    db = tmp_path / "s.db"
    assert main(["build", str(EXAMPLES), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {"date", "actor", "code", "goldstein", "source_sentence"} <= set(rows[0])
    guterres = [r for r in rows if r["actor"] == "António Guterres" and r["date"] == "2022-04-26"]
    assert guterres and guterres[0]["status"] == "scheduled" and "Moscow" in guterres[0]["source_sentence"]
    assert guterres[0]["actor_code"] == "IGOUNO"
    assert main(["events", "--db", str(db), "--actor", "Nehammer"]) == 0
    assert "Nehammer" in capsys.readouterr().out
    relayed = [r for r in rows if "remains convinced" in r["action"]]
    assert relayed and relayed[0]["reported_by"] == "Stéphane Dujarric" and relayed[0]["event_id"].startswith("ev")
    placed = [r for r in rows if r["location"] == "Kyiv"]
    assert placed and placed[0]["location_country"] == "UKR" and float(placed[0]["location_lat"]) > 50
    assert main(["events", "--db", str(db), "--format", "tsv"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "reported by" in listed[0].split("\t")
    assert any("remains convinced" in line and "Stéphane Dujarric" in line for line in listed)


def test_output_dash_is_standard_output(tmp_path, monkeypatch, capsys):
    db = tmp_path / "s.db"
    assert main(["build", str(EXAMPLES / "000_ed6f6d6639c51f57.txt"), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--db", str(db), "--format", "csv", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("date,status,actor") and not (tmp_path / "-").exists()


def test_quotes_listing_says_who_quoted_a_nested_quotation(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Post piece on the rally\n\n"
        'The Post wrote of Melanie Austin: "She had been hospitalized for weeks after what she called a '
        '“rant,” a series of online postings, and she came to the rally anyway."\n'
    )
    db = tmp_path / "s.db"
    assert main(["build", str(corpus), "--db", str(db), "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["quotes", "--db", str(db), "--speaker", "Melanie"]) == 0
    listing = capsys.readouterr().out
    assert "rant" in listing and "quoted by" in listing and "Post" in listing


def test_quotes_lists_every_kind_unless_told(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "2022-02-14\n\nUN Secretary-General Antonio Guterres said on Monday that the world must not give up on diplomacy. "
        '"There is no alternative to diplomacy," Guterres told reporters in New York.\n'
    )
    db = tmp_path / "s.db"
    assert main(["build", str(corpus), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["quotes", "--db", str(db), "--format", "tsv"]) == 0
    kinds = {line.split("\t")[1] for line in capsys.readouterr().out.splitlines()[1:]}
    assert {"direct", "indirect"} <= kinds
    assert main(["quotes", "--db", str(db), "--format", "tsv", "--kind", "indirect"]) == 0
    assert {line.split("\t")[1] for line in capsys.readouterr().out.splitlines()[1:]} == {"indirect"}


@pytest.fixture(scope="module")
def one_article_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "s.db"
    assert main(["build", str(EXAMPLES / "000_ed6f6d6639c51f57.txt"), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    return db


def test_export_over_the_store_is_refused_and_the_store_kept(one_article_store, capsys):
    before = one_article_store.read_bytes()
    assert main(["export", "--db", str(one_article_store), "-o", str(one_article_store)]) == 2
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


@pytest.mark.parametrize("command", [["export"], ["articles"], ["export", "--format", "md"]])
def test_standard_output_on_a_full_disk_is_one_line(one_article_store, command):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "storyline", *command, "--db", str(one_article_store)], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "No space left on device" in result.stderr, result.stderr


def test_a_locked_store_is_one_line(one_article_store, tmp_path, monkeypatch, capsys):
    import shutil
    import sqlite3

    from storyline.store import database

    db = tmp_path / "s.db"
    shutil.copy(one_article_store, db)
    monkeypatch.setattr(database, "LOCK_TIMEOUT", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["build", str(EXAMPLES / "000_ed6f6d6639c51f57.txt"), "--db", str(db), "--quiet"]) == 2
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "stayed locked by another process" in err


def test_a_build_on_a_read_only_store_is_one_line(one_article_store, tmp_path, monkeypatch, capsys):
    import shutil
    import sqlite3

    db = tmp_path / "s.db"
    shutil.copy(one_article_store, db)
    real = sqlite3.connect  # root may write any file: SQLite's read-only mode is what others get
    monkeypatch.setattr(sqlite3, "connect", lambda path, **options: real(f"file:{path}?mode=ro", uri=True, **options))
    assert main(["build", str(EXAMPLES / "000_ed6f6d6639c51f57.txt"), "--db", str(db), "--quiet"]) == 2
    assert capsys.readouterr().err == f"storyline: error: {db}: cannot write the store (the file or its folder is read-only)\n"


def test_articles_listing_shows_escape_sequences_in_a_title_as_text(tmp_path, capsys):
    record = {"id": "a", "title": "\x1b[2J\x1b]0;owned\x07Diplomacy", "text": PARAGRAPHS[0]}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n")
    db = tmp_path / "s.db"
    assert main(["build", str(tmp_path / "feed.jsonl"), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["articles", "--db", str(db), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out
