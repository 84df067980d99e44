"""The JSON API: the export's records, kind by kind, for a notebook to read a running server.

Each record is exactly what `storyline export --format json` writes for it (the stored record,
as the store keeps it; the field names are the model's), so code written against the export
reads the API unchanged. The response models are the model's own dataclasses: /openapi.json
describes the records the export contract describes, with no second definition to drift. Lists
come in pages (`offset`, `limit`; the whole count in X-Total-Count, the next page in Link), and
`story` keeps one story's records, as `--story` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from storyline.model import Article, StorySummary
from storyline.serve.stored import Snapshot
from storyline.store.story import RECORD_TYPES

router = APIRouter(prefix="/api", tags=["records"])
DEFAULT_LIMIT = 1000
MOST = 10_000
# Articles carry their whole text: fewer of them to a page.
ARTICLE_LIMIT = 100


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: str
    title: str | None
    snippet: str  # the words around the best match
    start: int | None  # the first match in the article's clean text
    end: int | None


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[SearchHit, ...]


def _snapshot(request: Request) -> Snapshot:
    return request.app.state.stored.current()


def selected(snapshot: Snapshot, kind: str, story: str | None) -> list[dict]:
    """The plain records of one kind, only those of `story` when it is given."""
    records = snapshot.plain[kind]
    if story is None:
        return records
    selection = snapshot.selection(story)
    if selection is None:
        raise HTTPException(404, f"no story {story!r}")
    typed = getattr(snapshot, kind)
    return [plain for plain, record in zip(records, typed, strict=True) if selection.keeps(kind, record)]


def _page(request: Request, records: list[dict], offset: int, limit: int) -> JSONResponse:
    headers = {"X-Total-Count": str(len(records))}
    if offset + limit < len(records):
        query = dict(request.query_params) | {"offset": str(offset + limit), "limit": str(limit)}
        headers["Link"] = f'<{request.url.path}?{urlencode(query)}>; rel="next"'
    return JSONResponse(records[offset : offset + limit], headers=headers)


def _list_route(kind: str, default_limit: int):
    def records(
        request: Request,
        story: Annotated[str | None, Query(description="only this story's records (an id /api/stories lists)")] = None,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=MOST)] = default_limit,
    ) -> JSONResponse:
        return _page(request, selected(_snapshot(request), kind, story), offset, limit)

    records.__doc__ = f"The stored {kind}, in story order, as `storyline export --format json` writes them."
    return records


for _kind, _record in RECORD_TYPES.items():
    router.add_api_route(
        f"/{_kind}",
        _list_route(_kind, ARTICLE_LIMIT if _kind == "articles" else DEFAULT_LIMIT),
        methods=["GET"],
        response_model=list[_record],
        name=f"list_{_kind}",
        summary=f"List {_kind}",
    )


@router.get("/articles/{article_id:path}", response_model=Article, summary="One article")
def one_article(request: Request, article_id: str) -> JSONResponse:
    snapshot = _snapshot(request)
    return _one(snapshot.plain["articles"], snapshot.articles, article_id, "article")


@router.get("/stories/{story_id}", response_model=StorySummary, summary="One story")
def one_story(request: Request, story_id: str) -> JSONResponse:
    snapshot = _snapshot(request)
    return _one(snapshot.plain["stories"], snapshot.stories, story_id, "story")


def _one(plains: list[dict], records: tuple, wanted: str, what: str) -> JSONResponse:
    """The export's record of the one item with id `wanted`, or a 404 naming it."""
    for plain, record in zip(plains, records, strict=True):
        if record.id == wanted:
            return JSONResponse(plain)
    raise HTTPException(404, f"no {what} {wanted!r}")


@router.get("/search", response_model=SearchResult, summary="Search the articles' text")
def search(
    request: Request,
    q: Annotated[str, Query(description='words, all required; "a phrase"; a prefix*')],
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> JSONResponse:
    """Full-text search (SQLite FTS5) over the stored articles, best match first."""
    total, hits = request.app.state.index.search(q, limit, offset)
    found = [
        {"article": h.article, "title": h.title, "snippet": "".join(text for text, _ in h.snippet), "start": h.start, "end": h.end}
        for h in hits
    ]
    return JSONResponse({"query": q, "total": total, "hits": found})
