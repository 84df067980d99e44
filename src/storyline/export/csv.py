"""The CSV export: one row per event, in the spirit of GDELT's event table, for spreadsheets
and for analysts who count events by who acted."""

from __future__ import annotations

import csv
import io

from storyline.model import Story

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
)


def export_csv(story: Story) -> str:
    """One row per event, GDELT-like, each with the first sentence that reports it."""

    entities = {e.id: e for e in story.entities}
    texts = {a.id: a.text for a in story.articles}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in story.events:
        actor, target = entities.get(event.actor), entities.get(event.target)
        source = event.sources[0]
        writer.writerow(
            (
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
                " ".join(texts[source.article][source.start : source.end].split()),
            )
        )
    return out.getvalue()
