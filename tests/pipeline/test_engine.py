"""The local engine: results in order, lazily fed, and no worker left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from storyline.pipeline.engine import LocalEngine


def double(batch: list[int]) -> list[int]:
    return [2 * n for n in batch]


def test_results_come_back_in_order_from_the_pool():
    engine = LocalEngine(2)
    try:
        assert list(engine.imap(double, ([n] for n in range(20)))) == [[2 * n] for n in range(20)]
    finally:
        engine.close()


def test_input_is_consumed_lazily():
    pulled = []

    def batches():
        for n in range(100):
            pulled.append(n)
            yield [n]

    engine = LocalEngine(2)
    try:
        results = engine.imap(double, batches())
        next(results)
        assert len(pulled) < 10  # a bounded number of batches in flight, not the whole input
    finally:
        engine.close()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(
        textwrap.dedent(
            """
            import time
            from storyline.pipeline.engine import LocalEngine

            def sleepy(batch):
                time.sleep(120)
                return batch

            if __name__ == "__main__":
                engine = LocalEngine(2)
                for _ in engine.imap(sleepy, [[1], [2], [3], [4]]):
                    pass
            """
        )
    )
    parent = subprocess.Popen([sys.executable, str(script)])
    children: list[int] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(children) < 2:
        time.sleep(0.1)
        path = Path(f"/proc/{parent.pid}/task/{parent.pid}/children")
        children = [int(pid) for pid in path.read_text().split()] if path.exists() else []
    assert len(children) >= 2, "the pool did not start"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in children)
