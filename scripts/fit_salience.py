"""Fit the timeline's two models (src/storyline/lexicon/salience.toml) on journalists' timelines.

Reads the stores of a Timeline17 run of ../shared/eval/tls (one `story.db` per topic folder and
its `gold.json`) and finds the tellings of the whole topic as the timeline step does.
- Dates: every day's evidence (corpus/salience.DateEvidence), labelled 1 when a reference
  timeline of the topic keeps the day; an L2-regularised logistic regression, each topic
  weighing the same.
- Tellings: the features of every telling on a reference day (corpus/salience.telling_features),
  and as target the share of the reference's words for that day it says (ROUGE-1 and -2 F1,
  own implementation: lower-cased words of three letters or more); ridge least squares.
Prints the TOML table; `--write` replaces the shipped one.

    python scripts/fit_salience.py RUNDIR --topics bpoil_bbc,bpoil_foxnews,... [--write]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from storyline.corpus.salience import FEATURES, DateCentroids, telling_features
from storyline.corpus.steps import story_parts
from storyline.corpus.tellings import find_tellings, same_happenings, timeline_events
from storyline.corpus.timeline import timeline_evidence
from storyline.store.database import Store
from storyline.store.story import load_records

NAMES: list[str] = []  # the sentence model's feature names, as telling_features gives them
TABLE = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lexicon" / "salience.toml"


def topic_rows(folder: Path, references: dict[str, str]) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """(date features, date labels) over the whole topic, as the timeline step weighs dates;
    (telling features, telling targets) story by story, as it chooses sentences."""
    store = Store(folder / "story.db")
    events, articles = load_records(store, "events"), load_records(store, "articles")
    evidence = timeline_evidence(find_tellings(timeline_events(events), articles), articles)
    days = sorted(d for d in evidence if len(d) == 10 and evidence[d].told)
    dates = (np.array([evidence[d].vector() for d in days]), np.array([d in references for d in days], dtype=float))
    features, targets = [], []
    for _story, told, own in story_parts(events, articles, load_records(store, "clusters")):
        kept = timeline_events(told)
        rows = _telling_rows(find_tellings(kept, own), kept, references)
        features += rows[0]
        targets += rows[1]
    return dates, (np.array(features), np.array(targets))


def _telling_rows(tellings: list, events: list, references: dict[str, str]) -> tuple[list, list]:
    centroids = DateCentroids(tellings)
    statements = {e.id for e in events if (e.code or "").startswith("01")}
    by_date: dict[str, list[tuple[list[float], float]]] = defaultdict(list)
    for group in same_happenings(tellings):
        for telling in group:
            if telling.date in references and telling.sentence is not None:
                row = telling_features(telling, group, centroids, statements)
                NAMES[:] = list(row)
                row = list(row.values())
                by_date[telling.date].append((row, _rouge(telling.text, references[telling.date])))
    features, targets = [], []
    for rows in by_date.values():
        # centred per day: the model ranks a day's tellings, it does not say how good a day is
        mean_features = np.mean([f for f, _ in rows], axis=0)
        mean_target = np.mean([t for _, t in rows])
        features += [np.array(f) - mean_features for f, _ in rows]
        targets += [t - mean_target for _, t in rows]
    return features, targets


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]{3,}", text.lower())


def _rouge(text: str, reference: str) -> float:
    """Mean of ROUGE-1 and ROUGE-2 F1 of `text` against `reference`."""
    mine, theirs = _words(text), _words(reference)
    scores = []
    for n in (1, 2):
        a = Counter(tuple(mine[i : i + n]) for i in range(len(mine) - n + 1))
        b = Counter(tuple(theirs[i : i + n]) for i in range(len(theirs) - n + 1))
        common = sum((a & b).values())
        scores.append(2 * common / (sum(a.values()) + sum(b.values())) if a and b else 0.0)
    return sum(scores) / 2


def ridge(rows: list[tuple[np.ndarray, np.ndarray]], l2: float) -> np.ndarray:
    """Least squares with an L2 penalty and an intercept (dropped: a constant moves no
    ranking), each topic weighing the same."""
    x = np.vstack([np.hstack([np.ones((len(f), 1)), f]) / np.sqrt(len(f)) for f, _ in rows])
    y = np.concatenate([t / np.sqrt(len(t)) for _, t in rows])
    penalty = l2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0
    return np.linalg.solve(x.T @ x + penalty, x.T @ y)[1:]


def fit(rows: list[tuple[np.ndarray, np.ndarray]], l2: float, steps: int = 4000) -> np.ndarray:
    """Gradient descent on the mean per-topic log loss; weight 0 is the intercept."""
    design = [(np.hstack([np.ones((len(x), 1)), x]), y) for x, y in rows]
    weights = np.zeros(len(FEATURES) + 1)
    for _ in range(steps):
        gradient = np.zeros_like(weights)
        for x, y in design:
            p = 1.0 / (1.0 + np.exp(-x @ weights))
            gradient += x.T @ (p - y) / len(y)
        gradient /= len(design)
        gradient[1:] += l2 * weights[1:]
        weights -= 0.5 * gradient
    return weights


def table(weights: np.ndarray, telling_weights: np.ndarray, telling_names: list[str], topics: list[str]) -> str:
    lines = [
        "# Weights of the date-salience model (corpus/salience.py): a logistic regression over",
        "# log(1 + count) features of each date, fit by scripts/fit_salience.py on the reference",
        f"# timelines of Timeline17 (Tran et al. 2013; research use) topics {', '.join(topics)},",
        "# 300 articles each as ../shared/eval/tls feeds them. Only these numbers ship, no text.",
    "# [date]: logistic regression over log(1 + count) of each day's evidence.",
    "# [telling]: ridge regression of a sentence's ROUGE against the day's reference summary.",
        "[date]",
        f"intercept = {weights[0]:.4f}",
        "",
        "[date.weights]",
    ]
    lines += [f"{name} = {value:.4f}" for name, value in zip(FEATURES, weights[1:], strict=True)]
    lines += ["", "[telling.weights]"]
    lines += [f"{name} = {value:.4f}" for name, value in zip(telling_names, telling_weights, strict=True)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="a ../shared/eval/tls run folder")
    parser.add_argument("--topics", required=True)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    gold = json.loads((args.run / "gold.json").read_text(encoding="utf-8"))["topics"]
    topics = args.topics.split(",")
    date_rows, telling_rows = [], []
    for topic in topics:
        references: dict[str, str] = defaultdict(str)
        for timeline in gold[topic]["timelines"]:
            for entry in timeline["entries"]:
                references[entry["date"]] += " " + " ".join(entry["sentences"])
        dates, tellings = topic_rows(args.run / topic, references)
        date_rows.append(dates)
        telling_rows.append(tellings)
    text = table(fit(date_rows, args.l2), ridge(telling_rows, args.l2), NAMES, topics)
    print(text, end="")
    if args.write:
        TABLE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
