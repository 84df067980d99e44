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


def test_whole_word_occurrences_are_those_the_word_pattern_finds():
    text = "Smith met Jo Smith; Smithson and anti-Smith Smith-Jones saw Smith_ and Smith. O'Brien, O'Brien's."
    forms = ["Smith", "Jo Smith", "O'Brien", "'Brien"]
    found = _whole_word_occurrences(text, forms)
    for form in forms:
        assert found[form] == [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)], form
    assert len(found["Smith"]) == 3  # not in Smithson, anti-Smith, Smith-Jones or Smith_
