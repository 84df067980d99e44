"""The server's test fixtures: a store built once from the example corpus and one hostile
article, a client in process, and a live server on a free port for the browser."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import storyline
from conftest import EXAMPLES, PARAGRAPHS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
# The hostile article: markup in its title and text that would run if a page let it.
PAYLOAD_TITLE = "<script>window.__pwned = 'title'</script> Probe of <img src=x onerror=\"window.__pwned='title-img'\">"
PAYLOAD_SCRIPT = "<script>window.__pwned = 'text'</script>"
PAYLOAD_IMG = "<img src=x onerror=\"window.__pwned='onerror'\">"
PROBE_ID = "xss-probe"


def hostile_record() -> dict:
    text = "\n\n".join(
        [
            f"{PARAGRAPHS[0]} {PAYLOAD_SCRIPT}",
            f"{PARAGRAPHS[1]} {PAYLOAD_IMG}",
            f'"{PAYLOAD_IMG} There is no alternative to diplomacy," Guterres said on Monday.',
            PARAGRAPHS[3],
        ]
    )
    return {"id": PROBE_ID, "title": PAYLOAD_TITLE, "published": "2022-02-14", "source": "Probe News", "text": text}


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """The example corpus and the hostile article, built once for every server test."""
    folder = tmp_path_factory.mktemp("served")
    probe = folder / "probe.jsonl"
    probe.write_text(json.dumps(hostile_record()) + "\n", encoding="utf-8")
    db = folder / "story.db"
    storyline.build([EXAMPLES, probe], db=db, workers=1)
    return db


@pytest.fixture
def store(built_store, tmp_path) -> Path:
    """A copy of the built store for one test, which may add to it."""
    db = tmp_path / "story.db"
    shutil.copy(built_store, db)
    return db


def make_client(db: Path, **options):
    from fastapi.testclient import TestClient

    from storyline.serve.app import create_app
    from storyline.serve.options import ServeOptions

    return TestClient(create_app(ServeOptions(db=db, **options)), base_url="http://127.0.0.1")


@pytest.fixture
def client(store):
    with make_client(store) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """uvicorn serving the app in a thread, as `storyline serve` does."""

    def __init__(self, db: Path, **options) -> None:
        import uvicorn

        from storyline.serve.app import create_app
        from storyline.serve.options import ServeOptions

        self.port = free_port()
        self.app = create_app(ServeOptions(db=db, port=self.port, **options))
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


@pytest.fixture
def browser() -> Iterator:
    """Debian's chromium driven by Playwright; no browser is downloaded."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            launched.close()
