"""How the read commands print their rows: a table on a terminal; tab-separated values when
piped (for `cut`, `sort`, a spreadsheet), or JSON / JSON Lines on request.

Rendering a terminal table measures every cell, which costs far more than reading the store
does for thousands of rows; piped output never pays for it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from storyline.model.printable import printable

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
    """The cell on one line, its control characters shown as escapes: a title may hold a
    terminal's escape sequences (ESC [ 2 J clears the screen)."""
    return printable(" ".join(cell.split()) if ("\t" in cell or "\n" in cell or "\r" in cell) else cell)


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], styles: Sequence[str | None]) -> None:
    """Columns aligned to the terminal's width, long cells wrapped within their column. Plain
    text with a few ANSI styles: a table library measures every cell of every row, and on
    thousands of rows that costs seconds before the first line shows."""
    import shutil
    import textwrap

    terminal = sys.stdout.isatty()
    total_width = shutil.get_terminal_size((120, 24)).columns if terminal else 120
    widths = _column_widths(columns, rows, total_width)
    out = [_style(title, "bold") if terminal else title]
    out.append(
        "  ".join(_style(name.ljust(width), "bold") if terminal else name.ljust(width) for name, width in zip(columns, widths, strict=True))
    )
    out.append("  ".join("-" * width for width in widths))
    for index, row in enumerate(rows):
        cells = [
            textwrap.wrap(_one_line(cell), width, break_long_words=True) or [""] if len(cell) > width or _one_line(cell) != cell else [cell]
            for cell, width in zip(row, widths, strict=True)
        ]
        style = styles[index] if index < len(styles) and terminal else None
        for line in range(max(len(lines) for lines in cells)):
            text = "  ".join((lines[line] if line < len(lines) else "").ljust(width) for lines, width in zip(cells, widths, strict=True))
            out.append(_style(text.rstrip(), style) if style else text.rstrip())
    sys.stdout.write("\n".join(out) + "\n")


def _column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], total_width: int) -> list[int]:
    """Each column as wide as its widest cell; when that does not fit, the widest columns give
    way first, down to a readable minimum."""
    widths = [max([len(name), *(len(row[index]) for row in rows)]) for index, name in enumerate(columns)]
    room = total_width - 2 * (len(columns) - 1)
    while sum(widths) > room:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= 12:
            break
        step = max(1, (sum(widths) - room) // 4) if sum(widths) - room > 8 else 1
        widths[widest] = max(12, widths[widest] - step)
    return widths


_ANSI = {"bold": "1", "dim": "2", "yellow": "33"}


def _style(text: str, style: str) -> str:
    return f"\x1b[{_ANSI[style]}m{text}\x1b[0m"


def styled(text: str, style: str) -> str:
    """`text` in `style` (bold, dim, yellow) on a terminal; as it is anywhere else."""
    return _style(text, style) if sys.stdout.isatty() else text
