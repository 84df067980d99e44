"""Adding articles: limits that hold before anything is read, a read-only server that takes
nothing and writes nothing, and an upload built into the store in the background."""

from __future__ import annotations

import time

from storyline.serve.uploads import safe_name

from .conftest import make_client

ARTICLE = (
    "UN Secretary-General Antonio Guterres on Friday met the Oskarvik mediators in Vienna to discuss the crisis in Ukraine, "
    "his spokesman said in a statement.\n\nThe Oskarvik mediators told reporters that the talks had been useful and that they "
    "would travel to Moscow and Kyiv next week."
)


def test_a_read_only_server_takes_no_uploads_and_writes_nothing(store):
    with make_client(store, read_only=True) as client:
        response = client.post("/api/uploads", files={"files": ("a.txt", ARTICLE.encode())})
        assert response.status_code == 403 and "read-only" in response.json()["detail"]
        assert "takes no uploads" in client.get("/upload").text
        assert "Add articles" not in client.get("/").text
        assert client.get("/search", params={"q": "diplomacy"}).status_code == 200  # searched in memory
    assert sorted(path.name for path in store.parent.iterdir()) == ["story.db"]


def test_uploads_are_limited_in_count_and_size(store):
    with make_client(store, max_upload_files=2, max_upload_bytes=10_000) as client:
        three = [("files", (f"{n}.txt", b"words")) for n in range(3)]
        response = client.post("/api/uploads", files=three)
        assert response.status_code == 413 and "at most 2 files" in response.json()["detail"]
        response = client.post("/api/uploads", files={"files": ("big.txt", b"x" * 20_000)})
        assert response.status_code == 413 and "10,000 bytes" in response.json()["detail"]
        response = client.post("/api/uploads", data={"note": "no file"})
        assert response.status_code == 400
        assert client.get("/api/jobs").json() == []
    assert not (store.parent / "story.db.uploads").exists() or not any((store.parent / "story.db.uploads").iterdir())


def test_upload_names_cannot_leave_their_folder():
    taken: set[str] = set()
    assert safe_name("../../etc/passwd", taken) == "passwd"
    assert safe_name("C:\\Users\\me\\news report.txt", taken) == "news_report.txt"
    assert safe_name(".hidden", taken) == "hidden"
    assert safe_name("passwd", taken) == "passwd-2"
    assert safe_name("news report.txt", taken) == "news_report-2.txt"
    assert safe_name("", taken) == "upload"


def test_an_upload_is_built_in_the_background_and_shown_when_done(store):
    with make_client(store) as client:
        before = client.get("/api/articles", params={"limit": 1000}).json()
        response = client.post("/api/uploads", files={"files": ("oskarvik.txt", ARTICLE.encode())})
        assert response.status_code == 202 and response.headers["location"] == f"/api/jobs/{response.json()['id']}"
        job = response.json()
        assert job["status"] in ("queued", "running") and job["files"] == ["oskarvik.txt"]
        deadline = time.monotonic() + 240
        while job["status"] not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.3)
            job = client.get(f"/api/jobs/{job['id']}").json()
        assert job["status"] == "done", job
        assert job["articles"] == ["oskarvik.txt"] and "1 read" in job["summary"]
        after = client.get("/api/articles", params={"limit": 1000}).json()
        assert len(after) == len(before) + 1
        assert client.get("/api/search", params={"q": "Oskarvik"}).json()["hits"][0]["article"] == "oskarvik.txt"
        assert "oskarvik.txt" in client.get("/upload").text
    assert (store.parent / "story.db.uploads" / job["id"] / "oskarvik.txt").read_text() == ARTICLE
