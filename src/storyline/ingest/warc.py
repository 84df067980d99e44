"""WARC archives (plain or gzip): every HTML response in them is a candidate article.

The crawl date (WARC-Date) is when the page was fetched, not when it was published, so it is
never used as a publication date. A damaged archive yields the records before the damage and
one report line for the rest.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.ingest.decode import UndecodableError, decode_html
from storyline.ingest.files import GZIP_MAGIC, InputReadError, read_errors_reported
from storyline.model import Document, InputProblem, Severity

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^\s;"']+)""")


def documents_from_warc(stream: BinaryIO, where: str, id_prefix: str, limit: int) -> Iterator[Document | InputProblem]:
    not_html = 0
    ordinal = 0
    cut_inside_record = False
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ordinal += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            place = f"{where}#{ordinal} ({url})"
            status = record.http_headers.get_statuscode()
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if not any(kind in content_type for kind in HTML_TYPES):
                if _ends_inside(record):
                    # Cut inside its HTTP headers, a page has no Content-Type yet: it is not "not HTML".
                    cut_inside_record = True
                    yield InputProblem(place, "truncated WARC: the archive ends inside this record", Severity.FAILED)
                else:
                    not_html += 1
                continue
            if status != "200":
                yield InputProblem(place, f"HTTP status {status}, not a page", Severity.SKIPPED)
                continue
            raw = record.content_stream().read(limit + 1)
            if len(raw) > limit:
                yield InputProblem(place, f"page larger than the limit of {limit:,} bytes (setting max_document_bytes)", Severity.FAILED)
                continue
            if getattr(record.raw_stream, "limit", 0):
                # The archive ended inside this record: what we have is a fragment of the page.
                cut_inside_record = True
                yield InputProblem(place, "truncated WARC: the archive ends inside this record", Severity.FAILED)
                continue
            charset = _CHARSET.search(content_type)
            try:
                html, warning = decode_html(raw, charset.group(1) if charset else None)
            except UndecodableError as error:
                yield InputProblem(place, str(error), Severity.FAILED)
                continue
            if warning:
                yield InputProblem(place, warning, Severity.WARNING)
            yield Document(id=f"{id_prefix}#{ordinal}", source=url or place, html=html, url=url)
    except ArchiveLoadFailed as error:
        yield InputProblem(where, f"damaged WARC after {ordinal} response(s): {error}", Severity.FAILED)
    except Exception as error:  # warcio fails in many ways on damaged input; each is a damaged file
        yield InputProblem(where, f"damaged WARC after {ordinal} response(s) ({type(error).__name__}: {error})", Severity.FAILED)
    else:
        damage = None if cut_inside_record else _gzip_damage(stream)
        if damage:
            yield InputProblem(where, f"{damage}; whatever followed response #{ordinal} is lost", Severity.FAILED)
    if not_html:
        yield InputProblem(where, f"{not_html} response(s) that are not HTML (images, scripts, styles) left out", Severity.SKIPPED)


def _ends_inside(record) -> bool:
    """Whether the archive ends before this record does: its body is read through (a chunk at a
    time, as the archive reader would to reach the next record) to see whether any is missing."""
    while record.raw_stream.read(1 << 16):
        pass
    return bool(getattr(record.raw_stream, "limit", 0))


def _gzip_damage(stream: BinaryIO) -> str | None:
    """Why a gzip archive is incomplete, or None.

    warcio stops without a word where a cut .warc.gz ends inside a record's compressed headers,
    so the archive is read once more to its end to tell a whole archive from a cut one.
    """
    try:
        stream.seek(0)
        if stream.read(2) != GZIP_MAGIC:
            return None
        stream.seek(0)
        with read_errors_reported(), gzip.GzipFile(fileobj=stream) as unpacked:
            while unpacked.read(1 << 20):
                pass
    except InputReadError as error:
        return str(error)
    except OSError:
        return None  # not seekable (standard input): it was unpacked whole before warcio saw it
    return None
