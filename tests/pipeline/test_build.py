"""The build: caching, incremental runs, id collisions, and surviving a kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace

import pytest

import storyline.stages as stages
from conftest import PARAGRAPHS, article_html, record, write_jsonl
from storyline.pipeline.build import STAGE_ORDER, run_build
from storyline.settings import Settings
from storyline.store.database import Store, StoreError
from storyline.store.story import open_story

SETTINGS = Settings(workers=1, batch_size=4)


@pytest.fixture
def stage_calls(monkeypatch):
    """Count how often the extraction stage really runs (in-process: one worker)."""
    calls = []
    original = stages.get_stage("extract")

    def counting(document, upstream, settings):
        calls.append(document.id)
        return original.run(document, upstream, settings)

    monkeypatch.setitem(stages._REGISTRY, "extract", replace(original, run=counting))
    return calls


def corpus(folder, count=3):
    folder.mkdir(exist_ok=True)
    for n in range(count):
        (folder / f"a{n}.txt").write_text(f"Story number {n}.\n\n" + "\n\n".join(PARAGRAPHS))
    return folder


def test_second_build_on_the_same_input_does_no_work(tmp_path, stage_calls):
    folder = corpus(tmp_path / "in")
    with Store(tmp_path / "s.db") as store:
        first = run_build([str(folder)], store, SETTINGS)
        assert (first.read, first.unchanged, len(stage_calls)) == (3, 0, 3)
        exported = open_story(store)
        second = run_build([str(folder)], store, SETTINGS)
        assert (second.read, second.unchanged, len(stage_calls)) == (0, 3, 3)
        assert open_story(store) == exported


def test_adding_files_analyses_only_the_new_ones(tmp_path, stage_calls):
    folder = corpus(tmp_path / "in")
    with Store(tmp_path / "s.db") as store:
        run_build([str(folder)], store, SETTINGS)
        (folder / "new.txt").write_text("A new report.\n\n" + PARAGRAPHS[0])
        summary = run_build([str(folder)], store, SETTINGS)
        assert (summary.read, summary.unchanged) == (1, 3)
        assert stage_calls[3:] == ["new.txt"]


def test_changed_file_is_analysed_again_and_its_old_results_dropped(tmp_path, stage_calls):
    folder = corpus(tmp_path / "in")
    with Store(tmp_path / "s.db") as store:
        run_build([str(folder)], store, SETTINGS)
        (folder / "a0.txt").write_text("Corrected story.\n\n" + PARAGRAPHS[1])
        summary = run_build([str(folder)], store, SETTINGS)
        assert (summary.read, summary.unchanged, stage_calls[3:]) == (1, 2, ["a0.txt"])
        story = open_story(store)
        assert story.articles[0].text.startswith("Corrected story.")
    results = sqlite3.connect(tmp_path / "s.db").execute("SELECT count(*) FROM stage_results").fetchone()[0]
    assert results == 3 * len(STAGE_ORDER)


def test_renamed_file_reuses_its_cached_analysis(tmp_path, stage_calls):
    folder = corpus(tmp_path / "in", count=1)
    with Store(tmp_path / "s.db") as store:
        run_build([str(folder)], store, SETTINGS)
        (folder / "a0.txt").rename(folder / "renamed.txt")
        summary = run_build([str(folder)], store, SETTINGS)
        assert summary.read == 1 and stage_calls == ["a0.txt"]
        assert [a.id for a in open_story(store).articles] == ["a0.txt", "renamed.txt"]


def test_new_stage_version_reanalyses(tmp_path, stage_calls, monkeypatch):
    folder = corpus(tmp_path / "in", count=2)
    with Store(tmp_path / "s.db") as store:
        run_build([str(folder)], store, SETTINGS)
        newer = replace(stages.get_stage("extract"), version=stages.get_stage("extract").version + 1)
        monkeypatch.setitem(stages._REGISTRY, "extract", newer)
        versions = stages.stage_versions()
        bumped = {**versions, "article": {**versions["article"], "extract": newer.version}}
        monkeypatch.setattr(stages, "stage_versions", lambda: bumped)
        # Before rebuilding, a read refuses the story in one line rather than show stale analyses.
        with pytest.raises(StoreError, match="run `storyline build --db"):
            open_story(store)
        summary = run_build([str(folder)], store, SETTINGS)
        assert summary.read == 2 and len(stage_calls) == 4
        assert [a.id for a in open_story(store).articles] == ["a0.txt", "a1.txt"]


def test_a_build_without_paths_brings_every_stored_article_up_to_date(tmp_path, stage_calls, monkeypatch):
    folder = corpus(tmp_path / "in", count=2)
    with Store(tmp_path / "s.db") as store:
        run_build([str(folder / "a0.txt")], store, SETTINGS)
        run_build([str(folder / "a1.txt")], store, SETTINGS)
        newer = replace(stages.get_stage("extract"), version=stages.get_stage("extract").version + 1)
        monkeypatch.setitem(stages._REGISTRY, "extract", newer)
        summary = run_build([], store, SETTINGS)
        assert (summary.reanalysed, summary.read, stage_calls[2:]) == (2, 2, ["a0.txt", "a1.txt"])
        assert not summary.reduce.problems


def test_changed_setting_that_a_stage_reads_reanalyses(tmp_path, stage_calls):
    folder = corpus(tmp_path / "in", count=2)
    with Store(tmp_path / "s.db") as store:
        run_build([str(folder)], store, SETTINGS)
        run_build([str(folder)], store, replace(SETTINGS, batch_size=2))
        assert len(stage_calls) == 2  # batch size changes no result
        run_build([str(folder)], store, replace(SETTINGS, dateline_window=100))
        assert len(stage_calls) == 4


def test_same_file_name_in_two_folders_keeps_both(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "report.txt").write_text("First outlet's report. " + PARAGRAPHS[0])
    (b / "report.txt").write_text("Second outlet's report. " + PARAGRAPHS[1])
    with Store() as store:
        summary = run_build([str(a), str(b)], store, SETTINGS)
        assert summary.read == 2 and summary.warnings == 1
        assert "already used" in summary.problems[0].reason and "report.txt~2" in summary.problems[0].reason
        articles = open_story(store).articles
        assert [(x.id, x.text[:6]) for x in articles] == [("report.txt", "First "), ("report.txt~2", "Second")]
        again = run_build([str(a), str(b)], store, SETTINGS)
        assert (again.read, again.unchanged) == (0, 2)


def test_repeated_record_is_counted_once(tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [record("x", PARAGRAPHS[0]), record("x", PARAGRAPHS[0]), record("x", PARAGRAPHS[1])])
    with Store() as store:
        summary = run_build([str(path)], store, SETTINGS)
        assert (summary.read, summary.skipped, summary.warnings) == (2, 1, 1)
        assert [a.id for a in open_story(store).articles] == ["x", "x~2"]


def test_html_without_article_is_skipped_but_not_analysed_twice(tmp_path, stage_calls):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "login.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (folder / "page.html").write_text(article_html())
    with Store(tmp_path / "s.db") as store:
        summary = run_build([str(folder)], store, SETTINGS)
        assert (summary.read, summary.skipped) == (1, 1)
        assert "no article text" in summary.problems[0].reason
        again = run_build([str(folder)], store, SETTINGS)
        assert (again.unchanged, again.skipped, len(stage_calls)) == (1, 1, 2)


def test_a_stage_crash_fails_one_article_only(tmp_path, monkeypatch):
    corpus(tmp_path / "in", count=3)
    original = stages.get_stage("extract")

    def crashing(document, upstream, settings):
        if document.id == "a1.txt":
            raise RuntimeError("parser exploded")
        return original.run(document, upstream, settings)

    monkeypatch.setitem(stages._REGISTRY, "extract", replace(original, run=crashing))
    with Store() as store:
        summary = run_build([str(tmp_path / "in")], store, SETTINGS)
        assert (summary.read, summary.failed) == (2, 1)
        assert "parser exploded" in summary.problems[0].reason


def test_worker_pool_gives_the_same_story(tmp_path):
    folder = corpus(tmp_path / "in", count=9)
    for n in range(3):
        (folder / f"p{n}.html").write_text(article_html(title=f"Page {n}"))
    stories = []
    for workers in (1, 2):
        with Store() as store:
            run_build([str(folder)], store, Settings(workers=workers, batch_size=3))
            stories.append(open_story(store))
    assert stories[0] == stories[1] and len(stories[0].articles) == 12


def _start_build(folder, db, *extra):
    command = [sys.executable, "-m", "storyline", "build", str(folder), "--db", str(db), "--batch-size", "4", "--workers", "1", *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_articles(db, process, minimum=1, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the build finished before it could be interrupted; make the corpus larger")
        try:
            count = sqlite3.connect(db, timeout=5).execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            count = 0
        if count >= minimum:
            return count
        time.sleep(0.01)
    pytest.fail("no article was stored in time")


def _big_corpus(folder, count=400):
    folder.mkdir()
    for n in range(count):
        (folder / f"page{n:03}.html").write_text(article_html(title=f"Report {n}", paragraphs=[f"Report {n}: {p}" for p in PARAGRAPHS] * 3))
    return folder


def _assert_consistent(db):
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Every stored article has its analysis: no half-written article.
    orphans = connection.execute(
        "SELECT count(*) FROM articles WHERE content_hash NOT IN (SELECT content_hash FROM stage_results)"
    ).fetchone()[0]
    assert orphans == 0
    return connection.execute("SELECT count(*) FROM articles").fetchone()[0]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_build_leaves_a_store_the_next_build_completes(tmp_path, how):
    folder = _big_corpus(tmp_path / "in")
    db = tmp_path / "s.db"
    process = _start_build(folder, db)
    _wait_for_articles(db, process)
    os.kill(process.pid, how)
    _, stderr = process.communicate(timeout=60)
    if how == signal.SIGINT:
        assert process.returncode == 130 and "interrupted" in stderr and "Traceback" not in stderr
    stored = _assert_consistent(db)
    assert 0 < stored < 400
    finished = subprocess.run(
        [sys.executable, "-m", "storyline", "build", str(folder), "--db", str(db), "--workers", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"{400 - stored} read, {stored} unchanged" in finished.stdout
    assert _assert_consistent(db) == 400


def test_export_after_resume_matches_an_uninterrupted_build(tmp_path):
    folder = _big_corpus(tmp_path / "in", count=120)
    process = _start_build(folder, tmp_path / "a.db")
    _wait_for_articles(tmp_path / "a.db", process)
    process.kill()
    process.communicate()
    for db in ("a.db", "b.db"):
        subprocess.run(
            [sys.executable, "-m", "storyline", "build", str(folder), "--db", str(tmp_path / db)], check=True, capture_output=True
        )
    exports = [
        json.loads(
            subprocess.run(
                [sys.executable, "-m", "storyline", "export", "--db", str(tmp_path / db)], check=True, capture_output=True
            ).stdout
        )
        for db in ("a.db", "b.db")
    ]
    assert exports[0] == exports[1]


def test_stage_order_names_registered_stages():
    assert all(stages.get_stage(name) for name in STAGE_ORDER)


def test_an_id_taken_over_by_another_file_is_reported(tmp_path):
    day1, day2 = tmp_path / "day1", tmp_path / "day2"
    for folder, text in ((day1, PARAGRAPHS[0]), (day2, PARAGRAPHS[1])):
        folder.mkdir()
        (folder / "001.txt").write_text(text)
    with Store() as store:
        run_build([str(day1)], store, SETTINGS)
        summary = run_build([str(day2)], store, SETTINGS)
        assert summary.warnings == 1
        assert f"replaces the stored article '001.txt' read earlier from {day1}/001.txt" in summary.problems[0].reason
        # Editing a file in place is an update, not a takeover: nothing to warn about.
        (day2 / "001.txt").write_text(PARAGRAPHS[2])
        assert run_build([str(day2)], store, SETTINGS).warnings == 0


def test_a_name_that_is_not_utf8_and_a_lone_surrogate_cost_only_themselves(tmp_path):
    folder = corpus(tmp_path / "in", count=5)
    with open(os.fsencode(folder) + b"/bad\xff.txt", "wb") as handle:
        handle.write(("A story under a name that is not UTF-8.\n\n" + PARAGRAPHS[0]).encode())
    (folder / "feed.jsonl").write_text('{"id": "surrogate", "text": "Half a pair \\ud800 here. ' + PARAGRAPHS[1] + '"}\n')
    with Store(tmp_path / "s.db") as store:
        summary = run_build([str(folder)], store, SETTINGS)
        assert (summary.read, summary.failed, summary.warnings) == (7, 0, 2)
        ids = {article.id for article in open_story(store).articles}
    assert ids == {"a0.txt", "a1.txt", "a2.txt", "a3.txt", "a4.txt", "bad\\xff.txt", "surrogate"}
