"""An article's clean text cut into runs, each marked with every extracted item that covers it.

Items overlap (a quote holds names and a date; an event's sentence holds all of them), so the
text is cut at every item's start and end and each run carries the classes of all items over it;
the page draws them as layers. What cleaning took out is put back where it stood, as a marked
run of its own, so the reader sees the removal log in place. The runs are plain text: the
template escapes them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from storyline.model import Article, Removal
from storyline.serve.stored import ArticleItems

TARGET = "target"


@dataclass(frozen=True, slots=True)
class Mark:
    """An item over text[start:end]: its class on the page and the words its tooltip shows."""

    start: int
    end: int
    kind: str  # entity, speaker, quote, time, event, target
    note: str


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    kinds: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    start: int = 0
    anchor: str | None = None  # the id of the run the link's target begins at
    removal: Removal | None = None

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(self.kinds))

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(self.notes))


def item_marks(article: Article, items: ArticleItems) -> list[Mark]:
    """The marks of everything the story found in the article."""
    marks = [Mark(m.start, m.end, "entity", f"{m.entity.name} ({m.entity.type})") for m in items.mentions]
    marks += [Mark(t.start, t.end, "time", f"time: {t.value or t.type}") for t in article.times]
    for quote in items.quotes:
        speaker = quote.speaker_name or "an unnamed speaker"
        marks.append(Mark(quote.span.start, quote.span.end, "quote", f"{quote.kind} quote of {speaker}"))
        if quote.speaker_span is not None and quote.speaker_span.article == article.id:
            marks.append(Mark(quote.speaker_span.start, quote.speaker_span.end, "speaker", f"speaker: {speaker}"))
    for event in items.events:
        who = event.actor_name or "someone"
        note = f"event {event.id} ({event.code or 'uncoded'}, {event.status}): {who} {event.action}"
        marks += [Mark(s.start, s.end, "event", note) for s in event.sources if s.article == article.id]
    return marks


def article_runs(article: Article, marks: list[Mark], target: tuple[int, int] | None = None) -> list[Run]:
    """The clean text as runs, `target` (a linked span) marked too, with removals in place."""
    text = article.text
    if target is not None:
        start, end = max(0, min(target)), min(len(text), max(target))
        if start < end:
            marks = [*marks, Mark(start, end, TARGET, "the linked passage")]
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    removals: dict[int, list[Removal]] = defaultdict(list)
    for removal in article.removed:
        if removal.at is not None:
            removals[min(max(removal.at, 0), len(text))].append(removal)
    cuts = sorted({0, len(text), *removals, *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        starting[mark.start].append(mark)
    active: list[Mark] = []
    runs: list[Run] = []
    anchored = False
    for here, after in zip(cuts, [*cuts[1:], None], strict=True):
        runs += [Run(r.text, ("removed",), (f"removed by cleaning: {r.kind}",), here, removal=r) for r in removals.get(here, ())]
        if after is None:
            break
        active = [m for m in active if m.end > here] + starting.get(here, [])
        kinds = tuple(m.kind for m in active)
        anchor = None
        if TARGET in kinds and not anchored:
            anchor, anchored = TARGET, True
        runs.append(Run(text[here:after], kinds, tuple(m.note for m in active), here, anchor))
    return runs


def removals_elsewhere(article: Article) -> list[Removal]:
    """Removals the cleaner could not place in the text: listed after it."""
    return [removal for removal in article.removed if removal.at is None]
