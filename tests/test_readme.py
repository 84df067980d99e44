"""The README stays true: its worked Python example runs, its settings are the code's defaults,
its commands name the options the command line has, and it points nowhere outside the repository."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict
from pathlib import Path

from conftest import EXAMPLES
from storyline.cli import main
from storyline.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_worked_python_example_runs_on_the_install_commands_store(tmp_path, monkeypatch, capsys):
    install = re.search(r"```\n(python3 -m venv .venv && .*? build .*?)\n```", README).group(1)
    build = re.search(r"storyline build (\S+) --db (\S+)", install)
    assert build.group(1) == "examples/un-ukraine-2022" and build.group(2) == "storyline.db"
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(EXAMPLES), "--db", "storyline.db", "--workers", "1", "-q"]) == 0
    example = re.search(r"```python\n(.*?)```", section("Python"), re.S).group(1)
    exec(compile(example, "README.md (Python)", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.startswith("5 articles, ") and "António Guterres" in printed


def test_the_settings_shown_are_the_defaults():
    shown = tomllib.loads(re.search(r"```toml\n(.*?)```", section("Settings"), re.S).group(1))
    assert shown == asdict(Settings())


def test_nothing_points_outside_the_repository():
    assert "../" not in README
    for path in re.findall(r"`((?:src|tests|bench|scripts|examples)/[\w./-]+)`", README):
        if "*" not in path:
            assert (Path(__file__).resolve().parents[1] / path).exists(), path


def test_every_flag_the_command_line_section_names_exists():
    import argparse

    from storyline.cli import build_parser

    known = set()
    for action in build_parser()._actions:
        known.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                known.update(s for a in sub._actions for s in a.option_strings)
    named = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+|-[qvVo])\b", section("Command line")))
    assert named and named <= known, named - known
