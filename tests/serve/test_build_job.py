"""The build the server runs for uploads: what it reports, one JSON line at a time."""

from __future__ import annotations

import json

from storyline.model import InputProblem, Severity
from storyline.serve.build_job import LineReporter, main


def test_progress_and_problems_are_lines_of_json(capsys):
    reporter = LineReporter()
    reporter.progress(3)
    reporter.problem(InputProblem("a.txt", "no article text found", Severity.SKIPPED))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == [{"done": 3}, {"problem": "a.txt: skipped: no article text found"}]


def test_what_stops_a_build_is_one_line_and_a_status(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "s.db"), "--config", str(tmp_path / "missing.toml"), str(tmp_path)]) == 2
    (line,) = capsys.readouterr().out.splitlines()
    assert "config file not found" in json.loads(line)["error"]
