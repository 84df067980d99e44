"""The same build on the two engines: the local pool of worker processes against Ray actors.

    python bench/engines.py                       # the 924 PolNeAR train and dev texts, 2 workers
    python bench/engines.py --workers 2 --runs 3 --data DIR [DIR ...]

Each run builds a fresh store in a child process of its own, everything `storyline build`
does (the corpus steps included), once with `--engine local` and once with `--engine ray`
(a local Ray of as many CPUs as workers, started by the build and counted in its time).
Reported: seconds, articles/s, words/s, the peak resident memory of the build's own process
and of its busiest worker (Ray's own services, the raylet and GCS, are not counted), medians
over --runs; and whether the two stores export the same JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from children import run_child
from storyline.pipeline.ray_engine import RayEngine

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parent.parent / "shared" / "benchdata" / "polnear"
ENGINES = ("local", "ray")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", nargs="+", help="folders of articles (default: PolNeAR train and dev texts)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args)
    folders = [Path(p) for p in args.data] if args.data else [POLNEAR / "train" / "text", POLNEAR / "dev" / "text"]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        print(f"engines.py: no such folder: {', '.join(missing)} (give --data)", file=sys.stderr)
        return 2
    runs: dict[str, list[dict]] = {engine: [] for engine in ENGINES}
    with tempfile.TemporaryDirectory(prefix="storyline-engines-") as work:
        for run in range(args.runs):
            for engine in ENGINES:
                figures = run_child(__file__, engine, [str(f) for f in folders], Path(work) / f"{engine}{run}.db", args.workers, args.batch_size)
                runs[engine].append(figures)
                print(f"run {run + 1} {engine}: {figures['seconds']:.1f} s", file=sys.stderr)
    same = len({run["export_sha256"] for engine in ENGINES for run in runs[engine]}) == 1
    report = _report(runs, args, " ".join(args.data) if args.data else "PolNeAR train+dev texts", same)
    print(report)
    if args.json:
        Path(args.json).write_text(json.dumps({"runs": runs, "same_export": same}, indent=1))
    return 0


def _child(args: argparse.Namespace) -> int:
    from storyline.export.json import export_stored_json
    from storyline.pipeline.build import run_build
    from storyline.pipeline.engine import LocalEngine
    from storyline.settings import Settings
    from storyline.store.database import Store
    from storyline.store.story import open_story

    settings = Settings(db=args.db, workers=args.workers, batch_size=args.batch_size)
    engine = _MeasuredRay(args.workers) if args.child == "ray" else LocalEngine(args.workers)
    with Store(args.db) as store:
        started = time.perf_counter()
        summary = run_build(args.data, store, settings, engine=engine)
        seconds = time.perf_counter() - started
        articles = open_story(store).articles
        exported = export_stored_json(store)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = engine.worker_peak_mb if args.child == "ray" else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = {
        "seconds": seconds,
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "failed": summary.failed,
        "stage_seconds": dict(summary.seconds),
        "peak_mb": own,
        "peak_worker_mb": workers,
        "export_sha256": hashlib.sha256(exported.encode()).hexdigest(),
    }
    print(json.dumps(figures))
    return 0


def _peak_mb(_: object) -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _MeasuredRay(RayEngine):
    """A Ray engine that asks its workers for their peak memory before letting them go."""

    worker_peak_mb = 0.0

    def close(self) -> None:
        if self._actors:
            import ray

            peaks = ray.get([actor.run.remote(_peak_mb, None) for actor in self._actors])
            self.worker_peak_mb = max([self.worker_peak_mb, *peaks])
        super().close()


def _report(runs: dict[str, list[dict]], args: argparse.Namespace, label: str, same: bool) -> str:
    first = runs["local"][0]
    lines = [
        f"corpus: {label}: {first['articles']} articles, {first['words']:,} words; {args.workers} workers, "
        f"batch size {args.batch_size}; medians of {args.runs} runs"
    ]
    seconds = {engine: statistics.median(r["seconds"] for r in runs[engine]) for engine in ENGINES}
    for engine in ENGINES:
        median = seconds[engine]
        peak = statistics.median(r["peak_mb"] for r in runs[engine])
        worker = statistics.median(r["peak_worker_mb"] for r in runs[engine])
        lines.append(
            f"{engine:>5}: {median:7.1f} s  {first['articles'] / median:6.1f} articles/s  {first['words'] / median:8.0f} words/s"
            f"  peak {peak:.0f} MB (busiest worker {worker:.0f} MB)"
        )
    per_run = ", ".join(f"{lo['seconds'] / ra['seconds']:.3f}" for lo, ra in zip(runs["local"], runs["ray"], strict=True))
    lines.append(f"ray throughput / local throughput: {seconds['local'] / seconds['ray']:.3f} (per run: {per_run})")
    lines.append(f"exports identical across engines and runs: {'yes' if same else 'NO'}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
