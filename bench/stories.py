"""Stories in a mixed pile: do articles of different stories end up in different stories, and
does each story's timeline hold only its own articles' events?

    python bench/stories.py                                   # BP oil spill, H1N1, Michael Jackson
    python bench/stories.py --topics bpoil_guardian H1N1_guardian IraqWar_guardian --per-topic 20

Takes --per-topic articles (a fixed random sample) from each Timeline17 topic folder under
../shared/benchdata/tls_t17, adds the bundled example corpus (the UN and Ukraine, 2022) as one
more story, builds them into one store and prints:
  - story-level B-cubed precision, recall and F1 of articles against the topics they came from
    (an article in several stories, a round-up, counts in the first that lists it);
  - for each story, the share of its timeline entries whose sources all lie in its own articles
    (1.0: no other story's events leak into its timeline), and the lowest share.
The development topics of the stories issue were tuned on bpoil_guardian, H1N1_guardian and
IraqWar_guardian; the default set (bpoil_bbc, H1N1_bbc, MJ_bbc) is the check.

Timeline17 was gathered by keyword searches, and some folders hold crawled pages that never
name their story (a BBC family-history page in MJ_bbc): an article is sampled only if it names
its topic's subject (TOPIC_WORDS) more than in passing (twice), so the truth is about stories,
not crawl noise.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHDATA = HERE.parent.parent / "shared" / "benchdata" / "tls_t17"
EXAMPLE = HERE.parent / "examples" / "un-ukraine-2022"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", nargs="+", default=["bpoil_bbc", "H1N1_bbc", "MJ_bbc"])
    parser.add_argument("--per-topic", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--data", default=str(BENCHDATA), help="the tls_t17 folder")
    parser.add_argument("--no-example", action="store_true", help="leave the example corpus out")
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument("--keep", help="folder to keep the pile, its truth and the store in")
    args = parser.parse_args()

    import storyline

    with tempfile.TemporaryDirectory(prefix="storyline-stories-") as scratch:
        work = args.keep or scratch
        Path(work).mkdir(parents=True, exist_ok=True)
        pile = Path(work) / "pile.jsonl"
        truth = _write_pile(pile, Path(args.data), args.topics, args.per_topic, random.Random(args.seed))
        paths: list[Path] = [pile]
        if not args.no_example:
            paths.append(EXAMPLE)
            truth.update({f.name: "un-ukraine-2022" for f in EXAMPLE.iterdir() if f.is_file()})
        (Path(work) / "truth.json").write_text(json.dumps(truth, indent=0))
        story = storyline.build(paths, db=Path(work) / "story.db", workers=1)
    figures = story_figures(story, truth)
    print(f"{len(truth)} articles from {len(set(truth.values()))} stories; {len(story.stories)} stories found")
    for line in figures.pop("lines"):
        print(line)
    print(
        f"story B-cubed P={figures['precision']:.3f} R={figures['recall']:.3f} F1={figures['f1']:.3f}; "
        f"lowest timeline purity {figures['lowest_purity']:.3f}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


# Words at least one of which an article of the topic names (case-insensitive).
TOPIC_WORDS = {"bpoil": ("oil", "bp"), "H1N1": ("flu", "h1n1"), "MJ": ("jackson",), "IraqWar": ("iraq",)}


def _names_its_topic(topic: str, text: str) -> bool:
    words = Counter(text.lower().split())
    return sum(words[word] for word in TOPIC_WORDS.get(topic.split("_")[0], ())) >= 2


def _write_pile(path: Path, data: Path, topics: list[str], per_topic: int, rng: random.Random) -> dict[str, str]:
    truth = {}
    with path.open("w", encoding="utf-8") as out:
        for topic in topics:
            articles = json.loads((data / topic / "articles.json").read_text(encoding="utf-8"))
            articles = [a for a in articles if len(a.get("text", "").split()) >= 80 and _names_its_topic(topic, a["text"])]
            for article in rng.sample(articles, min(per_topic, len(articles))):
                identifier = f"{topic}-{article['uid']}"
                truth[identifier] = topic.split("_")[0]
                out.write(json.dumps({"id": identifier, "published": article["dct"], "text": article["text"]}) + "\n")
    return truth


def story_figures(story, truth: dict[str, str]) -> dict:
    """Story B-cubed of the articles in `truth` (id -> its real story) and timeline purity."""
    found = {}
    for summary in story.stories:
        for article in summary.articles:
            found.setdefault(article, summary.id)
    items = [a for a in truth if a in {x.id for x in story.articles}]
    predicted = {a: found.get(a, f"alone:{a}") for a in items}
    precision, recall, f1 = bcubed(truth, predicted, items)
    purity, lines = {}, []
    for summary in story.stories:
        own = set(summary.articles)
        entries = [e for e in story.timeline if e.story == summary.id]
        if entries:
            purity[summary.id] = sum(all(s.article in own for s in e.sources) for e in entries) / len(entries)
        kinds = Counter(truth.get(a, "?") for a in summary.articles)
        lines.append(
            f"  {summary.id}: {len(summary.articles)} articles ({', '.join(f'{k} {v}' for k, v in kinds.most_common())}), "
            f"{len(entries)} timeline entries, purity {purity.get(summary.id, 1.0):.2f}: {summary.label}"
        )
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "stories": len(story.stories),
        "purity": purity,
        "lowest_purity": min(purity.values(), default=1.0),
        "lines": lines,
    }


def bcubed(gold: dict[str, str], predicted: dict[str, str], items: list[str]) -> tuple[float, float, float]:
    if not items:
        return 0.0, 0.0, 0.0
    size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    both = Counter((predicted[i], gold[i]) for i in items)
    precision = sum(both[(predicted[i], gold[i])] / size[predicted[i]] for i in items) / len(items)
    recall = sum(both[(predicted[i], gold[i])] / gold_size[gold[i]] for i in items) / len(items)
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


if __name__ == "__main__":
    sys.exit(main())
