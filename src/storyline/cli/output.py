"""How a read command prints what it chose: its columns as a table (on a terminal) or
tab-separated (when piped), or its records exactly as the export writes them (json, jsonl).

A column is named as the export's field (a nested one joined with `_`, as in the DataFrames:
`span_article`); a column the export does not have says what it counts (`mention_count`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline.export.tables import FORMATS, chosen_format, emit


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    value: Callable[[object], object]
    table: bool = True  # False: tab-separated only (ids a terminal reader does not need)
    tsv: bool = True  # False: on a terminal only (a name and its code in one cell)


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="table (the default on a terminal), tsv (the default when piped), json or jsonl: the export's records",
    )


def show(
    kind: str,
    title: str,
    columns: Sequence[Column],
    records: Sequence[object],
    plain: Sequence[dict],
    output_format: str,
    styles: Sequence[str | None] = (),
) -> None:
    """Print `records` (model records, or listing summaries) in `output_format`; `plain` holds
    the same records as the export writes them, for json and jsonl."""
    if output_format in ("json", "jsonl"):
        write_records(kind, plain, output_format)
        return
    table = output_format == "table"
    shown = [c for c in columns if (c.table if table else c.tsv)]
    blank = "-" if table else ""
    getters = [column.value for column in shown]
    rows = [[cell(get(record), blank) for get in getters] for record in records]
    emit(title, [column.name for column in shown], rows, output_format, styles)


def write_records(kind: str, plain: Sequence[dict], output_format: str) -> None:
    from storyline.export.json import record_line, records_json

    if output_format == "json":
        sys.stdout.write(records_json(list(plain)))
    else:
        sys.stdout.write("".join(record_line(kind, record) + "\n" for record in plain))


def cell(value: object, blank: str = "") -> str:
    """A value as one cell: `blank` for None or nothing, lists joined."""
    if type(value) is str:  # most cells: checked first, read commands print thousands of rows
        return value or blank
    if value is None:
        return blank
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(item) for item in value) or blank
    return str(value)


def output_format_of(args: argparse.Namespace) -> str:
    return chosen_format(args.format)
