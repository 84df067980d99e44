"""What every command shares: the store and settings options, how loud it is, the filters, and
opening the store for reading."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storyline.settings import Settings
from storyline.store.database import Store, StoreError
from storyline.store.filters import Filters
from storyline.store.story import behind, check_current


def add_common(parser: argparse.ArgumentParser) -> None:
    """--db, --config, -q and -v, which every command takes."""
    parser.add_argument("--db", help="the store, an SQLite file (default storyline.db, or as storyline.toml says)")
    parser.add_argument("--config", help="settings file (default ./storyline.toml if present)")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only what was asked for and errors: no progress, no notes")
    loudness.add_argument("-v", "--verbose", action="store_true", help="say more: what was read and kept, each step and its time")


def add_filters(parser: argparse.ArgumentParser) -> None:
    """--story, --since, --until, --actor, --outlet: what store/filters.py keeps."""
    parser.add_argument("--story", help="only this story (an id that `storyline stories` lists, e.g. story-1)")
    parser.add_argument("--since", metavar="DATE", help="only what is dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD; at its precision)")
    parser.add_argument("--until", metavar="DATE", help="only what is dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--actor", metavar="NAME", help="only what an entity whose name or alias contains NAME takes part in")
    parser.add_argument("--outlet", metavar="NAME", help="only what articles of an outlet whose name contains NAME tell")


def filters_of(args: argparse.Namespace) -> Filters:
    return Filters(story=args.story, since=args.since, until=args.until, actor=args.actor, outlet=args.outlet)


class Voice:
    """Lines for the user on standard error, as loud as -q / -v say; what was asked for goes
    to standard output and is never silenced."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.quiet = bool(getattr(args, "quiet", False))
        self.verbose = bool(getattr(args, "verbose", False))

    def note(self, text: str) -> None:
        """Something the user should know (left out by -q)."""
        if not self.quiet:
            print(text, file=sys.stderr)

    def detail(self, text: str) -> None:
        """Something the user asked to hear with -v."""
        if self.verbose:
            print(f"storyline: {text}", file=sys.stderr)


def open_store(settings: Settings, voice: Voice) -> Store:
    """The store, read-only, with a current story; one line saying what to do otherwise."""
    if not Path(settings.db).is_file():
        raise ValueError(f"{settings.db}: no such store; run `storyline build PATH --db {settings.db}` first")
    store = Store.for_reading(settings.db)
    try:
        check_current(store)
    except StoreError:
        store.close()
        raise
    if behind(store):
        voice.note(
            f"storyline: note: {settings.db} holds articles stored after its story was made; "
            f"`storyline build --db {settings.db}` brings the story up to date"
        )
    return store
