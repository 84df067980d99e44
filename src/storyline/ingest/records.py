"""JSON and JSON Lines records: `{"id", "url", "title", "published", "source", "text" | "html"}`.

A malformed line costs that line only: it is reported with its line number and the rest of the
file is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from storyline.ingest.dates import normalise_date
from storyline.model import Document, InputProblem, Severity

# Field names other tools use for the same thing, accepted so exports from them read as-is.
PUBLISHED_FIELDS = ("published", "date", "published_at", "publication_date", "date_published")


class RecordError(ValueError):
    """A record that cannot become a document; the message is the reason."""


def documents_from_json(text: str, where: str, id_prefix: str) -> Iterator[Document | InputProblem]:
    """A .json file: one record object, or an array of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield InputProblem(where, f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})", Severity.FAILED)
        return
    if isinstance(data, dict):
        yield from _checked(data, where, fallback_id=id_prefix)
    elif isinstance(data, list):
        for index, record in enumerate(data, 1):
            yield from _checked(record, f"{where}[{index}]", fallback_id=f"{id_prefix}#{index}")
    else:
        yield InputProblem(where, "JSON is neither a record object nor an array of records", Severity.FAILED)


def documents_from_lines(lines: Iterable[bytes], where: str, id_prefix: str, limit: int) -> Iterator[Document | InputProblem]:
    """A .jsonl file, read line by line so its size is bounded only per record."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        place = f"{where}:{number}"
        if len(line) > limit:
            yield InputProblem(place, f"record larger than the limit of {limit:,} bytes (setting max_document_bytes)", Severity.FAILED)
            continue
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            yield InputProblem(place, "not valid UTF-8 (JSON Lines must be UTF-8)", Severity.FAILED)
            continue
        except json.JSONDecodeError as error:
            yield InputProblem(place, f"not valid JSON ({error.msg} at column {error.colno})", Severity.FAILED)
            continue
        yield from _checked(record, place, fallback_id=f"{id_prefix}#{number}")


def _checked(record: object, where: str, fallback_id: str) -> Iterator[Document | InputProblem]:
    try:
        document, warnings = document_from_record(record, where, fallback_id)
    except RecordError as error:
        yield InputProblem(where, str(error), Severity.FAILED)
        return
    for warning in warnings:
        yield InputProblem(where, warning, Severity.WARNING)
    yield document


def document_from_record(record: object, where: str, fallback_id: str) -> tuple[Document, list[str]]:
    if not isinstance(record, dict):
        raise RecordError(f"record is a JSON {type(record).__name__}, not an object")
    text = _optional_string(record, "text")
    html = _optional_string(record, "html")
    if not (text and text.strip()) and not (html and html.strip()):
        raise RecordError("record has no text and no html")
    warnings = []
    published = None
    for name in PUBLISHED_FIELDS:
        value = record.get(name)
        if value in (None, ""):
            continue
        published = normalise_date(value) if isinstance(value, str) else None
        if published is None:
            warnings.append(f"{name} {value!r} is not a date; ignored")
        break
    record_id = record.get("id")
    if record_id is not None and not isinstance(record_id, (str, int)):
        raise RecordError(f"id must be a string or a number, not {type(record_id).__name__}")
    url = _optional_string(record, "url")
    document = Document(
        id=str(record_id) if record_id not in (None, "") else fallback_id,
        source=url or where,
        # A user's clean text wins over markup: it is what they chose to give us.
        text=text if text and text.strip() else None,
        html=None if text and text.strip() else html,
        url=url,
        title=_optional_string(record, "title"),
        published=published,
        outlet=_optional_string(record, "source"),
    )
    return document, warnings


def outlet_of(url: str | None) -> str | None:
    """The host a URL points at, without a leading "www.", as the outlet's name."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _optional_string(record: dict, name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    raise RecordError(f"field {name!r} must be a string, not {type(value).__name__}")
