"""Stories: a pile of two stories comes apart into two, every item says which story it is of,
each story's timeline holds only its own articles' events, and every read can take one story."""

from __future__ import annotations

import json

import pytest

import storyline
from storyline.cli import main
from storyline.export.report import report_html

QUAKE = [
    [
        "Published: 14 February 2022",
        "A magnitude 6.1 earthquake struck the Turkish province of Malatya on Monday, killing at least 12 people, Turkey's disaster agency AFAD said.",
        "Rescuers in Malatya pulled survivors from collapsed apartment blocks in the town of Yesilyurt through the night, AFAD said.",
        "Interior Minister Suleyman Soylu said 40 aftershocks had been recorded and schools in Malatya would stay closed.",
    ],
    [
        "Published: 15 February 2022",
        "At least 12 people died when a strong earthquake hit Malatya province in eastern Turkey on Monday, officials said.",
        "Survivors were pulled from the rubble of apartment blocks in Yesilyurt, Interior Minister Suleyman Soylu told reporters.",
        "AFAD said dozens of aftershocks followed the quake, and schools in Malatya were closed.",
    ],
    [
        "Published: 21 February 2022",
        "A week after the Malatya earthquake, AFAD said 3,000 families in Yesilyurt were still sleeping in tents.",
        "Interior Minister Suleyman Soylu visited the tent camps on Sunday and promised that new apartment blocks would be built by the summer.",
        "Engineers inspecting the collapsed blocks said builders in Malatya had ignored the earthquake code.",
    ],
]
TRADE = [
    [
        "Published: 16 February 2022",
        "Trade negotiators from the European Union and Japan met in Geneva on Wednesday to discuss tariffs on steel and rice, the European Commission said.",
        "Commissioner Valdis Dombrovskis said the talks with Japanese trade minister Koichi Hagiuda had been frank and that tariffs on steel would fall.",
        "The WTO director-general Ngozi Okonjo-Iweala welcomed the Geneva talks and urged both sides to settle the rice quota.",
    ],
    [
        "Published: 17 February 2022",
        "Valdis Dombrovskis and Koichi Hagiuda agreed in Geneva to cut steel tariffs by half, according to a joint statement.",
        "The rice quota dispute between the European Union and Japan was left for the next round of talks, Hagiuda told reporters.",
        "Ngozi Okonjo-Iweala of the WTO said the Geneva deal on steel tariffs showed that trade talks could still work.",
    ],
    [
        "Published: 2 March 2022",
        "Steel makers in Europe criticised the tariff deal Valdis Dombrovskis struck with Japan in Geneva, saying it would flood the market.",
        "Koichi Hagiuda said Japan would not reopen the steel tariffs, and that the rice quota talks would resume in Tokyo.",
        "The European Commission defended the Geneva agreement on steel and said the WTO had backed it.",
    ],
]


@pytest.fixture(scope="module")
def pile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pile")
    truth = {}
    for topic, articles in (("quake", QUAKE), ("trade", TRADE)):
        for number, paragraphs in enumerate(articles, 1):
            name = f"{topic}{number}.txt"
            (folder / name).write_text("\n\n".join(paragraphs))
            truth[name] = topic
    db = folder / "story.db"
    story = storyline.build(folder, db=db, workers=1)
    return story, truth, db


def test_two_stories_come_apart_whole(pile):
    story, truth, _ = pile
    found = sorted(sorted(s.articles) for s in story.stories)
    assert found == [[a for a in sorted(truth) if truth[a] == topic] for topic in ("quake", "trade")]
    for summary in story.stories:
        assert summary.label and summary.first_date and summary.last_date and summary.first_date <= summary.last_date
        assert summary.events and summary.clusters


def test_every_item_names_its_story_and_each_timeline_holds_only_its_own_articles(pile):
    story, _, _ = pile
    members = {s.id: set(s.articles) for s in story.stories}
    assert story.timeline and story.events and story.quotes is not None and story.brief
    for item in (*story.timeline, *story.events, *story.brief):
        assert item.story in members
        assert all(span.article in members[item.story] for span in item.sources)
    for quote in story.quotes:
        assert quote.span.article in members[quote.story]
    for summary in story.stories:
        assert {e.id for e in story.events if e.story == summary.id} == set(summary.events)


def test_reads_and_the_export_take_one_story(pile, capsys):
    story, truth, db = pile
    quake = next(s for s in story.stories if "quake1.txt" in s.articles)
    assert main(["export", "--db", str(db), "--story", quake.id]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in exported["stories"]] == [quake.id]
    assert {a["id"] for a in exported["articles"]} == {a for a in truth if truth[a] == "quake"}
    assert exported["timeline"] and all(entry["story"] == quake.id for entry in exported["timeline"])
    assert main(["timeline", "--db", str(db), "--story", quake.id, "--format", "tsv"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert lines and all(line.startswith(quake.id + "\t") for line in lines)
    assert main(["stories", "--db", str(db), "--format", "tsv"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in listed[1:]] == [s.id for s in story.stories]
    assert main(["events", "--db", str(db), "--story", "story-99"]) == 2
    assert "no story 'story-99'" in capsys.readouterr().err


def test_the_report_has_one_section_per_story_biggest_first(pile):
    story, _, _ = pile
    page = report_html(story)
    ordered = sorted(story.stories, key=lambda s: (-len(s.articles), s.id))
    positions = [page.index(f"<section class='story' id='{s.id}'>") for s in ordered]
    assert positions == sorted(positions) and len(positions) == 2
