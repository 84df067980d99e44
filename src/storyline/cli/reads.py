"""The read commands: articles, entities, clusters, stories, events, brief (quotes and timeline,
which print their own way, are in reads_grouped.py). Each reads only the kinds it shows, keeps
what the filters keep (store/filters.py) and prints it as cli/output.py says."""

from __future__ import annotations

import argparse

from storyline.cli import reads_grouped
from storyline.cli.common import add_common, add_filters
from storyline.cli.output import Column, add_format
from storyline.cli.reading import Reading
from storyline.settings import Settings
from storyline.store.database import Store
from storyline.store.filters import chosen_records
from storyline.store.story import load_plain_records


def add_read_commands(commands) -> None:
    """The read commands, each with the filters, --format, and its own options."""
    made = {
        "stories": commands.add_parser("stories", help="list the stories: event clusters a reader would call one story"),
        "articles": commands.add_parser("articles", help="list the stored articles"),
        "entities": commands.add_parser("entities", help="list the people, organisations and places, merged across articles"),
        "clusters": commands.add_parser("clusters", help="list copies, same-event groups and stories"),
        "quotes": commands.add_parser("quotes", help="list quotations by speaker, with how each outlet rendered them"),
        "events": commands.add_parser("events", help="list events: who did what to whom, when"),
        "timeline": commands.add_parser("timeline", help="print each story's timeline, its most salient dates"),
        "brief": commands.add_parser("brief", help="print the brief: short sentences, each citing its sources"),
    }
    made["entities"].add_argument("--type", help="only this type (PERSON, ORG, GPE, LOC, FAC)")
    made["clusters"].add_argument("--level", choices=["duplicate", "event", "story"], help="only this level")
    handlers = {
        "stories": _stories,
        "articles": _articles,
        "entities": _entities,
        "clusters": _clusters,
        "events": _events,
        "brief": _brief,
        "quotes": reads_grouped.quotes,
        "timeline": reads_grouped.timeline,
    }
    reads_grouped.add_options(made["quotes"], made["timeline"])
    for name, parser in made.items():
        add_format(parser)
        add_filters(parser)
        add_common(parser)
        parser.set_defaults(handler=handlers[name])


ARTICLE_COLUMNS = (
    Column("id", lambda a: a["id"]),
    Column("published", lambda a: a["published"]),
    Column("published_basis", lambda a: a["basis"]),
    Column("outlet", lambda a: a["outlet"]),
    Column("words", lambda a: a["words"]),
    Column("title", lambda a: a["title"] or a["first_line"]),
)


def _articles(args: argparse.Namespace, settings: Settings) -> int:
    """Listed from the stored summaries: a listing never reads the articles' text."""
    with Reading(args, settings) as reading:
        if reading.as_records:
            plain, _ = chosen_records(reading.store, "articles", reading.chooser, typed=False)
            reading.tell("articles", len(plain))
            return reading.show("articles", ARTICLE_COLUMNS, plain, plain)
        chooser = reading.chooser
        summaries = reading.store.story_summaries("articles")
        listed = [summary for key, summary in summaries if chooser is None or chooser.keeps_article(key)]
        reading.tell("articles", len(listed))
        return reading.show("articles", ARTICLE_COLUMNS, listed, ())


ENTITY_COLUMNS = (
    Column("id", lambda e: e.id, table=False),
    Column("name", lambda e: e.name),
    Column("type", lambda e: e.type),
    Column("country", lambda e: e.country),
    Column("code", lambda e: e.code),
    Column("mention_count", lambda e: len(e.mentions)),
    Column("article_count", lambda e: len({m.article for m in e.mentions})),
    Column("roles", lambda e: "; ".join(e.roles)),
    Column("aliases", lambda e: e.aliases),
)


def _entities(args: argparse.Namespace, settings: Settings) -> int:
    wanted = args.type.upper() if args.type else None
    with Reading(args, settings) as reading:
        plain, entities = reading.records("entities", (lambda e: e.type == wanted) if wanted else None)
        return reading.show("entities", ENTITY_COLUMNS, entities, plain)


CLUSTER_COLUMNS = (
    Column("id", lambda c: c.id),
    Column("level", lambda c: c.level),
    Column("article_count", lambda c: len(c.articles)),
    Column("label", lambda c: c.label),
    Column("articles", lambda c: c.articles),
)


def _clusters(args: argparse.Namespace, settings: Settings) -> int:
    with Reading(args, settings) as reading:
        plain, clusters = reading.records("clusters", (lambda c: c.level == args.level) if args.level else None)
        return reading.show("clusters", CLUSTER_COLUMNS, clusters, plain)


STORY_COLUMNS = (
    Column("id", lambda s: s.id),
    Column("first_date", lambda s: s.first_date),
    Column("last_date", lambda s: s.last_date),
    Column("article_count", lambda s: len(s.articles)),
    Column("cluster_count", lambda s: len(s.clusters)),
    Column("event_count", lambda s: len(s.events)),
    Column("label", lambda s: s.label),
)


def _stories(args: argparse.Namespace, settings: Settings) -> int:
    with Reading(args, settings) as reading:
        plain, stories = reading.records("stories")
        return reading.show("stories", STORY_COLUMNS, stories, plain)


def _coded(name: str | None, code: str | None) -> str | None:
    return f"{name or '-'} ({code})" if code else name


def _event_columns(names: dict[str, str]) -> tuple[Column, ...]:
    return (
        Column("id", lambda e: e.id, table=False),
        Column("date", lambda e: e.date),
        Column("status", lambda e: e.status),
        Column("actor_name", lambda e: e.actor_name, table=False),
        Column("actor_code", lambda e: e.actor_code, table=False),
        Column("actor", lambda e: _coded(e.actor_name, e.actor_code), tsv=False),
        Column("code", lambda e: e.code),
        Column("action", lambda e: e.action),
        Column("target_name", lambda e: e.target_name, table=False),
        Column("target_code", lambda e: e.target_code, table=False),
        Column("target", lambda e: _coded(e.target_name, e.target_code), tsv=False),
        Column("reported_by_name", lambda e: names.get(e.reported_by or "")),
        Column("outlets", lambda e: e.outlets),
        Column("story", lambda e: e.story, table=False),
    )


def _events(args: argparse.Namespace, settings: Settings) -> int:
    with Reading(args, settings) as reading:
        plain, events = reading.records("events")
        names = {} if reading.as_records else _entity_names(reading.store)
        return reading.show("events", _event_columns(names), events, plain)


def _entity_names(store: Store) -> dict[str, str]:
    """Entity id -> name, for who reported an event (the record holds the id)."""
    return {entity["id"]: entity["name"] for entity in load_plain_records(store, "entities")}


BRIEF_COLUMNS = (
    Column("story", lambda b: b.story),
    Column("date", lambda b: b.date),
    Column("text", lambda b: b.text),
    Column("source_articles", lambda b: list(dict.fromkeys(s.article for s in b.sources))),
)


def _brief(args: argparse.Namespace, settings: Settings) -> int:
    with Reading(args, settings) as reading:
        plain, brief = reading.records("brief")
        return reading.show("brief", BRIEF_COLUMNS, brief, plain)
