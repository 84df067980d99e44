"""The CSV export: one row per event, in the spirit of GDELT's event table, for spreadsheets
and for analysts who count events by who acted.

Every text cell comes from someone else's page, and a spreadsheet runs a cell that starts with
=, +, - or @ as a formula (=HYPERLINK(...) opens as a live link): such a cell is written with a
leading apostrophe, which spreadsheets show as text and hide (OWASP's advice on CSV injection).
Numbers are written as they are, negative ones included.
"""

from __future__ import annotations

import csv
import io

from storyline.model import Article, Entity, Event, Story

CSV_COLUMNS = (
    "date",
    "status",
    "actor",
    "actor_country",
    "actor_code",
    "code",
    "quad_class",
    "goldstein",
    "action",
    "target",
    "target_country",
    "target_code",
    "location",
    "outlets",
    "articles",
    "source_article",
    "source_sentence",
    # Added after the first release, at the end so that readers by position keep working.
    "event_id",
    "source_url",
    "reported_by",
    "location_country",
    "location_lat",
    "location_lon",
)


def export_csv(story: Story) -> str:
    """One row per event, GDELT-like, each with the first sentence that reports it."""

    entities = {e.id: e for e in story.entities}
    articles = {a.id: a for a in story.articles}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in story.events:
        writer.writerow(tuple(_inert(cell) for cell in _row(event, entities, articles)))
    return out.getvalue()


# What a spreadsheet reads as the start of a formula; tab and carriage return hide one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: object) -> object:
    """A text cell a spreadsheet shows as text, never runs."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell


def _row(event: Event, entities: dict[str, Entity], articles: dict[str, Article]) -> tuple:
    actor, target, reporter = entities.get(event.actor), entities.get(event.target), entities.get(event.reported_by)
    source = event.sources[0]
    article = articles[source.article]
    return (
        event.date or "",
        event.status,
        actor.name if actor else "",
        actor.country or "" if actor else "",
        event.actor_code or "",
        event.code or "",
        event.quad_class or "",
        event.goldstein if event.goldstein is not None else "",
        event.action,
        target.name if target else "",
        target.country or "" if target else "",
        event.target_code or "",
        event.location or "",
        event.outlets,
        event.articles,
        source.article,
        " ".join(article.text[source.start : source.end].split()),
        event.id,
        article.url or article.source,
        reporter.name if reporter else "",
        event.location_country or "",
        "" if event.location_lat is None else event.location_lat,
        "" if event.location_lon is None else event.location_lon,
    )
