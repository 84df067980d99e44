"""Getting bytes out of an input file: plain or gzip, with size limits, and telling its kind.

Limits are enforced while reading, so a gzip bomb or a runaway file is refused before it is
held in memory.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from storyline.ingest.discover import InputFile

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
# What may follow "[" or "{" at the start of JSON records (and not of text like "[UPDATED] ...").
_JSON_START = re.compile(rb"\[\s*[{\]\"0-9]|\{\s*[\"}]")


class InputReadError(ValueError):
    """An input file could not be read; the message is the reason, for one report line."""


def open_raw(path: Path) -> BinaryIO:
    """The file as it is on disk; the caller closes it."""
    try:
        return open(path, "rb")
    except OSError as error:
        raise InputReadError(f"cannot open ({error.strerror})") from None


def open_stream(item: InputFile) -> BinaryIO:
    """A binary stream of the file's content, decompressed if it is gzip."""
    if item.path is None:
        return sys.stdin.buffer
    handle = open_raw(item.path)
    if item.gzipped or _starts_with(handle, GZIP_MAGIC):
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    return handle


def read_bytes(stream: BinaryIO, limit: int, setting: str = "max_document_bytes") -> bytes:
    """Read a whole stream, refusing it once it passes `limit` bytes."""
    with read_errors_reported():
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(limit, setting)
    if stream is sys.stdin.buffer and data[:2] == GZIP_MAGIC:
        # Standard input may carry gzip too; a file was already unwrapped by open_stream.
        return read_bytes(gzip.GzipFile(fileobj=io.BytesIO(data)), limit, setting)
    return data


def too_large(limit: int, setting: str) -> InputReadError:
    """One wording for every size refusal, naming the setting that raises the limit."""
    return InputReadError(f"larger than the limit of {limit:,} bytes (setting {setting})")


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of a stream, none held beyond `limit` + 1 bytes, so one huge line cannot fill memory.

    A longer line comes out cut to that length, for the reader to report as too large, and the
    rest of it is skipped when the next line is asked for (so a caller that stops after a line
    may read the stream on by itself).
    """
    with read_errors_reported():
        while line := stream.readline(limit + 1):
            yield line
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                    pass


@contextmanager
def read_errors_reported() -> Iterator[None]:
    """Turn the ways reading a (gzip) stream fails into one-line `InputReadError`s."""
    try:
        yield
    except EOFError:
        raise InputReadError("truncated gzip data (the file ends before the compressed stream does)") from None
    except (gzip.BadGzipFile, zlib.error) as error:
        raise InputReadError(f"corrupt gzip data ({error})") from None
    except OSError as error:
        raise InputReadError(f"cannot read ({error.strerror or error})") from None


def sniff_format(raw: bytes) -> str:
    """Tell an unnamed input's kind from its first bytes."""
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc"
    if _JSON_START.match(head):
        first_line = head.split(b"\n", 1)[0].rstrip()
        # One record per line is JSONL; a document spread over lines is plain JSON.
        return "jsonl" if head.startswith(b"{") and first_line.endswith(b"}") else "json"
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered or b"<p>" in lowered:
        return "html"
    return "text"


def _starts_with(handle: BinaryIO, magic: bytes) -> bool:
    try:
        start = handle.read(len(magic))
        handle.seek(0)
    except OSError:
        return False
    return start == magic
