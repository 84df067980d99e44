"""Turn the paths a user named into input files, each with the id its articles are known by.

Ids follow one rule: the path relative to the folder given (so a flat folder gives bare file
names and a recursive one cannot collide), the file name for a file named directly, and
"stdin" for standard input. Records inside a file may carry ids of their own.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.model import InputProblem, Severity
from storyline.model.printable import path_name

STDIN = "-"

# Suffix (after removing .gz) -> format name.
FORMATS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
}


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file (or standard input) to read."""

    path: Path | None  # None for standard input
    id: str  # article id for a one-article file; prefix for records inside it
    format: str | None  # None: tell from the content
    gzipped: bool

    @property
    def display(self) -> str:
        return "<stdin>" if self.path is None else path_name(self.path)


def discover(paths: list[str]) -> Iterator[InputFile | InputProblem]:
    """Expand each path (a folder recursively, sorted, so ids and order are reproducible)."""
    for given in paths:
        if given == STDIN:
            yield InputFile(path=None, id="stdin", format=None, gzipped=False)
            continue
        path = Path(given)
        kind = _kind(path)
        if kind == "folder":
            yield from _walk(path)
        elif kind == "file":
            yield from _named(_input_file(path, path_name(path.name), named_directly=True))
        elif kind == "other":
            yield InputProblem(path_name(given), "not a regular file or folder", Severity.FAILED)
        else:
            yield InputProblem(path_name(given), kind, Severity.FAILED)


def _kind(path: Path) -> str:
    """file, folder, other, or why it cannot be read (missing, a broken link); links followed."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken link (its target does not exist)" if path.is_symlink() else "no such file or folder"
    except OSError as error:
        # A link that points at itself, a folder we may not look into.
        return f"cannot look at it ({error.strerror or error})"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def _walk(folder: Path) -> Iterator[InputFile | InputProblem]:
    """Every file below `folder`, depth first in name order (the order of the sorted relative
    paths). A folder that cannot be listed costs only itself, in one line; a link to a folder is
    followed, unless it leads back to a folder it is in."""
    entries, problem = _listing(folder)
    if problem is not None:
        yield problem
        return
    top = _identity(folder)
    todo = [(entry, frozenset({top})) for entry in reversed(entries)]
    while todo:
        path, above = todo.pop()
        kind = _kind(path)
        if kind == "folder":
            identity = _identity(path)
            if identity in above:
                yield InputProblem(path_name(path), "link to a folder it is in (a loop); not read again", Severity.SKIPPED)
                continue
            entries, problem = _listing(path)
            if problem is not None:
                yield problem
            todo.extend((entry, above | {identity}) for entry in reversed(entries))
        elif kind == "file":
            yield from _named(_input_file(path, path_name(path.relative_to(folder).as_posix()), named_directly=False))
        elif kind == "other":
            yield InputProblem(path_name(path), "not a regular file (a pipe, socket or device)", Severity.SKIPPED)
        else:
            yield InputProblem(path_name(path), kind, Severity.FAILED)


def _listing(folder: Path) -> tuple[list[Path], InputProblem | None]:
    """The entries of one folder, sorted by name; hidden ones (.git, .DS_Store) are tool state,
    not articles."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    except OSError as error:
        return [], InputProblem(path_name(folder), f"cannot list folder ({error.strerror or error})", Severity.FAILED)
    return [folder / name for name in names], None


def _identity(folder: Path) -> tuple[int, int]:
    try:
        found = folder.stat()
    except OSError:
        return (0, id(folder))
    return (found.st_dev, found.st_ino)


def _named(item: InputFile | InputProblem) -> Iterator[InputFile | InputProblem]:
    """The item, after a warning when its file name had to be escaped to be shown and stored
    (bytes that are not UTF-8, a line break): the article is known by the escaped name."""
    if isinstance(item, InputFile) and item.path is not None and path_name(item.path) != str(item.path):
        yield InputProblem(item.display, f"file name is not plain UTF-8 text; read with the id {item.id}", Severity.WARNING)
    yield item


def _input_file(path: Path, article_id: str, named_directly: bool) -> InputFile | InputProblem:
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    stem = name[:-3] if gzipped else name
    fmt = FORMATS_BY_SUFFIX.get(Path(stem).suffix)
    if fmt is None and not named_directly:
        # In a folder, only known kinds are articles; a file named directly is sniffed.
        return InputProblem(path_name(path), "not a kind of file storyline reads (text, HTML, JSON, JSONL or WARC)", Severity.IGNORED)
    return InputFile(path=path, id=article_id, format=fmt, gzipped=gzipped)
