from __future__ import annotations

import sqlite3

import pytest

from storyline.model import Document
from storyline.store.database import SCHEMA_VERSION, Store, StoreError

# Building opens a store to migrate it; reading opens it read-only: both refuse what is not one.
OPENERS = pytest.mark.parametrize("open_store", [Store, Store.for_reading], ids=["build", "read"])


def test_new_store_is_migrated_to_the_current_schema(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.schema_version == SCHEMA_VERSION >= 1
    mode = sqlite3.connect(tmp_path / "s.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


@OPENERS
def test_store_from_a_newer_storyline_is_refused(tmp_path, open_store):
    Store(tmp_path / "s.db").close()
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this storyline"):
        open_store(tmp_path / "s.db")


@OPENERS
def test_other_sqlite_database_is_refused(tmp_path, open_store):
    db = sqlite3.connect(tmp_path / "other.db")
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="not a storyline store"):
        open_store(tmp_path / "other.db")


@OPENERS
def test_a_file_that_is_not_sqlite_is_refused(tmp_path, open_store):
    (tmp_path / "notes.db").write_text("these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="cannot use as a storyline store"):
        open_store(tmp_path / "notes.db")


def test_save_and_read_back_articles_and_results():
    with Store() as store:
        document = Document(id="a", source="a.txt", text="Body")
        store.save([(document, "h1")], [("h1", "extract", "fp1", {"text": "Body"})])
        assert store.content_hash_of("a") == "h1"
        assert store.cached_results("h1", {"extract": "fp1"}) == {"extract": {"text": "Body"}}
        assert store.cached_results("h1", {"extract": "fp2"}) == {}
        assert [(s.document, s.content_hash) for s in store.articles()] == [(document, "h1")]


def test_a_failed_batch_leaves_nothing_behind():
    with Store() as store:
        good = Document(id="a", source="a.txt", text="Body")
        without_id = Document(id=None, source="b.txt", text="Body")
        with pytest.raises(sqlite3.IntegrityError):
            # The second article cannot be stored: the whole batch, results included, rolls back.
            store.save([(good, "h1"), (without_id, "h2")], [("h1", "extract", "fp", {"text": "x"})])
        assert store.article_count() == 0
        assert store.cached_results("h1", {"extract": "fp"}) == {}


def test_prune_keeps_results_of_stored_and_kept_content():
    with Store() as store:
        store.save(
            [(Document(id="a", source="a", text="A"), "ha")],
            [("ha", "extract", "fp", {}), ("old", "extract", "fp", {}), ("skip", "extract", "fp", {})],
        )
        assert store.prune_results(keep={"skip"}) == 1
        assert store.cached_results("skip", {"extract": "fp"}) and store.cached_results("ha", {"extract": "fp"})


def test_a_store_locked_past_the_timeout_is_one_line(tmp_path, monkeypatch):
    from storyline.store import database

    monkeypatch.setattr(database, "LOCK_TIMEOUT", 0.2)
    Store(tmp_path / "s.db").close()
    holder = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store(tmp_path / "s.db") as store, pytest.raises(StoreError) as error:
            store.start_build()
    finally:
        holder.close()
    assert str(error.value) == (
        f"{tmp_path / 's.db'}: the store stayed locked by another process (a build, a server's upload) for 0.2 s; run again once it has finished"
    )


def test_a_read_only_store_file_is_one_line(tmp_path, monkeypatch):
    Store(tmp_path / "s.db").close()
    # Root writes to any file whatever its mode: SQLite's read-only mode is what a user without
    # write permission gets.
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda path, **options: real(f"file:{path}?mode=ro", uri=True, **options))
    with Store(tmp_path / "s.db") as store, pytest.raises(StoreError) as error:
        store.start_build()
    assert str(error.value) == f"{tmp_path / 's.db'}: cannot write the store (the file or its folder is read-only)"


def test_a_broken_constraint_is_still_a_bug_not_a_store_condition():
    with Store() as store, pytest.raises(sqlite3.IntegrityError):
        store.save([(Document(id=None, source="b.txt", text="Body"), "h")], [])
