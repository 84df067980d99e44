"""`storyline build`: read articles into the store, analyse them, make the story.

On a terminal a progress bar counts the inputs done out of those expected, with the rate and
the time left; piped, or with -q, there is none. Either way the build ends with one line saying
what it did (not with -q); -v adds the corpus steps, the seconds each stage took, and the files
of other kinds it passed over.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.cli.common import Voice, add_common
from storyline.model import InputProblem, Severity
from storyline.settings import Settings
from storyline.store.database import Store

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

EXIT_NOTHING_READ = 1
EXIT_INTERRUPTED = 130


def add_build_command(commands) -> None:
    build = commands.add_parser("build", help="read articles into the store and analyse them")
    build.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (read recursively); - for standard input; none: bring the store's story up to date",
    )
    build.add_argument("--workers", type=int, help="worker processes for per-article stages (0: one per core)")
    build.add_argument("--batch-size", type=int, help="articles analysed and committed together")
    build.add_argument("--max-document-bytes", type=int, help="refuse single documents larger than this")
    build.add_argument(
        "--engine", choices=["local", "ray"], default="local", help="where per-article work runs: worker processes here, or Ray (default local)"
    )
    build.add_argument("--ray-address", help="with --engine ray: the Ray cluster to join (default: start Ray on this machine)")
    add_common(build)
    build.set_defaults(handler=build_command)


class ConsoleReporter:
    """Problems as single lines on standard error, above the progress bar when there is one."""

    def __init__(self, console: Console, voice: Voice, progress: Progress | None = None, total: int | None = None) -> None:
        self.console = console
        self.voice = voice
        self.total = total
        self._progress = progress
        self._task = progress.add_task("analysing", total=total) if progress else None

    def problem(self, problem: InputProblem) -> None:
        if problem.severity is Severity.IGNORED and not self.voice.verbose:
            return
        style = {Severity.FAILED: "red", Severity.SKIPPED: "yellow", Severity.WARNING: "yellow"}.get(problem.severity, "dim")
        self.console.print(problem.line(), style=style, markup=False, highlight=False, soft_wrap=True)

    def progress(self, done: int) -> None:
        if self._progress is not None:
            # The total is an estimate: never let the count run past it.
            total = max(self.total, done) if self.total is not None else None
            self._progress.update(self._task, completed=done, total=total)


def progress_bar(console: Console, get_time=None) -> Progress:
    """The bar: `⠋ analysing ━━━━━━━━━━━━━━━━━━━━━━━━━━━ 412/1000 inputs 3.5/s 2:48 left`. The
    rate is the whole build's so far: batches come back tens of seconds apart, too seldom for
    a rate over the last few seconds."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            rate = _rate(task)
            return Text(f"{rate:,.1f}/s" if rate else "", style="progress.data.speed")

    class Left(ProgressColumn):
        def render(self, task) -> Text:
            rate = _rate(task)
            if not rate or task.total is None:
                return Text("")
            minutes, seconds = divmod(int((task.total - task.completed) / rate + 0.5), 60)
            hours, minutes = divmod(minutes, 60)
            return Text((f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}") + " left", style="progress.remaining")

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("inputs"),
        Rate(),
        Left(),
        console=console,
        transient=True,
        get_time=get_time,
    )


def _rate(task) -> float | None:
    """Inputs done per second since the build started."""
    elapsed = task.elapsed
    return task.completed / elapsed if elapsed and task.completed else None


def build_command(args: argparse.Namespace, settings: Settings) -> int:
    from rich.console import Console

    from storyline.pipeline.build import expected_inputs, run_build
    from storyline.pipeline.engine import make_engine
    from storyline.pipeline.ray_engine import WorkerLost

    voice = Voice(args)
    console = Console(stderr=True)
    if not args.paths and not Path(settings.db).is_file():
        raise ValueError(f"{settings.db}: no such store; name the articles to build it from: `storyline build PATH --db {settings.db}`")
    started = time.perf_counter()
    engine = make_engine(args.engine, settings.workers, args.ray_address)
    with Store(settings.db) as store:
        try:
            if console.is_terminal and not voice.quiet:
                progress = progress_bar(console)
                reporter = ConsoleReporter(console, voice, progress, expected_inputs(args.paths, store, settings))
                with progress:
                    summary = run_build(args.paths, store, settings, reporter, engine)
            else:
                summary = run_build(args.paths, store, settings, ConsoleReporter(console, voice), engine)
        except WorkerLost as error:
            print(f"storyline: {error}; {store.article_count()} articles are safely stored in {settings.db}; run the same build again to finish", file=sys.stderr)
            return EXIT_INTERRUPTED
        except KeyboardInterrupt:
            print(
                f"storyline: interrupted; {store.article_count()} articles are safely stored in {settings.db}; run the same build again to finish",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
        made = _made(store)
    _tell(voice, summary, made, settings, time.perf_counter() - started)
    if summary.nothing_readable and args.paths:
        print(f"storyline: nothing could be read from {' '.join(args.paths)}", file=sys.stderr)
        return EXIT_NOTHING_READ
    return 0


def _made(store: Store) -> dict[str, int]:
    return {kind: store.record_count(kind) for kind in ("stories", "events", "quotes", "timeline")} | {"articles": store.article_count()}


def _tell(voice: Voice, summary, made: dict[str, int], settings: Settings, seconds: float) -> None:
    """The one line a build ends with (after the steps, with -v)."""
    if voice.verbose:
        voice.detail(summary.reduce.line())
        stages = ", ".join(f"{stage} {value:.1f}" for stage, value in sorted(summary.seconds.items(), key=lambda item: -item[1]))
        voice.detail(f"seconds by stage (summed over workers): {stages or 'none'}")
    if voice.quiet:
        return
    names = (("stories", "story", "stories"), ("events", "event", "events"), ("quotes", "quotation", "quotations"), ("timeline", "timeline entry", "timeline entries"))
    story = ", ".join(f"{made[kind]} {one if made[kind] == 1 else many}" for kind, one, many in names)
    hint = f" (-v names {'it' if summary.ignored == 1 else 'them'})" if summary.ignored and not voice.verbose else ""
    print(f"storyline: {summary.line()}{hint}; {made['articles']} articles in {settings.db}: {story} ({seconds:.1f} s)")
