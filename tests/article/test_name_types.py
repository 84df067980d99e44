"""A name's type checked against what the article says of it: an apposition or a predicate
noun decides, an outlet that reports is no person, a place label needs the gazetteer or a
place's context, a holiday is an event."""

from __future__ import annotations

from storyline.article.annotate import annotation_of, load_model
from storyline.article.mentions import find_entities
from storyline.settings import Settings


def types_of(text: str) -> dict[str, str]:
    found = find_entities(text, annotation_of(load_model(Settings().model)(text), "test"))
    return {name: entity.type for entity in found.entities for name in entity.names}


def test_a_noun_in_apposition_says_what_the_name_is():
    # The tagger calls Zhilan a person and Vibrio cholerae a person too.
    found = types_of("Posts on Zhilan, the Chinese video platform, spread the rumour within hours.")
    assert found.get("Zhilan") == "ORG"
    found = types_of("Vibrio cholerae, the bacterium that causes cholera, was found in wells near the camp.")
    assert not any(name.startswith("Vibrio") for name in found), found  # a bacterium is no entity


def test_a_noun_said_of_the_name_decides_too():
    # The tagger makes the first a person (once an organisation), the second a person.
    assert types_of("Burisma is a gas company. Burisma paid him.").get("Burisma") == "ORG"
    assert types_of("Marlowe is a small town in Kent. Marlowe voted to close the library.").get("Marlowe") == "GPE"


def test_a_single_name_that_reports_and_never_has_a_first_name_or_title_is_an_outlet():
    found = types_of(
        "Politico reported that the company paid him. Politico also said the payments stopped in 2019. "
        "Nehammer told reporters on Sunday that the talks had stalled."
    )
    assert found.get("Politico") == "ORG"
    assert found.get("Nehammer") == "PERSON"  # he tells, he does not report


def test_a_place_label_needs_the_gazetteer_or_a_place_context():
    # The tagger calls both places; no gazetteer knows them, nothing around them is a place's.
    assert types_of("Posts on Weibo spread the claim quickly.").get("Weibo") not in ("GPE", "LOC")
    assert types_of("Yersinia was found in the samples.").get("Yersinia") not in ("GPE", "LOC")
    # Crimea is in no gazetteer of cities and countries, but "in Crimea" is a place.
    assert types_of("Fighting continued in Crimea on Monday, officials said.").get("Crimea") == "GPE"


def test_a_city_after_in_is_a_place_whatever_the_tagger_said():
    assert types_of("Officials in Kherson said the shelling continued.").get("Kherson") == "GPE"


def test_a_holiday_is_an_event_not_a_person():
    assert types_of("Families across Serbia marked Orthodox Easter on Sunday.").get("Orthodox Easter") in ("EVENT", None)


def test_a_place_noun_after_the_name_is_a_place_context():
    # No gazetteer of cities and countries has the Donbas; "the Donbas region" is a place.
    assert types_of("Russia blames Ukraine for the fighting in Ukraine's eastern Donbas region.").get("Donbas") in ("GPE", "LOC")


def test_a_product_set_beside_a_name_is_a_product_not_dropped():
    # "a drug" makes a product of the name; "the bacterium" above makes none at all.
    assert types_of("Paxlovid, a drug made by Pfizer, was approved on Monday.").get("Paxlovid") == "PRODUCT"
