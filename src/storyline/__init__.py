"""storyline: from a pile of news reports to a cited, dated account of the story.

The Python entry points: `build(paths, db)` reads and analyses articles into a store and
returns the `Story`; `open(db)` returns the `Story` a build stored, computing nothing. A
`Story` holds the export's records as typed, frozen dataclasses (storyline.model), and
`Story.frames()` gives them as pandas DataFrames (`pip install 'storyline[pandas]'`). The
README's "Python" section is a worked example, run by tests/test_readme.py.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.model.story import Story

__version__ = "0.1.0"

# `open` stays out of __all__: a star import must not shadow the builtin.
__all__ = ["Story", "__version__", "build"]


def build(paths: list[str | Path] | str | Path, db: str | Path | None = None, **settings: object) -> Story:
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


def open(db: str | Path) -> Story:
    """The story stored in `db` by `storyline build`, read-only: nothing is computed. One
    clear error (ValueError, storyline.store.database.StoreError) when there is none."""
    from storyline.store.database import Store
    from storyline.store.story import open_story

    if not Path(db).is_file():
        raise ValueError(f"{db}: no such store; build it first: `storyline build PATH --db {db}` or storyline.build(paths, db)")
    with Store.for_reading(db) as store:
        return open_story(store)


def __getattr__(name: str) -> object:
    """`storyline.Story`, imported when first asked for: the command line never needs it."""
    if name == "Story":
        from storyline.model.story import Story

        return Story
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
