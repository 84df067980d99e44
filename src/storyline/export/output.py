"""Writing an export where the user asked: whole or not at all, never over the store.

A file is written beside its target and renamed over it once complete (rename is atomic on
POSIX), so a full disk, a kill or an error halfway leaves the old file as it was, never a
truncated one. What is not a regular file (/dev/stdout, a pipe, a device) cannot be replaced
and is written directly. Every failure is one line naming the file and the reason.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

# The files SQLite keeps beside a store.
_STORE_FILES = ("", "-wal", "-shm", "-journal")


class OutputError(ValueError):
    """The export cannot be written; the message is one line naming the file and the reason."""


def refuse_store(output: str, db: str) -> None:
    """Refuse an output that is the store (or one of the files SQLite keeps beside it):
    `storyline export --db s.db -o s.db` would replace the store by its export."""
    target = Path(output)
    for suffix in _STORE_FILES:
        store_file = Path(db + suffix)
        same = target.resolve() == store_file.resolve()
        with contextlib.suppress(OSError):
            same = same or (target.exists() and store_file.exists() and os.path.samefile(target, store_file))
        if same:
            raise OutputError(f"{output}: is the store {db}{' (its ' + suffix[1:] + ' file)' if suffix else ''}; name another file to write")


def write_file(output: str, text: str) -> None:
    """Write `text` to `output` whole, or leave what was there untouched."""
    target = Path(output)
    data = text.encode("utf-8")
    if target.is_dir():
        raise OutputError(f"{output}: is a folder; name a file to write")
    if target.exists() and not target.is_file():
        _write_in_place(target, data)
        return
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{output}: no such folder {folder}")
    try:
        handle = tempfile.NamedTemporaryFile(dir=folder, prefix=f".{target.name}.", suffix=".partial", delete=False)  # noqa: SIM115
    except OSError as error:
        raise OutputError(f"{output}: cannot write ({error.strerror or error})") from None
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _mode_for(target))
        os.replace(handle.name, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise OutputError(f"{output}: cannot write ({error.strerror or error}); nothing was written") from None


def write_stdout(text: str) -> None:
    """Write to standard output; a reader that went away (`| head`) is no error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
    except OSError as error:
        quiet_stdout()
        raise OutputError(f"cannot write to standard output ({error.strerror or error})") from None


def quiet_stdout() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit does not fail again
    on what could not be written (and print a traceback of its own)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _write_in_place(target: Path, data: bytes) -> None:
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise OutputError(f"{target}: cannot write ({error.strerror or error})") from None


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or a new file's as open() would make it (0666 less the umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
