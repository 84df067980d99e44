"""How the corpus steps grow with the corpus: copies, event clusters, stories and entities,
timed on cached per-article analyses (nothing is parsed), at several corpus sizes; and how well
a build that places its last tenth of articles among stored clusters does against clustering
everything at once.

    python bench/scale.py                                  # 1k, 2k, 5k, 10k, 50k articles
    python bench/scale.py --sizes 1000 5000 --runs 3 --source examples/un-ukraine-2022

The per-article analyses of the real articles in --source (default: the example corpus) are
built once; larger corpora are made from them as variants. Variants come in reports of one
event, three at a time: each keeps a random half of its model's words, terms and names, and the three
share some of the rare terms and names of their event and dates within two days of each other. Reports of
different events made from the same real article look alike (two earthquakes) and must stay
apart. One in ten variants is a near copy of another. The event clusters are scored against
these known events (B-cubed F1 over sections), for a full clustering and for the incremental
one (the first nine tenths clustered, the last tenth placed among them, as a build of new files
does). Each size
runs in a child process, so its peak memory is its own. Reported: median seconds per step, the
growth from the smallest size against n log n, and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent / "examples" / "un-ukraine-2022"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", default=str(DEFAULT_SOURCE), help="folder of real articles the variants are made from")
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args.db, args.child)

    with tempfile.TemporaryDirectory(prefix="storyline-scale-") as work:
        db = Path(work) / "source.db"
        built = subprocess.run(
            [sys.executable, "-m", "storyline", "build", args.source, "--db", str(db), "--quiet"], capture_output=True, text=True
        )
        if built.returncode != 0:
            print(built.stderr, file=sys.stderr)
            return 1
        figures = {}
        for size in args.sizes:
            runs = [_run_child(db, size) for _ in range(args.runs)]
            steps = {step: statistics.median(run["seconds"][step] for run in runs) for step in runs[0]["seconds"]}
            figures[size] = {
                "seconds": steps,
                "total": sum(steps.values()),
                "peak_mb": max(run["peak_mb"] for run in runs),
                "units": runs[0]["units"],
                "bcubed_f1": runs[0]["bcubed_f1"],
            }
            print(
                f"{size:>6} articles: {figures[size]['total']:7.2f} s  "
                + "  ".join(f"{k} {v:.2f}" for k, v in steps.items())
                + f"  peak {figures[size]['peak_mb']:.0f} MB"
                + f"  B-cubed F1 full {figures[size]['bcubed_f1']['full']:.3f} placed {figures[size]['bcubed_f1']['incremental']:.3f}",
                file=sys.stderr,
            )
    smallest = min(figures)
    print(f"corpus steps on cached analyses, variants of {args.source}; medians of {args.runs} runs")
    print(f"{'articles':>9} {'seconds':>8} {'growth':>8} {'n log n':>8} {'peak MB':>8} {'F1 full':>8} {'F1 placed':>9}")
    for size, figure in sorted(figures.items()):
        growth = figure["total"] / figures[smallest]["total"]
        expected = (size * math.log(size)) / (smallest * math.log(smallest))
        f1 = figure["bcubed_f1"]
        print(
            f"{size:>9} {figure['total']:8.2f} {growth:8.1f} {expected:8.1f} {figure['peak_mb']:8.0f}"
            f" {f1['full']:8.3f} {f1['incremental']:9.3f}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


def _run_child(db: Path, size: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(size), "--db", str(db)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"scale.py: the child for {size} articles failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(db: str, size: int) -> int:
    from storyline.corpus.cluster import assign_events, cluster_events, find_duplicates, story_groups
    from storyline.corpus.entities import resolve_entities
    from storyline.model import ArticleEntities, ArticleProfile
    from storyline.model.codec import from_plain
    from storyline.pipeline.build import STAGE_ORDER
    from storyline.settings import Settings
    from storyline.stages import fingerprints
    from storyline.store.database import Store

    with Store(db) as store:
        prints = fingerprints(STAGE_ORDER, Settings())
        sources = []
        for stored in store.articles():
            results = store.cached_results(stored.content_hash, {k: prints[k] for k in ("mentions", "profile")})
            sources.append((from_plain(ArticleProfile, results["profile"]), from_plain(ArticleEntities, results["mentions"])))
    profiles, entities, truth, dates = _variants(sources, size)
    seconds = {}
    started = time.perf_counter()
    duplicates = find_duplicates(profiles, dates)
    seconds["copies"] = time.perf_counter() - started
    started = time.perf_counter()
    events = cluster_events(profiles, dates, set(duplicates))
    seconds["events"] = time.perf_counter() - started
    ordered = sorted(profiles)
    earlier = {key: profiles[key] for key in ordered[: len(ordered) * 9 // 10]}
    stored = cluster_events(earlier, dates, set(duplicates))
    placed = {unit: number for number, group in enumerate(stored) for unit in group}
    started = time.perf_counter()
    incremental, _, whole = assign_events(profiles, dates, set(duplicates), placed)
    seconds["place last tenth"] = time.perf_counter() - started
    assert not whole, "the incremental step clustered the store whole"
    started = time.perf_counter()
    story_groups(events, profiles)
    seconds["stories"] = time.perf_counter() - started
    started = time.perf_counter()
    resolve_entities(entities)
    seconds["entities"] = time.perf_counter() - started
    units = sum(len(p.units) for p in profiles.values())
    quality = {"full": _bcubed(events, truth), "incremental": _bcubed(incremental, truth)}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "units": units, "peak_mb": peak, "bcubed_f1": quality}))
    return 0


def _variants(sources: list, size: int) -> tuple[dict, dict, dict, dict]:
    """`size` profiles and entity sets made from the real ones (see the module's docstring),
    the event each section reports, and each variant's date."""
    import datetime as dt

    from storyline.model import LocalEntity, NameMention

    rng = random.Random(7)
    profiles, entities, truth, dates = {}, {}, {}, {}
    event_day: dict[int, dt.date] = {}
    for number in range(size):
        key = f"v{number:06}"
        if number and number % 10 == 0:
            copied = f"v{rng.randrange(number):06}"
            profiles[key], entities[key], dates[key] = profiles[copied], entities[copied], dates[copied]
            truth.update({(key, index): event for (article, index), event in truth.items() if article == copied})
            continue
        event = number // 3
        profile, found = sources[event % len(sources)]
        day = event_day.setdefault(event, dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(365)))
        dates[key] = day + dt.timedelta(days=rng.randrange(3))
        units = []
        for index, unit in enumerate(profile.units):
            own = f"x{event}s{index}"  # what the reports of this event (and section) share
            # Each report tells its event in its own words: it keeps some of what they share.
            kept = [t for t in unit.terms if rng.random() < 0.5] + [(f"{own}t{i}", 1) for i in range(3) if rng.random() < 0.6]
            words = [w for w in unit.words if rng.random() < 0.5] + [(f"{own}w{i}", 1) for i in range(3) if rng.random() < 0.6]
            names = [n for n in unit.names if rng.random() < 0.5] + [f"{own}n{i}" for i in range(2) if rng.random() < 0.6]
            units.append(replace(unit, terms=tuple(kept), names=tuple(names), words=tuple(sorted(words))))
            truth[(key, index)] = f"{event}/{index}"
        minhash = tuple(rng.getrandbits(32) for _ in profile.minhash)
        profiles[key] = replace(profile, units=tuple(units), minhash=minhash)
        locals_ = tuple(
            LocalEntity(e.type, tuple(n if rng.random() < 0.7 else f"{n} x{event}" for n in e.names), e.roles) for e in found.entities
        )
        mentions = tuple(NameMention(m.start, m.end, m.text, m.kind, m.entity, m.label, m.role) for m in found.mentions)
        entities[key] = replace(found, entities=locals_, mentions=mentions)
    return profiles, entities, truth, dates


def _bcubed(groups: list, truth: dict) -> float:
    """B-cubed F1 of clustered sections against the events they were made for."""
    from collections import Counter

    cluster_of = {unit: number for number, group in enumerate(groups) for unit in group}
    sizes = Counter(cluster_of.values())
    gold_sizes = Counter(truth[unit] for unit in cluster_of)
    overlap = Counter((cluster_of[unit], truth[unit]) for unit in cluster_of)
    precision = sum(overlap[(cluster_of[u], truth[u])] / sizes[cluster_of[u]] for u in cluster_of) / len(cluster_of)
    recall = sum(overlap[(cluster_of[u], truth[u])] / gold_sizes[truth[u]] for u in cluster_of) / len(cluster_of)
    return 2 * precision * recall / (precision + recall)


if __name__ == "__main__":
    raise SystemExit(main())
