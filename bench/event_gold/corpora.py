"""The development corpora the CAMEO gold is drawn from, read the same way by the sampler and
the scorer: a document's text is rebuilt here from ../shared (the corpora are research-only, so
the gold keeps only document ids, character offsets and codes)."""

from __future__ import annotations

import csv
import json
import re
import sys
from functools import cache
from pathlib import Path

BENCHDATA = Path(__file__).resolve().parents[3] / "shared" / "benchdata"
EVAL = BENCHDATA.parent / "eval"


@cache
def _polnear_dates() -> dict[str, str]:
    with open(BENCHDATA / "polnear" / "metadata.tsv", encoding="utf-8") as handle:
        return {row["filename"]: row["publication_date"] for row in csv.DictReader(handle, delimiter="\t")}


@cache
def _timeline17(topic: str) -> dict[str, dict]:
    articles = json.loads((BENCHDATA / "tls_t17" / topic / "articles.json").read_text(encoding="utf-8"))
    return {str(article["uid"]): article for article in articles}


@cache
def _detokenize():
    sys.path.insert(0, str(EVAL / "ecbplus"))
    from evalcommon import detokenize  # the eval harness's own detokenizer

    return detokenize


def document(dataset: str, doc: str) -> tuple[str, str | None]:
    """The text of one document and its publication date (None when the corpus has none)."""
    if dataset == "polnear":
        split, name = doc.split("/", 1)
        text = (BENCHDATA / "polnear" / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        return text, _polnear_dates().get(name)
    if dataset == "timeline17":
        topic, uid = doc.split("/", 1)
        article = _timeline17(topic)[uid]
        return article["text"], article.get("dct")
    if dataset == "ecbplus":
        raw = (BENCHDATA / "ecbplus" / "ECB+" / doc).read_text(encoding="utf-8")
        sentences: dict[int, list[str]] = {}
        for number, token in re.findall(r'<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>', raw):
            sentences.setdefault(int(number), []).append(_unescape(token))
        return "\n".join(_detokenize()(tokens)[0] for _, tokens in sorted(sentences.items())), None
    raise ValueError(f"unknown dataset {dataset!r}")


def _unescape(token: str) -> str:
    return token.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
