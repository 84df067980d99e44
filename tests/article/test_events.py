"""Events: actor, action, target and time from each construction, and merging that joins one
event's tellings but not two events."""

from __future__ import annotations

import storyline
from storyline.article.annotate import annotation_of, load_model
from storyline.article.events import find_events
from storyline.article.mentions import find_entities
from storyline.article.timex import tag
from storyline.article.timex.tense import sentence_tenses
from storyline.model import TimeTagging
from storyline.settings import Settings


def analysed(text: str):
    """(entities, time tagging, events) of a text, each stage run as the build runs it."""
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_entities(text, annotation)
    tagging = TimeTagging(tuple(tag(text, annotation.tokens)), (), tuple(sentence_tenses(annotation)))
    return found, tagging, find_events(text, annotation, found, tagging).events


def extracted(text: str) -> list[tuple[str | None, str, str, str | None, str | None]]:
    """(actor, code, action, target, time text) of every event."""
    found, tagging, events = analysed(text)
    rows = []
    for event in events:
        actor = found.entities[event.actor].names[0] if event.actor >= 0 else event.actor_country
        target = found.entities[event.target].names[0] if event.target >= 0 else None
        time = tagging.mentions[event.time].text if event.time >= 0 else None
        rows.append((actor, event.code, event.action, target, time))
    return rows


def built(tmp_path, text: str):
    """The story of one article published on `text`'s first line, and its entities' names."""
    (tmp_path / "a.txt").write_text(text)
    story = storyline.build(tmp_path, workers=1)
    return story, {e.id: e.name for e in story.entities}


def test_subject_verb_object_and_its_own_time():
    rows = extracted("Ukrainian President Volodymyr Zelensky on Monday held a meeting with German Chancellor Olaf Scholz.")
    assert rows == [("Volodymyr Zelensky", "040", "held a meeting with German Chancellor Olaf Scholz", "Olaf Scholz", "Monday")]


def test_light_verb_and_phrasal_verb():
    rows = extracted("Antonio Guterres has had little contact with Volodymyr Zelensky. Antonio Guterres called for diplomacy.")
    assert [(a, c) for a, c, *_ in rows] == [("Antonio Guterres", "040"), ("Antonio Guterres", "020")]


def test_infinitive_takes_the_subject_it_hangs_on():
    rows = extracted("Austrian Chancellor Karl Nehammer was the last Western leader to meet Vladimir Putin in Moscow on April 11.")
    assert ("Karl Nehammer", "040", "Vladimir Putin", "April 11") in [(a, c, t, time) for a, c, _, t, time in rows]


def test_coordinated_and_apposed_actors_each_act():
    rows = extracted("The defense ministers, Viktor Khrenin and Olexiy Reznikov, discussed military cooperation on Monday.")
    assert {a for a, *_ in rows} == {"Viktor Khrenin", "Olexiy Reznikov"}


def test_appeal_is_not_the_action_appealed_for():
    rows = extracted("Antonio Guterres called on the parties to cease fighting during a four-day pause.")
    assert [c for _, c, *_ in rows] == ["020"]


def test_reported_speech_keeps_the_event_and_its_reporter():
    text = "Antonio Guterres sent letters to Vladimir Putin on Tuesday, his spokesman, Stephane Dujarric, announced Wednesday."
    rows = extracted(text)
    assert ("Antonio Guterres", "Tuesday") in [(a, time) for a, _, _, _, time in rows]
    assert ("Stephane Dujarric", "Wednesday") in [(a, time) for a, _, _, _, time in rows]


def test_according_to_is_a_statement_with_its_own_date():
    rows = extracted("Vladimir Putin will meet Antonio Guterres next week, according to the Kremlin on Friday.")
    assert ("Kremlin", "010", "Friday") in [(a, c, time) for a, c, _, _, time in rows]
    assert ("Vladimir Putin", "040", "next week") in [(a, c, time) for a, c, _, _, time in rows]


def test_according_to_an_outlet_is_how_we_know_not_an_event_of_the_outlet():
    rows = extracted("Vladimir Putin will meet Antonio Guterres next week, according to Reuters.")
    assert [a for a, c, _, _, _ in rows if c == "010"] == []
    assert ("Vladimir Putin", "040") in [(a, c) for a, c, _, _, _ in rows]


def test_an_outlets_report_is_how_we_know_not_an_event_of_the_outlet():
    rows = extracted('Scholz said NATO membership is "out of the agenda", Interfax-Ukraine news agency reported.')
    assert [a for a, _, _, _, _ in rows if a and "Interfax" in a] == []
    assert ("Olaf Scholz" in {a for a, _, _, _, _ in rows}) or ("Scholz" in {a for a, _, _, _, _ in rows})


