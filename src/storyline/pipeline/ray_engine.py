"""The per-article map on Ray: the same batches and the same analysis as the local engine, run
by Ray actors on this machine or on a cluster, the results handed back to the build in input
order so that the driver writes them to the store batch by batch as a local build does.

Each actor is one worker process that holds the spaCy model from its first batch to the end of
the build (loaded once per worker, not once per batch). Batches are handed to whichever actor
is free, with at most two per actor in flight or waiting to be stored, so memory stays flat
however large the input. Per-article work is a pure function of the batch, so a batch whose
actor died is simply run again: an actor killed mid-build is restarted and its batch retried;
when that too fails the build stops with `WorkerLost`, and since every batch stored so far is
committed, running the same build again analyses only what is missing.

Ray is optional (`pip install 'storyline[ray]'`) and imported only here. Its usage statistics
are switched off before it starts: a build makes no network connection beyond Ray's own
between the driver and its workers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Batch = TypeVar("Batch")
Result = TypeVar("Result")

# Restarts of a dead actor, and retries of the batch it held, before the build gives up.
RETRIES = 2


class WorkerLost(RuntimeError):
    """A Ray worker died and could not be replaced; what was stored before is kept."""


class _Worker:
    """A Ray actor: runs batches through the function it is given; the model it loads on its
    first batch stays loaded in its process."""

    def run(self, function: Callable[[Any], Any], batch: Any) -> Any:
        return function(batch)

    def pid(self) -> int:
        return os.getpid()


class RayEngine:
    """`workers` Ray actors (0: one per CPU of the cluster); a local Ray instance of that many
    CPUs is started unless `address` names a running cluster to join (or Ray is already
    initialised in this process)."""

    # The workers are not forked from the build's process: loading the model there first would
    # share nothing.
    forks_from_driver = False

    def __init__(self, workers: int, address: str | None = None, object_store_bytes: int | None = None, retries: int = RETRIES) -> None:
        self.workers = workers
        self.address = address
        self.object_store_bytes = object_store_bytes
        self.retries = retries
        self._started_ray = False
        self._actors: list[Any] = []

    def _start(self) -> list[Any]:
        if self._actors:
            return self._actors
        os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
        import ray

        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING, "log_to_driver": False}
            if self.address:
                options["address"] = self.address
            else:
                options["num_cpus"] = self.workers or os.cpu_count() or 1
                if self.object_store_bytes:
                    options["object_store_memory"] = self.object_store_bytes
            ray.init(**options)
            self._started_ray = True
        count = self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        worker = ray.remote(num_cpus=1, max_restarts=self.retries, max_task_retries=self.retries)(_Worker)
        self._actors = [worker.remote() for _ in range(count)]
        return self._actors

    def worker_pids(self) -> list[int]:
        """The process ids of the workers (starting them if need be)."""
        import ray

        return ray.get([actor.pid.remote() for actor in self._start()])

    def imap(self, function: Callable[[Batch], Result], batches: Iterable[Batch]) -> Iterator[Result]:
        import ray

        iterator = iter(batches)
        first = next(iterator, None)
        if first is None:
            return
        actors = self._start()
        function_ref = ray.put(function)
        idle = list(actors)
        running: dict[Any, tuple[int, Any]] = {}  # result reference -> (batch number, actor)
        finished: dict[int, Result] = {}
        pending: Iterator[Batch] = _chain_first(first, iterator)
        submitted = stored = 0
        exhausted = False
        while True:
            while not exhausted and idle and len(running) + len(finished) < 2 * len(actors):
                batch = next(pending, _END)
                if batch is _END:
                    exhausted = True
                    break
                actor = idle.pop()
                running[actor.run.remote(function_ref, batch)] = (submitted, actor)
                submitted += 1
            if stored in finished:
                yield finished.pop(stored)
                stored += 1
                continue
            if not running:
                return
            (ready,), _ = ray.wait(list(running), num_returns=1)
            number, actor = running.pop(ready)
            finished[number] = _result(ray, ready)
            idle.append(actor)

    def close(self) -> None:
        """Stop the actors, and the Ray instance if this engine started it."""
        if not self._actors and not self._started_ray:
            return
        import ray

        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
        if self._started_ray:
            ray.shutdown()
            self._started_ray = False


_END = object()


def _chain_first(first: Batch, rest: Iterator[Batch]) -> Iterator[Batch]:
    yield first
    yield from rest


def _result(ray: Any, reference: Any) -> Any:
    try:
        return ray.get(reference)
    except (ray.exceptions.RayActorError, ray.exceptions.WorkerCrashedError) as error:
        raise WorkerLost(f"a Ray worker died and could not be restarted ({type(error).__name__})") from None
