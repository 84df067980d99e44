"""Lexicons and tables shipped with storyline, loaded once from this folder.

Rules and word lists are data, not code: a user can read and extend them without reading
Python, and a change to one shows up in review as a change of data.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def load_table(name: str) -> dict:
    """Parse `storyline/lexicon/<name>.toml`; cached, so every caller shares one copy."""
    with resources.files(__package__).joinpath(f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def words(section: str, name: str) -> frozenset[str]:
    """A word list of lexicon/words.toml (`[section] name = [...]`) as a set: the rules that
    read it only ask whether a word is in it."""
    try:
        return frozenset(load_table("words")[section][name])
    except KeyError:
        raise ValueError(f"no word list {section}.{name} in storyline/lexicon/words.toml") from None


@cache
def reporting(name: str) -> frozenset[str]:
    """A list of the reporting lexicon (lexicon/reporting.toml): the words that say someone
    spoke, one table for the quotes and the events stages."""
    try:
        return frozenset(load_table("reporting")[name])
    except KeyError:
        raise ValueError(f"no list {name!r} in storyline/lexicon/reporting.toml") from None
