"""Stage order and the build: read inputs, run the per-article stages that are not cached,
store the results batch by batch.

Inputs stream through: read, checked against the store, grouped into batches, analysed by the
engine (in worker processes when there are several batches), and each batch written in one
transaction, so an interrupted build loses at most the batches in flight. Whether an input
needs work is decided by its content hash and the stage fingerprints, never by file times, so
a copied or touched file is not analysed again.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Protocol

from storyline.article.annotate import check_model, load_model
from storyline.article.language import identifier, language_name
from storyline.article.timex.grammar import load_grammar
from storyline.ingest import read_documents
from storyline.lexicon.places import load_places
from storyline.model import CleanText, Document, InputProblem, Severity
from storyline.model.codec import from_plain, to_plain
from storyline.pipeline.engine import Engine, LocalEngine
from storyline.pipeline.reduce import ReduceSummary, run_reduce
from storyline.settings import Settings
from storyline.stages import StageFailure, fingerprints, get_stage, run_stage, stage_order
from storyline.store.database import pack
from storyline.store.protocol import BuildStore

# Worked out from what each stage needs (stages.toml names the modules that define them).
STAGE_ORDER: tuple[str, ...] = stage_order()


class Reporter(Protocol):
    """What a build tells its user while it runs."""

    def problem(self, problem: InputProblem) -> None: ...

    def progress(self, done: int) -> None: ...


def expected_inputs(paths: list[str], store: BuildStore, settings: Settings) -> int | None:
    """About how many inputs `run_build(paths, ...)` will count as done, for a progress bar:
    what reading `paths` gives and the stored articles not named there that it will analyse
    again (None when standard input is read)."""
    from storyline.ingest.count import expected_inputs as counted

    named, ids = counted(paths)
    if named is None:
        return None
    _current, stale = store.articles_with_results(fingerprints(STAGE_ORDER, settings))
    return named + sum(article.id not in ids for article in stale)


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
    # Seconds spent per stage, summed over worker processes, plus "store" in this process.
    seconds: Counter = field(default_factory=Counter)
    reanalysed: int = 0  # stored articles analysed again for this storyline version
    other_language: int = 0  # stored, but in a language the model does not read
    ignored: int = 0  # files in a folder of no kind storyline reads (Severity.IGNORED)
    reduce: ReduceSummary = field(default_factory=ReduceSummary)

    def count(self, problem: InputProblem) -> None:
        self.problems.append(problem)
        if problem.severity is Severity.FAILED:
            self.failed += 1
        elif problem.severity is Severity.SKIPPED:
            self.skipped += 1
        elif problem.severity is Severity.IGNORED:
            self.ignored += 1
        else:
            self.warnings += 1

    def as_dict(self) -> dict[str, int]:
        return {"read": self.read, "unchanged": self.unchanged, "skipped": self.skipped, "failed": self.failed, "warnings": self.warnings}

    def line(self) -> str:
        counts = ", ".join(f"{value} {name}" for name, value in self.as_dict().items())
        again = f" ({self.reanalysed} stored articles analysed again for this version)" if self.reanalysed else ""
        other = f" ({self.other_language} not in English, stored but not analysed)" if self.other_language else ""
        ignored = f"; {self.ignored} other file{'' if self.ignored == 1 else 's'} ignored" if self.ignored else ""
        return counts + other + again + ignored

    @property
    def inputs_done(self) -> int:
        return self.read + self.unchanged + self.skipped + self.failed

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
    # New results by stage, packed as the store keeps them: packed by the worker, they cross to
    # the build's process as bytes (cheaper to send than the data) and are stored as they come.
    results: dict[str, bytes]
    error: str | None = None
    has_text: bool = True  # cleaning left some text
    language: dict | None = None  # the language stage's result, plain


@dataclass(frozen=True, slots=True)
class _BatchOutcome:
    outcomes: list[_Outcome]
    seconds: dict[str, float]  # per stage


class _Build:
    """The state of one build: what was seen, what was counted."""

    def __init__(self, store: BuildStore, settings: Settings, reporter: Reporter) -> None:
        self.store = store
        self.settings = settings
        self.reporter = reporter
        self.summary = BuildSummary()
        self.fingerprints = fingerprints(STAGE_ORDER, settings)
        self.seen_ids: dict[str, tuple[str, str]] = {}  # id -> (content hash, source)
        self.seen_hashes: set[str] = set()

    def report(self, problem: InputProblem) -> None:
        self.summary.count(problem)
        self.reporter.problem(problem)

    def work(self, items: Iterable[Document | InputProblem]) -> Iterator[_Work]:
        """The documents that need analysis; problems and unchanged articles are counted here."""
        for item in items:
            if isinstance(item, InputProblem):
                self.report(item)
                continue
            document = self._with_unique_id(item)
            if document is None:
                continue
            digest = self.seen_ids[document.id][0]
            self.seen_hashes.add(digest)
            cached = self.store.cached_results(digest, self.fingerprints)
            stored = self.store.stored_source(document.id)
            if stored and stored[0] == digest and len(cached) == len(STAGE_ORDER):
                self.summary.unchanged += 1
                continue
            if stored and stored[0] != digest and stored[1] != document.source:
                # Ids are paths relative to the folder given: day1/a.txt and day2/a.txt built
                # one after the other are both "a.txt". Say so rather than replace in silence.
                self.report(
                    InputProblem(
                        document.source, f"replaces the stored article {document.id!r} read earlier from {stored[1]}", Severity.WARNING
                    )
                )
            yield _Work(document, digest, cached)

    def stale_stored(self) -> Iterator[Document]:
        """Stored articles not named in this build whose analyses are not current (a new stage
        version, other settings): analysed again, so that the story covers the whole store."""
        _current, stale = self.store.articles_with_results(self.fingerprints)
        wanted = {article.id for article in stale if article.id not in self.seen_ids}
        if not wanted:
            return
        for stored in self.store.articles(wanted):
            self.summary.reanalysed += 1
            yield stored.document

    def _with_unique_id(self, document: Document) -> Document | None:
        """Give a document an id not used earlier in this build: the same content twice is one
        article; different content under one id keeps both, the later one renamed."""
        digest = content_hash(document)
        first = self.seen_ids.get(document.id)
        if first is None:
            self.seen_ids[document.id] = (digest, document.source)
            return document
        if first[0] == digest:
            self.report(InputProblem(document.source, f"same article as {first[1]} (id {document.id!r}); counted once", Severity.SKIPPED))
            return None
        number = 2
        while f"{document.id}~{number}" in self.seen_ids:
            number += 1
        new_id = f"{document.id}~{number}"
        self.report(
            InputProblem(document.source, f"id {document.id!r} is already used by {first[1]}; stored as {new_id!r}", Severity.WARNING)
        )
        self.seen_ids[new_id] = (digest, document.source)
        return replace(document, id=new_id)

    def store_batch(self, work: list[_Work], batch: _BatchOutcome) -> None:
        started = time.perf_counter()
        self.summary.seconds.update(batch.seconds)
        outcomes = batch.outcomes
        articles = []
        results = []
        for item, outcome in zip(work, outcomes, strict=True):
            results.extend((item.content_hash, stage, self.fingerprints[stage], value) for stage, value in outcome.results.items())
            if outcome.error:
                self.report(InputProblem(item.document.source, outcome.error, Severity.FAILED))
                continue
            if not outcome.has_text:
                where = " in the HTML" if item.document.html is not None else ""
                self.report(InputProblem(item.document.source, f"no article text found{where}", Severity.SKIPPED))
                continue
            language = outcome.language or {}
            if language.get("analysed") is False:
                self.summary.other_language += 1
                self.report(
                    InputProblem(
                        item.document.source,
                        f"{language_name(language.get('code'))} text: stored, not analysed (the model reads English)",
                        Severity.WARNING,
                    )
                )
            articles.append((item.document, item.content_hash))
            self.summary.read += 1
        self.store.save(articles, results)
        self.summary.seconds["store"] += time.perf_counter() - started


def run_build(
    paths: list[str], store: BuildStore, settings: Settings, reporter: Reporter | None = None, engine: Engine | None = None
) -> BuildSummary:
    check_model(settings.model)
    build = _Build(store, settings, reporter or SilentReporter())
    engine = engine or LocalEngine(settings.worker_count())
    build_id = store.start_build()
    try:
        inputs = itertools.chain(read_documents(paths, settings), build.stale_stored())
        batches = _batches(build.work(inputs), settings.batch_size)
        pending: list[list[_Work]] = []

        def remembered(batches: Iterator[list[_Work]]) -> Iterator[list[_Work]]:
            for batch in batches:
                if not pending and engine.forks_from_driver and any("annotate" not in work.cached for work in batch):
                    _share_with_workers(settings)
                pending.append(batch)
                yield batch

        for outcome in engine.imap(_Analysis(settings), remembered(batches)):
            build.store_batch(pending.pop(0), outcome)
            build.reporter.progress(build.summary.inputs_done)
        build.reporter.progress(build.summary.inputs_done)
        store.prune_results(keep=build.seen_hashes)
    finally:
        # The map is over: its workers (and the models they hold) are let go before the
        # corpus steps; an engine given by the caller starts them again if used again.
        engine.close()
    started = time.perf_counter()
    build.summary.reduce = run_reduce(store, settings, STAGE_ORDER)
    build.summary.seconds["reduce"] += time.perf_counter() - started
    store.finish_build(build_id, {**build.summary.as_dict(), "corpus": [step.line() for step in build.summary.reduce.steps]})
    store.checkpoint()
    return build.summary


def _share_with_workers(settings: Settings) -> None:
    """Loaded before the pool starts, the model and the tables every worker reads are shared
    by the forked workers instead of being loaded again in each; the gazetteer is read again
    by the corpus steps in this process after the map."""
    load_model(settings.model)
    identifier()
    load_places()
    load_grammar()


class _Analysis:
    """The work sent to a worker: one batch of articles through every stage they lack.
    Picklable, holding only the settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, batch: list[_Work]) -> _BatchOutcome:
        seconds: dict[str, float] = {}
        upstreams: list[dict[str, object]] = [{} for _ in batch]
        results: list[dict[str, dict]] = [{} for _ in batch]
        errors: list[str | None] = [None for _ in batch]
        for name in STAGE_ORDER:
            stage = get_stage(name)
            todo = []
            for index, work in enumerate(batch):
                if errors[index] is not None:
                    continue
                if name in work.cached:
                    upstreams[index][name] = from_plain(stage.result_type, work.cached[name])
                else:
                    todo.append(index)
            if not todo:
                continue
            started = time.perf_counter()
            given = [{need: upstreams[i][need] for need in stage.needs} for i in todo]
            values = run_stage(stage, [batch[i].document for i in todo], given, self.settings)
            for index, value in zip(todo, values, strict=True):
                if isinstance(value, StageFailure):
                    errors[index] = value.message
                else:
                    upstreams[index][name] = value
                    results[index][name] = pack(to_plain(value))
            seconds[name] = time.perf_counter() - started
        return _BatchOutcome([_outcome(result, error, upstream) for result, error, upstream in zip(results, errors, upstreams, strict=True)], seconds)


def _outcome(results: dict[str, bytes], error: str | None, upstream: dict[str, object]) -> _Outcome:
    if error is not None:
        return _Outcome(results, error)
    cleaned, language = upstream["clean"], upstream.get("language")
    assert isinstance(cleaned, CleanText)
    return _Outcome(results, None, bool(cleaned.text.strip()), to_plain(language) if language is not None else None)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
