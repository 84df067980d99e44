"""The command line: `storyline build | export | serve | stories | articles | entities | clusters | quotes | events | timeline`.

Exit status is 0 whenever something useful was done; bad inputs are reported one line each
and do not stop the run. Usage and store errors print one line and exit with 2.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from storyline import __version__
from storyline.export.tables import FORMATS, chosen_format, emit, styled
from storyline.model import InputProblem, Severity
from storyline.settings import Settings, load_settings
from storyline.store.database import Store, StoreError
from storyline.store.selection import most_salient, select_story
from storyline.store.story import behind, check_current, load_records, open_story, stored_problems

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

EXIT_NOTHING_READ = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return EXIT_USAGE
    try:
        settings = load_settings(args.config, db=args.db, **_setting_flags(args))
        return args.handler(args, settings)
    except (ValueError, StoreError) as error:
        print(f"storyline: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline", description="Turn news reports about an unfolding story into a cited, dated account."
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.add_argument(
        "--engine", choices=["local", "ray"], default="local", help="where per-article work runs: worker processes here, or Ray (default local)"
    )
    build.add_argument("--ray-address", help="with --engine ray: the Ray cluster to join (default: start Ray on this machine)")
    build.set_defaults(handler=_build)

    export = commands.add_parser("export", help="write what the store holds")
    export.add_argument(
        "--format",
        choices=["json", "csv", "gdelt", "gdelt-mentions", "md", "html"],
        default="json",
        help="json: the export contract; csv: the event table; gdelt, gdelt-mentions: GDELT 2.0's Event and Mentions "
        "tables (tab-separated, no header); md, html: the report (default json)",
    )
    export.add_argument("-o", "--output", help="file to write (default, or -: standard output)")
    export.set_defaults(handler=_export)

    serve = commands.add_parser("serve", help="browse the stored story in a web browser, and read its records as a JSON API")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: only this machine; else --token)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--token", help="a secret every request must carry (Authorization: Bearer T, or open a page once with ?token=T)")
    serve.add_argument("--read-only", action="store_true", help="no uploads and no builds: write nothing, not even the search index")
    serve.add_argument("--max-upload-files", type=int, default=20, metavar="N", help="files one upload may hold (default 20)")
    serve.add_argument("--max-upload-mb", type=int, default=50, metavar="MB", help="size one upload may have in all (default 50)")
    serve.set_defaults(handler=_serve)

    reads = _read_commands(commands)
    for command in reads:
        command.add_argument(
            "--format", choices=FORMATS, help="table (the default on a terminal), tsv (the default when piped), json or jsonl"
        )
    for command in (export, *reads):
        command.add_argument("--story", help="only this story (an id that `storyline stories` lists, e.g. story-1)")
    for command in (build, export, serve, *reads):
        command.add_argument("--db", help="the store, an SQLite file (default storyline.db, or as storyline.toml says)")
        command.add_argument("--config", help="settings file (default ./storyline.toml if present)")
    return parser


def _read_commands(commands) -> tuple[argparse.ArgumentParser, ...]:
    """The commands that read the stored story, each with its own filters."""
    articles = commands.add_parser("articles", help="list the stored articles")
    articles.set_defaults(handler=_articles)

    entities = commands.add_parser("entities", help="list the people, organisations and places, merged across articles")
    entities.add_argument("--type", help="only this type (PERSON, ORG, GPE, LOC, FAC)")
    entities.set_defaults(handler=_entities)

    clusters = commands.add_parser("clusters", help="list copies, same-event groups and stories")
    clusters.add_argument("--level", choices=["duplicate", "event", "story"], help="only this level")
    clusters.set_defaults(handler=_clusters)

    quotes = commands.add_parser("quotes", help="list quotations by speaker, with how each outlet rendered them")
    quotes.add_argument("--speaker", help="only speakers whose name contains this")
    quotes.add_argument(
        "--kind", action="append", choices=["direct", "partial", "indirect"], help="only quotations of this kind (repeatable; default: every kind)"
    )
    quotes.set_defaults(handler=_quotes)

    events = commands.add_parser("events", help="list events: who did what to whom, when")
    events.add_argument("--actor", help="only events whose actor's name contains this")
    events.set_defaults(handler=_events)

    timeline = commands.add_parser("timeline", help="print each story's timeline, its most salient dates")
    timeline.add_argument("--max-dates", type=int, default=30, metavar="N", help="the N most salient dates of each story (0: all)")
    timeline.add_argument("--per-date", type=int, default=3, metavar="K", help="the K most salient entries of each date (0: all)")
    timeline.set_defaults(handler=_timeline)

    stories = commands.add_parser("stories", help="list the stories: event clusters a reader would call one story")
    stories.set_defaults(handler=_stories)

    return (stories, articles, entities, clusters, quotes, events, timeline)


def _setting_flags(args: argparse.Namespace) -> dict[str, object]:
    names = ("workers", "batch_size", "max_document_bytes")
    return {name: getattr(args, name, None) for name in names}


class _ConsoleReporter:
    """Problems as single lines on standard error, above a progress bar when on a terminal."""

    def __init__(self, console: Console, progress: Progress | None) -> None:
        self.console = console
        self._progress = progress
        self._task = progress.add_task("analysing", total=None) if progress else None

    def problem(self, problem: InputProblem) -> None:
        style = {Severity.FAILED: "red", Severity.SKIPPED: "yellow", Severity.WARNING: "yellow"}[problem.severity]
        self.console.print(problem.line(), style=style, markup=False, highlight=False, soft_wrap=True)

    def progress(self, done: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=done, description=f"{done} inputs")


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from storyline.pipeline.build import run_build
    from storyline.pipeline.engine import make_engine
    from storyline.pipeline.ray_engine import WorkerLost

    console = Console(stderr=True)
    show_bar = console.is_terminal and not args.quiet
    progress = Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console, transient=True
    )
    if not args.paths and not Path(settings.db).is_file():
        raise ValueError(f"{settings.db}: no such store; name the articles to build it from: `storyline build PATH --db {settings.db}`")
    engine = make_engine(args.engine, settings.workers, args.ray_address)
    with Store(settings.db) as store:
        try:
            if show_bar:
                with progress:
                    summary = run_build(args.paths, store, settings, _ConsoleReporter(console, progress), engine)
            else:
                summary = run_build(args.paths, store, settings, _ConsoleReporter(console, None), engine)
        except WorkerLost as error:
            print(f"storyline: {error}; {store.article_count()} articles are safely stored in {settings.db}; run the same build again to finish", file=sys.stderr)
            return EXIT_INTERRUPTED
        except KeyboardInterrupt:
            print(
                f"storyline: interrupted; {store.article_count()} articles are safely stored in {settings.db}; run the same build again to finish",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
        stored = store.article_count()
    print(f"storyline: {summary.line()}; {stored} articles in {settings.db}")
    print(f"storyline: {summary.reduce.line()}")
    if summary.nothing_readable and args.paths:
        print(f"storyline: nothing could be read from {' '.join(args.paths)}", file=sys.stderr)
        return EXIT_NOTHING_READ
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    with _open(settings) as store:
        for problem in stored_problems(store):
            print(problem.line(), file=sys.stderr)
        selection = select_story(store, args.story) if args.story else None
        if args.format == "json" and selection is None:
            from storyline.export.json import export_stored_json

            text = export_stored_json(store)
        else:
            from storyline.export.csv import export_csv
            from storyline.export.gdelt import export_gdelt
            from storyline.export.gdelt_mentions import export_gdelt_mentions
            from storyline.export.json import export_json
            from storyline.export.report import report_html, report_markdown

            added = store.last_built()
            writers = {
                "json": export_json,
                "csv": export_csv,
                "gdelt": lambda story: export_gdelt(story, added),
                "gdelt-mentions": lambda story: export_gdelt_mentions(story, added),
                "md": report_markdown,
                "html": report_html,
            }
            story = open_story(store)
            text = writers[args.format](selection.only(story) if selection else story)
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    """The stored story in a browser; FastAPI and uvicorn are imported here, not by the other commands."""
    from storyline.serve.options import ServeOptions
    from storyline.serve.server import serve

    if not Path(settings.db).is_file():
        raise ValueError(f"{settings.db}: no such store; run `storyline build PATH --db {settings.db}` first")
    if args.max_upload_files < 1 or args.max_upload_mb < 1:
        raise ValueError("--max-upload-files and --max-upload-mb must be at least 1")
    options = ServeOptions(
        db=Path(settings.db).resolve(),
        host=args.host,
        port=args.port,
        token=args.token or settings.token or None,
        read_only=args.read_only,
        config=str(Path(args.config).resolve()) if args.config else None,
        max_upload_files=args.max_upload_files,
        max_upload_bytes=args.max_upload_mb * 1_000_000,
        settings=settings,
    )
    return serve(options)


def _articles(args: argparse.Namespace, settings: Settings) -> int:
    with _open(settings) as store:
        listed = [summary for _key, summary in store.story_summaries("articles")]
        if args.story:
            wanted = select_story(store, args.story).articles
            listed = [summary for summary in listed if summary["id"] in wanted]
    rows = [
        (a["id"], a["published"] or "-", a["basis"], a["outlet"] or "-", str(a["words"]), a["title"] or a["first_line"]) for a in listed
    ]
    columns = ("id", "published", "basis", "outlet", "words", "title")
    emit(f"{len(listed)} articles in {settings.db}", columns, rows, chosen_format(args.format))
    return 0


def _entities(args: argparse.Namespace, settings: Settings) -> int:
    with _open(settings) as store:
        entities = _records(store, "entities", args)
    shown = [e for e in entities if not args.type or e.type == args.type.upper()]
    rows = [
        (
            entity.name,
            entity.type,
            entity.country or "-",
            str(len(entity.mentions)),
            str(len({m.article for m in entity.mentions})),
            "; ".join(entity.roles),
            ", ".join(entity.aliases),
        )
        for entity in shown
    ]
    columns = ("name", "type", "country", "mentions", "articles", "roles", "also written")
    emit(f"{len(shown)} entities in {settings.db}", columns, rows, chosen_format(args.format))
    return 0


def _clusters(args: argparse.Namespace, settings: Settings) -> int:
    with _open(settings) as store:
        clusters = _records(store, "clusters", args)
    shown = [c for c in clusters if not args.level or c.level == args.level]
    rows = [(c.id, c.level, str(len(c.articles)), c.label, ", ".join(c.articles)) for c in shown]
    emit(f"{len(shown)} clusters in {settings.db}", ("id", "level", "articles", "label", "members"), rows, chosen_format(args.format))
    return 0


def _quotes(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.export.diff import word_diff
    from storyline.export.report import quotes_by_speaker
    from storyline.lexicon.names import fold
    from storyline.model import Story

    with _open(settings) as store:
        story = Story(quotes=_records(store, "quotes", args))
    by_id = {quote.id: quote for quote in story.quotes}
    kinds = tuple(args.kind or ("direct", "partial", "indirect"))
    speakers = [(name, rows) for name, rows in quotes_by_speaker(story, kinds) if not args.speaker or fold(args.speaker) in fold(name)]
    output_format = chosen_format(args.format)
    if output_format != "table":
        columns = ("speaker", "kind", "quote", "article", "quoted by", "other renderings")
        rows = [
            (
                name,
                quote.kind,
                quote.text,
                quote.span.article,
                (by_id[quote.nested_in].speaker_name or "an unnamed speaker") if quote.nested_in in by_id else "",
                " | ".join(f"{other.span.article}: {word_diff(quote.text, other.text)}" for other in others),
            )
            for name, quoted in speakers
            for quote, others in quoted
        ]
        emit("quotes", columns, rows, output_format)
        return 0
    lines = []
    for name, rows in speakers:
        lines.append(f"{styled(name, 'bold')} ({len(rows)})")
        for quote, others in rows:
            lines.append(f"  [{quote.kind}] {quote.text}  {styled(quote.span.article, 'dim')}")
            if quote.nested_in in by_id:
                relayer = by_id[quote.nested_in].speaker_name or "an unnamed speaker"
                lines.append("      " + styled(f"quoted by {relayer}", "dim"))
            lines += [f"      as {other.span.article}: {word_diff(quote.text, other.text)}" for other in others]
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


def _events(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.lexicon.names import fold

    with _open(settings) as store:
        entities = load_records(store, "entities")
        events = _records(store, "events", args)
    names = {e.id: e.name for e in entities}
    shown = [e for e in events if not args.actor or fold(args.actor) in fold(names.get(e.actor, ""))]
    rows = [
        (
            event.date or "-",
            event.status,
            _coded(names.get(event.actor, "-"), event.actor_code),
            event.code or "-",
            event.action,
            _coded(names.get(event.target, "-"), event.target_code),
            names.get(event.reported_by or "", "-"),
            str(event.outlets),
        )
        for event in shown
    ]
    columns = ("date", "status", "actor", "code", "action", "target", "reported by", "outlets")
    emit(f"{len(shown)} events in {settings.db}", columns, rows, chosen_format(args.format))
    return 0


def _coded(name: str, code: str | None) -> str:
    return f"{name} ({code})" if code else name


def _timeline(args: argparse.Namespace, settings: Settings) -> int:
    """One timeline per story, the biggest story first; entries of no story come last."""
    with _open(settings) as store:
        timeline = _records(store, "timeline", args)
        stories = _records(store, "stories", args)
    order = {story.id: rank for rank, story in enumerate(stories)}
    labels = {story.id: story.label for story in stories}
    total = Counter(entry.story for entry in timeline)
    timeline = sorted(
        most_salient(timeline, args.max_dates, args.per_date), key=lambda e: (order.get(e.story, len(order)), e.date, e.kind != "background")
    )
    output_format = chosen_format(args.format)
    columns = ("story", "date", "what happened", "outlets", "kind")
    rows = [(entry.story or "-", entry.date, entry.summary, str(entry.outlets), entry.kind) for entry in timeline]
    styles = ["dim" if e.kind == "background" else ("yellow" if e.status == "scheduled" else None) for e in timeline]
    if output_format != "table":
        emit("timeline", columns, rows, output_format, styles)
        return 0
    for story_id in dict.fromkeys(entry.story for entry in timeline):
        shown = [i for i, entry in enumerate(timeline) if entry.story == story_id]
        of = f" of {total[story_id]}" if len(shown) < total[story_id] else ""
        title = f"{story_id or 'no story'}: {labels.get(story_id, '')} ({len(shown)}{of} entries)"
        emit(title, columns[1:], [rows[i][1:] for i in shown], output_format, [styles[i] for i in shown])
    return 0


def _stories(args: argparse.Namespace, settings: Settings) -> int:
    with _open(settings) as store:
        stories = _records(store, "stories", args)
    rows = [
        (s.id, s.first_date or "-", s.last_date or "-", str(len(s.articles)), str(len(s.clusters)), str(len(s.events)), s.label)
        for s in stories
    ]
    columns = ("id", "from", "to", "articles", "event clusters", "events", "label")
    emit(f"{len(stories)} stories in {settings.db}", columns, rows, chosen_format(args.format))
    return 0


def _records(store: Store, kind: str, args: argparse.Namespace) -> tuple:
    """The stored records of one kind, only those of `--story` when it is given."""
    records = load_records(store, kind)
    if getattr(args, "story", None):
        selection = select_story(store, args.story)
        records = tuple(r for r in records if selection.keeps(kind, r))
    return records


def _open(settings: Settings) -> Store:
    """The store, read-only, with a current story; one line saying what to do otherwise."""
    if not Path(settings.db).is_file():
        raise ValueError(f"{settings.db}: no such store; run `storyline build PATH --db {settings.db}` first")
    store = Store.for_reading(settings.db)
    try:
        check_current(store)
    except StoreError:
        store.close()
        raise
    if behind(store):
        print(
            f"storyline: note: {settings.db} holds articles stored after its story was made; "
            f"`storyline build --db {settings.db}` brings the story up to date",
            file=sys.stderr,
        )
    return store
