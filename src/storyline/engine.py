"""Where per-article work runs: in this process, or in a pool of worker processes.

Per-article stages are pure functions, so any engine that can map a function over items can
run them; a distributed engine (Ray, Spark) would implement the same `map`.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class Engine(Protocol):
    def map(self, function: Callable[[Item], Result], items: list[Item]) -> list[Result]: ...

    def close(self) -> None: ...


class LocalEngine:
    """Runs in-process for one worker or a handful of items, in a process pool otherwise."""

    # Below this many items a pool costs more to feed than it saves.
    MIN_ITEMS_FOR_POOL = 4

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def map(self, function: Callable[[Item], Result], items: list[Item]) -> list[Result]:
        if self.workers == 1 or len(items) < self.MIN_ITEMS_FOR_POOL:
            return [function(item) for item in items]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_ignore_interrupts)
        chunk = max(1, len(items) // (self.workers * 4))
        return list(self._pool.map(function, items, chunksize=chunk))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _ignore_interrupts() -> None:
    # Ctrl-C is the parent's to handle: it rolls back the open batch and shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
