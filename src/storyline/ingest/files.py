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
# Below this many bytes unpacked, no compression ratio is suspicious.
GZIP_RATIO_FLOOR = 16_000_000
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


def open_stream(item: InputFile, max_ratio: int = 200) -> BinaryIO:
    """A binary stream of the file's content, decompressed if it is gzip (and refused once it
    unpacks to more than `max_ratio` times what it has read of the file)."""
    if item.path is None:
        return sys.stdin.buffer
    handle = open_raw(item.path)
    if item.gzipped or _starts_with(handle, GZIP_MAGIC):
        return _Unpacked(handle, max_ratio)  # type: ignore[return-value]
    return handle


class _Unpacked:
    """A gzip stream that counts what it unpacks against what it read, so a gzip bomb (a
    megabyte that unpacks to a gigabyte) is refused after a few megabytes, while it is read,
    instead of once it is held whole."""

    def __init__(self, packed: BinaryIO, max_ratio: int) -> None:
        self._packed = packed
        self._unpacked = gzip.GzipFile(fileobj=packed, mode="rb")
        self._max_ratio = max_ratio
        self._total = 0
        self._next_check = GZIP_RATIO_FLOOR

    def read(self, size: int = -1) -> bytes:
        if size is not None and size >= 0:
            return self._counted(self._unpacked.read(size))
        parts = []
        while chunk := self._counted(self._unpacked.read(_CHUNK)):
            parts.append(chunk)
        return b"".join(parts)

    def readline(self, size: int = -1) -> bytes:
        return self._counted(self._unpacked.readline(size))

    def close(self) -> None:
        self._unpacked.close()
        self._packed.close()

    def _counted(self, data: bytes) -> bytes:
        self._total += len(data)
        if self._total > self._next_check:
            self._next_check = self._total + _CHUNK * 16
            packed = max(1, self._packed.tell())
            if self._total > self._max_ratio * packed:
                raise InputReadError(
                    f"unpacks to more than {self._max_ratio} times its compressed size ({packed:,} bytes to over {self._total:,}): "
                    "refused as a gzip bomb (setting max_gzip_ratio)"
                )
        return data


def read_bytes(stream: BinaryIO, limit: int, setting: str = "max_document_bytes", max_ratio: int = 200) -> bytes:
    """Read a whole stream a chunk at a time, refusing it as soon as it passes `limit` bytes
    (never holding more than the limit and one chunk)."""
    held = io.BytesIO()
    with read_errors_reported():
        while chunk := stream.read(_CHUNK):
            held.write(chunk)
            if held.tell() > limit:
                raise too_large(limit, setting)
    data = held.getvalue()  # no copy: the buffer becomes the bytes
    if stream is sys.stdin.buffer and data[:2] == GZIP_MAGIC:
        # Standard input may carry gzip too; a file was already unwrapped by open_stream.
        return read_bytes(_Unpacked(io.BytesIO(data), max_ratio), limit, setting)  # type: ignore[arg-type]
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
