"""Statements made by quotations whose sentence has no verb of saying: coded by their tone,
spoken by the quotation's speaker, never by the outlet that relays them."""

from __future__ import annotations

import storyline
from storyline.article.annotate import annotation_of, load_model
from storyline.article.events import find_events
from storyline.article.mentions import find_entities
from storyline.article.quotes import find_quotes
from storyline.article.timex import tag
from storyline.article.timex.tense import sentence_tenses
from storyline.model import TimeTagging
from storyline.settings import Settings


def coded(text: str) -> list[tuple[str, str, str]]:
    """(code, the actor's words, the event's sentence) of every event, the stages run as a build runs them."""
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_entities(text, annotation)
    tagging = TimeTagging(tuple(tag(text, annotation.tokens)), (), tuple(sentence_tenses(annotation)))
    quoted = find_quotes(text, annotation, found)
    rows = []
    for event in find_events(text, annotation, found, tagging, quoted).events:
        speaker = text[event.actor_span.start : event.actor_span.end] if event.actor_span else ""
        rows.append((event.code, speaker, text[event.sentence.start : event.sentence.end]))
    return rows


def test_a_quoted_sentence_without_a_cue_is_its_speakers_statement():
    text = (
        '"We will rebuild every house on this street," Mayor Ann Ruiz said on Monday. '
        '"Nobody in this town will be left behind."'
    )
    rows = coded(text)
    second = [row for row in rows if row[2].startswith('"Nobody')]
    assert len(second) == 1
    code, speaker, _ = second[0]
    assert code.startswith("01") and "Ruiz" in speaker


def test_a_quotation_that_finds_fault_with_someone_is_criticism():
    text = (
        'Senator Mark Doyle spoke at the rally on Friday. "I am proud of this state," he said. '
        '"Governor Ellen Park is a disgrace, a failure and a danger to every family here."'
    )
    rows = coded(text)
    assert any(code == "111" and sentence.startswith('"Governor') for code, _, sentence in rows)


def test_a_quoted_sentence_with_its_own_speech_verb_gets_no_second_statement():
    rows = coded('"The talks were useful," Foreign Minister Ana Silva told reporters in Lisbon.')
    assert [code for code, _, _ in rows].count("010") == 1


def test_an_unnamed_speaker_is_the_quotations_own_first_person():
    rows = coded('"We are searching every collapsed building for survivors tonight.')
    assert rows and rows[0][1] == "We"


def test_a_passive_without_its_doer_is_still_an_event_of_the_one_it_was_done_to(tmp_path):
    (tmp_path / "a.txt").write_text("Published: 3 March 2005\nScott Peterson was convicted of murder in Redwood City on Friday.")
    story = storyline.build(tmp_path, workers=1)
    names = {entity.id: entity.name for entity in story.entities}
    convictions = [event for event in story.events if names.get(event.target) == "Scott Peterson"]
    assert convictions and convictions[0].actor is None


def test_we_inside_a_quotation_is_its_speaker():
    rows = coded('"We evacuated two hundred families from the valley," said Rusli Saleh, the district chief.')
    evacuations = [row for row in rows if not row[0].startswith("01")]
    assert evacuations and all(speaker == "Rusli Saleh" for _, speaker, _ in evacuations)


def test_a_speakers_account_of_their_own_acts_is_still_their_claim(tmp_path):
    (tmp_path / "a.txt").write_text(
        'Published: 3 March 2009\n"We evacuated two hundred families from the valley on Monday," said Rusli Saleh, the district chief.'
    )
    story = storyline.build(tmp_path, workers=1)
    evacuations = [event for event in story.events if event.code and event.code.startswith("07")]
    assert evacuations and evacuations[0].status == "reported"


def test_a_bare_speech_verb_says_what_its_quotation_says():
    text = '"All this poses threats to the lives of our citizens," Speaker Ivan Petrov added.'
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_entities(text, annotation)
    tagging = TimeTagging(tuple(tag(text, annotation.tokens)), (), tuple(sentence_tenses(annotation)))
    events = find_events(text, annotation, found, tagging, find_quotes(text, annotation, found)).events
    statements = [event for event in events if text[event.start : event.end] == "added"]
    assert statements and "poses threats to the lives of our citizens" in statements[0].action
