"""Readers: everything a user can hand us becomes `Document`s, and whatever cannot be read
becomes an `InputProblem` naming the file and the reason. Reading never stops a run.

Readers only read. Turning HTML into article text is the extraction stage's job, so that it
runs in parallel and is cached with every other per-article stage.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from itertools import chain
from typing import BinaryIO

from storyline.ingest.decode import UndecodableError, decode_html, decode_text, unicode_bom
from storyline.ingest.discover import InputFile, discover
from storyline.ingest.files import InputReadError, bounded_lines, open_raw, open_stream, read_bytes, sniff_format, too_large
from storyline.ingest.records import documents_from_json, documents_from_lines
from storyline.ingest.warc import documents_from_warc
from storyline.model import Document, InputProblem, Severity
from storyline.settings import MAX_TEXT_CHARACTERS, Settings

__all__ = ["read_documents"]

_TEXT_FIELDS = ("id", "source", "text", "html", "url", "title", "published", "outlet")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def read_documents(paths: list[str], settings: Settings) -> Iterator[Document | InputProblem]:
    """Every document in `paths`, in a reproducible order, with problems in between."""
    for item in discover(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        try:
            for read in _read_file(item, settings):
                yield from finished(read) if isinstance(read, Document) else (read,)
        except InputReadError as error:
            yield InputProblem(item.display, str(error), Severity.FAILED)


def finished(document: Document) -> Iterator[Document | InputProblem]:
    """What every reader's document must be before a stage sees it: text that any UTF-8 writer
    takes (a JSON string may hold a lone surrogate, "\\ud800", which is no character), and a text
    the parser can read whole."""
    fixed = {}
    for name in _TEXT_FIELDS:
        value = getattr(document, name)
        if value is not None and _SURROGATE.search(value):
            fixed[name] = _SURROGATE.sub("\ufffd", value)
    if fixed:
        document = replace(document, **fixed)
        yield InputProblem(
            document.source,
            f"lone surrogate(s) in {', '.join(fixed)} (a JSON \\ud800-\\udfff escape that is not half of a pair) replaced by U+FFFD",
            Severity.WARNING,
        )
    if document.text is not None and len(document.text) > MAX_TEXT_CHARACTERS:
        yield InputProblem(
            document.source,
            f"text of {len(document.text):,} characters is longer than the {MAX_TEXT_CHARACTERS:,} characters an article may have",
            Severity.FAILED,
        )
        return
    yield document


def _read_file(item: InputFile, settings: Settings) -> Iterator[Document | InputProblem]:
    if item.format == "warc" and item.path is not None:
        # warcio reads gzip members itself: hand it the file as it is on disk.
        with open_raw(item.path) as handle:
            yield from documents_from_warc(handle, item.display, item.id, settings.max_document_bytes)
        return
    stream = open_stream(item, settings.max_gzip_ratio)
    try:
        if item.format == "jsonl":
            yield from _read_lines(item, stream, settings)
        else:
            yield from _read_whole(item, stream, settings)
    finally:
        if item.path is not None:
            stream.close()


def _read_whole(item: InputFile, stream: BinaryIO, settings: Settings) -> Iterator[Document | InputProblem]:
    containers = ("json", "warc", "jsonl", None)
    limit, setting = (
        (settings.max_file_bytes, "max_file_bytes") if item.format in containers else (settings.max_document_bytes, "max_document_bytes")
    )
    raw = read_bytes(stream, limit, setting, settings.max_gzip_ratio)
    if not raw or raw.isspace():
        yield InputProblem(item.display, "empty file", Severity.SKIPPED)
        return
    fmt = item.format or sniff_format(raw)
    if fmt == "warc":
        yield from documents_from_warc(io.BytesIO(raw), item.display, item.id, settings.max_document_bytes)
        return
    if fmt == "jsonl":
        yield from documents_from_lines(raw.splitlines(), item.display, item.id, settings.max_document_bytes)
        return
    if len(raw) > settings.max_document_bytes and fmt != "json":
        raise InputReadError(f"larger than the limit of {settings.max_document_bytes:,} bytes (setting max_document_bytes)")
    try:
        text, warning = decode_html(raw) if fmt == "html" else decode_text(raw)
    except UndecodableError as error:
        raise InputReadError(str(error)) from None
    del raw  # a big file is held once, as text, from here on
    if warning:
        yield InputProblem(item.display, warning, Severity.WARNING)
    if fmt == "json":
        yield from documents_from_json(text, item.display, item.id, settings.max_document_bytes)
    elif fmt == "html":
        yield Document(id=item.id, source=item.display, html=text)
    elif text.isspace():
        yield InputProblem(item.display, "no text (only white space)", Severity.SKIPPED)
    else:
        yield Document(id=item.id, source=item.display, text=text)


def _read_lines(item: InputFile, stream: BinaryIO, settings: Settings) -> Iterator[Document | InputProblem]:
    """A JSON Lines file, line by line, unless it is UTF-16 or UTF-32 (Windows PowerShell writes
    those, with a byte-order mark): their newlines are not single bytes, so the file is decoded
    whole, within max_file_bytes, and split after."""
    limit = settings.max_document_bytes
    lines = bounded_lines(stream, limit)
    first = next(lines, b"")
    encoding = unicode_bom(first)
    if encoding in (None, "utf-8-sig"):
        yield from documents_from_lines(chain([first], lines), item.display, item.id, limit)
        return
    raw = first + read_bytes(stream, settings.max_file_bytes, "max_file_bytes", settings.max_gzip_ratio)
    if len(raw) > settings.max_file_bytes:
        raise too_large(settings.max_file_bytes, "max_file_bytes")
    text, warning = decode_text(raw)
    if warning:
        yield InputProblem(item.display, warning, Severity.WARNING)
    yield from documents_from_lines(text.encode("utf-8").splitlines(), item.display, item.id, limit)
