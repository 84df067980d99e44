"""`storyline export`: write what the store holds, whole or as the filters choose.

json, jsonl and parquet hold the export's records, exactly those the read commands show under
the same filters. The tables and the report are made of the chosen records, with the articles
and entities those records point to (a CSV row takes its sentence from its article).
"""

from __future__ import annotations

import argparse

from storyline.cli.common import Voice, add_common, add_filters, filters_of, open_store
from storyline.export.output import refuse_store, write_file, write_stdout
from storyline.settings import Settings
from storyline.store.filters import Chooser, cited
from storyline.store.story import RECORD_TYPES, open_story, stored_problems

FORMATS = ("json", "jsonl", "parquet", "csv", "gdelt", "gdelt-mentions", "md", "html")


def add_export_command(commands) -> None:
    export = commands.add_parser("export", help="write what the store holds")
    export.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="json: the export contract; jsonl: its records, one a line, each with its record_type; parquet: one file per "
        "kind of record, into the folder -o names; csv: the event table; gdelt, gdelt-mentions: GDELT 2.0's Event and "
        "Mentions tables (tab-separated, no header); md, html: the report (default json)",
    )
    export.add_argument(
        "-o", "--output", help="file to write, whole or not at all (default, or -: standard output); for parquet, a folder"
    )
    add_filters(export)
    add_common(export)
    export.set_defaults(handler=export_command)


def export_command(args: argparse.Namespace, settings: Settings) -> int:
    voice = Voice(args)
    filters = filters_of(args)
    to_stdout = not args.output or args.output == "-"
    if args.format == "parquet" and to_stdout:
        raise ValueError("--format parquet writes one file per kind of record: name their folder with -o FOLDER")
    if not to_stdout:
        refuse_store(args.output, settings.db)
    with open_store(settings, voice) as store:
        for problem in stored_problems(store):
            voice.note(problem.line())
        chooser = Chooser(store, filters) if filters.given else None
        if args.format in ("json", "jsonl", "parquet"):
            from storyline.export.json import export_stored_jsonl, stored_export

            if args.format == "parquet":
                return _parquet(stored_export(store, chooser), args.output, voice)
            text = export_stored_jsonl(store, chooser) if args.format == "jsonl" else _json(stored_export(store, chooser), voice)
        else:
            story = open_story(store)
            text = _writer(args.format, store.last_built())(cited(chooser.only(story), story) if chooser else story)
    if to_stdout:
        write_stdout(text)
    else:
        write_file(args.output, text)
        voice.detail(f"wrote {args.output}")
    return 0


def _json(data: dict, voice: Voice) -> str:
    from storyline.export.json import dumps_export

    voice.detail(", ".join(f"{len(data[kind])} {kind}" for kind in RECORD_TYPES))
    return dumps_export(data)


def _parquet(data: dict, folder: str, voice: Voice) -> int:
    from storyline.export.parquet import write_parquet_export

    written = write_parquet_export(data, folder)
    voice.detail(f"wrote {', '.join(f'{len(data[path.stem])} {path.stem}' for path in written)} into {folder}")
    return 0


def _writer(output_format: str, added: str | None):
    from storyline.export.csv import export_csv
    from storyline.export.gdelt import export_gdelt
    from storyline.export.gdelt_mentions import export_gdelt_mentions
    from storyline.export.report import report_html, report_markdown

    writers = {
        "csv": export_csv,
        "gdelt": lambda story: export_gdelt(story, added),
        "gdelt-mentions": lambda story: export_gdelt_mentions(story, added),
        "md": report_markdown,
        "html": report_html,
    }
    return writers[output_format]
