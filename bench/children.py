"""One measured run in a child process, for the benchmarks that compare two ways of building:
each run starts from nothing (no model or cache left in the parent) and reports one JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run_child(script: str, kind: str, corpus: list[str], db: Path, workers: int, batch_size: int) -> dict:
    """Run `script --child KIND` on `corpus` into `db`; the figures its last line prints."""
    command = [sys.executable, script, "--child", kind, "--db", str(db), "--workers", str(workers)]
    command += ["--batch-size", str(batch_size), "--data", *corpus]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{Path(script).name}: the {kind} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
