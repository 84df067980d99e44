"""Reports a person reads: the brief, the timeline, quotes by speaker with how each outlet
rendered them, the actors, the sources and a chart of events per day, as Markdown or as one
self-contained HTML file (no scripts, no fetched assets: it opens offline and can be mailed).

Every piece of article text is escaped, in HTML and in Markdown alike: the articles are other
people's pages, and a title may hold "<script>", "[x](javascript:...)", "![](tracker.png)", a
"|" that would split a table row, or a line break followed by "# heading". In Markdown each
such piece is kept on one line, its markup characters escaped and its HTML written as entities.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import replace

from storyline.export.diff import word_changes, word_diff
from storyline.model import Story
from storyline.model.printable import printable
from storyline.store.selection import selection_of

# What Markdown reads as markup in running text: emphasis, code, links and images ([ ]), headings,
# table cells, strike-through, and the backslash itself. <, > and & become entities.
_MARKDOWN = re.compile(r"([\\`*_\[\]#|~])")


def _md(text: object) -> str:
    """A piece of someone else's text as inert Markdown, on one line."""
    one_line = printable(" ".join(str(text).split()))
    return _MARKDOWN.sub(r"\\\1", html.escape(one_line, quote=False))


def _title(story: Story) -> str:
    stories = [c for c in story.clusters if c.level == "story"]
    events = [c for c in story.clusters if c.level == "event"]
    best = max(stories or events, key=lambda c: len(c.articles), default=None)
    return best.label.split(":")[0] if best else "storyline report"


def _cite(span) -> str:
    return f"{span.article}:{span.start}-{span.end}"


def _events_per_day(story: Story) -> list[tuple[str, int]]:
    counts = Counter(e.date for e in story.events if e.date and len(e.date) == 10 and e.status in ("happened", "scheduled"))
    return sorted(counts.items())


def quotes_by_speaker(story: Story, kinds: tuple[str, ...] = ("direct", "partial")):
    """Speaker -> [(quotation, the other outlets' renderings of it)], each utterance once; the
    report shows quoted words (`kinds`), `storyline quotes` every kind unless told."""
    by_speaker = defaultdict(list)
    by_group = defaultdict(list)
    for quote in story.quotes:
        if quote.kind in kinds:
            by_speaker[quote.speaker_name or "(speaker unknown)"].append(quote)
        if quote.group:
            by_group[quote.group].append(quote)
    result = []
    for speaker, quotes in sorted(by_speaker.items(), key=lambda item: -len(item[1])):
        shown, rows = set(), []
        for quote in quotes:
            if quote.group and quote.group in shown:
                continue
            shown.add(quote.group)
            others = [q for q in by_group.get(quote.group, ()) if q is not quote] if quote.group else []
            rows.append((quote, others))
        result.append((speaker, rows))
    return result


def report_markdown(story: Story) -> str:
    lines = [
        f"# {_md(_title(story))}",
        "",
        f"{len(story.articles)} articles, {len(story.stories) or 1} stories, {len(story.events)} events, {len(story.quotes)} quotations.",
        "",
    ]
    for summary, part in _parts(story):
        if summary is not None:
            lines += [f"## {_md(summary.id)}: {_md(summary.label)}", "", _md(_story_line(summary)), ""]
        elif story.stories:
            lines += ["## Not in any story", ""]
        lines += _story_markdown(part)
    lines += ["## Actors", "", "| name | type | country | roles | mentions |", "|---|---|---|---|---|"]
    for entity in story.entities:
        if entity.roles or len(entity.mentions) > 2:
            cells = (entity.name, entity.type, entity.country or "", "; ".join(entity.roles), len(entity.mentions))
            lines.append("| " + " | ".join(_md(cell) for cell in cells) + " |")
    lines += ["", "## Sources", ""]
    for article in story.articles:
        lines.append(
            f"- {_md(article.id)}: {_md(article.title or '(untitled)')}, {_md(article.outlet or 'outlet unknown')}, "
            f"{_md(article.published or 'date unknown')} ({article.published_basis.value})"
        )
    return "\n".join(lines) + "\n"


