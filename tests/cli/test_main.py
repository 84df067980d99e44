"""The command line as a whole: help, the version, the options every command takes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from storyline import __version__
from storyline.cli import main

COMMANDS = ("build", "export", "serve", "stories", "articles", "entities", "clusters", "quotes", "events", "timeline", "brief")
READS = ("stories", "articles", "entities", "clusters", "quotes", "events", "timeline", "brief")


def test_help_for_every_command():
    for command in ([], *([name] for name in COMMANDS)):
        result = subprocess.run([sys.executable, "-m", "storyline", *command, "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "usage: storyline" in result.stdout, command
        if command:
            assert "--quiet" in result.stdout and "--verbose" in result.stdout, command


def test_the_version_with_a_short_flag_too(capsys):
    for flag in ("-V", "--version"):
        with pytest.raises(SystemExit) as exited:
            main([flag])
        assert exited.value.code == 0 and capsys.readouterr().out.strip() == f"storyline {__version__}"


def test_every_command_takes_quiet_and_verbose_and_the_reads_take_every_filter(wire_store, capsys):
    for command in READS:
        for flags in (["-q"], ["-v"], ["--since", "2022-02", "--until", "2022-04", "--actor", "Guterres", "--outlet", "wire", "--story", "story-1"]):
            assert main([command, "--db", str(wire_store), "--format", "tsv", *flags]) == 0, (command, flags)
    capsys.readouterr()
    assert main(["export", "--db", str(wire_store), "-q", "--since", "2022-04", "--actor", "Guterres", "--format", "jsonl"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:  # one or the other
        main(["articles", "--db", str(wire_store), "-q", "-v"])
    assert exited.value.code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_a_bad_date_is_one_line_and_exit_2(wire_store, capsys):
    assert main(["events", "--db", str(wire_store), "--since", "last week"]) == 2
    err = capsys.readouterr().err
    assert err == "storyline: error: --since last week: not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n"


def test_config_file_sets_the_store(tmp_path, monkeypatch):
    from conftest import PARAGRAPHS

    monkeypatch.chdir(tmp_path)
    (tmp_path / "storyline.toml").write_text('db = "configured.db"\nworkers = 1\n')
    (tmp_path / "a.txt").write_text(PARAGRAPHS[0])
    assert main(["build", "a.txt", "-q"]) == 0
    assert (tmp_path / "configured.db").is_file()


@pytest.mark.parametrize("command", [["export"], ["articles"], ["export", "--format", "md"], ["events", "--format", "jsonl"]])
def test_standard_output_on_a_full_disk_is_one_line(one_article_store, command):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "storyline", *command, "--db", str(one_article_store)], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "No space left on device" in result.stderr, result.stderr
