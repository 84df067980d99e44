"""What `storyline serve` was asked to do, in one value handed to every part of the server."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from storyline.settings import Settings

LOCALHOST = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class ServeOptions:
    db: Path
    host: str = LOCALHOST
    port: int = 8000
    # When set, every request must carry it (a bearer header, or the cookie `?token=` sets).
    token: str | None = None
    # No uploads, no builds, and no file written next to the store (the search index is kept in memory).
    read_only: bool = False
    # The settings file the server was started with, handed on to the builds it runs.
    config: str | None = None
    # Limits of one upload: how many files, and how many bytes in all.
    max_upload_files: int = 20
    max_upload_bytes: int = 50_000_000
    settings: Settings = field(default_factory=Settings)
    # uvicorn's: "warning" (problems), "error" (with -q: and no start-up lines), "info" (-v: every request).
    log_level: str = "warning"

    @property
    def uploads(self) -> Path:
        """Where uploaded files are kept, beside the store they were built into: the store keeps
        their text, and the files stay as the evidence of what was given."""
        return self.db.with_name(self.db.name + ".uploads")

    @property
    def index(self) -> Path:
        """The server's side file beside the store: article texts and their full-text index."""
        return self.db.with_name(self.db.name + ".search")
