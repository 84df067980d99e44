"""Stage order and the build: read inputs, run the per-article stages that are not cached,
store the results batch by batch.

A batch is analysed, then written in one transaction; an interrupted build loses at most the
batch in flight. Whether an input needs work is decided by its content hash and the stage
fingerprints, never by file times, so a copied or touched file is not analysed again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Protocol

import storyline.clean
import storyline.extract  # noqa: F401  (registers the extraction stage)
from storyline.codec import from_plain, to_plain
from storyline.engine import Engine, LocalEngine
from storyline.ingest import read_documents
from storyline.model import Document, InputProblem, Severity
from storyline.settings import Settings
from storyline.stages import fingerprints, get_stage
from storyline.store import Store

STAGE_ORDER: tuple[str, ...] = ("extract", "clean")


class Reporter(Protocol):
    """What a build tells its user while it runs."""

    def problem(self, problem: InputProblem) -> None: ...

    def progress(self, done: int) -> None: ...


class SilentReporter:
    def problem(self, problem: InputProblem) -> None:
        pass

    def progress(self, done: int) -> None:
        pass


@dataclass
class BuildSummary:
    read: int = 0  # new or changed articles analysed and stored
    unchanged: int = 0  # already stored with the same content and current analyses
    skipped: int = 0  # inputs with nothing to store (empty, no article, repeated)
    failed: int = 0  # inputs that could not be read or analysed
    warnings: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    def count(self, problem: InputProblem) -> None:
        self.problems.append(problem)
        if problem.severity is Severity.FAILED:
            self.failed += 1
        elif problem.severity is Severity.SKIPPED:
            self.skipped += 1
        else:
            self.warnings += 1

    def as_dict(self) -> dict[str, int]:
        return {"read": self.read, "unchanged": self.unchanged, "skipped": self.skipped, "failed": self.failed, "warnings": self.warnings}

    @property
    def nothing_readable(self) -> bool:
        """True when none of the inputs named could be read at all."""
        return self.read + self.unchanged == 0 and self.skipped == 0


def content_hash(document: Document) -> str:
    """What the analyses depend on: the content and the user's metadata, not the id or path,
    so a renamed or moved file is recognised."""
    plain = to_plain(document)
    key = {name: plain[name] for name in ("text", "html", "url", "title", "published", "outlet")}
    return hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class _Work:
    document: Document
    content_hash: str
    cached: dict[str, dict]


@dataclass(frozen=True, slots=True)
class _Outcome:
    results: dict[str, dict]
    error: str | None = None


def run_build(
    paths: list[str], store: Store, settings: Settings, reporter: Reporter | None = None, engine: Engine | None = None
) -> BuildSummary:
    reporter = reporter or SilentReporter()
    own_engine = engine is None
    engine = engine or LocalEngine(settings.worker_count())
    summary = BuildSummary()
    stage_fingerprints = fingerprints(STAGE_ORDER, settings)
    seen_ids: dict[str, tuple[str, str]] = {}  # id -> (content hash, source) in this build
    seen_hashes: set[str] = set()
    build_id = store.start_build()
    done = 0
    try:
        for batch in _batches(read_documents(paths, settings), settings.batch_size):
            work = []
            for item in batch:
                if isinstance(item, InputProblem):
                    _report(item, summary, reporter)
                    continue
                document = _with_unique_id(item, seen_ids, summary, reporter)
                if document is None:
                    continue
                digest = seen_ids[document.id][0]
                seen_hashes.add(digest)
                cached = store.cached_results(digest, stage_fingerprints)
                if store.content_hash_of(document.id) == digest and len(cached) == len(STAGE_ORDER):
                    summary.unchanged += 1
                    continue
                work.append(_Work(document, digest, cached))
            outcomes = engine.map(_Analysis(settings), work)
            _store_batch(store, work, outcomes, stage_fingerprints, summary, reporter)
            done += len(batch)
            reporter.progress(done)
        store.prune_results(keep=seen_hashes)
    finally:
        if own_engine:
            engine.close()
    store.finish_build(build_id, summary.as_dict())
    return summary


def _with_unique_id(document: Document, seen_ids: dict[str, tuple[str, str]], summary: BuildSummary, reporter: Reporter) -> Document | None:
    """Give a document an id not used earlier in this build: the same content twice is one
    article; different content under one id keeps both, the later one renamed."""
    digest = content_hash(document)
    first = seen_ids.get(document.id)
    if first is None:
        seen_ids[document.id] = (digest, document.source)
        return document
    if first[0] == digest:
        _report(
            InputProblem(document.source, f"same article as {first[1]} (id {document.id!r}); counted once", Severity.SKIPPED),
            summary,
            reporter,
        )
        return None
    number = 2
    while f"{document.id}~{number}" in seen_ids:
        number += 1
    new_id = f"{document.id}~{number}"
    _report(
        InputProblem(document.source, f"id {document.id!r} is already used by {first[1]}; stored as {new_id!r}", Severity.WARNING),
        summary,
        reporter,
    )
    renamed = replace(document, id=new_id)
    seen_ids[new_id] = (digest, document.source)
    return renamed


class _Analysis:
    """The per-article work sent to workers: picklable, holding only the settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, work: _Work) -> _Outcome:
        upstream: dict[str, object] = {}
        results: dict[str, dict] = {}
        for name in STAGE_ORDER:
            stage = get_stage(name)
            if name in work.cached:
                upstream[name] = from_plain(stage.result_type, work.cached[name])
                continue
            try:
                value = stage.run(work.document, upstream, self.settings)
            except Exception as error:  # one bad article must not stop the build
                return _Outcome(results, f"{name} stage failed: {type(error).__name__}: {error}")
            upstream[name] = value
            results[name] = to_plain(value)
        return _Outcome(results)


def _store_batch(
    store: Store, work: list[_Work], outcomes: list[_Outcome], stage_fingerprints: dict[str, str], summary: BuildSummary, reporter: Reporter
) -> None:
    articles = []
    results = []
    for item, outcome in zip(work, outcomes, strict=True):
        results.extend((item.content_hash, stage, stage_fingerprints[stage], value) for stage, value in outcome.results.items())
        if outcome.error:
            _report(InputProblem(item.document.source, outcome.error, Severity.FAILED), summary, reporter)
            continue
        extraction = outcome.results.get("extract") or item.cached["extract"]
        if not extraction["text"].strip():
            where = " in the HTML" if item.document.html is not None else ""
            _report(InputProblem(item.document.source, f"no article text found{where}", Severity.SKIPPED), summary, reporter)
            continue
        articles.append((item.document, item.content_hash))
        summary.read += 1
    store.save(articles, results)


def _report(problem: InputProblem, summary: BuildSummary, reporter: Reporter) -> None:
    summary.count(problem)
    reporter.problem(problem)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
