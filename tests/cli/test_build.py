"""`storyline build` as a user runs it: exit codes, one-line problems, the progress, the summary."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from types import SimpleNamespace

from conftest import EXAMPLES, PARAGRAPHS
from storyline.cli import main
from storyline.cli.build import ConsoleReporter, progress_bar
from storyline.cli.common import Voice


def test_build_ends_with_one_line_and_passes_over_the_readme(tmp_path, capsys):
    db = tmp_path / "s.db"
    assert main(["build", str(EXAMPLES), "--db", str(db), "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and out.startswith("storyline: 5 read, 0 unchanged, 0 skipped, 0 failed, 0 warnings")
    assert "1 other file ignored (-v names it)" in out and f"5 articles in {db}: 1 story, " in out and " events, " in out
    assert err == ""  # the example folder's README.md is no problem
    assert main(["build", str(EXAMPLES), "--db", str(db), "-v"]) == 0
    out, err = capsys.readouterr()
    assert "0 read, 5 unchanged" in out
    assert f"{EXAMPLES}/README.md: ignored: not a kind of file storyline reads" in err
    assert "storyline: corpus steps: all unchanged" in err and "storyline: seconds by stage" in err
    assert main(["build", str(EXAMPLES), "--db", str(db), "-q"]) == 0
    assert capsys.readouterr() == ("", "")


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
    # -q leaves out the summary, never the problems.
    assert main(["build", str(tmp_path / "missing"), "--db", str(tmp_path / "s.db"), "-q"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "missing: failed: no such file" in err and "nothing could be read" in err


def test_a_folder_of_nothing_readable_exits_non_zero(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("# notes\n")
    assert main(["build", str(tmp_path / "in"), "--db", str(tmp_path / "s.db")]) == 1
    assert "nothing could be read" in capsys.readouterr().err


def test_the_progress_counts_done_of_expected_with_rate_and_time_left():
    console_file = io.StringIO()
    from rich.console import Console

    console = Console(file=console_file, force_terminal=True, width=120)
    clock = SimpleNamespace(now=0.0)
    bar = progress_bar(console, get_time=lambda: clock.now)
    reporter = ConsoleReporter(console, Voice(SimpleNamespace(quiet=False, verbose=False)), bar, total=100)
    for done in (0, 10, 20, 40):
        reporter.progress(done)
        clock.now += 2.0
    console.print(bar.make_tasks_table(bar.tasks))
    shown = console_file.getvalue()
    # 40 done in the 8 seconds since the start: 5 a second, 60 to go in 12 seconds.
    assert "40/100" in shown and "inputs" in shown
    assert "5.0/s" in shown and "0:12 left" in shown
    reporter.progress(120)  # the estimate was short: the count never runs past the total
    assert bar.tasks[0].total == 120


def test_no_progress_bar_when_piped_and_one_summary_line(tmp_path):
    lines = "".join(json.dumps({"id": f"s{n}", "text": p}) + "\n" for n, p in enumerate(PARAGRAPHS))
    db = tmp_path / "s.db"
    built = subprocess.run([sys.executable, "-m", "storyline", "build", "-", "--db", str(db)], input=lines, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert built.stdout.count("\n") == 1 and "4 read" in built.stdout and built.stderr == ""
    exported = subprocess.run([sys.executable, "-m", "storyline", "export", "--db", str(db)], capture_output=True, text=True, check=True)
    assert [a["id"] for a in json.loads(exported.stdout)["articles"]] == ["s0", "s1", "s2", "s3"]


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