def test_event_named_by_a_noun():
    rows = extracted("Since the start of the Russian invasion of Ukraine on February 24, the UN has been sidelined.")
    assert ("RUS", "192", "February 24") in [(a, c, time) for a, c, _, _, time in rows]


def test_one_event_told_twice_merges_two_events_do_not(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Published: 14 February 2022\nUN Secretary-General Antonio Guterres on Monday called for diplomacy to defuse tensions between Russia and Ukraine."
        " He spoke with Russian Foreign Minister Sergei Lavrov by phone on Monday."
    )
    (tmp_path / "b.txt").write_text(
        "Published: 14 February 2022\nAntonio Guterres urged diplomacy on Monday to defuse the tensions between Russia and Ukraine, warning of a catastrophic confrontation."
    )
    story = storyline.build(tmp_path, workers=1)
    names = {e.id: e.name for e in story.entities}
    guterres = [e for e in story.events if names.get(e.actor) == "Antonio Guterres" and e.date == "2022-02-14"]
    appeals = [e for e in guterres if e.code.startswith(("01", "02"))]
    consults = [e for e in guterres if e.code.startswith("04")]
    assert len(appeals) == 1 and {s.article for s in appeals[0].sources} == {"a.txt", "b.txt"}
    assert len(consults) == 1 and {s.article for s in consults[0].sources} == {"a.txt"}


def test_event_noun_done_by_the_subject_and_a_capital_acting_as_its_state(tmp_path):
    story, names = built(
        tmp_path,
        "Published: 23 February 2022\nWestern officials fear that Moscow could follow up on Monday's recognition of the rebel regions."
        " Russia denied any plan to invade.",
    )
    recognitions = [e for e in story.events if e.code == "054"]
    assert [(names.get(e.actor), e.date) for e in recognitions] == [("Russia", "2022-02-21")]


def test_location_from_the_clause():
    text = "Austrian Chancellor Karl Nehammer met Vladimir Putin in Moscow on April 11."
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_entities(text, annotation)
    tagging = TimeTagging(tuple(tag(text, annotation.tokens)), (), tuple(sentence_tenses(annotation)))
    (event,) = find_events(text, annotation, found, tagging).events
    assert found.entities[event.location].names[0] == "Moscow"


def test_a_statement_is_dated_when_made_not_when_what_it_announces_happens(tmp_path):
    story, names = built(
        tmp_path,
        "Published: 22 April 2022\n"
        '"On Tuesday, April 26, Antonio Guterres will arrive in Moscow," Kremlin spokesman Dmitry Peskov told the news agency.'
        " Vladimir Putin refused to agree to speak with Antonio Guterres.",
    )
    rows = {(names.get(e.actor), e.code, e.date, e.status) for e in story.events}
    assert ("Dmitry Peskov", "010", "2022-04-22", "happened") in rows
    assert ("Antonio Guterres", "042", "2022-04-26", "scheduled") in rows
    # What Putin refused to do did not happen: only the refusal is an event.
    assert [code for name, code, _, _ in rows if name == "Vladimir Putin"] == ["120"]


def test_passive_with_agent_acts_through_the_by_phrase():
    rows = extracted("Antonio Guterres was received by Vladimir Putin in Moscow on Tuesday.")
    assert ("Vladimir Putin", "043", "Antonio Guterres", "Tuesday") in [(a, c, t, time) for a, c, _, t, time in rows]


def test_passive_subject_of_a_verb_it_completes_still_acts():
    rows = extracted("Next Thursday, the UN Security Council is scheduled to hold its annual meeting on Ukraine.")
    assert [(a, c) for a, c, *_ in rows] == [("UN Security Council", "040")]


def test_agentless_passive_is_done_by_the_body_whose_session_it_happens_at():
    text = (
        "Vyacheslav Volodin, chairman of Russia's lower house of parliament, the State Duma, said Monday that the parliament"
        " would consider two resolutions. The appeal will be considered and voted upon during the parliament's plenary"
        " session on Tuesday, Volodin said."
    )
    rows = extracted(text)
    # "the parliament" is the State Duma: the article set the two side by side.
    assert ("State Duma", "014", "Tuesday") in [(a, c, time) for a, c, _, _, time in rows]
    assert ("State Duma", "014", None) in [(a, c, time) for a, c, _, _, time in rows]


def test_agentless_passive_without_a_body_has_no_actor():
    rows = extracted("The appeal will be considered on Tuesday.")
    assert [(a, c) for a, c, *_ in rows] == [(None, "014")]


