"""The reduce: run the corpus stages after the per-article map, and persist what they make.

Each corpus stage has two fingerprints. Its *setup* covers its version, the settings it reads,
the fingerprints of the per-article stages it reads and the setups of the corpus stages before
it: while the setup holds, the stage's last result may be reused in part (an incremental
stage keeps what new articles do not touch). Its *inputs* fingerprint adds the set of articles
(id and content hash) and the digests of the results it reads: while that holds, the stage does
not run at all. So a build that changed nothing does no corpus work, and a stage whose inputs
came out as they were (a setting only another stage reads changed) is skipped.

This module must never be imported by a read: reads load what it stored (story.py).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field

from storyline.model import Document, InputProblem, Severity
from storyline.model.codec import from_plain, to_plain
from storyline.pipeline.early import EarlyStage, Ran
from storyline.settings import Settings
from storyline.stages import CorpusInputs, CorpusStage, Kept, StageOutcome, corpus_stages, fingerprints, get_stage, story_version
from storyline.store.database import ArticleRef, CorpusResult, StoryRecord, articles_digest, pack, unpack
from storyline.store.protocol import BuildStore


@dataclass(frozen=True, slots=True)
class StepRun:
    """How one corpus stage fared in a build."""

    stage: str
    how: str  # unchanged, full, incremental
    seconds: float = 0.0
    detail: str = ""

    def line(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.stage} {self.how}{detail}"


@dataclass
class ReduceSummary:
    steps: list[StepRun] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def ran(self) -> list[StepRun]:
        return [step for step in self.steps if step.how != "unchanged"]

    def line(self) -> str:
        if not self.ran:
            return "corpus steps: all unchanged"
        full = [s.stage for s in self.ran if s.how == "full"]
        incremental = [f"{s.stage} ({s.detail})" if s.detail else s.stage for s in self.ran if s.how == "incremental"]
        parts = []
        if incremental:
            parts.append("incremental: " + ", ".join(incremental))
        if full:
            parts.append("ran in full: " + ", ".join(full))
        unchanged = len(self.steps) - len(self.ran)
        if unchanged:
            parts.append(f"{unchanged} unchanged")
        return "corpus steps: " + "; ".join(parts)


class StoredInputs:
    """What a corpus stage reads, loaded from the store on first use and shared by the stages
    of one reduce: per-article results by stage, the stored documents, earlier corpus results,
    and (for incremental stages) the stage's own last result."""

    def __init__(self, store: BuildStore, articles: list[ArticleRef], article_fingerprints: dict[str, str]) -> None:
        self._store = store
        self.articles = articles  # the articles the story is made of, by id
        self._fingerprints = article_fingerprints
        self._per_article: dict[str, dict[str, object]] = {}
        self._documents: dict[str, Document] | None = None
        self._corpus: dict[str, object] = {}
        self.previous: object = None
        self.previous_records: dict[str, StoryRecord] = {}

    @property
    def ids(self) -> list[str]:
        return [article.id for article in self.articles]

    def documents(self) -> dict[str, Document]:
        """Article id -> the document as read."""
        if self._documents is None:
            self._documents = {stored.document.id: stored.document for stored in self._store.articles(set(self.ids))}
        return self._documents

    def of(self, stage: str) -> dict[str, object]:
        """Article id -> the article's result of the per-article stage `stage`."""
        if stage not in self._per_article:
            result_type = get_stage(stage).result_type
            found = self._store.stage_results(stage, self._fingerprints[stage])
            self._per_article[stage] = {article.id: from_plain(result_type, found[article.content_hash]) for article in self.articles}
        return self._per_article[stage]

    def corpus(self, stage: str) -> object:
        """The result of a corpus stage that ran (or was kept) earlier in this reduce."""
        if stage not in self._corpus:
            self._corpus[stage] = _load_result(self._store, _stage(stage))
        return self._corpus[stage]

    def remember(self, stage: str, value: object) -> None:
        """Keep a corpus stage's result for the stages after it in this reduce."""
        self._corpus[stage] = value


def run_reduce(store: BuildStore, settings: Settings, article_stages: tuple[str, ...]) -> ReduceSummary:
    """Run every corpus stage whose inputs changed since the store was last reduced."""
    summary = ReduceSummary()
    article_fingerprints = fingerprints(article_stages, settings)
    needed = sorted({name for stage in corpus_stages() for name in stage.needs})
    complete, missing = store.articles_with_results({name: article_fingerprints[name] for name in needed})
    for stored in missing:
        summary.problems.append(
            InputProblem(stored.source, "not analysed by this storyline version; run `storyline build` again", Severity.SKIPPED)
        )
    article_set = articles_digest((a.id, a.content_hash) for a in complete)
    inputs = StoredInputs(store, complete, article_fingerprints)
    setups: dict[str, str] = {}
    digests: dict[str, str] = {}
    written = []
    # A story stored in another format (or by another version) is made again from scratch.
    meta = store.story_meta()
    current = meta.get("version") == story_version()
    ahead = _Ahead(store, settings, inputs, article_fingerprints, article_set)
    for position, stage in enumerate(corpus_stages()):
        setups[stage.name] = _setup(stage, settings, article_fingerprints, setups)
        inputs_fingerprint = _inputs(setups[stage.name], article_set, [digests[name] for name in stage.after])
        stored = store.corpus_result(stage.name) if current else None
        if stored is not None and stored.inputs == inputs_fingerprint:
            digests[stage.name] = stored.digest
            summary.steps.append(StepRun(stage.name, "unchanged"))
            continue
        reusable = stored is not None and stored.setup == setups[stage.name]
        inputs.previous = _load_result(store, stage) if reusable and not stage.records else None
        inputs.previous_records = {r.key: r for r in store.story_records(stage.name)} if reusable and stage.records else {}
        started = time.perf_counter()
        ahead.start_ready(position, current, setups, digests)
        ran = ahead.take(stage.name)
        if ran is None:
            ran = Ran(*make_result(stage, inputs, settings), seconds=0.0)
        outcome, records, blob = ran.outcome, ran.records, ran.blob
        digest = _digest([r.record for r in records] if records is not None else [blob])
        inputs.remember(stage.name, _typed_records(stage, outcome.value, inputs.previous_records) if stage.records else outcome.value)
        digests[stage.name] = digest
        written.append((stage.name, CorpusResult(setups[stage.name], inputs_fingerprint, digest), blob, records))
        summary.steps.append(StepRun(stage.name, outcome.how, ran.seconds or time.perf_counter() - started, outcome.detail))
    ahead.close()
    stored_articles = store.article_set_digest()
    if written or not current or meta.get("articles") != stored_articles:
        problems = json.dumps([to_plain(problem) for problem in summary.problems], ensure_ascii=False)
        store.save_corpus_results(written, {"version": story_version(), "articles": stored_articles, "problems": problems})
    return summary