def _parts(story: Story):
    """(story summary, the part of the pile it is) for each story, the biggest first; a pile
    stored before stories existed is one part with no summary."""
    if not story.stories:
        return [(None, story)]
    parts = [(summary, selection_of(summary).only(story)) for summary in story.stories]
    # Items no story claims (an event with no source span) are shown, not silently dropped.
    unclaimed = replace(
        story,
        quotes=tuple(q for q in story.quotes if q.story is None),
        events=tuple(e for e in story.events if e.story is None),
        timeline=tuple(t for t in story.timeline if t.story is None),
        brief=tuple(b for b in story.brief if b.story is None),
    )
    if unclaimed.quotes or unclaimed.timeline or unclaimed.brief:
        parts.append((None, unclaimed))
    return parts


def _story_line(summary) -> str:
    span = f"{summary.first_date} to {summary.last_date}" if summary.first_date else "undated"
    return f"{len(summary.articles)} articles, {len(summary.clusters)} event clusters, {len(summary.events)} events; {span}."


def _story_markdown(part: Story) -> list[str]:
    lines = ["### Brief", ""]
    for sentence in part.brief:
        lines.append(f"- {_md(sentence.text)} [{_md(', '.join(_cite(s) for s in sentence.sources))}]")
    lines += ["", "### Timeline", "", "| date | what happened | reported by | outlets | sources |", "|---|---|---|---|---|"]
    reporters = _reporters(part)
    for entry in part.timeline:
        marker = " *(background)*" if entry.kind == "background" else ""
        cites = ", ".join(_cite(s) for s in entry.sources[:3])
        lines.append(f"| {_md(entry.date)} | {_md(entry.summary)}{marker} | {_md(reporters(entry))} | {entry.outlets} | {_md(cites)} |")
    lines += ["", "### Events per day", "", "```"]
    for day, count in _events_per_day(part):
        lines.append(f"{day} {'#' * count} {count}")
    lines += ["```", "", "### Quotes by speaker", ""]
    for speaker, rows in quotes_by_speaker(part):
        lines.append(f"#### {_md(speaker)}")
        for quote, others in rows:
            lines.append(f"- “{_md(quote.text)}” ({_md(quote.span.article)})")
            lines += [f"  - as {_md(other.span.article)}: {word_diff(_md(quote.text), _md(other.text))}" for other in others]
        lines.append("")
    return lines