def test_an_undated_statement_in_a_next_day_report_is_dated_on_the_lede_day(tmp_path):
    story, names = built(
        tmp_path,
        "Published: 23 February 2022\nAntonio Guterres told reporters on Tuesday that the recognition violated the Charter.\n\n"
        "Kremlin spokesman Dmitry Peskov said that Russia recognised the regions in the borders of 2014.",
    )
    assert ("Dmitry Peskov", "2022-02-22") in {(names.get(e.actor), e.date) for e in story.events}


def test_negation_and_modality_set_the_status(tmp_path):
    story, names = built(
        tmp_path,
        "Published: 14 February 2022\nVladimir Putin will meet Olaf Scholz on Tuesday. Russia could attack Ukraine."
        " Volodymyr Zelensky did not meet Vladimir Putin.",
    )
    status = {(names.get(e.actor), e.code[:2]): e.status for e in story.events}
    assert status[("Vladimir Putin", "04")] == "scheduled"
    assert status[("Russia", "19")] == "hypothetical"
    assert status[("Volodymyr Zelensky", "04")] == "denied"


def test_the_object_says_what_the_action_is():
    rows = extracted(
        "North Korea on Thursday fired two artillery shells at Seoul. Japan imposed sanctions on Iran."
        " Egypt restored diplomatic ties with Qatar."
    )
    assert {(a, c) for a, c, *_ in rows} >= {("North Korea", "194"), ("Japan", "163"), ("Egypt", "050")}


def test_whoever_condemns_an_attack_did_not_make_it():
    rows = extracted("The French government condemned an attack by Russian soldiers on Thursday.")
    # The attack was made by the soldiers' state; France only condemned it.
    assert sorted((a, c) for a, c, *_ in rows) == [("FRA", "111"), ("RUS", "190")]


def test_an_actor_named_by_its_state_and_what_it_is(tmp_path):
    story, _ = built(tmp_path, "Published: 14 February 2022\nRussian police arrested dozens of students in the city on Monday.")
    (event,) = [e for e in story.events if e.code == "173"]
    assert (event.actor, event.actor_name, event.actor_code) == (None, "Russia", "RUSCOP")


def test_a_proper_noun_the_tagger_missed_still_acts():
    rows = extracted("Arnor is about to restore full diplomatic ties with Gondor.")
    assert [(a, c, t) for a, c, _, t, _ in rows] == [("Arnor", "050", "Gondor")]


def test_any_reporting_verb_of_the_shared_lexicon_makes_its_subject_the_reporter():
    # "confirmed" and "denied" are reporting verbs of lexicon/reporting.toml: what follows is
    # the ministry's account, the same verbs that make the ministry a quotation's speaker.
    for verb in ("confirmed", "denied"):
        text = f"The Defence Ministry of Ukraine {verb} that Russian troops attacked Kharkiv on Monday."
        found, _, events = analysed(text)
        attack = next(e for e in events if e.action.startswith("attack"))
        assert attack.reporter >= 0 and "Ministry" in found.entities[attack.reporter].names[0], verb


def test_a_happening_the_table_has_no_code_for_is_an_uncoded_event():
    rows = extracted("Apple released the iPhone 4 on Thursday. Apple is a technology company. The company wants more shops.")
    assert [(actor, code, time) for actor, code, _, _, time in rows] == [("Apple", "", "Thursday")]


def test_an_uncoded_happening_needs_someone_named_doing_it():
    assert extracted("The rig sank on Thursday after the explosion.") == []


def test_a_keynote_given_or_delivered_is_a_statement():
    rows = extracted("Tim Cook gave the opening keynote at the developers conference on Monday. Maria Lopez delivered a keynote address.")
    assert [(actor, code, time) for actor, code, _, _, time in rows] == [("Tim Cook", "010", "Monday"), ("Maria Lopez", "010", None)]


def test_a_name_the_parser_took_for_a_second_subject_acts():
    # no comma between the title and the name: the parser hangs both "co" and "Harlow" on the verb
    rows = extracted("The co-founder and former chief executive officer of Acme Inc. John Harlow has died at the age of 71.")
    assert [(actor, code) for actor, code, *_ in rows] == [("John Harlow", "")]


def test_a_particle_makes_an_act_of_a_verb_that_alone_says_how_things_are():
    rows = extracted("Maria Lopez showed off the new tablet on Tuesday. The figures show a loss.")
    assert [(actor, code, action, time) for actor, code, action, _, time in rows] == [("Maria Lopez", "", "showed off the new tablet on Tuesday", "Tuesday")]
