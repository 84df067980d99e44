"""storyline: from a pile of news reports to a cited, dated account of the story.

The Python entry point is `build(paths)`, which returns the same `Story` that
`storyline export` writes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

__version__ = "0.1.0"

# `open` stays out of __all__: a star import must not shadow the builtin.
__all__ = ["__version__", "build"]


def build(paths: list[str | Path] | str | Path, db: str | Path | None = None, **settings: object):
    """Read and analyse `paths` (files, folders, "-" for standard input) into the store `db`
    (an in-memory store when None) and return the `Story`. Keyword arguments override settings
    (see `storyline.settings.Settings`); problems with inputs are in `Story.problems`."""
    from storyline.pipeline.build import run_build
    from storyline.settings import load_settings
    from storyline.store.database import MEMORY, Store
    from storyline.store.story import open_story

    if isinstance(paths, (str, Path)):
        paths = [paths]
    config = load_settings(settings.pop("config", None), **settings)
    with Store(db if db is not None else MEMORY) as store:
        summary = run_build([str(path) for path in paths], store, config)
        story = open_story(store)
    return replace(story, problems=tuple(summary.problems) + story.problems)


def open(db: str | Path):
    """The story stored in `db` by `storyline build`, read-only: nothing is computed."""
    from storyline.store.database import Store
    from storyline.store.story import open_story

    with Store.for_reading(db) as store:
        return open_story(store)