def _reporters(part: Story):
    """A function naming who relayed a timeline entry's events ("Stéphane Dujarric" for what
    the Secretary-General did, in his spokesman's words): the events' `reported_by`."""
    names = {entity.id: entity.name for entity in part.entities}
    reported = {event.id: names.get(event.reported_by, event.reported_by) for event in part.events if event.reported_by}

    def reporters(entry) -> str:
        return ", ".join(dict.fromkeys(reported[event] for event in entry.events if event in reported))

    return reporters


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.7em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3em .5em;vertical-align:top;text-align:left}
.cite{color:#777;font-size:.8em}.background{color:#888}.scheduled{color:#a60}
del{background:#fdd}ins{background:#dfd;text-decoration:none}
svg text{font:11px sans-serif}
"""


def report_html(story: Story) -> str:
    e = html.escape
    parts_of = _parts(story)
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(_title(story))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(_title(story))}</h1>",
        f"<p>{len(story.articles)} articles, {len(story.stories) or 1} stories, {len(story.events)} events, {len(story.quotes)} quotations.</p>",
    ]
    if story.stories:
        parts.append("<nav id='stories'><h2>Stories</h2><ol>")
        for summary, _part in (p for p in parts_of if p[0] is not None):
            parts.append(f"<li><a href='#{e(summary.id)}'>{e(summary.label)}</a> <span class='cite'>{e(_story_line(summary))}</span></li>")
        parts.append("</ol></nav>")
    for summary, part in parts_of:
        if summary is not None:
            parts.append(
                f"<section class='story' id='{e(summary.id)}'><h2>{e(summary.label)}</h2><p class='cite'>{e(summary.id)}: {e(_story_line(summary))}</p>"
            )
        elif story.stories:
            parts.append("<section class='story' id='no-story'><h2>Not in any story</h2>")
        else:
            parts.append("<section class='story'>")
        parts += _story_html(part)
        parts.append("</section>")
    parts.append(
        "<section id='actors'><h2>Actors</h2><table><tr><th>name</th><th>type</th><th>country</th><th>roles</th><th>mentions</th></tr>"
    )
    for entity in story.entities:
        if entity.roles or len(entity.mentions) > 2:
            parts.append(
                f"<tr><td>{e(entity.name)}</td><td>{e(entity.type)}</td><td>{e(entity.country or '')}</td><td>{e('; '.join(entity.roles))}</td><td>{len(entity.mentions)}</td></tr>"
            )
    parts.append("</table></section><section id='sources'><h2>Sources</h2><ul>")
    for article in story.articles:
        parts.append(
            f"<li>{e(article.id)}: {e(article.title or '(untitled)')}, {e(article.outlet or 'outlet unknown')}, "
            f"{e(article.published or 'date unknown')} ({e(article.published_basis.value)})</li>"
        )
    parts.append("</ul></section></body></html>")
    return "\n".join(parts) + "\n"


def _story_html(part: Story) -> list[str]:
    e = html.escape
    parts = ["<div class='brief'><h3>Brief</h3><ul>"]
    for sentence in part.brief:
        parts.append(f"<li>{e(sentence.text)} <span class='cite'>[{e(', '.join(_cite(s) for s in sentence.sources))}]</span></li>")
    parts.append(
        "</ul></div><div class='timeline'><h3>Timeline</h3><table><tr><th>date</th><th>what happened</th><th>reported by</th><th>outlets</th></tr>"
    )
    reporters = _reporters(part)
    for entry in part.timeline:
        css = entry.kind if entry.kind == "background" else ("scheduled" if entry.status == "scheduled" else "")
        cites = e(", ".join(_cite(s) for s in entry.sources[:3]))
        parts.append(
            f"<tr class='{css}'><td>{e(entry.date)}</td><td>{e(entry.summary)} <span class='cite'>{cites}</span></td>"
            f"<td>{e(reporters(entry))}</td><td>{entry.outlets}</td></tr>"
        )
    parts.append("</table></div>")
    parts.append(f"<div class='chart'><h3>Events per day</h3>{_chart_svg(_events_per_day(part))}</div>")
    parts.append("<div class='quotes'><h3>Quotes by speaker</h3>")
    for speaker, rows in quotes_by_speaker(part):
        parts.append(f"<h4>{e(speaker)}</h4><ul>")
        for quote, others in rows:
            variants = "".join(f"<li>as {e(other.span.article)}: {_diff_html(quote.text, other.text)}</li>" for other in others)
            parts.append(
                f"<li>“{e(quote.text)}” <span class='cite'>{e(quote.span.article)}</span>{f'<ul>{variants}</ul>' if variants else ''}</li>"
            )
        parts.append("</ul>")
    parts.append("</div>")
    return parts


def _diff_html(a: str, b: str) -> str:
    """The word diff with removed words struck through and added ones highlighted."""
    tags = {"same": "{}", "removed": "<del>{}</del>", "added": "<ins>{}</ins>"}
    return " ".join(tags[kind].format(html.escape(" ".join(words))) for kind, words in word_changes(a, b))


def _chart_svg(days: list[tuple[str, int]]) -> str:
    """A bar chart of events per day, drawn as inline SVG."""
    if not days:
        return "<p>No dated events.</p>"
    width, height, bar = 900, 180, max(4, min(40, 860 // len(days)))
    top = max(count for _, count in days)
    bars = []
    for index, (day, count) in enumerate(days):
        x = 30 + index * bar
        h = int((height - 40) * count / top)
        bars.append(
            f"<rect x='{x}' y='{height - 25 - h}' width='{bar - 2}' height='{h}' fill='#4a78b5'><title>{html.escape(day)}: {count}</title></rect>"
        )
        if len(days) <= 40 or index % max(1, len(days) // 20) == 0:
            bars.append(f"<text x='{x}' y='{height - 8}' transform='rotate(-45 {x} {height - 8})'>{html.escape(day[5:])}</text>")
        bars.append(f"<text x='{x + 2}' y='{height - 28 - h}'>{count}</text>")
    return f"<svg role='img' aria-label='events per day' width='{width}' height='{height}' viewBox='0 0 {width} {height}'>{''.join(bars)}</svg>"
