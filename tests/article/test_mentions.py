"""Names the mentions stage keeps: people, bodies and places, and the named groups, products,
works, laws and events a story is about; a demonym used as an adjective is no entity."""

from __future__ import annotations

import re

from storyline.article.annotate import annotation_of, load_model
from storyline.article.mentions import _whole_word_occurrences, find_entities
from storyline.settings import Settings


def names_and_types(text: str) -> set[tuple[str, str]]:
    found = find_entities(text, annotation_of(load_model(Settings().model)(text), "test"))
    return {(entity.names[0], entity.type) for entity in found.entities}


def test_named_things_beyond_people_bodies_and_places():
    found = names_and_types(
        "The Republicans in Congress voted on Tuesday to weaken the Endangered Species Act, "
        "and European leaders said they would respond."
    )
    assert ("Republicans", "NORP") in found
    assert any(name.endswith("Endangered Species Act") and kind == "LAW" for name, kind in found)
    assert not any(name == "European" for name, _ in found)


def test_a_word_saying_when_a_title_was_held_is_not_its_organisation():
    text = "Former Vice President Joe Biden spoke in Iowa on Tuesday."
    found = find_entities(text, annotation_of(load_model(Settings().model)(text), "test"))
    (biden,) = [e for e in found.entities if e.names[0] == "Joe Biden"]
    assert [(role.title, role.org) for role in biden.roles] == [("Vice President", None)]


def entities_of(text: str):
    return find_entities(text, annotation_of(load_model(Settings().model)(text), "test")).entities


def roles_of(text: str) -> dict[str, list[tuple[str, str | None, str | None]]]:
    return {e.names[0]: [(r.title, r.org, r.country) for r in e.roles] for e in entities_of(text) if e.type == "PERSON"}


def test_a_portfolio_or_rank_before_a_title_is_part_of_the_title():
    found = roles_of(
        "Vice President Marta Ruiz and Health Secretary Paul Okafor visited the clinic on Tuesday. "
        "Interior Minister Hanna Berg announced new checks. Russian Foreign Minister Sergei Lavrov told reporters the talks had stalled."
    )
    assert found["Marta Ruiz"] == [("Vice President", None, None)]
    assert found["Paul Okafor"] == [("Health Secretary", None, None)]
    assert found["Hanna Berg"] == [("Interior Minister", None, None)]
    # A demonym before the title stays the country: the Foreign Minister of Russia.
    assert found["Sergei Lavrov"] == [("Foreign Minister", "Russia", "RUS")]


def test_a_word_of_a_title_is_no_organisation():
    # The tagger calls "Health" and "Interior" organisations.
    names = {name for e in entities_of("Health Secretary Paul Okafor and Interior Minister Hanna Berg met on Friday.") for name in e.names}
    assert not names & {"Health", "Interior"}, names


def test_a_plural_apposition_gives_each_person_the_title_of_the_body_in_the_same_place():
    found = roles_of("Maribel Soto and Tomas Lind, the finance ministers of Chile and Sweden, met in Geneva on Monday.")
    assert found["Maribel Soto"] == [("finance minister", "Chile", "CHL")]
    assert found["Tomas Lind"] == [("finance minister", "Sweden", "SWE")]


def test_a_first_name_the_tagger_left_out_is_part_of_the_name():
    # The tagger takes "Reznikov" alone; "Oleksii" is compounded to it.
    found = roles_of("Viktor Khrenin and Oleksii Reznikov, the defense ministers of Belarus and Ukraine, spoke by phone.")
    assert found["Viktor Khrenin"] == [("defense minister", "Belarus", "BLR")]
    assert found["Oleksii Reznikov"] == [("defense minister", "Ukraine", "UKR")]


def test_a_surname_two_people_of_the_article_carry_joins_neither():
    found = {e.names: e.type for e in entities_of("President Joe Biden praised his son. Hunter Biden thanked him. Biden said the case was closed.")}
    assert ("Joe Biden",) in found and ("Hunter Biden",) in found and ("Biden",) in found
    # With one Biden in the article the surname is his.
    assert [e.names for e in entities_of("Joe Biden spoke in Ohio. Biden said jobs would return.") if e.type == "PERSON"] == [("Joe Biden", "Biden")]


def test_a_shared_surname_joins_the_one_carrier_its_pronoun_fits():
    found = [
        e.names
        for e in entities_of(
            "Scott Peterson was charged with the murder of his wife, Laci Peterson. She was eight months pregnant. "
            "Peterson said he was fishing that day. Peterson denied the charges."
        )
    ]
    assert found == [("Scott Peterson", "Peterson"), ("Laci Peterson",)]



def test_a_shared_surname_is_left_to_the_carrier_the_article_never_calls_by_first_name():
    # News style: of two people who share a surname, the others are called by first name.
    found = [
        e.names
        for e in entities_of(
            "Scott Peterson was convicted of killing his wife, Laci Peterson. Prosecutors said Laci was pregnant. Peterson denied the charges."
        )
        if e.type == "PERSON"
    ]
    assert ("Scott Peterson", "Peterson") in found and ("Laci Peterson",) in found


def test_whole_word_occurrences_are_those_the_word_pattern_finds():
    text = "Smith met Jo Smith; Smithson and anti-Smith Smith-Jones saw Smith_ and Smith. O'Brien, O'Brien's."
    forms = ["Smith", "Jo Smith", "O'Brien", "'Brien"]
    found = _whole_word_occurrences(text, forms)
    for form in forms:
        assert found[form] == [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)], form
    assert len(found["Smith"]) == 3  # not in Smithson, anti-Smith, Smith-Jones or Smith_
