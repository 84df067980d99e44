"""Build time of single long articles: does it grow linearly with the article's length?

    python bench/long.py                          # 10, 50, 200, 950 KB and 3 MB of PolNeAR prose
    python bench/long.py --sizes 10 200 --runs 3
    python bench/long.py --source examples/un-ukraine-2022

Each article is real news prose: the PolNeAR train texts (or the .txt files of --source) one
after another, paragraphs kept, cut at a paragraph boundary near the size asked for, so a long
article has what long articles have (many quotations, names, pronouns and dates). Each size is
built alone into a fresh store (one process, everything `storyline build` does, the corpus
steps included) in a child process of its own, after a build of a small article in another store
(so that the model and the tables every build loads once are loaded before the clock starts).
Reported: seconds, seconds per KB, and seconds per KB against those of the smallest size (1.0
is linear; a stage that is quadratic in the article's length doubles it with each doubling);
per stage seconds for the largest; medians over --runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLNEAR_TRAIN = HERE.parent.parent / "shared" / "benchdata" / "polnear" / "train" / "text"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200, 950, 3000], help="article sizes in KB")
    parser.add_argument("--source", default=str(POLNEAR_TRAIN), help="folder of .txt articles the long ones are made of")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(Path(args.child))
    source = Path(args.source)
    if not source.is_dir():
        print(f"long.py: no such folder: {source} (give --source)", file=sys.stderr)
        return 2
    figures = {}
    with tempfile.TemporaryDirectory(prefix="storyline-long-") as work:
        for size in args.sizes:
            article = Path(work) / f"long-{size}kb.txt"
            article.write_text(_article(source, size * 1000), encoding="utf-8")
            runs = [_run_child(article) for _ in range(args.runs)]
            figures[size] = {
                "bytes": article.stat().st_size,
                "seconds": statistics.median(r["seconds"] for r in runs),
                "stage_seconds": {k: statistics.median(r["stage_seconds"].get(k, 0.0) for r in runs) for k in runs[0]["stage_seconds"]},
                "peak_mb": max(r["peak_mb"] for r in runs),
                "failed": runs[0]["failed"],
            }
            print(f"{size} KB: {figures[size]['seconds']:.2f} s", file=sys.stderr)
    report = _report(figures, args.runs, source)
    print(report)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


def _article(source: Path, size: int) -> str:
    """Paragraphs of the articles in `source`, in order and again from the start if need be,
    up to the first paragraph boundary at or past `size` bytes."""
    paragraphs = [p for f in sorted(source.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]
    chosen: list[str] = []
    length = 0
    while length < size:
        paragraph = paragraphs[len(chosen) % len(paragraphs)]
        chosen.append(paragraph)
        length += len(paragraph.encode()) + 2
    return "\n\n".join(chosen) + "\n"


def _run_child(article: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(article)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"long.py: the build of {article.name} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(article: Path) -> int:
    from storyline.article.annotate import load_model
    from storyline.pipeline.build import run_build
    from storyline.settings import Settings
    from storyline.store.database import Store

    settings = Settings(db=":memory:", workers=1)
    load_model(settings.model)
    # A small article first, in a store of its own: the tables and models every build loads
    # once are loaded before the clock starts, so the smallest size is not charged for them.
    warm_up = article.with_name("warm-up.txt")
    warm_up.write_text(article.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    with Store() as store:
        run_build([str(warm_up)], store, settings)
    with Store() as store:
        started = time.perf_counter()
        summary = run_build([str(article)], store, settings)
        seconds = time.perf_counter() - started
    figures = {
        "seconds": seconds,
        "failed": summary.failed,
        "problems": [p.line() for p in summary.problems],
        "stage_seconds": dict(summary.seconds),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(figures))
    return 0


def _report(figures: dict, runs: int, source: Path) -> str:
    smallest = min(figures)
    base = figures[smallest]["seconds"] / (figures[smallest]["bytes"] / 1000)
    lines = [f"single articles made of {source}, one process, corpus steps included; medians of {runs} run(s)"]
    for size, figure in figures.items():
        per_kb = figure["seconds"] / (figure["bytes"] / 1000)
        failed = "  FAILED" if figure["failed"] else ""
        lines.append(
            f"{size:>6} KB: {figure['seconds']:8.2f} s  {per_kb * 1000:7.2f} ms/KB  ratio to {smallest} KB {per_kb / base:5.2f}"
            f"  peak {figure['peak_mb']:.0f} MB{failed}"
        )
    largest = max(figures)
    stages = figures[largest]["stage_seconds"]
    lines.append(f"per stage at {largest} KB (s): " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
