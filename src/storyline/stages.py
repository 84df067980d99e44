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


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: int
    run: StageFunction
    result_type: type
    settings_used: tuple[str, ...] = ()


_REGISTRY: dict[str, Stage] = {}


def register_stage(
    name: str, version: int, result_type: type, settings_used: tuple[str, ...] = ()
) -> Callable[[StageFunction], StageFunction]:
    """Decorator: make `function` the stage called `name`."""

    def register(function: StageFunction) -> StageFunction:
        _REGISTRY[name] = Stage(name, version, function, result_type, settings_used)
        return function

    return register


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
