"""Adding articles from the browser: uploads, built one after another in the background.

An upload is saved to a folder of its own beside the store and becomes a job; jobs are built in
the order they came, one at a time, by build_job.py in a child process (the store takes one
writer). The page polls /api/jobs/{id} for progress. When a build is done the server loads the
new story before it says so, so the next page shows the new articles.

Limits hold before anything is read: the request's declared size (a request without one is
refused), the number of files, and a read-only server takes none.
"""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.model.codec import to_plain
from storyline.serve.options import ServeOptions
from storyline.serve.stored import StoredStory

router = APIRouter(prefix="/api", tags=["uploads"])
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
# Kept of the problems a build reports, per job.
MOST_PROBLEMS = 200


@dataclass(frozen=True, slots=True)
class JobRecord:
    """A build of uploaded files, as /api/jobs reports it."""

    id: str
    status: str  # queued, running, done, failed
    files: tuple[str, ...]
    done: int  # inputs read so far
    problems: tuple[str, ...]
    summary: str | None
    story: str | None  # what the build did to the story
    error: str | None
    articles: tuple[str, ...]  # ids of the articles the files became, once done
    seconds: float | None


@dataclass
class Job:
    id: str
    folder: Path
    files: tuple[str, ...]
    status: str = QUEUED
    done: int = 0
    problems: list[str] = field(default_factory=list)
    summary: str | None = None
    story: str | None = None
    error: str | None = None
    articles: tuple[str, ...] = ()
    started: float | None = None
    finished: float | None = None

    def record(self) -> JobRecord:
        seconds = None if self.started is None else (self.finished or time.monotonic()) - self.started
        return JobRecord(
            self.id, self.status, self.files, self.done, tuple(self.problems), self.summary, self.story, self.error, self.articles, seconds
        )


def safe_name(name: str, taken: set[str]) -> str:
    """A file name of the upload that is safe to write: no folders, no leading dot, only
    ordinary characters, and not one already taken in the job's folder."""
    base = re.sub(r"[^\w.\-]+", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).lstrip(".") or "upload"
    stem, dot, suffix = base.partition(".")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}{dot}{suffix}", number + 1
    taken.add(candidate)
    return candidate


class Builds:
    """The jobs of this server, and the thread that builds them one at a time."""

    def __init__(self, options: ServeOptions, stored: StoredStory) -> None:
        self.options = options
        self.stored = stored
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job] = queue.Queue()
        self._process: subprocess.Popen | None = None
        self._thread = threading.Thread(target=self._work, name="storyline-builds", daemon=True)
        self._thread.start()

    def submit(self, files: list[tuple[str, bytes]]) -> Job:
        job_id = uuid.uuid4().hex[:12]
        folder = self.options.uploads / job_id
        folder.mkdir(parents=True)
        taken: set[str] = set()
        names = []
        for name, content in files:
            names.append(safe_name(name, taken))
            (folder / names[-1]).write_bytes(content)
        job = Job(job_id, folder, tuple(names))
        self._jobs[job_id] = job
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def jobs(self) -> list[Job]:
        return list(reversed(self._jobs.values()))

    def close(self) -> None:
        """Stop a build in progress (the store keeps every batch it committed)."""
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            try:
                self._run(job)
            except Exception as error:  # a job must end, whatever happened to it
                job.status, job.error = FAILED, f"{type(error).__name__}: {error}"
            job.finished = time.monotonic()

    def _run(self, job: Job) -> None:
        job.status, job.started = RUNNING, time.monotonic()
        command = [sys.executable, "-m", "storyline.serve.build_job", "--db", str(self.options.db)]
        if self.options.config:
            command += ["--config", self.options.config]
        log = self.options.uploads / f"{job.id}.log"
        with open(log, "w", encoding="utf-8") as errors:
            self._process = subprocess.Popen([*command, str(job.folder)], stdout=subprocess.PIPE, stderr=errors, text=True)
            for line in self._process.stdout or ():
                _note(job, line)
            code = self._process.wait()
        if code != 0 or job.error:
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
            job.status, job.error = FAILED, job.error or (tail[0] if tail else f"the build stopped with status {code}")
            return
        # Loaded before the job says it is done: the next page shows the new articles.
        snapshot = self.stored.settled()
        if self.stored.problem is not None:
            job.status, job.error = FAILED, f"built, but this server cannot read the new story: {self.stored.problem}"
            return
        inside = str(job.folder)
        job.articles = tuple(a.id for a in snapshot.articles if a.source.startswith(inside))
        job.status = DONE


def _note(job: Job, line: str) -> None:
    try:
        message: dict[str, Any] = json.loads(line)
    except ValueError:
        return
    if "done" in message:
        job.done = int(message["done"])
    if "problem" in message and len(job.problems) < MOST_PROBLEMS:
        job.problems.append(str(message["problem"]))
    for key in ("summary", "story", "error"):
        if key in message:
            setattr(job, key, str(message[key]))


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                }
            }
        },
    }
}


@router.post("/uploads", status_code=202, response_model=JobRecord, summary="Add articles", openapi_extra=_UPLOAD_BODY)
async def upload(request: Request) -> JSONResponse:
    """Files to read into the store (any kind `storyline build` reads), as the form field
    `files`; they are built in the background: follow the job at /api/jobs/{id}."""
    options: ServeOptions = request.app.state.options
    builds: Builds | None = request.app.state.builds
    if options.read_only or builds is None:
        raise HTTPException(403, "this server is read-only: it takes no uploads")
    declared = request.headers.get("content-length", "")
    if not declared.isdigit():
        raise HTTPException(411, "an upload must say its length")
    if int(declared) > options.max_upload_bytes:
        raise HTTPException(413, f"an upload may hold at most {options.max_upload_bytes:,} bytes")
    try:
        form = await request.form(max_files=options.max_upload_files, max_fields=8)
    except StarletteHTTPException as error:
        if "too many files" in str(error.detail).lower():
            raise HTTPException(413, f"at most {options.max_upload_files} files at a time") from None
        raise
    files = [item for item in form.getlist("files") if isinstance(item, UploadFile)]
    if not files:
        raise HTTPException(400, "no files: send them as the form field `files`")
    contents = [(item.filename or "upload", await item.read()) for item in files]
    await form.close()
    job = await run_in_threadpool(builds.submit, contents)
    return JSONResponse(_plain(job.record()), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs", response_model=list[JobRecord], summary="The builds of uploads, newest first")
def jobs(request: Request) -> JSONResponse:
    builds: Builds | None = request.app.state.builds
    return JSONResponse([_plain(job.record()) for job in (builds.jobs() if builds else [])])


@router.get("/jobs/{job_id}", response_model=JobRecord, summary="One build: its progress, then its outcome")
def job(request: Request, job_id: str) -> JSONResponse:
    builds: Builds | None = request.app.state.builds
    found = builds.get(job_id) if builds else None
    if found is None:
        raise HTTPException(404, f"no job {job_id!r}")
    return JSONResponse(_plain(found.record()))


def _plain(record: JobRecord) -> dict:
    return to_plain(record)  # type: ignore[return-value]
