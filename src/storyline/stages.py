"""The registry of per-article stages, the way spaCy registers pipeline components.

A stage is a pure function of one document, the results of the stages before it and the
settings it names. Its results are cached under the document's content hash and the stage's
fingerprint (its version, the versions of the stages before it, and the settings it reads), so
a new stage version or a changed setting re-runs exactly the work it invalidates.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Protocol

from storyline.model import Document
from storyline.settings import Settings

StageFunction = Callable[[Document, Mapping[str, object], Settings], object]
BatchStageFunction = Callable[[list[Document], list[Mapping[str, object]], Settings], list[object]]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: int
    run: StageFunction | BatchStageFunction
    result_type: type
    settings_used: tuple[str, ...] = ()
    batched: bool = False  # run takes lists (a model that is fastest fed many texts at once)
    needs: tuple[str, ...] = ()  # the stages whose results it reads: all it is given


@dataclass(frozen=True, slots=True)
class StageFailure:
    """A stage raised on one article: the build reports it and goes on with the others."""

    message: str


_REGISTRY: dict[str, Stage] = {}


@cache
def stage_versions() -> dict[str, dict[str, int]]:
    """{"article": {stage: version}, "corpus": {stage: version}} from stages.toml, which sits
    beside this module: the table of the stages, not a lexicon."""
    with resources.files("storyline").joinpath("stages.toml").open("rb") as handle:
        return tomllib.load(handle)


def _version(kind: str, name: str) -> int:
    try:
        return stage_versions()[kind][name]
    except KeyError:
        raise ValueError(f"{kind} stage {name!r} has no version in storyline/stages.toml") from None


def register_stage(
    name: str, result_type: type, needs: tuple[str, ...] = (), settings_used: tuple[str, ...] = ()
) -> Callable[[StageFunction], StageFunction]:
    """Decorator: make `function(document, upstream, settings)` the stage called `name`;
    `upstream` holds the results of the stages it `needs`, and only those."""

    def register(function: StageFunction) -> StageFunction:
        _REGISTRY[name] = Stage(name, _version("article", name), function, result_type, settings_used, needs=needs)
        return function

    return register


def register_batch_stage(
    name: str, result_type: type, needs: tuple[str, ...] = (), settings_used: tuple[str, ...] = ()
) -> Callable[[BatchStageFunction], BatchStageFunction]:
    """Decorator: make `function(documents, upstreams, settings)`, which returns one result per
    document, the stage called `name`."""

    def register(function: BatchStageFunction) -> BatchStageFunction:
        _REGISTRY[name] = Stage(name, _version("article", name), function, result_type, settings_used, batched=True, needs=needs)
        return function

    return register


def run_stage(stage: Stage, documents: list[Document], upstreams: list[Mapping[str, object]], settings: Settings) -> list[object]:
    """Results in order, a `StageFailure` in place of each article the stage failed on. A failing
    batch is retried article by article, so one bad article costs only itself."""
    if stage.batched:
        try:
            return list(stage.run(documents, upstreams, settings))
        except Exception as error:
            if len(documents) == 1:
                return [_failure(stage, error)]
        return [_failure_of(stage, lambda d=d, u=u: stage.run([d], [u], settings)[0]) for d, u in zip(documents, upstreams, strict=True)]
    return [_failure_of(stage, lambda d=d, u=u: stage.run(d, u, settings)) for d, u in zip(documents, upstreams, strict=True)]


def _failure_of(stage: Stage, call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as error:  # one bad article must not stop the build
        return _failure(stage, error)


def _failure(stage: Stage, error: Exception) -> StageFailure:
    return StageFailure(f"{stage.name} stage failed: {type(error).__name__}: {error}")


def get_stage(name: str) -> Stage:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(f"no stage registered under the name {name!r}") from None


def fingerprints(names: tuple[str, ...], settings: Settings) -> dict[str, str]:
    """Each stage's cache fingerprint; a stage's fingerprint covers every stage before it."""
    result = {}
    chain = hashlib.sha256()
    for name in names:
        stage = get_stage(name)
        chain.update(f"{name}:{stage.version};".encode())
        for setting in stage.settings_used:
            chain.update(f"{setting}={getattr(settings, setting)!r};".encode())
        result[name] = chain.hexdigest()[:16]
    return result


# Corpus stages: the reduce. Each reads the results of per-article stages (`needs`) for every
# stored article and the results of corpus stages registered before it (`after`), and is run
# by the build only when what it reads changed (see reduce.py).

CorpusStageFunction = Callable[..., object]


class StoredArticleKey(Protocol):
    """An article of the story as a corpus stage sees it: its id and the hash of its content."""

    id: str
    content_hash: str


class PreviousRecord(Protocol):
    """A record a stage stored last time: the few fields of its summary are what tells whether
    it still holds."""

    summary: dict


class CorpusInputs(Protocol):
    """What a corpus stage is given to read (the build implements it over the store). Results
    are loaded on first use and shared by the stages of one reduce; an incremental stage also
    sees its own last result (`previous`, `previous_records`)."""

    articles: list[StoredArticleKey]
    previous: object
    previous_records: Mapping[str, PreviousRecord]

    @property
    def ids(self) -> list[str]: ...

    def documents(self) -> dict[str, Document]:
        """Article id -> the document as read."""
        ...

    def of(self, stage: str) -> dict[str, object]:
        """Article id -> the article's result of the per-article stage `stage`."""
        ...

    def corpus(self, stage: str) -> object:
        """The result of a corpus stage that ran (or was kept) earlier in this reduce."""
        ...

    def remember(self, stage: str, value: object) -> None: ...


