"""JSON and JSON Lines records: `{"id", "url", "title", "published", "source", "text" | "html"}`.

A malformed line costs that line only: it is reported with its line number and the rest of the
file is read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from storyline.ingest.dates import normalise_date
from storyline.model import Document, InputProblem, Severity

# Field names other tools use for the same thing, accepted so exports from them read as-is.
PUBLISHED_FIELDS = ("published", "date", "published_at", "publication_date", "date_published")


class RecordError(ValueError):
    """A record that cannot become a document; the message is the reason."""


def documents_from_json(text: str, where: str, id_prefix: str, limit: int) -> Iterator[Document | InputProblem]:
    """A .json file: one record object, or an array of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield InputProblem(where, f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})", Severity.FAILED)
        return
    except (RecursionError, ValueError) as error:
        yield InputProblem(where, _unreadable(error), Severity.FAILED)
        return
    del text
    if isinstance(data, dict):
        yield from _checked(data, where, fallback_id=id_prefix, limit=limit)
    elif isinstance(data, list) and not data:
        yield InputProblem(where, "an empty JSON array: no records", Severity.SKIPPED)
    elif isinstance(data, list):
        for index in range(len(data)):
            record, data[index] = data[index], None  # each record let go once read
            yield from _checked(record, f"{where}[{index + 1}]", fallback_id=f"{id_prefix}#{index + 1}", limit=limit)
    else:
        yield InputProblem(where, "JSON is neither a record object nor an array of records", Severity.FAILED)


def documents_from_lines(lines: Iterable[bytes], where: str, id_prefix: str, limit: int) -> Iterator[Document | InputProblem]:
    """A .jsonl file, read line by line so its size is bounded only per record."""
    records = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        records += 1
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
        except (RecursionError, ValueError) as error:
            yield InputProblem(place, _unreadable(error), Severity.FAILED)
            continue
        yield from _checked(record, place, fallback_id=f"{id_prefix}#{number}", limit=limit)
    if not records:
        yield InputProblem(where, "no records (the file holds only blank lines)", Severity.SKIPPED)


def _unreadable(error: Exception) -> str:
    """Valid JSON that Python will not read: nested past its recursion limit, or a number of
    more digits than it converts (4,300)."""
    why = "nested too deeply" if isinstance(error, RecursionError) else "a number with too many digits"
    return f"not readable JSON ({why})"


def _checked(record: object, where: str, fallback_id: str, limit: int) -> Iterator[Document | InputProblem]:
    try:
        document, warnings = document_from_record(record, where, fallback_id)
        _within(document, limit)
    except RecordError as error:
        yield InputProblem(where, str(error), Severity.FAILED)
        return
    for warning in warnings:
        yield InputProblem(where, warning, Severity.WARNING)
    yield document


def _within(document: Document, limit: int) -> None:
    """A record's text or html is a document: held to max_document_bytes, as a file is."""
    for value in (document.text, document.html):
        if value is not None and len(value) * 4 > limit and len(value.encode("utf-8", "surrogatepass")) > limit:
            raise RecordError(f"record larger than the limit of {limit:,} bytes (setting max_document_bytes)")


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
        elif published > _tomorrow():
            warnings.append(f"{name} {value!r} lies in the future; ignored")
            published = None
        break
    record_id = record.get("id")
    # true and false are ints to Python, and would be stored as "True".
    if record_id is not None and (isinstance(record_id, bool) or not isinstance(record_id, (str, int))):
        kind = "a boolean" if isinstance(record_id, bool) else type(record_id).__name__
        raise RecordError(f"id must be a string or a whole number, not {kind}")
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


def _tomorrow() -> str:
    """The latest publication date a record may give: tomorrow, wherever on Earth it is written."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).date().isoformat()


def _optional_string(record: dict, name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    raise RecordError(f"field {name!r} must be a string, not {type(value).__name__}")
