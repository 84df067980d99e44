"""What each filter keeps of each kind of record, on the example corpus and two wire reports."""

from __future__ import annotations

import pytest

from storyline.store.database import Store
from storyline.store.filters import Chooser, Filters, chosen_records
from storyline.store.story import RECORD_TYPES, open_story


@pytest.fixture(scope="module")
def story(wire_store):
    with Store.for_reading(wire_store) as store:
        return open_story(store)


def kept(db, kind: str, **filters) -> tuple:
    with Store.for_reading(db) as store:
        return chosen_records(store, kind, Chooser(store, Filters(**filters)))[1]


def test_since_and_until_compare_dates_at_their_precision(wire_store, story):
    dates = {event.date for event in kept(wire_store, "events", since="2022-04-20")}
    # 2022-04 may be any day of April: it stays beside the days from the 20th on.
    assert dates == {"2022-04", "2022-04-20", "2022-04-22", "2022-04-26"}
    assert {event.date for event in kept(wire_store, "events", until="2022-02-12")} == {"2014", "2022-01", "2022-02-12"}
    window = kept(wire_store, "timeline", since="2022-02-14", until="2022-02-14")
    assert window and {entry.date for entry in window} == {"2022-02-14"}
    # An article dated only to the month is kept by a day within it; one dated the 2nd is not.
    assert {a.id for a in kept(wire_store, "articles", since="2022-03-15", until="2022-03-31")} == {"wire-2"}
    # Quotations go by their article's date; undated events are left out by any date filter.
    assert {q.span.article for q in kept(wire_store, "quotes", since="2022-04")} == {"002_7a2cd4767096ddd0.txt", "004_b52ed249a648ff47.txt"}
    assert all(event.date for event in kept(wire_store, "events", since="2000"))
    assert len(kept(wire_store, "events", since="2000")) < len(story.events)


def test_outlet_keeps_what_its_articles_tell(wire_store):
    assert [a.id for a in kept(wire_store, "articles", outlet="probe")] == ["wire-1"]
    events = kept(wire_store, "events", outlet="Probe Wire")
    assert events and all(any(s.article == "wire-1" for s in e.sources) for e in events)
    assert {e.name for e in kept(wire_store, "entities", outlet="other daily")} >= {"Olaf Scholz", "Vladimir Putin"}
    assert "Karl Nehammer" not in {e.name for e in kept(wire_store, "entities", outlet="other daily")}
    assert [q.text for q in kept(wire_store, "quotes", outlet="probe")] == ["The war must end,"]
    assert kept(wire_store, "stories", outlet="probe") and not kept(wire_store, "stories", outlet="nobody")


def test_actor_keeps_what_the_entity_takes_part_in(wire_store, story):
    assert [e.name for e in kept(wire_store, "entities", actor="nehammer")] == ["Karl Nehammer"]
    events = kept(wire_store, "events", actor="Nehammer")
    assert events and all("Karl Nehammer" in (e.actor_name, e.target_name) for e in events)
    # As the target too: an event done to Putin.
    assert any(e.target_name == "Vladimir Putin" for e in kept(wire_store, "events", actor="putin"))
    assert {q.speaker_name for q in kept(wire_store, "quotes", actor="guterres")} == {"António Guterres"}
    assert {a.id for a in kept(wire_store, "articles", actor="Scholz")} >= {"wire-2"}
    assert "wire-1" not in {a.id for a in kept(wire_store, "articles", actor="Scholz")}
    entries = kept(wire_store, "timeline", actor="nehammer")
    assert entries and len(entries) < len(story.timeline)
    # An alias matches: Guterres is written "Antonio Guterres" in the text.
    assert [e.name for e in kept(wire_store, "entities", actor="Antonio Guterres")] == ["António Guterres"]


def test_filters_combine_and_every_kind_answers(wire_store, story):
    both = kept(wire_store, "events", actor="guterres", since="2022-04")
    assert both and all(e.date >= "2022-04" and "Guterres" in (e.actor_name or "") + (e.target_name or "") for e in both)
    for kind in RECORD_TYPES:
        assert len(kept(wire_store, kind, story="story-1")) == len(getattr(story, kind)), kind
        kept(wire_store, kind, since="2022-02", until="2022-03", actor="Guterres", outlet="wire")


def test_a_filter_without_records_chooses_nothing_and_bad_flags_say_why(wire_store):
    assert kept(wire_store, "events", actor="nobody at all") == ()
    with pytest.raises(ValueError, match="--since 2022-05 is after --until 2022-04"):
        Filters(since="2022-05", until="2022-04")
    with pytest.raises(ValueError, match="no story 'story-9'"):
        kept(wire_store, "events", story="story-9")
    assert Filters(since="2022", actor="Guterres").flags() == "--since 2022 --actor Guterres"
    assert not Filters().given


def test_the_records_chosen_are_the_stored_records(wire_store):
    from storyline.model.codec import to_plain

    with Store.for_reading(wire_store) as store:
        plain, typed = chosen_records(store, "events", Chooser(store, Filters(since="2022-04")))
    assert plain == [to_plain(event) for event in typed]
