"""Scores entities (mentions found, and merged across documents) on the ECB+ development topics.

Gold: the participant and place markables of ECB+ (HUMAN_PART_*, NON_HUMAN_PART*, LOC_*) in the
sentences ECBplus_coreference_sentences.csv lists, chained across documents by the instance
their CROSS_DOC_COREF relation names. Each document is fed whole (one sentence per paragraph,
its tokens joined by spaces, a leading URL sentence as the url); system mentions outside the
listed sentences are ignored. A gold mention is matched by the system mention that shares most
of its tokens (at least one). Figures, for the tuning topics (1-23), the checking topics (25-45)
and all:
  - B-cubed precision, recall and F1 of the system's entities against the gold chains, over the
    matched mentions;
  - named-mention recall: the share of gold mentions holding a capitalised token that does not
    open the sentence that some system mention matches; and mention recall over all of them.

    python bench/entity_eval.py [--cmd '.venv/bin/storyline'] [--work DIR] [--topics 1,3]
    python bench/entity_eval.py --cmd "env BASELINE=ner /tmp/peers/bin/python ../shared/eval/peers/simple_peer.py"

The data is research-only: it is read from ../shared/benchdata/ecbplus, never copied here.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import shlex
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "benchdata" / "ecbplus"
GOLD_KINDS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
TUNING, CHECKING = range(1, 24), range(25, 46)
_TOKEN = re.compile(r'<token\b([^>]*)>(.*?)</token>', re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_MARKABLE = re.compile(r"<(\w+) m_id=\"(\d+)\"\s*>(.*?)</\1>", re.S)
_ANCHOR = re.compile(r'<token_anchor t_id="(\d+)"\s*/>')
_RELATION = re.compile(r'<CROSS_DOC_COREF r_id="\d+" note="([^"]*)"\s*>(.*?)</CROSS_DOC_COREF>', re.S)
_SOURCE = re.compile(r'<source m_id="(\d+)"\s*/>')


@dataclass
class Document:
    """One ECB+ document as fed: its text, where each token landed, and its gold mentions."""

    id: str
    topic: int
    text: str
    url: str | None
    token_spans: dict[int, tuple[int, int]]  # t_id -> (start, end) in text
    token_sentence: dict[int, int]
    mentions: list[tuple[frozenset[int], str, bool]] = field(default_factory=list)  # tokens, chain, named


def read_document(path: Path, listed: set[tuple[str, int]]) -> Document:
    raw = path.read_text(encoding="utf-8")
    tokens = [(int(a["t_id"]), int(a["sentence"]), html.unescape(word)) for attrs, word in _TOKEN.findall(raw) for a in [dict(_ATTR.findall(attrs))]]
    by_sentence: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for t_id, sentence, word in tokens:
        by_sentence[sentence].append((t_id, word))
    url, text, spans, sentence_of = None, "", {}, {}
    for sentence in sorted(by_sentence):
        words = by_sentence[sentence]
        if sentence == min(by_sentence) and re.match(r"^(https?:|www\.)", "".join(w for _, w in words)):
            url = "".join(w for _, w in words)
            continue
        text += "\n\n" if text else ""
        for position, (t_id, word) in enumerate(words):
            text += " " if position else ""
            spans[t_id] = (len(text), len(text) + len(word))
            sentence_of[t_id] = sentence
            text += word
    topic, name = path.parent.name, path.stem.split("_", 1)[1]
    document = Document(path.stem, int(topic), text, url, spans, sentence_of)
    document.mentions = _gold_mentions(raw, tokens, listed, (topic, name))
    return document


def _gold_mentions(raw: str, tokens: list, listed: set, key: tuple[str, str]) -> list[tuple[frozenset[int], str, bool]]:
    chain_of = {m_id: note for note, body in _RELATION.findall(raw) for m_id in _SOURCE.findall(body)}
    first_of_sentence = {}
    for t_id, sentence, _ in tokens:
        first_of_sentence.setdefault(sentence, t_id)
    word = {t_id: w for t_id, _, w in tokens}
    sentence_of = {t_id: s for t_id, s, _ in tokens}
    mentions = []
    for kind, m_id, body in _MARKABLE.findall(raw):
        anchors = [int(t) for t in _ANCHOR.findall(body)]
        if not kind.startswith(GOLD_KINDS) or not anchors or m_id not in chain_of:
            continue
        if (key[0], key[1], sentence_of[anchors[0]]) not in listed:
            continue
        named = any(word[t][:1].isupper() and first_of_sentence[sentence_of[t]] != t for t in anchors)
        mentions.append((frozenset(anchors), chain_of[m_id], named))
    return mentions


def listed_sentences(root: Path) -> set[tuple[str, str, int]]:
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        return {(row["Topic"], row["File"], int(row["Sentence Number"])) for row in csv.DictReader(handle)}


def documents(root: Path, topics: set[int] | None) -> list[Document]:
    listed = listed_sentences(root)
    found = []
    for folder in sorted((root / "ECB+").iterdir(), key=lambda p: (len(p.name), p.name)):
        if not folder.name.isdigit() or (topics and int(folder.name) not in topics):
            continue
        for path in sorted(folder.glob("*.xml")):
            found.append(read_document(path, listed))
    return found


def run_system(command: str, docs: list[Document], work: Path) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    feed, db, out = work / "input.jsonl", work / "story.db", work / "out.json"
    with feed.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps({"id": doc.id, "url": doc.url, "title": None, "published": None, "text": doc.text}) + "\n")
    db.unlink(missing_ok=True)
    subprocess.run([*shlex.split(command), "build", str(feed), "--db", str(db)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*shlex.split(command), "export", "--db", str(db), "--format", "json", "-o", str(out)], check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def system_mentions(export: dict, docs: dict[str, Document]) -> dict[str, list[tuple[frozenset[int], str]]]:
    """Per document, each system mention as the gold tokens it covers, with its entity."""
    texts = {article["id"]: article.get("text") or "" for article in export.get("articles", ())}
    aligned = {doc_id: _Alignment(texts.get(doc_id, ""), doc.text) for doc_id, doc in docs.items()}
    found: dict[str, list[tuple[frozenset[int], str]]] = defaultdict(list)
    for entity in export.get("entities", ()):
        for mention in entity.get("mentions", ()):
            doc = docs.get(mention["article"])
            if doc is None:
                continue
            start, end = aligned[doc.id].fed(mention["start"]), aligned[doc.id].fed(mention["end"] - 1) + 1
            covered = frozenset(t for t, (a, b) in doc.token_spans.items() if a < end and start < b)
            if covered and start >= 0:
                found[doc.id].append((covered, entity["id"]))
    return found


class _Alignment:
    """Offsets in the clean text as offsets in the fed text: cleaning removes whole lines (a
    headline, a time stamp), so the two texts share long stretches, matched once per article."""

    def __init__(self, clean: str, fed: str) -> None:
        self.same = clean == fed
        self.blocks = [] if self.same else SequenceMatcher(None, clean, fed, autojunk=False).get_matching_blocks()

    def fed(self, offset: int) -> int:
        if self.same:
            return offset
        for clean_start, fed_start, size in self.blocks:
            if clean_start <= offset < clean_start + size:
                return fed_start + offset - clean_start
        return -1


def score(docs: list[Document], found: dict[str, list[tuple[frozenset[int], str]]]) -> dict[str, float]:
    pairs = []  # (gold chain, system entity) of matched mentions
    named = named_found = total = total_found = 0
    for doc in docs:
        for tokens, chain, is_named in doc.mentions:
            best = max(found.get(doc.id, ()), key=lambda m: len(m[0] & tokens), default=None)
            hit = best is not None and bool(best[0] & tokens)
            total += 1
            total_found += hit
            named += is_named
            named_found += is_named and hit
            if hit:
                pairs.append((f"{chain}", f"{best[1]}"))
    precision, recall = _bcubed(pairs)
    return {
        "mentions": total,
        "bcubed_p": round(precision, 4),
        "bcubed_r": round(recall, 4),
        "bcubed_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "named_recall": round(named_found / named, 4) if named else 0.0,
        "mention_recall": round(total_found / total, 4) if total else 0.0,
    }


def _bcubed(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    by_gold, by_system = defaultdict(list), defaultdict(list)
    for index, (gold, system) in enumerate(pairs):
        by_gold[gold].append(index)
        by_system[system].append(index)
    if not pairs:
        return 0.0, 0.0
    precision = recall = 0.0
    for gold, system in pairs:
        same = sum(1 for i in by_system[system] if pairs[i][0] == gold)
        precision += same / len(by_system[system])
        recall += same / len(by_gold[gold])
    return precision / len(pairs), recall / len(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmd", default=".venv/bin/storyline", help="the system, speaking storyline's build/export contract")
    parser.add_argument("--work", type=Path, default=Path("/tmp/storyline-entity-eval"))
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--topics", help="comma-separated topic numbers (default: all present)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    topics = {int(t) for t in args.topics.split(",")} if args.topics else None
    docs = documents(args.root, topics)
    export = run_system(args.cmd, docs, args.work)
    found = system_mentions(export, {doc.id: doc for doc in docs})
    results = {}
    for half, chosen in (("tune", TUNING), ("check", CHECKING), ("all", range(1, 1000))):
        part = [doc for doc in docs if doc.topic in chosen]
        if part:
            results[half] = score(part, found)
            print(f"{half:5s} documents={len(part)}  " + "  ".join(f"{k}={v}" for k, v in results[half].items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
