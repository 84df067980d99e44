"""`storyline serve` as a user runs it: one line for what stops it, a server that answers, and
read commands that do not pay for the web stack."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from storyline.cli import main
from storyline.store.database import Store

from .conftest import free_port


def test_what_stops_the_server_is_one_line(store, tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("storyline: error: ") and "no such store" in err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert main(["serve", "--db", str(store), "--port", str(busy.getsockname()[1])]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "cannot listen on 127.0.0.1" in err
    with Store(store) as writable:
        writable.save_corpus_results([], {"version": "another"})
    assert main(["serve", "--db", str(store), "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "built by another storyline version" in err


def test_the_command_serves_the_store(store):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", str(store), "--port", str(port), "--read-only"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, page = time.monotonic() + 60, None
        while page is None and time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
                    page = response.read().decode()
            except OSError:
                time.sleep(0.2)
        assert page is not None and "story-1" in page
    finally:
        process.terminate()
        err = process.communicate(timeout=30)[1]
    assert f"serving {store} at http://127.0.0.1:{port}/ (read-only)" in err


def test_read_commands_do_not_load_the_web_stack():
    code = "import sys, storyline.cli\nprint(','.join(m for m in ('fastapi', 'starlette', 'uvicorn', 'jinja2') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_server_does_not_load_the_parser(store):
    code = (
        "import sys\nfrom pathlib import Path\nfrom storyline.serve.app import create_app\nfrom storyline.serve.options import ServeOptions\n"
        f"create_app(ServeOptions(db=Path({str(store)!r}), read_only=True))\n"
        "print(','.join(m for m in ('spacy', 'datasketch', 'trafilatura', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
