"""Shared test helpers: small articles made here, written in the formats storyline reads."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "un-ukraine-2022"

PARAGRAPHS = [
    "UN Secretary-General Antonio Guterres on Monday called for diplomacy to defuse the heightened tensions between Russia and Ukraine, telling reporters in New York that the price of a war would be too high to contemplate.",
    "In a press encounter at the United Nations headquarters, Guterres said he was deeply worried about the current tensions and the increased speculation about a potential military conflict in Europe.",
    '"There is no alternative to diplomacy. All issues, including the most intractable, can and must be addressed and resolved through diplomatic frameworks," he said, adding that he would remain engaged.',
    "Earlier on Monday the secretary-general held a virtual meeting with the Russian foreign minister and spoke separately with his Ukrainian counterpart, his spokesman said in a statement.",
]


def article_html(title: str = "Guterres calls for diplomacy", paragraphs: list[str] | None = None, meta_date: str | None = None) -> str:
    """A news page with the usual furniture around the article: navigation, share links, footer."""
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    date_meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title} | World News</title>{date_meta}"
        '<meta property="og:site_name" content="World News"></head><body>'
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<div class='share'>Share on Facebook | Share on Twitter</div>"
        "<footer>Copyright 2022 World News. All rights reserved.</footer></body></html>"
    )


def record(record_id: str, text: str | None = None, **fields) -> dict:
    data = {"id": record_id, **fields}
    if text is not None:
        data["text"] = text
    return data


def write_jsonl(path: Path, records: list[dict], gzipped: bool = False) -> Path:
    content = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    path.write_bytes(gzip.compress(content) if gzipped else content)
    return path


def write_warc(path: Path, pages: list[tuple[str, str, str]], gzipped: bool = False) -> Path:
    """pages: (url, content type, body) responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()), http_headers=headers))
    return path


@pytest.fixture
def story_text() -> str:
    return "\n\n".join(PARAGRAPHS)


# Two reports from named outlets beside the example corpus (whose files name none): one dated
# to the day, one to the month only, so filters by outlet and by date precision have something
# to keep and something to leave out.
WIRE_RECORDS = [
    {
        "id": "wire-1",
        "source": "Probe Wire",
        "published": "2022-03-02",
        "title": "Guterres meets Zelensky in Kyiv",
        "text": "UN Secretary-General Antonio Guterres met Ukrainian President Volodymyr Zelensky in Kyiv on Tuesday. "
        '"The war must end," Guterres told reporters after the meeting.',
    },
    {
        "id": "wire-2",
        "source": "Other Daily",
        "published": "2022-03",
        "title": "Scholz calls Putin",
        "text": "German Chancellor Olaf Scholz telephoned Russian President Vladimir Putin and urged him to agree to a ceasefire.",
    },
]


@pytest.fixture(scope="session")
def wire_store(tmp_path_factory) -> Path:
    """The example corpus and WIRE_RECORDS, built once for the tests that only read it."""
    import storyline

    folder = tmp_path_factory.mktemp("wire")
    write_jsonl(folder / "wire.jsonl", WIRE_RECORDS)
    db = folder / "storyline.db"
    storyline.build([EXAMPLES, folder / "wire.jsonl"], db=db, workers=1)
    return db
