from __future__ import annotations

from storyline.corpus.timeline import compose_timeline
from storyline.model import Article, Event, PublishedBasis, Span


def event(number: int, date: str, status: str = "happened", action: str = "met the envoy") -> Event:
    return Event(f"ev{number}", date, "explicit", status, "putin", action, None, "040", None, (Span("a", 0, 5),))


ARTICLE = Article("a", "a.txt", None, None, "2022-02-23", PublishedBasis.GIVEN, "Text.", "h")


def test_order_kinds_and_what_stays_out():
    events = (
        event(1, "2022-02-24", "scheduled", "will visit Minsk"),
        event(2, "2014", action="recognised the regions"),
        event(3, "2022-02-21"),
        event(4, "2022-02-22", "hypothetical"),
        event(5, "2022-02", "denied"),
        event(6, "2022-01"),
    )
    entries = compose_timeline(events, (ARTICLE,), {"putin": "Vladimir Putin"})
    assert [(e.date, e.kind) for e in entries] == [
        ("2014", "background"),
        ("2022-01", "story"),
        ("2022-02-21", "story"),
        ("2022-02-24", "story"),
    ]
    assert entries[-1].summary == "Vladimir Putin will visit Minsk (scheduled)"
    assert entries[1].summary == "Vladimir Putin met the envoy"
