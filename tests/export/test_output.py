"""Writing an export: whole or not at all, never over the store, one line when it cannot."""

from __future__ import annotations

import errno
import os

import pytest

from storyline.export import output
from storyline.export.output import OutputError, refuse_store, write_file


def test_a_file_is_replaced_whole(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    write_file(str(target), "new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640
    assert os.listdir(tmp_path) == ["out.json"]


def test_a_write_that_fails_halfway_leaves_the_old_file_and_no_scrap(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("the previous export")

    def full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(OutputError) as error:
        write_file(str(target), "x" * 1_000_000)
    assert str(error.value) == f"{target}: cannot write (No space left on device); nothing was written"
    assert target.read_text() == "the previous export" and os.listdir(tmp_path) == ["out.json"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing/out.json", "no such folder"),
        (".", "is a folder; name a file to write"),
        ("/dev/full", "cannot write (No space left on device)"),
    ],
)
def test_what_cannot_be_written_is_one_line(tmp_path, monkeypatch, name, reason):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as error:
        write_file(name, "text")
    assert "\n" not in str(error.value) and str(error.value).startswith(f"{name}: ") and reason in str(error.value)


def test_a_device_is_written_not_replaced():
    write_file(os.devnull, "text")
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


@pytest.mark.parametrize("name", ["s.db", "./s.db", "s.db-wal", "link.db"])
def test_the_store_is_never_an_output(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.db").write_bytes(b"store")
    (tmp_path / "s.db-wal").write_bytes(b"")
    os.symlink(tmp_path / "s.db", tmp_path / "link.db")
    with pytest.raises(OutputError, match=r"is the store s\.db"):
        refuse_store(name, "s.db")
    refuse_store("other.json", "s.db")
