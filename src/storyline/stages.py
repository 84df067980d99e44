"""The registry of per-article stages, the way spaCy registers pipeline components.

A stage is a pure function of one document, the results of the stages before it and the
settings it names. Its results are cached under the document's content hash and the stage's
fingerprint (its version, the versions of the stages before it, and the settings it reads), so
a new stage version or a changed setting re-runs exactly the work it invalidates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class StageFailure:
    """A stage raised on one article: the build reports it and goes on with the others."""

    message: str


_REGISTRY: dict[str, Stage] = {}


def register_stage(
    name: str, version: int, result_type: type, settings_used: tuple[str, ...] = ()
) -> Callable[[StageFunction], StageFunction]:
    """Decorator: make `function(document, upstream, settings)` the stage called `name`."""

    def register(function: StageFunction) -> StageFunction:
        _REGISTRY[name] = Stage(name, version, function, result_type, settings_used)
        return function

    return register


def register_batch_stage(
    name: str, version: int, result_type: type, settings_used: tuple[str, ...] = ()
) -> Callable[[BatchStageFunction], BatchStageFunction]:
    """Decorator: make `function(documents, upstreams, settings)`, which returns one result per
    document, the stage called `name`."""

    def register(function: BatchStageFunction) -> BatchStageFunction:
        _REGISTRY[name] = Stage(name, version, function, result_type, settings_used, batched=True)
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
