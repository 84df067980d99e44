"""The build the server runs for uploaded files, in a child process of its own.

It is `storyline build PATH --db DB`, the same incremental build (run_build) into the same
store, except that it tells its parent how far it got as one JSON line per step on standard
output, which the upload page shows as progress. A child process keeps the language model and
the worker processes out of the server, and a build that fails cannot take the server down.

    python -m storyline.serve.build_job --db story.db [--config storyline.toml] FOLDER
"""

from __future__ import annotations

import argparse
import json
import sys

from storyline.model import InputProblem
from storyline.pipeline.build import run_build
from storyline.settings import load_settings
from storyline.store.database import Store, StoreError


def say(**message: object) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class LineReporter:
    """What run_build reports, as lines for the server."""

    def problem(self, problem: InputProblem) -> None:
        say(problem=problem.line())

    def progress(self, done: int) -> None:
        say(done=done)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="storyline-serve-build")
    parser.add_argument("--db", required=True)
    parser.add_argument("--config")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.config, db=args.db)
        with Store(settings.db) as store:
            summary = run_build(args.paths, store, settings, LineReporter())
            stored = store.article_count()
    except (ValueError, StoreError) as error:
        say(error=str(error))
        return 2
    say(summary=f"{summary.line()}; {stored} articles in the store", story=summary.reduce.line(), read=summary.read)
    return 0


if __name__ == "__main__":
    sys.exit(main())
