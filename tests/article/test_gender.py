"""What an article itself says about whether a person is "he" or "she"."""

from __future__ import annotations

from storyline.article.annotate import annotation_of, load_model
from storyline.article.gender import FEMALE, MALE, genders
from storyline.article.mentions import find_entities
from storyline.settings import Settings


def known(text: str) -> dict[str, str]:
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_entities(text, annotation)
    return {found.entities[entity].names[0]: gender for entity, gender in genders(text, found, annotation.tokens).items()}


def test_honorifics_and_gendered_titles():
    text = "Mr. Obama met spokeswoman Jessica Ditto in Washington."
    assert known(text) == {"Obama": MALE, "Jessica Ditto": FEMALE}


def test_the_subject_of_a_clause_the_persons_verb_governs():
    assert known("Loretta Lynch said she recalls the meeting.") == {"Loretta Lynch": FEMALE}


def test_an_object_or_a_possessive_is_someone_else():
    assert known("Donald Trump blasted her record on trade.") == {}


def test_no_evidence_after_a_quotation_mark():
    assert known('Donald Trump said "she is a disaster."') == {}


def test_the_mentions_stage_says_who_is_he_and_who_is_she():
    from storyline.article.annotate import annotation_of, load_model
    from storyline.settings import Settings

    text = "Mr. Obama met spokeswoman Jen Psaki. Obama said he was tired."
    found = find_entities(text, annotation_of(load_model(Settings().model)(text), "test"))
    gender_of = {entity.names[0]: entity.gender for entity in found.entities}
    assert gender_of == {"Obama": "he", "Jen Psaki": "she"}
