"""Where per-article work runs: in this process, or in a pool of worker processes.

Per-article stages are pure functions, so any engine that can map a function over batches of
articles can run them; the Ray engine (ray_engine.py) implements the same `imap`. The
pool is fed lazily with a bounded number of batches in flight, so memory stays flat however
large the input, and results come back in input order.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

Batch = TypeVar("Batch")
Result = TypeVar("Result")


class Engine(Protocol):
    # Whether the workers are forked from the build's process (then what it loads before the
    # first batch, the model, is shared with them).
    forks_from_driver: bool

    def imap(self, function: Callable[[Batch], Result], batches: Iterable[Batch]) -> Iterator[Result]: ...

    def close(self) -> None:
        """Let the workers go; a later `imap` starts them again."""
        ...


ENGINES = ("local", "ray")


def make_engine(name: str, workers: int, ray_address: str | None = None) -> Engine:
    """The engine `storyline build --engine NAME` runs on; `workers` as the setting (0: one per
    core, or per CPU of the Ray cluster)."""
    if name == "local":
        if ray_address:
            raise ValueError("--ray-address is for --engine ray")
        return LocalEngine(workers or os.cpu_count() or 1)
    if name == "ray":
        if importlib.util.find_spec("ray") is None:
            raise ValueError("--engine ray needs Ray, which is not installed: pip install 'storyline[ray]'")
        from storyline.pipeline.ray_engine import RayEngine

        return RayEngine(workers, ray_address)
    raise ValueError(f"unknown engine {name!r} (one of {', '.join(ENGINES)})")


class LocalEngine:
    """One process for one worker or a single batch; a process pool otherwise."""

    forks_from_driver = True

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def imap(self, function: Callable[[Batch], Result], batches: Iterable[Batch]) -> Iterator[Result]:
        iterator = iter(batches)
        first = next(iterator, None)
        if first is None:
            return
        second = next(iterator, None)
        if self.workers == 1 or second is None:
            # A pool (and a model loaded in each worker) costs more than it saves here.
            yield function(first)
            if second is not None:
                yield function(second)
                yield from map(function, iterator)
            return
        yield from self._pooled(function, [first, second], iterator)

    def _pooled(self, function: Callable[[Batch], Result], head: list[Batch], rest: Iterator[Batch]) -> Iterator[Result]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_set_up_worker, initargs=(os.getpid(),))
        in_flight: deque[Future] = deque()
        for batch in head:
            in_flight.append(self._pool.submit(function, batch))
        for batch in rest:
            in_flight.append(self._pool.submit(function, batch))
            if len(in_flight) > self.workers * 2:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _set_up_worker(parent: int) -> None:
    # Ctrl-C is the parent's to handle: it rolls back the open batch and shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed outright (SIGKILL, the OOM killer) cannot shut the pool down; without
    # this, its workers would wait forever, each holding a model in memory.
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
