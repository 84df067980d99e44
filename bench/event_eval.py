"""Scores storyline's event coding against the CAMEO 2.0 development gold (bench/event_gold).

Each gold sentence is fed as its own dated article, as the hidden benchmarks of this kind do;
the export's events belong to a sentence through their `sources`. Figures, for the tuning half,
the checking half (fixed by a hash of the sentence id) and all:
  - root F1 over the sets of (sentence, CAMEO root) pairs; full-code F1 over (sentence, code);
  - source actor accuracy among root-matched pairs: the system actor of an event with that root
    names the gold source (one of its mentions overlaps the gold span, or its name or an alias
    shares a word with it);
  - status accuracy among root-matched pairs.

    python bench/event_eval.py [--storyline .venv/bin/storyline] [--work DIR] [--export OUT.json] [-v]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "event_gold"))
from corpora import document

GOLD = Path(__file__).parent / "event_gold" / "gold.jsonl"
_STOP = frozenset(
    ["the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by", "with", "from", "mr", "mrs", "ms", "dr", "president"]
)


def half_of(sentence_id: str) -> str:
    """'check' or 'tune', fixed by the sentence id alone."""
    return "check" if hashlib.sha256(sentence_id.encode()).digest()[0] % 2 else "tune"


def article_id(sentence_id: str) -> str:
    return "s" + hashlib.sha256(sentence_id.encode()).hexdigest()[:12]


def load_gold() -> list[dict]:
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text, published = document(row["dataset"], row["doc"])
        row["text"], row["published"] = text[row["start"] : row["end"]], published
        row["half"], row["article"] = half_of(row["id"]), article_id(row["id"])
        rows.append(row)
    return rows


def run_storyline(storyline: str, rows: list[dict], work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    feed = work / "input.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(
                json.dumps(
                    {"id": row["article"], "title": None, "url": None, "published": row["published"], "text": row["text"]},
                    ensure_ascii=False,
                )
                + "\n"
            )
    db, out = work / "story.db", work / "OUT.json"
    db.unlink(missing_ok=True)
    subprocess.run([storyline, "build", str(feed), "--db", str(db), "--quiet"], check=True)
    subprocess.run([storyline, "export", "--db", str(db), "--format", "json", "-o", str(out)], check=True)
    return out


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"\w+", name.lower()) if w not in _STOP}


def _names_source(event: dict, entity: dict | None, article: str, gold_span: tuple[int, int], gold_text: str) -> bool:
    if entity is None:  # an actor the text names with no entity behind it ("officials")
        return bool(_words(event.get("actor_name") or "") & _words(gold_text))
    for mention in entity.get("mentions", ()):
        if mention["article"] == article and mention["start"] < gold_span[1] and gold_span[0] < mention["end"]:
            return True
    names = [entity.get("name") or "", *entity.get("aliases", ())]
    return any(_words(name) & _words(gold_text) for name in names)


def system_events(export: dict) -> dict[str, list[dict]]:
    by_article = defaultdict(list)
    for event in export.get("events", ()):
        if not event.get("code"):
            continue
        for article in {span["article"] for span in event.get("sources", ())}:
            by_article[article].append(event)
    return by_article


def score(rows: list[dict], export: dict, verbose: bool = False) -> dict[str, dict]:
    entities = {entity["id"]: entity for entity in export.get("entities", ())}
    found = system_events(export)
    results = {}
    for half in ("tune", "check", "all"):
        chosen = [row for row in rows if half in ("all", row["half"])]
        tally = defaultdict(int)
        for row in chosen:
            gold_roots = {event["code"][:2] for event in row["events"]}
            gold_codes = {event["code"] for event in row["events"]}
            mine = found.get(row["article"], [])
            my_roots = {event["code"][:2] for event in mine}
            my_codes = {event["code"] for event in mine}
            tally["gold_root"] += len(gold_roots)
            tally["pred_root"] += len(my_roots)
            tally["tp_root"] += len(gold_roots & my_roots)
            tally["gold_full"] += len(gold_codes)
            tally["pred_full"] += len(my_codes)
            tally["tp_full"] += len(gold_codes & my_codes)
            for root in gold_roots & my_roots:
                golds = [event for event in row["events"] if event["code"][:2] == root]
                systems = [event for event in mine if event["code"][:2] == root]
                with_source = [g for g in golds if g.get("source")]
                if with_source:
                    tally["source_n"] += 1
                    tally["source_ok"] += any(
                        _names_source(
                            s, entities.get(s.get("actor")), row["article"], tuple(g["source"]), row["text"][g["source"][0] : g["source"][1]]
                        )
                        for g in with_source
                        for s in systems
                    )
                tally["status_n"] += 1
                tally["status_ok"] += any(s.get("status") == g.get("status") for g in golds for s in systems)
            if verbose and half == "all" and (gold_roots != my_roots):
                print(
                    f"[{row['half']}] {row['id']}\n  {row['text']}\n  gold {sorted(gold_codes)}  system {sorted((e['code'], e.get('actor_name'), e.get('action', '')[:50]) for e in mine)}"
                )
        results[half] = _figures(tally, len(chosen))
    return results


def _figures(tally: dict, sentences: int) -> dict:
    def f1(tp: int, pred: int, gold: int) -> float:
        return 2 * tp / (pred + gold) if pred + gold else 0.0

    return {
        "sentences": sentences,
        "root_f1": round(f1(tally["tp_root"], tally["pred_root"], tally["gold_root"]), 4),
        "root_p": round(tally["tp_root"] / tally["pred_root"], 4) if tally["pred_root"] else 0.0,
        "root_r": round(tally["tp_root"] / tally["gold_root"], 4) if tally["gold_root"] else 0.0,
        "full_f1": round(f1(tally["tp_full"], tally["pred_full"], tally["gold_full"]), 4),
        "source_accuracy": round(tally["source_ok"] / tally["source_n"], 4) if tally["source_n"] else 0.0,
        "status_accuracy": round(tally["status_ok"] / tally["status_n"], 4) if tally["status_n"] else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--storyline", default="storyline")
    parser.add_argument("--work", type=Path, default=Path("/tmp/storyline-event-eval"))
    parser.add_argument("--export", type=Path, help="score this export instead of building one")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every sentence whose roots differ")
    args = parser.parse_args()
    rows = load_gold()
    out = args.export or run_storyline(args.storyline, rows, args.work)
    results = score(rows, json.loads(out.read_text(encoding="utf-8")), args.verbose)
    for half, figures in results.items():
        print(f"{half:5s} " + "  ".join(f"{key}={value}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
