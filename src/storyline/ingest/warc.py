"""WARC archives (plain or gzip): every HTML response in them is a candidate article.

The crawl date (WARC-Date) is when the page was fetched, not when it was published, so it is
never used as a publication date. A damaged archive yields the records before the damage and
one report line for the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.ingest.decode import UndecodableError, decode_html
from storyline.model import Document, InputProblem, Severity

HTML_TYPES = ("text/html", "application/xhtml+xml")


def documents_from_warc(stream: BinaryIO, where: str, id_prefix: str, limit: int) -> Iterator[Document | InputProblem]:
    not_html = 0
    ordinal = 0
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
                yield InputProblem(place, "truncated WARC: the archive ends inside this record", Severity.FAILED)
                continue
            try:
                html, warning = decode_html(raw)
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
    if not_html:
        yield InputProblem(where, f"{not_html} response(s) that are not HTML (images, scripts, styles) left out", Severity.SKIPPED)
