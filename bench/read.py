"""How fast a built store answers: every read command, a filtered one, the JSON, JSON Lines and
Parquet exports, and a build that adds one article, against the time of the full build.

    python bench/read.py                     # the 924 PolNeAR train and dev texts
    python bench/read.py --scale 10000       # and variants of them, up to 10,000 articles
    python bench/read.py --runs 5 --json read.json

The store is built once per corpus size and kept under --work (a later run reuses it and
reports the full build's time as measured then; --rebuild measures it again). Every figure is
the median wall time of --runs runs of the installed command in a fresh process, start-up
included, as a user would see it. Read commands write to a pipe, so they print tab-separated
rows (their default when piped); `table` rows time the terminal table forced with --format
table. Adding one article runs on a fresh copy of the store each time (the copy is not timed).

Variants (--scale): article k beyond the real ones joins the paragraphs of two real articles,
in an order of its own, dated a few days apart from the first: new text to parse, the same
kind of politics news, names and quotes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
READ_COMMANDS = ("stories", "articles", "entities", "quotes", "events", "clusters", "timeline", "brief")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=0, help="also build and time a store of this many articles")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "storyline-bench-read"))
    parser.add_argument("--rebuild", action="store_true", help="build the stores again, timing the full build")
    parser.add_argument("--shared", default=str(SHARED), help="the shared folder with benchdata/ and eval/")
    parser.add_argument("--json", help="write the figures to this file too")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    real = polnear_records(Path(args.shared), work)
    corpora = [("polnear", real)]
    if args.scale > len(real):
        corpora.append((f"scale-{args.scale}", real + variants(real, args.scale - len(real))))
    figures = {}
    for name, records in corpora:
        figures[name] = measure(work / name, records, args.runs, args.rebuild)
        report(name, figures[name])
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n")
    return 0


def polnear_records(shared: Path, work: Path) -> list[dict]:
    """The PolNeAR train and dev texts as storyline records, via the evaluation's own prepare.py."""
    records = []
    for split in ("train", "dev"):
        out = work / f"polnear-{split}"
        subprocess.run(
            [sys.executable, str(shared / "eval" / "polnear" / "prepare.py"), "--split", split, "--out", str(out)],
            check=True,
            capture_output=True,
        )
        records += [json.loads(line) for line in (out / "input.jsonl").read_text(encoding="utf-8").splitlines()]
    return records


def variants(real: list[dict], count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    made = []
    for number in range(count):
        first, second = rng.sample(real, 2)
        paragraphs = [p for p in first["text"].split("\n") if p.strip()][1:] + [p for p in second["text"].split("\n") if p.strip()][1:]
        rng.shuffle(paragraphs)
        headline = first["text"].split("\n", 1)[0]
        made.append(
            {
                "id": f"variant-{number:05d}",
                "title": f"{first.get('title') or headline} ({number})",
                "published": first.get("published"),
                "text": "\n".join([headline, *paragraphs[: max(6, len(paragraphs) // 2)]]),
            }
        )
    return made


def storyline(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *arguments]


def timed(command: list[str], runs: int, before=None) -> dict:
    seconds = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        seconds.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()[-500:]}")
    return {"median": statistics.median(seconds), "runs": seconds}


def measure(folder: Path, records: list[dict], runs: int, rebuild: bool) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    db, inputs, extra = folder / "story.db", folder / "input.jsonl", folder / "new.jsonl"
    *existing, new = records
    inputs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in existing), encoding="utf-8")
    extra.write_text(json.dumps({**new, "id": "added-" + new["id"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    build_file = folder / "full-build.json"
    if rebuild or not db.is_file() or not build_file.is_file():
        for leftover in folder.glob("story.db*"):
            leftover.unlink()
        started = time.perf_counter()
        subprocess.run(storyline("build", str(inputs), "--db", str(db), "--quiet"), check=True, capture_output=True)
        build_file.write_text(json.dumps({"seconds": time.perf_counter() - started, "articles": len(existing)}))
    full_build = json.loads(build_file.read_text())
    figures: dict = {"article_count": full_build["articles"], "full_build_seconds": full_build["seconds"]}
    # An unchanged build of the same input: a build that has nothing to do.
    figures["unchanged build"] = timed(storyline("build", str(inputs), "--db", str(db), "--quiet"), runs)
    for command in READ_COMMANDS:
        figures[command] = timed(storyline(command, "--db", str(db)), runs)
    for command in READ_COMMANDS:
        figures[f"{command} (table)"] = timed(storyline(command, "--db", str(db), "--format", "table"), runs)
    out = folder / "export.json"
    figures["export json"] = timed(storyline("export", "--db", str(db), "--format", "json", "-o", str(out)), runs)
    figures["export jsonl"] = timed(storyline("export", "--db", str(db), "--format", "jsonl", "-o", str(folder / "export.jsonl")), runs)
    figures["export parquet"] = timed(storyline("export", "--db", str(db), "--format", "parquet", "-o", str(folder / "parquet")), runs)
    # A filter that must look at every record: the events of one month.
    figures["events --since"] = timed(storyline("events", "--db", str(db), "--since", "2016-10", "--until", "2016-10"), runs)
    scratch = folder / "scratch.db"

    def fresh_copy() -> None:
        for leftover in folder.glob("scratch.db*"):
            leftover.unlink()
        shutil.copy(db, scratch)

    figures["add one article"] = timed(storyline("build", str(extra), "--db", str(scratch), "--quiet"), runs, before=fresh_copy)
    figures["add one article / full build"] = figures["add one article"]["median"] / full_build["seconds"]
    return figures


def report(name: str, figures: dict) -> None:
    print(f"{name}: {figures['article_count']} articles, full build {figures['full_build_seconds']:.1f} s")
    for key, value in figures.items():
        if isinstance(value, dict):
            print(f"  {key:24s} {value['median']:7.2f} s   (runs: {', '.join(f'{s:.2f}' for s in value['runs'])})")
    print(f"  {'add one / full build':24s} {figures['add one article / full build']:7.3f}")


if __name__ == "__main__":
    sys.exit(main())
