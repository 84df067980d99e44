"""The pages' templates: one Jinja environment, escaping everything, and the links they draw.

Autoescape is on for every template, whatever its name, and nothing is marked safe: all text on
a page (titles, article text, quotes, labels) is someone else's, and is shown as text.
"""

from __future__ import annotations

from functools import cache, lru_cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from storyline import __version__
from storyline.model import Span
from storyline.serve.timeline import entry_css


@lru_cache(maxsize=65536)
def article_url(article: str) -> str:
    """The article page; remembered, as a page links to the same few articles many times."""
    return f"/article/{quote(article, safe='')}"


def span_url(span: Span) -> str:
    """The article page with the span marked and scrolled to."""
    return f"{article_url(span.article)}?start={span.start}&end={span.end}#target"


def story_url(story: str, query: str = "") -> str:
    return f"/story/{quote(story, safe='')}" + (f"?{query}" if query else "")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.serve", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(article_url=article_url, span_url=span_url, story_url=story_url, entry_css=entry_css, version=__version__)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
