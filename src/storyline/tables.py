"""How the read commands print their rows: a table on a terminal; tab-separated values when
piped (for `cut`, `sort`, a spreadsheet), or JSON / JSON Lines on request.

Rendering a terminal table measures every cell, which costs far more than reading the store
does for thousands of rows; piped output never pays for it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

FORMATS = ("table", "tsv", "json", "jsonl")


def chosen_format(requested: str | None) -> str:
    if requested:
        return requested
    return "table" if sys.stdout.isatty() else "tsv"


def emit(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], output_format: str, styles: Sequence[str | None] = ()) -> None:
    """Write `rows` (one string per column) under `title` in the chosen format."""
    if output_format == "tsv":
        lines = ["\t".join(columns), *("\t".join(_one_line(cell) for cell in row) for row in rows)]
        sys.stdout.write("\n".join(lines) + "\n")
    elif output_format in ("json", "jsonl"):
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        if output_format == "json":
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        else:
            sys.stdout.write("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records))
    else:
        _table(title, columns, rows, styles)


def _one_line(cell: str) -> str:
    return " ".join(cell.split()) if ("\t" in cell or "\n" in cell) else cell


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], styles: Sequence[str | None]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=escape(title))
    for column in columns:
        table.add_column(column, overflow="fold")
    for index, row in enumerate(rows):
        table.add_row(*(escape(cell) for cell in row), style=styles[index] if index < len(styles) else None)
    Console().print(table)
