"""Actor codes: the state an actor acts for and the capacity it acts in, from what the text says."""

from __future__ import annotations

from storyline.article.annotate import annotation_of, load_model
from storyline.article.mentions import find_entities
from storyline.corpus.entities import resolve_entities
from storyline.lexicon.actor_codes import actor_code
from storyline.model import Role
from storyline.settings import Settings


def test_titles_give_the_sector_and_organisations_their_own_code():
    assert actor_code("PERSON", "Sergei Lavrov", [Role("Foreign Minister", "Russia", "RUS")], "RUS") == "RUSGOV"
    assert actor_code("PERSON", "Valery Gerasimov", [Role("General", None, "RUS")], "RUS") == "RUSMIL"
    assert actor_code("PERSON", "António Guterres", [Role("Secretary-General", "United Nations", None)], None) == "IGOUNO"
    assert actor_code("ORG", "UN Security Council", [], None) == "IGOUNO"


def test_a_title_with_its_portfolio_acts_for_its_head_word():
    # "Health Secretary" is a secretary of the government, as "Secretary" alone would be.
    assert actor_code("PERSON", "Paul Okafor", [Role("Health Secretary", None, "GBR")], "GBR") == "GBRGOV"
    assert actor_code("PERSON", "Merrick Garland", [Role("Attorney General", None, "USA")], "USA") == "USAGOV"


def test_institutions_act_in_the_capacity_they_are_known_for():
    assert actor_code("ORG", "Kremlin", [], "RUS") == "RUSGOV"
    assert actor_code("ORG", "State Duma", [], "RUS") == "RUSLEG"
    assert actor_code("ORG", "US State Department", [], "USA") == "USAGOV"
    assert actor_code("PERSON", "Vyacheslav Volodin", [Role("chairman", "State Duma", "RUS")], "RUS") == "RUSLEG"


def test_what_the_text_does_not_say_is_not_guessed():
    assert actor_code("PERSON", "Jane Doe", [], None) is None
    assert actor_code("PERSON", "Jane Doe", [Role("chairman", "Acme", "FRA")], "FRA") == "FRA"
    assert actor_code("ORG", "Acme", [], None) is None


def test_corpus_entities_carry_their_codes():
    nlp = load_model(Settings().model)
    text = (
        "Russian Foreign Minister Sergei Lavrov met officials of the Ministry of Defense of Belarus."
        " Vyacheslav Volodin, chairman of Russia's lower house of parliament, the State Duma, spoke."
    )
    entities = resolve_entities({"a": find_entities(text, annotation_of(nlp(text), "a"))})
    codes = {e.name: e.code for e in entities}
    assert codes["Sergei Lavrov"] == "RUSGOV"
    assert codes["Ministry of Defense of Belarus"] == "BLRGOV"
    assert codes["State Duma"] == "RUSLEG" and codes["Vyacheslav Volodin"] == "RUSLEG"
