"""Turn the paths a user named into input files, each with the id its articles are known by.

Ids follow one rule: the path relative to the folder given (so a flat folder gives bare file
names and a recursive one cannot collide), the file name for a file named directly, and
"stdin" for standard input. Records inside a file may carry ids of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.model import InputProblem, Severity

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
        return "<stdin>" if self.path is None else str(self.path)


def discover(paths: list[str]) -> Iterator[InputFile | InputProblem]:
    """Expand each path (a folder recursively, sorted, so ids and order are reproducible)."""
    for given in paths:
        if given == STDIN:
            yield InputFile(path=None, id="stdin", format=None, gzipped=False)
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield _input_file(path, path.name, named_directly=True)
        elif path.exists():
            yield InputProblem(given, "not a regular file or folder", Severity.FAILED)
        else:
            yield InputProblem(given, "no such file or folder", Severity.FAILED)


def _walk(folder: Path) -> Iterator[InputFile | InputProblem]:
    try:
        entries = sorted(_entries_below(folder))
    except OSError as error:
        yield InputProblem(str(folder), f"cannot list folder ({error.strerror})", Severity.FAILED)
        return
    for path in entries:
        if path.is_file():
            yield _input_file(path, path.relative_to(folder).as_posix(), named_directly=False)
        elif path.is_symlink():
            yield InputProblem(str(path), "broken link (its target does not exist)", Severity.FAILED)
        elif not path.is_dir():
            yield InputProblem(str(path), "not a regular file (a pipe, socket or device)", Severity.SKIPPED)


def _entries_below(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        # Hidden files and folders (.git, .DS_Store) are tool state, not articles.
        if not any(part.startswith(".") for part in path.relative_to(folder).parts):
            yield path


def _input_file(path: Path, article_id: str, named_directly: bool) -> InputFile | InputProblem:
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    stem = name[:-3] if gzipped else name
    fmt = FORMATS_BY_SUFFIX.get(Path(stem).suffix)
    if fmt is None and not named_directly:
        # In a folder, only known kinds are articles; a file named directly is sniffed.
        return InputProblem(str(path), "unsupported file type (not text, HTML, JSON, JSONL or WARC)", Severity.SKIPPED)
    return InputFile(path=path, id=article_id, format=fmt, gzipped=gzipped)
