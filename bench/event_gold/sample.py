"""Draws the sentences of the CAMEO development gold (run once, before any coding change).

Sentences of 8 to 60 words, one per document, from documents picked with a fixed seed:
PolNeAR (dev and train), the odd ECB+ topics, the ten Timeline17 topics. Writes the sentences
with their text for the annotators to a work file; only ids and offsets go into the gold.

    python bench/event_gold/sample.py OUT.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys

from corpora import BENCHDATA, document

SEED = 20261202
COUNTS = {"polnear": 110, "ecbplus": 70, "timeline17": 80}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘(`]{0,2}[A-Z])|\n+")
# A full stop after these does not end a sentence ("Sen. Ted Cruz", "U.S. officials").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Sen|Rep|Gov|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|St|Jr|Sr|Rev|Prof|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|vs|Inc|Co|Corp)|\b[A-Z]|\b[A-Z]\.[A-Z])\.$"
)


def documents(dataset: str) -> list[str]:
    if dataset == "polnear":
        return sorted(
            f"{split}/{path.stem}" for split in ("dev", "train") for path in (BENCHDATA / "polnear" / split / "text").glob("*.txt")
        )
    if dataset == "ecbplus":
        return sorted(str(path.relative_to(BENCHDATA / "ecbplus" / "ECB+")) for path in (BENCHDATA / "ecbplus" / "ECB+").glob("*/*.xml"))
    topics = sorted(path.name for path in (BENCHDATA / "tls_t17").iterdir() if path.is_dir())
    uids = {
        topic: sorted(str(a["uid"]) for a in json.loads((BENCHDATA / "tls_t17" / topic / "articles.json").read_text())) for topic in topics
    }
    return [f"{topic}/{uid}" for topic in topics for uid in uids[topic]]


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[max(0, boundary.start() - 8) : boundary.start()]):
            continue
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if 8 <= len(text[s:e].split()) <= 60 and text[s:e].strip()[-1:] in '.!?"”']


def main(out: str) -> None:
    rng = random.Random(SEED)
    rows = []
    for dataset, count in COUNTS.items():
        pool = documents(dataset)
        rng.shuffle(pool)
        taken = 0
        for doc in pool:
            if taken == count:
                break
            text, date = document(dataset, doc)
            candidates = [span for span in sentences(text) if span[0] > 0]  # not the title line
            if not candidates:
                continue
            start, end = rng.choice(candidates)
            rows.append(
                {
                    "id": f"{dataset}:{doc}:{start}-{end}",
                    "dataset": dataset,
                    "doc": doc,
                    "start": start,
                    "end": end,
                    "published": date,
                    "text": text[start:end],
                }
            )
            taken += 1
    with open(out, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
