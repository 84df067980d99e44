"""The HTML pages: stories, a story, an article, the article list, search, and adding articles.

Handlers only pick the snapshot's records (views.py) and fill a template (render.py); they are
plain functions, run in the server's thread pool, so a long page does not hold up the others.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from storyline.serve.render import render
from storyline.serve.stored import Snapshot
from storyline.serve.views import Filters, article_rows, article_view, paged, story_rows, story_view

router = APIRouter(include_in_schema=False)
HITS_PER_PAGE = 20


def snapshot_of(request: Request) -> Snapshot:
    return request.app.state.stored.current()


def page(request: Request, template: str, status: int = 200, **context: object) -> HTMLResponse:
    """A page of the site: the template with what every page shows around it (the store's
    name, a note when the story is not of every stored article, whether uploads are open)."""
    stored = request.app.state.stored
    options = request.app.state.options
    notice = stored.problem
    if notice is None and stored.current().behind:
        notice = (
            "This store holds articles stored after its story was made (a build was stopped); "
            f"`storyline build --db {options.db.name}` brings the story up to date."
        )
    context.setdefault("q", "")
    html = render(template, notice=notice, read_only=options.read_only, db_name=options.db.name, **context)
    return HTMLResponse(html, status_code=status)


def not_found(request: Request, what: str) -> HTMLResponse:
    return page(request, "error.html", status=404, title="Not found", message=what)


@router.get("/", response_class=HTMLResponse)
def stories(request: Request, label: str = "") -> HTMLResponse:
    snapshot = snapshot_of(request)
    return page(request, "stories.html", rows=story_rows(snapshot, label), label=label, article_count=len(snapshot.articles))


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story(
    request: Request,
    story_id: str,
    start: str = "",
    end: str = "",
    actor: str = "",
    outlet: str = "",
    timeline_page: int = 1,
    events_page: int = 1,
    quotes_page: int = 1,
    actors_page: int = 1,
) -> HTMLResponse:
    snapshot = snapshot_of(request)
    filters = Filters.of(start, end, actor, outlet)
    pages = {"timeline_page": timeline_page, "events_page": events_page, "quotes_page": quotes_page, "actors_page": actors_page}
    view = story_view(snapshot, story_id, filters, pages)
    if view is None:
        return not_found(request, f"There is no story {story_id!r} in this store.")
    names = {entity: name for entity, name, _ in view.actor_choices}
    return page(request, "story.html", view=view, pages=pages, actor_name=names.get(filters.actor, filters.actor), snapshot=snapshot)


@router.get("/article/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str, start: int | None = None, end: int | None = None) -> HTMLResponse:
    target = (start, end) if start is not None and end is not None else None
    view = article_view(snapshot_of(request), article_id, target)
    if view is None:
        return not_found(request, f"There is no article {article_id!r} in this store.")
    return page(request, "article.html", view=view)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, page_number: int = Query(1, alias="page")) -> HTMLResponse:
    return page(request, "articles.html", rows=article_rows(snapshot_of(request), page_number))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", page_number: int = Query(1, alias="page")) -> HTMLResponse:
    snapshot = snapshot_of(request)
    number = max(1, page_number)
    total, hits = request.app.state.index.search(q, HITS_PER_PAGE, (number - 1) * HITS_PER_PAGE)
    results = paged(list(range(total)), number, HITS_PER_PAGE, "page")
    stories = story_rows(snapshot, q) if q.strip() else []
    return page(request, "search.html", q=q, hits=hits, results=results, stories=stories, snapshot=snapshot)


@router.get("/upload", response_class=HTMLResponse)
def upload(request: Request) -> HTMLResponse:
    builds = request.app.state.builds
    options = request.app.state.options
    jobs = builds.jobs() if builds is not None else []
    return page(request, "upload.html", jobs=jobs, options=options)
