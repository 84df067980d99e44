"""How fast `storyline serve` answers: the server time of every page and API route over a store
of 1,000 articles.

    python bench/serve.py                       # 1,000 articles: the PolNeAR texts and variants
    python bench/serve.py --articles 2000 --runs 9 --json serve.json

The store is built once per size and kept under --work (a later run reuses it). The articles are
bench/read.py's: the PolNeAR train and dev texts, and beyond them its variants, made by its own
functions. Routes are asked in process through FastAPI's TestClient, and each figure is the
median, over --runs requests, of the time the handler took as the server measures it (its
Server-Timing header), after one request that warms the server's cache of the stored story.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from read import SHARED, polnear_records, storyline, variants

# The server answers within this many milliseconds on every route (issue 21).
BUDGET_MS = 300.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles the store holds")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "storyline-bench-serve"))
    parser.add_argument("--shared", default=str(SHARED), help="the shared folder with benchdata/ and eval/")
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument("--build-only", action="store_true", help="make the store and stop")
    args = parser.parse_args()
    db = built_store(Path(args.work), Path(args.shared), args.articles)
    if args.build_only:
        return 0
    figures = measure(db, args.runs)
    report(db, figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n")
    return 0 if all(row["median_ms"] < BUDGET_MS for row in pages(figures).values()) else 1


def current_store(db: Path) -> None:
    """Bring the store's story up to date when this storyline's stages changed since it was
    built (an ordinary incremental build; the server itself never recomputes)."""
    from storyline.store.database import Store, StoreError
    from storyline.store.story import check_current

    try:
        with Store.for_reading(db) as store:
            check_current(store)
    except StoreError:
        started = time.perf_counter()
        subprocess.run(storyline("build", "--db", str(db), "--quiet"), check=True, capture_output=True)
        print(f"brought the story of {db} up to date in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def built_store(work: Path, shared: Path, count: int) -> Path:
    """The store of `count` articles under `work`, built the first time it is asked for."""
    folder = work / f"articles-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    db, inputs, done = folder / "story.db", folder / "input.jsonl", folder / "built.json"
    if db.is_file() and done.is_file():
        current_store(db)
        return db
    real = polnear_records(shared, work)
    records = real[:count] if count <= len(real) else real + variants(real, count - len(real))
    inputs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    for leftover in folder.glob("story.db*"):
        leftover.unlink()
    started = time.perf_counter()
    subprocess.run(storyline("build", str(inputs), "--db", str(db), "--quiet"), check=True, capture_output=True)
    done.write_text(json.dumps({"articles": len(records), "build_seconds": time.perf_counter() - started}) + "\n")
    return db


def server_ms(response) -> float:
    """The handler's time, as the server's Server-Timing header gives it."""
    if response.status_code != 200:
        raise SystemExit(f"{response.request.url}: {response.status_code} {response.text[:300]}")
    return float(response.headers["server-timing"].split("dur=")[1])


def routes(snapshot) -> dict[str, str]:
    """One of each page and API route, on the largest records the store holds."""
    from urllib.parse import quote

    biggest = max(snapshot.stories, key=lambda s: len(s.events))
    smallest = min(snapshot.stories, key=lambda s: len(s.events))
    longest = max(snapshot.articles, key=lambda a: len(a.text))
    busiest = max(snapshot.articles, key=lambda a: len(snapshot.article_items(a.id).mentions))
    actors = Counter(e.actor for e in snapshot.events if e.story == biggest.id and e.actor)
    actor = actors.most_common(1)[0][0] if actors else ""
    span = next(event.sources[0] for event in snapshot.events if event.sources and event.sources[0].article == longest.id)
    found = {
        "stories": "/",
        "stories, label filter": "/?label=trump",
        f"story, biggest ({len(biggest.events)} events)": f"/story/{biggest.id}",
        "story, actor filter": f"/story/{biggest.id}?actor={quote(actor)}",
        "story, dates and page 3": f"/story/{biggest.id}?start=2016-01-01&end=2016-12-31&events_page=3&quotes_page=2",
        f"story, smallest ({len(smallest.events)} events)": f"/story/{smallest.id}",
        f"article, longest ({len(longest.text.split())} words)": f"/article/{quote(longest.id, safe='')}",
        "article, busiest, with a span": f"/article/{quote(busiest.id, safe='')}?start={span.start}&end={span.end}",
        "articles": "/articles",
        "articles, page 15": "/articles?page=15",
        "search": "/search?q=president",
        "search, phrase and prefix": '/search?q="white house" negotiat*',
        "upload": "/upload",
        "/openapi.json": "/openapi.json",
    }
    from storyline.store.story import RECORD_TYPES

    found.update({f"/api/{kind}": f"/api/{kind}" for kind in RECORD_TYPES})
    found.update(
        {
            "/api/events?story=": f"/api/events?story={biggest.id}",
            "/api/articles/{id}": f"/api/articles/{quote(longest.id, safe='')}",
            "/api/stories/{id}": f"/api/stories/{biggest.id}",
            "/api/search": "/api/search?q=president",
            "/api/jobs": "/api/jobs",
        }
    )
    return found


def measure(db: Path, runs: int) -> dict[str, dict]:
    from fastapi.testclient import TestClient

    from storyline.serve.app import create_app
    from storyline.serve.options import ServeOptions

    started = time.perf_counter()
    app = create_app(ServeOptions(db=db))
    # Not a page: the one-off load of the stored story (and the search index the first time).
    figures: dict[str, dict] = {"start": {"seconds": time.perf_counter() - started}}
    snapshot = app.state.stored.current()
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for name, url in routes(snapshot).items():
            times = [server_ms(client.get(url)) for _ in range(runs + 1)]
            figures[name] = {
                "url": url,
                "first_ms": times[0],
                "median_ms": statistics.median(times[1:]),
                "max_ms": max(times[1:]),
                "runs": runs,
            }
        figures.update(every_page(client, snapshot, max(1, runs // 2)))
    return figures


def every_page(client, snapshot, runs: int) -> dict[str, dict]:
    """Every story page and every article page, a few times each: the slowest median of them."""
    from urllib.parse import quote

    found = {}
    for name, urls in (
        (f"every story page ({len(snapshot.stories)})", [f"/story/{s.id}" for s in snapshot.stories]),
        (f"every article page ({len(snapshot.articles)})", [f"/article/{quote(a.id, safe='')}" for a in snapshot.articles]),
    ):
        medians, firsts, most = [], [], 0.0
        for url in urls:
            times = [server_ms(client.get(url)) for _ in range(runs + 1)]
            firsts.append(times[0])
            medians.append(statistics.median(times[1:]))
            most = max(most, *times[1:])
        slowest = max(range(len(urls)), key=medians.__getitem__)
        found[name] = {
            "url": urls[slowest],
            "first_ms": max(firsts),
            "median_ms": medians[slowest],
            "max_ms": most,
            "median_of_medians_ms": statistics.median(medians),
            "runs": runs,
        }
    return found


def report(db: Path, figures: dict[str, dict]) -> None:
    built = json.loads((db.parent / "built.json").read_text())
    print(f"{db}: {built['articles']} articles; the server loaded it in {figures['start']['seconds']:.1f} s")
    print(
        f"server time of each route in ms (median of {next(iter(pages(figures).values()))['runs']} runs, the first apart), budget {BUDGET_MS:.0f}"
    )
    print(f"  {'route':44s} {'median':>8s} {'max':>8s} {'first':>8s}  ok")
    for name, row in pages(figures).items():
        ok = "yes" if row["median_ms"] < BUDGET_MS else "NO"
        most = f"{row['max_ms']:8.1f}" if "max_ms" in row else f"{'':8s}"
        extra = f"  (median of them all {row['median_of_medians_ms']:.1f}; slowest {row['url']})" if "median_of_medians_ms" in row else ""
        print(f"  {name:44s} {row['median_ms']:8.1f} {most} {row['first_ms']:8.1f}  {ok}{extra}")


def pages(figures: dict[str, dict]) -> dict[str, dict]:
    return {name: row for name, row in figures.items() if "median_ms" in row}


if __name__ == "__main__":
    sys.exit(main())
