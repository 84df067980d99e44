"""The Ray engine, on a local Ray of two CPUs shared by every test here: the same store as a
local build, and nothing lost when a worker is killed mid-build."""

from __future__ import annotations

import logging
import os

import pytest
import ray

from conftest import EXAMPLES
from storyline.cli import main
from storyline.export.json import export_stored_json
from storyline.pipeline.build import run_build
from storyline.pipeline.engine import make_engine
from storyline.pipeline.ray_engine import RayEngine, WorkerLost
from storyline.settings import Settings
from storyline.store.database import Store

# Two articles a batch: the five example articles make three batches over two workers.
SETTINGS = Settings(workers=2, batch_size=2)
KILLED_AT = "002_7a2cd4767096ddd0.txt"  # in the second batch


@pytest.fixture(scope="module")
def ray_session():
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    ray.init(num_cpus=2, object_store_memory=100 * 1024 * 1024, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def local_export(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("local") / "local.db") as store:
        run_build([str(EXAMPLES)], store, Settings(workers=1, batch_size=2))
        return export_stored_json(store)


def _killing(function, marker: str):
    """`function`, except that the worker running the batch with KILLED_AT dies the first time."""

    def run(batch):
        if any(work.document.id == KILLED_AT for work in batch) and not os.path.exists(marker):
            open(marker, "w").close()
            os._exit(1)
        return function(batch)

    return run


class _KillOnce(RayEngine):
    def __init__(self, marker: str, retries: int) -> None:
        super().__init__(2, retries=retries)
        self.marker = marker

    def imap(self, function, batches):
        return super().imap(_killing(function, self.marker), batches)


def test_a_ray_build_stores_what_a_local_build_stores(ray_session, local_export, tmp_path):
    engine = RayEngine(2)
    with Store(tmp_path / "ray.db") as store:
        summary = run_build([str(EXAMPLES)], store, SETTINGS, engine=engine)
        assert summary.read == 5 and summary.failed == 0
        assert export_stored_json(store) == local_export
    assert engine._actors == []  # let go after the map, before the corpus steps


def test_the_workers_are_ray_processes_that_keep_their_model(ray_session):
    def model_id(name: str) -> tuple[int, int]:
        from storyline.article.annotate import load_model

        return os.getpid(), id(load_model(name))

    engine = RayEngine(2)
    try:
        pids = engine.worker_pids()
        assert len(set(pids)) == 2 and os.getpid() not in pids
        loaded = list(engine.imap(model_id, [SETTINGS.model] * 6))
        # each worker loads the model once and keeps it: two models for six batches
        assert len(set(loaded)) == 2
        assert {pid for pid, _ in loaded} == set(pids)
    finally:
        engine.close()


def test_a_worker_killed_mid_build_is_replaced_and_nothing_is_lost(ray_session, local_export, tmp_path):
    marker = tmp_path / "killed"
    with Store(tmp_path / "ray.db") as store:
        summary = run_build([str(EXAMPLES)], store, SETTINGS, engine=_KillOnce(str(marker), retries=2))
        assert marker.exists()  # a worker did die
        assert summary.read == 5 and summary.failed == 0
        assert export_stored_json(store) == local_export


def test_when_a_killed_worker_cannot_be_replaced_the_rerun_completes_the_store(ray_session, local_export, tmp_path):
    marker = tmp_path / "killed"
    db = tmp_path / "ray.db"
    with Store(db) as store, pytest.raises(WorkerLost):
        run_build([str(EXAMPLES)], store, SETTINGS, engine=_KillOnce(str(marker), retries=0))
    assert marker.exists()
    with Store(db) as store:
        stored = store.article_count()
        assert stored < 5
        summary = run_build([str(EXAMPLES)], store, SETTINGS, engine=RayEngine(2))
        assert summary.read == 5 - stored and summary.unchanged == stored
        assert export_stored_json(store) == local_export


def test_the_command_line_builds_with_ray(ray_session, local_export, tmp_path, capsys):
    db = tmp_path / "cli.db"
    assert main(["build", str(EXAMPLES), "--db", str(db), "--engine", "ray", "--workers", "2", "--batch-size", "2"]) == 0
    assert "5 read" in capsys.readouterr().out
    with Store(db) as store:
        assert export_stored_json(store) == local_export


def test_engine_choices_are_checked():
    with pytest.raises(ValueError, match="--ray-address is for --engine ray"):
        make_engine("local", 2, "ray://head:10001")
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        make_engine("spark", 2)
    assert isinstance(make_engine("ray", 2, "ray://head:10001"), RayEngine)
