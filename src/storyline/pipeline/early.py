"""A corpus stage run in a forked child while the stages before it run in the build's process.

The reduce runs its stages in one order, in one process, while the machine's other cores,
busy with the map a moment ago, sit idle. A stage whose corpus inputs are already made need
not wait for the stages listed before it (entities, the longest step, reads no corpus result
at all): its inputs are loaded here, a forked child runs it and makes its records, and the
reduce takes them when its turn comes. What the child makes is what this process would make;
if the child fails in any way the stage simply runs here.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Mapping
from dataclasses import dataclass

from storyline.model import Document
from storyline.settings import Settings
from storyline.stages import CorpusInputs, CorpusStage, StoredArticleKey


@dataclass(frozen=True, slots=True)
class Ran:
    """A corpus stage's result, as the reduce stores and remembers it."""

    outcome: object  # StageOutcome
    records: list | None  # StoryRecord, for a stage of records
    blob: bytes | None  # the packed value, for a stage of one value
    seconds: float


class LoadedInputs:
    """The per-article and corpus results one stage reads, already loaded: what a forked child
    may read (never the store, whose connection stays with its parent)."""

    def __init__(self, articles: list[StoredArticleKey], results: Mapping[str, dict[str, object]], corpus: Mapping[str, object]) -> None:
        self.articles = articles
        self._results = results
        self._corpus = corpus
        self.previous: object = None
        self.previous_records: dict = {}

    @property
    def ids(self) -> list[str]:
        return [article.id for article in self.articles]

    def documents(self) -> dict[str, Document]:
        raise LookupError("a stage run early reads no documents")

    def of(self, stage: str) -> dict[str, object]:
        return self._results[stage]

    def corpus(self, stage: str) -> object:
        return self._corpus[stage]


class EarlyStage:
    """One stage running in a forked child; `result()` is what it made, or None when it failed
    (then the caller runs the stage itself)."""

    def __init__(self, stage: CorpusStage, inputs: CorpusInputs, corpus: Mapping[str, object], settings: Settings, make) -> None:
        loaded = LoadedInputs(list(inputs.articles), {need: inputs.of(need) for need in stage.needs}, corpus)
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._child = context.Process(target=_run, args=(make, stage, loaded, settings, send), daemon=True)
        self._child.start()
        send.close()

    def result(self) -> Ran | None:
        try:
            ran = self._receive.recv()
        except (EOFError, OSError):
            ran = None
        self._receive.close()
        self._child.join()
        return ran if isinstance(ran, Ran) else None


def _run(make, stage: CorpusStage, inputs: LoadedInputs, settings: Settings, send) -> None:
    started = time.perf_counter()
    try:
        outcome, records, blob = make(stage, inputs, settings)
        send.send(Ran(outcome, records, blob, time.perf_counter() - started))
    except Exception as error:  # the parent runs the stage again, and meets the error itself
        send.send(repr(error))
    send.close()
