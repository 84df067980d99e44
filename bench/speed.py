"""Build throughput against bare spaCy parsing, measured side by side in one run.

    python bench/speed.py                       # the 924 PolNeAR train and dev texts
    python bench/speed.py --data DIR [DIR ...]  # any folders of articles
    python bench/speed.py --sample examples/un-ukraine-2022 --count 300   # stand-in corpus

Each run builds a fresh store in a child process (reading, extraction, cleaning, annotation,
storing: everything `storyline build` does), then, in another child process, parses the same
clean texts held in memory with the same spaCy model and its default components, `nlp.pipe`
with the same n_process and batch size ("bare parsing"; file reading not counted, model
loading not counted). Reported: articles/s and words/s, seconds per stage (summed over worker
processes), peak resident memory of each child and of its workers, and bare/build time per run.
Medians over --runs; the machines are shared and noisy, so only ratios measured in the same run
mean much.

--sample makes a stand-in corpus when the real one is not at hand: --count texts, each a
different seeded shuffle of the paragraphs of the articles in the folder given. It is real
prose, but repetitive; its figures are labelled as such.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from children import run_child

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parent.parent / "shared" / "benchdata" / "polnear"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", nargs="+", help="folders of articles (default: PolNeAR train and dev texts)")
    parser.add_argument("--sample", help="make a stand-in corpus from the articles in this folder")
    parser.add_argument("--count", type=int, default=300, help="texts in the stand-in corpus")
    parser.add_argument("--workers", type=int, default=0, help="processes (0: one per core), for both build and bare parsing")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument("--child", choices=["build", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args)

    with tempfile.TemporaryDirectory(prefix="storyline-speed-") as work:
        corpus, label = _corpus(args, Path(work))
        if corpus is None:
            return 2
        workers = args.workers or _cpu_count()
        runs = []
        for run in range(args.runs):
            db = Path(work) / f"run{run}.db"
            build = run_child(__file__, "build", corpus, db, workers, args.batch_size)
            bare = run_child(__file__, "bare", corpus, db, workers, args.batch_size)
            runs.append({"build": build, "bare": bare, "ratio": bare["seconds"] / build["seconds"]})
            print(
                f"run {run + 1}: build {build['seconds']:.1f}s, bare parse {bare['seconds']:.1f}s, bare/build {runs[-1]['ratio']:.3f}",
                file=sys.stderr,
            )
    report = _report(runs, label, workers, args.batch_size)
    print(report["text"])
    if args.json:
        Path(args.json).write_text(json.dumps({k: v for k, v in report.items() if k != "text"}, indent=1))
    return 0


def _cpu_count() -> int:
    import os

    return os.cpu_count() or 1


def _corpus(args: argparse.Namespace, work: Path) -> tuple[list[str] | None, str]:
    if args.sample:
        return [str(_stand_in(Path(args.sample), args.count, work / "sample"))], f"stand-in corpus: {args.count} shuffles of {args.sample}"
    folders = [Path(p) for p in args.data] if args.data else [POLNEAR / "train" / "text", POLNEAR / "dev" / "text"]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        print(f"speed.py: no such folder: {', '.join(missing)} (give --data, or --sample for a stand-in corpus)", file=sys.stderr)
        return None, ""
    label = "PolNeAR train+dev texts" if not args.data else " ".join(args.data)
    return [str(f) for f in folders], label


def _stand_in(source: Path, count: int, target: Path) -> Path:
    paragraphs = [p.strip() for f in sorted(source.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if len(p.split()) > 8]
    target.mkdir(parents=True)
    rng = random.Random(2022)
    for n in range(count):
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), 12))
        (target / f"text{n:05}.txt").write_text("\n\n".join(chosen), encoding="utf-8")
    return target


def _child(args: argparse.Namespace) -> int:
    from storyline.settings import Settings
    from storyline.store.database import Store
    from storyline.store.story import open_story

    settings = Settings(db=args.db, workers=args.workers, batch_size=args.batch_size)
    if args.child == "build":
        from storyline.pipeline.build import run_build

        with Store(args.db) as store:
            started = time.perf_counter()
            summary = run_build(args.data, store, settings)
            seconds = time.perf_counter() - started
            articles = open_story(store).articles
        figures = {
            "seconds": seconds,
            "articles": len(articles),
            "words": sum(len(a.text.split()) for a in articles),
            "failed": summary.failed,
            "stage_seconds": dict(summary.seconds),
        }
    else:
        import spacy

        with Store(args.db) as store:
            texts = [a.text for a in open_story(store).articles]  # in memory: reading is not counted
        nlp = spacy.load(settings.model)
        started = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=args.workers, batch_size=args.batch_size):
            pass
        figures = {"seconds": time.perf_counter() - started, "articles": len(texts)}
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["peak_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(figures))
    return 0


def _report(runs: list[dict], label: str, workers: int, batch_size: int) -> dict:
    def median(path: str, side: str) -> float:
        return statistics.median(run[side][path] for run in runs)

    build_seconds = median("seconds", "build")
    articles = runs[0]["build"]["articles"]
    words = runs[0]["build"]["words"]
    stages = sorted({name for run in runs for name in run["build"]["stage_seconds"]})
    stage_medians = {name: statistics.median(run["build"]["stage_seconds"].get(name, 0.0) for run in runs) for name in stages}
    ratio = statistics.median(run["ratio"] for run in runs)
    per_run = ", ".join(f"{run['ratio']:.3f}" for run in runs)
    lines = [
        f"corpus: {label}: {articles} articles, {words:,} words; workers (n_process) {workers}, batch size {batch_size}, {len(runs)} runs (medians)",
        f"build:      {build_seconds:7.1f} s   {articles / build_seconds:7.1f} articles/s   {words / build_seconds:9.0f} words/s   peak {median('peak_mb', 'build'):.0f} MB (workers {median('peak_worker_mb', 'build'):.0f} MB)",
        f"bare parse: {median('seconds', 'bare'):7.1f} s   {articles / median('seconds', 'bare'):7.1f} articles/s   {words / median('seconds', 'bare'):9.0f} words/s   peak {median('peak_mb', 'bare'):.0f} MB (workers {median('peak_worker_mb', 'bare'):.0f} MB)",
        "per stage (seconds, summed over workers): " + ", ".join(f"{name} {value:.1f}" for name, value in stage_medians.items()),
        f"bare-parse time / build time: {ratio:.3f} (per run: {per_run})",
    ]
    return {
        "text": "\n".join(lines),
        "corpus": label,
        "articles": articles,
        "words": words,
        "workers": workers,
        "batch_size": batch_size,
        "build_seconds": build_seconds,
        "bare_seconds": median("seconds", "bare"),
        "stage_seconds": stage_medians,
        "ratio": ratio,
        "runs": runs,
    }


if __name__ == "__main__":
    raise SystemExit(main())