@dataclass(frozen=True, slots=True)
class CorpusStage:
    name: str
    version: int
    run: CorpusStageFunction  # (CorpusInputs, Settings) -> result
    result_type: object  # a type hint the codec decodes the stored result with
    needs: tuple[str, ...] = ()  # per-article stages it reads
    after: tuple[str, ...] = ()  # corpus stages it reads
    settings_used: tuple[str, ...] = ()
    # Stages whose result is the story's records (articles, entities, ...) store one row per
    # record, keyed by `key_of`, with the few fields a listing shows from `summary_of`.
    records: bool = False
    key_of: Callable[[object], str] | None = None
    summary_of: Callable[[object], dict] | None = None
    # Constants of the code the result depends on (thresholds, weights), read at each build and
    # fingerprinted with the version: a tuned constant re-runs the stage without a version bump.
    parameters: Callable[[], object] | None = None


_CORPUS_REGISTRY: dict[str, CorpusStage] = {}


def register_corpus_stage(
    name: str,
    result_type: object,
    needs: tuple[str, ...] = (),
    after: tuple[str, ...] = (),
    settings_used: tuple[str, ...] = (),
    key_of: Callable[[object], str] | None = None,
    summary_of: Callable[[object], dict] | None = None,
    parameters: Callable[[], object] | None = None,
) -> Callable[[CorpusStageFunction], CorpusStageFunction]:
    """Decorator: make `function(inputs, settings)` the corpus stage called `name`. Stages run
    in the order they are registered, so `after` may name only stages registered earlier; a
    stage given `key_of` keeps its result as records."""

    def register(function: CorpusStageFunction) -> CorpusStageFunction:
        unknown = [stage for stage in after if stage not in _CORPUS_REGISTRY]
        if unknown:
            raise ValueError(f"corpus stage {name!r} reads {unknown}, which are not registered before it")
        _CORPUS_REGISTRY[name] = CorpusStage(
            name,
            _version("corpus", name),
            function,
            result_type,
            needs,
            after,
            settings_used,
            key_of is not None,
            key_of,
            summary_of,
            parameters,
        )
        return function

    return register


def corpus_stages() -> tuple[CorpusStage, ...]:
    """Every corpus stage, in the order they run."""
    return tuple(_CORPUS_REGISTRY.values())


# Bumped when the way stories are stored changes.
STORY_FORMAT = 1


def story_version() -> str:
    """What a stored story must have been made with to be read as current: the story format
    and every stage's version. Read from data, so a reader need not import the stages."""
    versions = stage_versions()
    text = f"format:{STORY_FORMAT};" + ";".join(
        f"{kind}.{name}:{v}" for kind in ("article", "corpus") for name, v in sorted(versions[kind].items())
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_stages() -> None:
    """Import the modules stages.toml names, which register the stages they define: the
    stages are configured there, not pulled in by imports made for their side effects."""
    import importlib

    for module in stage_versions()["modules"]["stages"]:
        importlib.import_module(module)


def stage_order() -> tuple[str, ...]:
    """Every per-article stage, each after the stages it needs; of stages free to run, the
    one listed first in stages.toml goes first (so the order, and with it every cache
    fingerprint, stays put when a stage is added)."""
    load_stages()
    listed = list(stage_versions()["article"])
    unlisted = sorted(set(_REGISTRY) - set(listed))
    if unlisted:
        raise ValueError(f"stages {unlisted} are registered but have no version in storyline/stages.toml")
    for stage in _REGISTRY.values():
        missing = [name for name in stage.needs if name not in _REGISTRY]
        if missing:
            raise ValueError(f"stage {stage.name!r} needs {missing}, which no module registers")
    order: list[str] = []
    waiting = [name for name in listed if name in _REGISTRY]
    while waiting:
        ready = next((name for name in waiting if all(need in order for need in _REGISTRY[name].needs)), None)
        if ready is None:
            raise ValueError(f"stages {waiting} need each other: no order runs them")
        order.append(ready)
        waiting.remove(ready)
    return tuple(order)


@dataclass(frozen=True, slots=True)
class Kept:
    """In an incremental record stage's result: the stored record under `key` is still right."""

    key: str


@dataclass(frozen=True, slots=True)
class StageOutcome:
    """What an incremental corpus stage returns: its result, and how much of it it made."""

    value: object
    how: str  # full, incremental
    detail: str = ""