def make_result(stage: CorpusStage, inputs: CorpusInputs, settings: Settings) -> tuple[StageOutcome, list[StoryRecord] | None, bytes | None]:
    """Run a corpus stage: its outcome, and its records (a stage of records) or its packed value."""
    outcome = stage.run(inputs, settings)
    if not isinstance(outcome, StageOutcome):
        outcome = StageOutcome(outcome, "full")
    records = _records(stage, outcome.value, inputs.previous_records) if stage.records else None
    blob = None if stage.records else pack(to_plain(outcome.value))
    return outcome, records, blob


class _Ahead:
    """Stages started in a second process before their turn, each as soon as the corpus
    results it reads are made (and only when it will run in full: nothing stored to keep or
    reuse): entities beside the dates and event clusters, clusters beside the articles,
    events beside the quotes."""

    def __init__(self, store: BuildStore, settings: Settings, inputs: StoredInputs, article_fingerprints: dict[str, str], article_set: str) -> None:
        self.store, self.settings, self.inputs = store, settings, inputs
        self.article_fingerprints, self.article_set = article_fingerprints, article_set
        self.slots = settings.worker_count() - 1
        self.running: dict[str, EarlyStage] = {}
        self.considered: set[str] = set()

    def start_ready(self, position: int, current: bool, setups: dict[str, str], digests: dict[str, str]) -> None:
        """Start the stages after the one at `position` whose corpus inputs are all made."""
        for later in corpus_stages()[position + 1 :]:
            if len(self.running) >= self.slots:
                return
            if later.name in self.considered or any(name not in digests for name in later.after):
                continue
            self.considered.add(later.name)
            setup = _setup(later, self.settings, self.article_fingerprints, setups)
            stored = self.store.corpus_result(later.name) if current else None
            fingerprint = _inputs(setup, self.article_set, [digests[name] for name in later.after])
            if stored is None or (stored.inputs != fingerprint and stored.setup != setup):
                corpus = {name: self.inputs.corpus(name) for name in later.after}
                self.running[later.name] = EarlyStage(later, self.inputs, corpus, self.settings, make_result)

    def take(self, name: str) -> Ran | None:
        """What the stage made in its process; None when it was not started there, or failed."""
        handle = self.running.pop(name, None)
        return handle.result() if handle is not None else None

    def close(self) -> None:
        for handle in self.running.values():
            handle.result()
        self.running.clear()


def _stage(name: str) -> CorpusStage:
    for stage in corpus_stages():
        if stage.name == name:
            return stage
    raise ValueError(f"no corpus stage registered under the name {name!r}")


def _setup(stage: CorpusStage, settings: Settings, article_fingerprints: dict[str, str], setups: dict[str, str]) -> str:
    chain = hashlib.sha256(f"{stage.name}:{stage.version};".encode())
    for setting in stage.settings_used:
        chain.update(f"{setting}={getattr(settings, setting)!r};".encode())
    if stage.parameters is not None:
        chain.update(f"parameters={stage.parameters()!r};".encode())
    for name in stage.needs:
        chain.update(f"{name}:{article_fingerprints[name]};".encode())
    for name in stage.after:
        chain.update(f"{name}:{setups[name]};".encode())
    return chain.hexdigest()[:16]


def _inputs(setup: str, article_set: str, upstream_digests: list[str]) -> str:
    return hashlib.sha256(f"{setup};{article_set};{';'.join(upstream_digests)}".encode()).hexdigest()[:16]


def _records(stage: CorpusStage, value: object, previous: dict[str, StoryRecord]) -> list[StoryRecord]:
    records = []
    for item in value:
        if isinstance(item, Kept):
            records.append(previous[item.key])
        else:
            summary = stage.summary_of(item) if stage.summary_of else {}
            records.append(StoryRecord(stage.key_of(item), summary, pack(to_plain(item))))
    return records


def _typed_records(stage: CorpusStage, value: object, previous: dict[str, StoryRecord]) -> tuple:
    record_type = stage.result_type
    return tuple(from_plain(record_type, unpack(previous[item.key].record)) if isinstance(item, Kept) else item for item in value)


def _digest(blobs: list[bytes]) -> str:
    digest = hashlib.sha256()
    for blob in blobs:
        digest.update(blob)
    return digest.hexdigest()[:16]


def _load_result(store: BuildStore, stage: CorpusStage) -> object:
    if stage.records:
        return tuple(from_plain(stage.result_type, unpack(r.record)) for r in store.story_records(stage.name))
    return from_plain(stage.result_type, store.corpus_value(stage.name))
