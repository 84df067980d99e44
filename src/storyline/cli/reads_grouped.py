"""The read commands whose table is grouped: quotes (by speaker, with every other outlet's
rendering as a word diff) and timeline (one per story, its most salient dates). Piped, they
print one row per record like the others; json and jsonl give the export's records."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from storyline.cli.output import Column, show
from storyline.cli.reading import Reading
from storyline.export.tables import emit, styled
from storyline.model.printable import printable
from storyline.settings import Settings
from storyline.store.selection import most_salient

# What the timeline table shows of each story unless told: a big story's timeline, readable.
TABLE_DATES, TABLE_PER_DATE = 30, 3


def add_options(quotes: argparse.ArgumentParser, timeline: argparse.ArgumentParser) -> None:
    quotes.add_argument("--speaker", help="only speakers whose name contains this")
    quotes.add_argument(
        "--kind", action="append", choices=["direct", "partial", "indirect"], help="only quotations of this kind (repeatable; default: every kind)"
    )
    timeline.add_argument(
        "--max-dates",
        type=int,
        metavar="N",
        help=f"the N most salient dates of each story (0: all; default {TABLE_DATES} in a table, all otherwise)",
    )
    timeline.add_argument(
        "--per-date",
        type=int,
        metavar="K",
        help=f"the K most salient entries of each date (0: all; default {TABLE_PER_DATE} in a table, all otherwise)",
    )


def quotes(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.export.report import quotes_by_speaker
    from storyline.lexicon.names import fold
    from storyline.model import Story

    kinds = tuple(args.kind or ("direct", "partial", "indirect"))
    speaker = fold(args.speaker) if args.speaker else None
    with Reading(args, settings) as reading:
        plain, every = reading.records("quotes")
    # Who relayed a quotation is looked up among all of them, the relayer's own words included.
    by_id = {quote.id: quote for quote in every}

    def wanted(quote) -> bool:
        return quote.kind in kinds and (speaker is None or speaker in fold(quote.speaker_name or ""))

    chosen = tuple(quote for quote in every if wanted(quote))
    plain = [record for record, quote in zip(plain, every, strict=True) if wanted(quote)] if reading.as_records else []
    speakers = quotes_by_speaker(Story(quotes=chosen), kinds)
    if reading.output_format != "table":
        # Rows as the table shows them: by speaker, an utterance once with its other renderings;
        # json and jsonl hold every record, renderings included.
        rows = [(name, quote, others) for name, quoted in speakers for quote, others in quoted]
        show("quotes", "quotes", _quote_columns(by_id), rows, plain, reading.output_format)
        return 0
    sys.stdout.write("".join(line + "\n" for line in _quote_lines(speakers, by_id)))
    return 0


def _quote_columns(by_id: dict) -> tuple[Column, ...]:
    from storyline.export.diff import word_diff

    return (
        Column("id", lambda row: row[1].id),
        Column("speaker_name", lambda row: row[0]),
        Column("kind", lambda row: row[1].kind),
        Column("text", lambda row: row[1].text),
        Column("span_article", lambda row: row[1].span.article),
        Column("quoted_by", lambda row: _relayer(row[1], by_id)),
        Column("renderings", lambda row: " | ".join(f"{other.span.article}: {word_diff(row[1].text, other.text)}" for other in row[2])),
    )


def _relayer(quote, by_id: dict) -> str | None:
    if quote.nested_in not in by_id:
        return None
    return by_id[quote.nested_in].speaker_name or "an unnamed speaker"


def _quote_lines(speakers: list, by_id: dict) -> list[str]:
    from storyline.export.diff import word_diff

    lines = []
    for name, rows in speakers:
        lines.append(f"{styled(printable(name), 'bold')} ({len(rows)})")
        for quote, others in rows:
            lines.append(f"  [{quote.kind}] {printable(quote.text)}  {styled(printable(quote.span.article), 'dim')}")
            if (relayer := _relayer(quote, by_id)) is not None:
                lines.append("      " + styled(f"quoted by {printable(relayer)}", "dim"))
            lines += [f"      as {printable(other.span.article)}: {printable(word_diff(quote.text, other.text))}" for other in others]
    return lines


TIMELINE_COLUMNS = (
    Column("story", lambda e: e.story),
    Column("date", lambda e: e.date),
    Column("summary", lambda e: e.summary),
    Column("outlets", lambda e: e.outlets),
    Column("kind", lambda e: e.kind),
    Column("status", lambda e: e.status, table=False),
    Column("salience", lambda e: e.salience, table=False),
)


def timeline(args: argparse.Namespace, settings: Settings) -> int:
    """One timeline per story, the biggest story first; entries of no story come last."""
    from storyline.store.story import load_records

    with Reading(args, settings) as reading:
        plain, entries = reading.records("timeline")
        stories = load_records(reading.store, "stories")  # all of them: the order of the stories
    table = reading.output_format == "table"
    max_dates = args.max_dates if args.max_dates is not None else (TABLE_DATES if table else 0)
    per_date = args.per_date if args.per_date is not None else (TABLE_PER_DATE if table else 0)
    order = {story.id: rank for rank, story in enumerate(stories)}
    total = Counter(entry.story for entry in entries)
    kept = most_salient(entries, max_dates, per_date)
    if reading.as_records:
        chosen = {id(entry) for entry in kept}
        plain = [record for record, entry in zip(plain, entries, strict=True) if id(entry) in chosen]
        show("timeline", "timeline", TIMELINE_COLUMNS, kept, plain, reading.output_format)
        return 0
    kept.sort(key=lambda e: (order.get(e.story, len(order)), e.date, e.kind != "background"))
    if not table:
        show("timeline", "timeline", TIMELINE_COLUMNS, kept, (), reading.output_format)
        return 0
    _timeline_tables(kept, total, {story.id: story.label for story in stories})
    return 0


def _timeline_tables(kept: list, total: Counter, labels: dict[str, str]) -> None:
    columns = [c for c in TIMELINE_COLUMNS if c.table][1:]
    styles = ["dim" if e.kind == "background" else ("yellow" if e.status == "scheduled" else None) for e in kept]
    for story_id in dict.fromkeys(entry.story for entry in kept):
        shown = [i for i, entry in enumerate(kept) if entry.story == story_id]
        of = f" of {total[story_id]}" if len(shown) < total[story_id] else ""
        title = f"{story_id or 'no story'}: {labels.get(story_id, '')} ({len(shown)}{of} entries)"
        rows = [tuple(column.value(kept[i]) for column in columns) for i in shown]
        emit(title, [c.name for c in columns], [tuple("-" if v is None else str(v) for v in row) for row in rows], "table", [styles[i] for i in shown])
