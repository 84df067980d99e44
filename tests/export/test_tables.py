"""How read commands print rows."""

from __future__ import annotations

import json

from storyline.export.tables import _column_widths, emit


def test_columns_give_way_on_a_narrow_terminal_but_stay_readable():
    columns = [f"column{n}" for n in range(7)]
    rows = [["x" * 13] * 7]
    widths = _column_widths(columns, rows, 30)
    assert min(widths) >= 12
    assert _column_widths(["name", "text"], [["Guterres", "a" * 300]], 80) == [8, 70]


def test_piped_rows_keep_one_line_per_row(capsys):
    emit("t", ("a", "b"), [("one\ttwo", "three\r\nfour")], "tsv")
    assert capsys.readouterr().out == "a\tb\none two\tthree four\n"
    emit("t", ("a", "b"), [("1", "2")], "jsonl")
    assert json.loads(capsys.readouterr().out) == {"a": "1", "b": "2"}


def test_a_table_wraps_long_cells_within_their_column(capsys):
    emit("title", ("date", "what happened"), [("2022-02-14", "word " * 40)], "table")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "title" and lines[1].split() == ["date", "what", "happened"]
    assert len(lines) > 4 and all(len(line) <= 120 for line in lines)


def test_terminal_escape_sequences_in_a_cell_are_shown_not_run(capsys):
    title = "\x1b[2J\x1b]0;owned\x07Guterres \x9b31m calls"
    for output_format in ("table", "tsv"):
        emit("t", ("id", "title"), [("a", title)], output_format)
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
        assert "\\x1b[2J\\x1b]0;owned\\x07Guterres" in out and "\\x9b31m calls" in out
