"""What the story page shows: the filters by date, actor and outlet, and lists in pages."""

from __future__ import annotations

import pytest

from storyline.serve.stored import load_snapshot
from storyline.serve.timeline import days_of
from storyline.serve.views import Filters, article_view, paged, story_rows, story_view

from .conftest import PROBE_ID


@pytest.fixture(scope="module")
def snapshot(built_store):
    return load_snapshot(built_store)


def test_a_date_range_keeps_what_overlaps_it():
    february = Filters.of(start="2022-02-01", end="2022-02-28")
    assert february.dated("2022-02-14") and february.dated("2022-02") and february.dated("2022")
    assert not february.dated("2022-03-01") and not february.dated("2021") and not february.dated(None)
    assert Filters().dated(None) and Filters.of(start="2022-02-30") == Filters()  # not a date: no filter
    assert Filters.of(actor="russia", outlet="Probe News").query(events_page=2, quotes_page=1) == (
        "actor=russia&outlet=Probe+News&events_page=2"
    )


def test_the_actor_filter_keeps_what_involves_the_actor(snapshot):
    everything = story_view(snapshot, "story-1", Filters(), {})
    entity = everything.actor_choices[0][0]
    view = story_view(snapshot, "story-1", Filters.of(actor=entity), {})
    events = view.events.items
    assert 0 < view.events.total < everything.events.total
    assert all(entity in (event.actor, event.target) for event in events)
    kept = {event.id for event in snapshot.events if entity in (event.actor, event.target)}
    assert view.timeline.items and all(kept.intersection(entry.events) for entry in view.timeline.items)
    assert all(row.quote.speaker == entity for row in view.quotes.items)


def test_the_outlet_and_date_filters(snapshot):
    view = story_view(snapshot, "story-1", Filters.of(outlet="Probe News"), {})
    assert view.outlets == ("Probe News",)
    assert view.events.total and all(any(s.article == PROBE_ID for s in event.sources) for event in view.events.items)
    dated = story_view(snapshot, "story-1", Filters.of(start="2022-04-01"), {})
    assert dated.timeline.items and all(days_of(entry.date)[1] >= days_of("2022-04-01")[0] for entry in dated.timeline.items)
    assert story_view(snapshot, "story-nope", Filters(), {}) is None


def test_quotes_come_with_every_other_rendering_as_a_word_diff(snapshot):
    rows = story_view(snapshot, "story-1", Filters(), {"quotes_page": 1}).quotes
    rendered = [rendering for row in rows.items for rendering in row.renderings]
    assert rendered, "the example corpus quotes one sentence in two outlets"
    kinds = {kind for rendering in rendered for kind, _ in rendering.changes}
    assert kinds <= {"same", "removed", "added"} and {"removed", "added"} & kinds
    assert ("removed", "catastrophic") in {change for rendering in rendered for change in rendering.changes}


def test_long_lists_come_in_pages():
    page = paged(list(range(25)), 3, 10, "page")
    assert page.items == tuple(range(20, 25)) and page.pages == 3 and page.first == 21 and page.total == 25
    assert paged(list(range(25)), 99, 10, "page").number == 3 and paged([], 1, 10, "page").first == 0


def test_the_stories_and_an_article(snapshot):
    assert [row.summary.id for row in story_rows(snapshot)] == [story.id for story in snapshot.stories]
    assert story_rows(snapshot, "no such label") == []
    view = article_view(snapshot, PROBE_ID, (0, 10))
    assert view.counts["entity"] > 0 and view.stories[0].id == "story-1"
    assert article_view(snapshot, "nope", None) is None
