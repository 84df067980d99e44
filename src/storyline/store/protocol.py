"""What the build asks of a store: the one seam where SQLite can be swapped for a server
database or an object store when one file is outgrown (docs/scale.md).

The build (pipeline/build.py) and the reduce (pipeline/reduce.py) use nothing else; the SQLite
`Store` in database.py implements it, and the tests check that it does. Every write is whole or
not at all (a batch of articles and their results, the story): that is what lets a killed build
be run again to completion, on any store that keeps this contract.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from storyline.model import Document
from storyline.store.database import ArticleRef, CorpusResult, StoredArticle, StoryRecord


@runtime_checkable
class BuildStore(Protocol):
    # Articles by id, and per-article stage results by (content hash, stage, fingerprint).
    def stored_source(self, article_id: str) -> tuple[str, str] | None: ...

    def cached_results(self, content_hash: str, fingerprints: dict[str, str]) -> dict[str, dict]: ...

    def save(self, articles: Iterable[tuple[Document, str]], results: Iterable[tuple[str, str, str, dict | bytes]]) -> None:
        """One batch, in one transaction: results first, then the articles that use them."""
        ...

    def articles(self, ids: set[str] | None = None) -> Iterator[StoredArticle]: ...

    def articles_with_results(self, fingerprints: dict[str, str]) -> tuple[list[ArticleRef], list[ArticleRef]]: ...

    def stage_results(self, stage: str, fingerprint: str) -> dict[str, object]: ...

    def prune_results(self, keep: Iterable[str] = ()) -> int: ...

    def article_set_digest(self) -> str: ...

    # The corpus steps' results and the story readers read, written together.
    def corpus_result(self, stage: str) -> CorpusResult | None: ...

    def corpus_value(self, stage: str) -> object: ...

    def story_records(self, kind: str) -> Iterator[StoryRecord]: ...

    def story_meta(self) -> dict[str, str]: ...

    def save_corpus_results(
        self, results: Iterable[tuple[str, CorpusResult, bytes | None, list[StoryRecord] | None]], meta: dict[str, str]
    ) -> None:
        """Every corpus result of one build and the story's metadata, in one transaction."""
        ...

    # The builds' log.
    def start_build(self) -> int: ...

    def finish_build(self, build_id: int, summary: dict) -> None: ...

    def checkpoint(self) -> None: ...
