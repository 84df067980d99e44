"""How many inputs a build will meet, counted before it reads them, for its progress bar.

A byte scan, no parsing: one per text or HTML file, one per line of JSON Lines, one per
response record of a WARC archive, one per record of a JSON array (a file under 100 MB is
parsed for it; a bigger one counts as one), one per problem the walk finds. It is a good
estimate, not a promise (a blank line, a WARC response that is not HTML); standard input cannot
be counted before it is read, so a build that reads it has no total.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from storyline.ingest.discover import InputFile, discover
from storyline.ingest.files import InputReadError, open_stream
from storyline.model import InputProblem, Severity

_CHUNK = 1 << 20
_JSON_PARSED = 100_000_000
_WARC_RESPONSE = b"WARC-Type: response"


def expected_inputs(paths: list[str]) -> tuple[int | None, frozenset[str]]:
    """About how many documents and problems reading `paths` gives (None when standard input
    is among them), and the ids of the files read whole (an article each)."""
    total = 0
    ids = set()
    for item in discover(paths):
        if isinstance(item, InputProblem):
            total += item.severity is not Severity.IGNORED
        elif item.path is None:
            return None, frozenset()
        else:
            total += _records_in(item)
            if item.format in ("text", "html"):
                ids.add(item.id)
    return total, frozenset(ids)


def _records_in(item: InputFile) -> int:
    try:
        if item.format == "jsonl":
            return max(1, _count(item, b"\n"))
        if item.format == "warc":
            return max(1, _count(item, _WARC_RESPONSE))
        if item.format == "json" and item.path.stat().st_size < _JSON_PARSED:
            return _json_records(item)
    except (OSError, InputReadError, EOFError):
        pass
    return 1


def _count(item: InputFile, needle: bytes) -> int:
    """Occurrences of `needle` in the (decompressed) file, including across chunk ends."""
    found = 0
    tail = b""
    for chunk in _chunks(item):
        data = tail + chunk
        found += data.count(needle)
        keep = len(needle) - 1
        tail = data[-keep:] if keep else b""  # too short to hold the needle: nothing counted twice
    return found


def _chunks(item: InputFile) -> Iterator[bytes]:
    stream = open_stream(item)
    try:
        while chunk := stream.read(_CHUNK):
            yield chunk
    finally:
        stream.close()


def _json_records(item: InputFile) -> int:
    try:
        data = json.loads(b"".join(_chunks(item)))
    except ValueError:
        return 1
    return len(data) if isinstance(data, list) and data else 1
