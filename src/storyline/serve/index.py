"""Full-text search over the stored articles: an SQLite FTS5 index in the server's own file.

The index lives beside the store (`story.db.search`), never in it: the store's schema belongs
to the build, and a server must be able to read a store it may not write. The file records which
story it was made from and is made again only when that story changed, so a restarted server
searches at once. A read-only server keeps the index in memory instead.

Queries are the user's words, each matched as a word (or a "quoted phrase", or a prefix with a
trailing *), all of them required: FTS5's own syntax is not exposed, so no input is an error.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from storyline.model import Article

# Marks FTS5 puts around matched words; characters no article text holds.
OPEN, CLOSE = "\x02", "\x03"
_TERMS = re.compile(r'"([^"]*)"|(\w+\*?)')
_SCHEMA = """
CREATE TABLE IF NOT EXISTS made_from (key TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
"""


@dataclass(frozen=True, slots=True)
class Hit:
    """One article found: where its first match stands (a span to link to) and a snippet, as
    (words, matched) runs for the page to mark."""

    article: str
    title: str | None
    snippet: tuple[tuple[str, bool], ...]
    start: int | None
    end: int | None


def match_expression(query: str) -> str:
    """The user's query as an FTS5 expression of quoted terms: `war "peace talks" nego*` ->
    `"war" "peace talks" "nego"*`; empty when it holds no word."""
    terms = []
    for phrase, word in _TERMS.findall(query):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                terms.append('"' + " ".join(words) + '"')
        elif word:
            terms.append(f'"{word.rstrip("*")}"' + ("*" if word.endswith("*") else ""))
    return " ".join(terms)


def runs(marked: str) -> tuple[tuple[str, bool], ...]:
    """FTS5's marked text as (text, matched) runs."""
    found = []
    for piece in re.split(f"({OPEN}[^{CLOSE}]*{CLOSE})", marked):
        if piece.startswith(OPEN):
            found.append((piece[1:-1], True))
        elif piece:
            found.append((piece, False))
    return tuple(found)


class ArticleIndex:
    """The index of one snapshot's articles, in the file `path` (in memory when None)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._key: str | None = None

    def update(self, key: str, articles: Iterable[Article]) -> None:
        """Make the index of `articles` unless the one at hand was made from the story `key`."""
        with self._lock:
            if self._key == key:
                return
            if self._db is None and self.path is not None and self.path.is_file():
                found = _open(self.path)
                if _made_from(found) == key:
                    self._db, self._key = found, key
                    return
                found.close()
            fresh = _build(self.path, key, articles)
            if self._db is not None:
                self._db.close()
            self._db, self._key = fresh, key

    def search(self, query: str, limit: int = 20, offset: int = 0) -> tuple[int, list[Hit]]:
        """(how many articles match, the `limit` best from `offset`), best first."""
        expression = match_expression(query)
        if not expression or self._db is None:
            return 0, []
        with self._lock:
            total = self._db.execute("SELECT count(*) FROM texts WHERE texts MATCH ?", (expression,)).fetchone()[0]
            rows = self._db.execute(
                f"""SELECT id, title, snippet(texts, 2, '{OPEN}', '{CLOSE}', '…', 24), highlight(texts, 2, '{OPEN}', '{CLOSE}')
                    FROM texts WHERE texts MATCH ? ORDER BY rank LIMIT ? OFFSET ?""",
                (expression, limit, offset),
            ).fetchall()
        return total, [_hit(*row) for row in rows]


def _hit(article: str, title: str | None, snippet: str, marked: str) -> Hit:
    """A hit, with the span of its first match in the clean text (its offset in the marked text,
    less the marks before it: none before the first)."""
    start = marked.find(OPEN)
    end = marked.find(CLOSE, start) - len(OPEN) if start >= 0 else -1
    return Hit(article, title or None, runs(snippet), start if start >= 0 else None, end if start >= 0 else None)


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, check_same_thread=False, isolation_level=None)


def _made_from(db: sqlite3.Connection) -> str | None:
    try:
        row = db.execute("SELECT key FROM made_from").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _build(path: Path | None, key: str, articles: Iterable[Article]) -> sqlite3.Connection:
    """A new index, written to a file of its own and moved into place when whole, so a server
    killed meanwhile leaves the old index or none, never half of one."""
    target = ":memory:" if path is None else str(path) + ".new"
    if path is not None and os.path.exists(target):
        os.unlink(target)
    db = _open(Path(target)) if path is not None else sqlite3.connect(target, check_same_thread=False, isolation_level=None)
    db.executescript(_SCHEMA)
    db.execute("BEGIN")
    db.executemany("INSERT INTO texts (id, title, text) VALUES (?, ?, ?)", ((a.id, a.title or "", a.text) for a in articles))
    db.execute("INSERT INTO made_from (key) VALUES (?)", (key,))
    db.execute("COMMIT")
    if path is None:
        return db
    db.close()
    os.replace(target, path)
    return _open(path)
