"""The server put together: the routes, the static files, the guard in front of them, and the
state they share (the stored story, its search index, the builds of uploads).

`create_app` reads the store before it returns, so a store that cannot be served is refused
when the server starts, in one line, and not on the first request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from storyline import __version__
from storyline.serve import api, pages, uploads
from storyline.serve.index import ArticleIndex
from storyline.serve.options import ServeOptions
from storyline.serve.render import render
from storyline.serve.security import LOOPBACK_NAMES, Guard, is_loopback
from storyline.serve.stored import StoredStory
from storyline.store.database import StoreError

DESCRIPTION = (
    "The records of a stored storyline story, as `storyline export --format json` writes them: "
    "articles, entities, quotes, events, timeline, clusters, brief and stories."
)


def create_app(options: ServeOptions) -> FastAPI:
    index = ArticleIndex(None if options.read_only else options.index)
    stored = StoredStory(options.db, on_load=lambda snapshot: index.update(snapshot.key, snapshot.articles))
    stored.current()
    builds = None if options.read_only else uploads.Builds(options, stored)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if builds is not None:
            builds.close()

    app = FastAPI(
        title="storyline",
        version=__version__,
        description=DESCRIPTION,
        # The interactive docs pages fetch their scripts from a CDN: nothing is fetched here.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.options, app.state.stored, app.state.index, app.state.builds = options, stored, index, builds
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(uploads.router)
    app.mount("/static", StaticFiles(directory=str(files("storyline.serve") / "static")), name="static")
    app.add_exception_handler(StoreError, _store_unusable)
    app.add_exception_handler(HTTPException, _http_error)
    hosts = None if options.token or not is_loopback(options.host) else LOOPBACK_NAMES | {options.host.lower()}
    app.add_middleware(Guard, token=options.token, hosts=hosts)
    return app


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


async def _store_unusable(request: Request, error: Exception) -> Response:
    return _error(request, 503, "Store unavailable", f"The store cannot be read just now: {error}")


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return _error(request, error.status_code, f"Error {error.status_code}", str(error.detail), getattr(error, "headers", None))


def _error(request: Request, status: int, title: str, message: str, headers: dict | None = None) -> Response:
    """An error as a page for a browser, as JSON (`detail`, as FastAPI writes it) for the API."""
    if not _wants_html(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    options: ServeOptions = request.app.state.options
    page = render("error.html", title=title, message=message, notice=None, read_only=options.read_only, db_name=options.db.name, q="")
    return Response(page, status_code=status, media_type="text/html", headers=headers)
