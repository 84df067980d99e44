"""The timeline: the story's events in date order, one line each, with their sources.

An entry is a merged event (every outlet's telling of it), summarised as who did what. History
recalled for context, dated well before the reports themselves ("in 2014"), is kept but marked
`background`; what is only denied or imagined ("could follow up", "will not invade") is not a
step of the story and stays out. Photo captions never make entries: cleaning took them out of
the text events are read from.
"""

from __future__ import annotations

import datetime as dt

from storyline.corpus.sentence_dates import last_day
from storyline.model import Article, Event, TimelineEntry

# How long before the first report an event may lie and still be part of the story.
STORY_LEAD_DAYS = 45


def compose_timeline(events: tuple[Event, ...], articles: tuple[Article, ...], names: dict[str, str]) -> tuple[TimelineEntry, ...]:
    published = sorted(a.published for a in articles if a.published and len(a.published) == 10)
    start = dt.date.fromisoformat(published[0]) - dt.timedelta(days=STORY_LEAD_DAYS) if published else None
    entries = []
    for event in events:
        if not event.date or event.status not in ("happened", "scheduled", "reported"):
            continue
        if event.actor is None and event.actor_code is None:
            continue  # "he said", with no one to say who: not a line of a timeline
        kind = "background" if start and last_day(event.date) < start else "story"
        entries.append(
            TimelineEntry(
                date=event.date,
                summary=_summary(event, names),
                events=(event.id,),
                sources=event.sources,
                kind=kind,
                status=event.status,
                outlets=event.outlets,
            )
        )
    return tuple(sorted(entries, key=lambda e: (e.date, e.kind != "background", e.events)))


def _summary(event: Event, names: dict[str, str]) -> str:
    actor = names.get(event.actor, "Someone")
    action = " ".join(event.action.split())
    scheduled = " (scheduled)" if event.status == "scheduled" else ""
    if event.status == "reported" and event.reported_by:
        scheduled = f" (according to {names.get(event.reported_by, event.reported_by)})"
    return f"{actor} {action}{scheduled}"
