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


def _word_set(table: str, *keys: str) -> frozenset[str]:
    """The list at `keys` of `lexicon/<table>.toml` as a set, or one line saying it is not there."""
    found: object = load_table(table)
    try:
        for key in keys:
            found = found[key]
    except KeyError:
        raise ValueError(f"no word list {'.'.join(keys)} in storyline/lexicon/{table}.toml") from None
    return frozenset(found)


@cache
def words(section: str, name: str) -> frozenset[str]:
    """A word list of lexicon/words.toml (`[section] name = [...]`) as a set: the rules that
    read it only ask whether a word is in it."""
    return _word_set("words", section, name)


@cache
def reporting(name: str) -> frozenset[str]:
    """A list of the reporting lexicon (lexicon/reporting.toml): the words that say someone
    spoke, one table for the quotes and the events stages."""
    return _word_set("reporting", name)
