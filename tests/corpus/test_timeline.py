from __future__ import annotations

import re

import storyline
from storyline.corpus.timeline import compose_timeline
from storyline.model import Article, Event, PublishedBasis, SentenceDate, Span


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


def story_of(tmp_path, *texts: str):
    """The story of articles written here, one per text, each published on its first line."""
    for number, text in enumerate(texts):
        (tmp_path / f"{number}.txt").write_text(text)
    story = storyline.build(tmp_path, workers=1)
    return story, {event.id: event for event in story.events}


def test_an_entry_says_what_was_said_and_a_claim_names_its_teller(tmp_path):
    story, _ = story_of(
        tmp_path,
        "2022-02-22\n\nAntonio Guterres said on Tuesday that it was time to defuse the tension between Russia and Ukraine.\n\n"
        "Vyacheslav Volodin said the United States attacked Russian positions in Donbas on Monday.",
    )
    summaries = [entry.summary for entry in story.timeline]
    assert any("defuse the tension" in summary for summary in summaries)
    assert not [s for s in summaries if re.fullmatch(r"[\w .'-]+ (said|noted|claimed|reported)\.?", s)]
    claims = [entry for entry in story.timeline if entry.status == "reported"]
    assert claims and all("Volodin" in entry.summary for entry in claims)


def test_a_claim_told_without_its_teller_reads_as_a_claim():
    article = Article(
        "a", "a.txt", None, None, "2022-02-15", PublishedBasis.GIVEN, "The United States attacked Russian positions.", "h",
        sentences=(SentenceDate(0, 46, "2022-02-14", "news day", "happened"),),
    )
    claim = Event("ev1", "2022-02-14", "news day", "reported", "usa", "attacked Russian positions", None, "190", None, (Span("a", 0, 46),), reported_by="volodin")
    (entry,) = compose_timeline((claim,), (article,), {"usa": "United States", "volodin": "Vyacheslav Volodin"})
    assert entry.summary == "According to Vyacheslav Volodin, the United States attacked Russian positions."


def test_a_later_mention_of_an_event_is_not_a_new_entry(tmp_path):
    story, events = story_of(
        tmp_path,
        "2022-02-24\n\nRussia invaded Ukraine on Thursday, February 24.",
        "2022-04-22\n\nThe Russian president refused to speak with Guterres after he claimed that Russia violated the UN Charter by invading Ukraine.",
    )
    def invasions(date: str) -> list:
        return [e for e in story.timeline if e.date == date and any((events[i].code or "").startswith("19") for i in e.events)]

    assert invasions("2022-02-24") and not invasions("2022-04-22")


def test_a_sentence_is_the_summary_of_one_entry_only(tmp_path):
    story, _ = story_of(
        tmp_path,
        "2022-02-22\n\nKremlin spokesman Dmitry Peskov said on Tuesday that Russia has recognized the independence of the "
        "rebel regions in the borders they proclaimed in 2014.\n\nAntonio Guterres met Sergei Lavrov in Geneva on Monday.",
    )
    summaries = [entry.summary for entry in story.timeline]
    assert len(summaries) == len(set(summaries)) >= 2
    peskov = [e for e in story.timeline if "Peskov" in e.summary]
    assert [e.kind for e in peskov] == ["story"]  # the news of the day, not the 2014 history


def test_salience_sums_to_the_dates_and_follows_the_coverage(tmp_path):
    story, _ = story_of(
        tmp_path,
        "2010-04-21\n\nAn explosion on the Deepwater Horizon rig killed eleven workers on April 20.",
        "2010-05-03\n\nBP said on Monday that since the April 20 explosion it has spent $350 million on the response.",
        "2010-05-10\n\nThe Coast Guard said engineers were still fighting the leak that began with the April 20 explosion.",
        "2010-05-11\n\nA local fisherman sold his boat to a neighbour.",
    )
    by_date: dict[str, float] = {}
    for entry in story.timeline:
        assert 0.0 <= entry.salience <= 1.0
        by_date[entry.date] = by_date.get(entry.date, 0.0) + entry.salience
    assert max(by_date, key=by_date.get) == "2010-04-20"
    assert all(value <= 1.0 + 1e-6 for value in by_date.values())
