"""Entities: one per real-world referent across articles and spellings, and never two
different people in one."""

from __future__ import annotations

import pytest

from storyline.article.annotate import annotation_of, load_model
from storyline.article.mentions import find_entities
from storyline.corpus.entities import resolve_entities
from storyline.lexicon.names import name_key
from storyline.settings import Settings


def build(*texts: str):
    nlp = load_model(Settings().model)
    found = {f"a{n}": find_entities(text, annotation_of(nlp(text), "test")) for n, text in enumerate(texts)}
    return resolve_entities(found)


def holding(entities, name: str):
    return [e for e in entities if name == e.name or name in e.aliases]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("António Guterres", "Antonio Guterres"),
        ("Stéphane Dujarric", "Stephane Dujarric"),
        ("Dmytro Kuleba", "Dmitro Kuleba"),
        ("Volodymyr Zelensky", "Volodymir Zelensky"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Olexiy Reznikov", "Oleksiy Reznikov"),
        ("Kyiv", "Kiev"),
        ("Luhansk", "Lugansk"),
        ("Donbas", "Donbass"),
        ("UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("US", "United States"),
        ("U.S.", "United States"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("AFP", "Agence France-Presse"),
        ("France Press", "Agence France-Presse"),
        ("UN Charter", "United Nations Charter"),
    ],
)
def test_spelling_variants_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vladimir Putin", "Volodymyr Zelensky"),
        ("Dmytro Kuleba", "Dmitry Peskov"),
        ("Dmytro", "Dmitry"),
        ("António Guterres", "Antony Blinken"),
        ("United Nations", "UN Security Council"),
        ("Viktor Khrenin", "Olexiy Reznikov"),
    ],
)
def test_different_names_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_variants_across_articles_become_one_entity_with_the_accented_name():
    entities = build(
        "United Nations Secretary-General António Guterres has asked to meet Russian President Vladimir Putin in Moscow.",
        "UN Secretary-General Antonio Guterres on Monday called for diplomacy. Guterres spoke to reporters in Kiev.",
        "Guterres met Ukrainian President Volodymyr Zelensky on Thursday. Guterres travelled to Kyiv, the Ukrainian capital, on Thursday.",
    )
    (guterres,) = holding(entities, "António Guterres")
    assert {"Antonio Guterres", "Guterres"} <= set(guterres.aliases)
    assert guterres.type == "PERSON" and "Secretary-General of the United Nations" in guterres.roles
    assert len(guterres.mentions) == 5
    (kyiv,) = holding(entities, "Kyiv")
    assert "Kiev" in kyiv.aliases
    (putin,) = holding(entities, "Vladimir Putin")
    assert putin.country == "RUS" and putin.roles == ("President of Russia",)


def test_people_with_similar_names_stay_apart():
    entities = build(
        "Ukrainian Foreign Minister Dmytro Kuleba spoke to Kremlin spokesman Dmitry Peskov.",
        "The defense ministers, Viktor Khrenin and Olexiy Reznikov, discussed security. Russian Foreign Minister Sergei Lavrov said talks would go on.",
        "US Secretary of State Antony Blinken met UN Secretary-General Antonio Guterres at the UN Security Council.",
    )
    for a, b in [
        ("Dmytro Kuleba", "Dmitry Peskov"),
        ("Viktor Khrenin", "Olexiy Reznikov"),
        ("Antony Blinken", "Antonio Guterres"),
        ("Sergei Lavrov", "Dmitry Peskov"),
    ]:
        (one,), (other,) = holding(entities, a), holding(entities, b)
        assert one.id != other.id
    (council,) = holding(entities, "UN Security Council")
    assert ("United Nations" not in council.aliases and not holding(entities, "United Nations")) or holding(entities, "United Nations")[
        0
    ].id != council.id


def test_lone_surname_joins_the_full_name_even_when_tagged_as_an_organisation():
    entities = build("UN Secretary-General Antonio Guterres spoke on Monday.", "Guterres said the talks must go on, and Guterres left.")
    (guterres,) = holding(entities, "Antonio Guterres")
    assert len(guterres.mentions) == 3


def test_a_person_stays_a_person_however_often_the_surname_is_tagged_an_organisation():
    nlp = load_model(Settings().model)
    text = (
        "Attorney General Loretta E. Lynch spoke on Monday. Lynch said the law was clear. "
        "Lynch agreed to an interview. Lynch notes that women lead. Lynch herself was a partner at a firm."
    )
    found = find_entities(text, annotation_of(nlp(text), "test"))
    assert [(e.type, e.names) for e in found.entities] == [("PERSON", ("Loretta E. Lynch", "Lynch"))]


def test_a_surname_shared_by_two_people_joins_neither():
    entities = build("Hillary Clinton met the press.", "Bill Clinton spoke in Kyiv.", "Clinton later left.")
    assert [e.name for e in entities if e.name == "Clinton"] == ["Clinton"]


def test_roles_from_apposition_and_titles_used_alone():
    entities = build(
        "Vyacheslav Volodin, chairman of Russia's lower house of parliament, the State Duma, said the parliament would vote.",
        "Stéphane Dujarric, spokesman for the secretary general, said in a statement that the spokesman had nothing to add.",
    )
    (volodin,) = holding(entities, "Vyacheslav Volodin")
    assert volodin.roles == ("chairman of the State Duma",) and volodin.country == "RUS"
    (dujarric,) = holding(entities, "Stéphane Dujarric")
    assert dujarric.roles[0].startswith("spokesman")
    # "the spokesman" is resolved to the one spokesman in the article.
    assert len(dujarric.mentions) == 2


def test_descriptor_resolved_across_articles():
    entities = build("Russian President Vladimir Putin met the envoy.", "The Russian president refused to speak with Guterres.")
    (putin,) = holding(entities, "Vladimir Putin")
    assert {m.article for m in putin.mentions} == {"a0", "a1"}


def test_an_institution_named_by_its_kind_is_the_organisation_set_beside_it():
    entities = build(
        "Vyacheslav Volodin, chairman of Russia's lower house of parliament, the State Duma, said the parliament would vote.",
        "The head of the army, the Kremlin said, met the government.",
    )
    (duma,) = holding(entities, "State Duma")
    assert duma.type == "ORG" and duma.country == "RUS" and duma.roles == ("parliament",)
    assert len(duma.mentions) == 2  # "the parliament" is the State Duma
    # "the Kremlin" is not the army: the name is the subject of "said", not an apposition.
    (kremlin,) = holding(entities, "Kremlin")
    assert kremlin.roles == ()
    # "the government" names no organisation the article described as one: it stays unresolved.
    assert not any("government" in e.roles for e in entities)


def test_a_person_named_like_a_town_takes_no_country_from_it():
    # Obama is also a town of 29,000 in Japan, and Bush one of 136,000 in Egypt.
    entities = build(
        "Obama arrived in Tokyo on Monday for talks on trade with Japan. Obama said the alliance with Japan was strong.",
        "Bush flew to Cairo, where Egypt's leaders were waiting. Bush said the talks would go well.",
    )
    for name in ("Obama", "Bush"):
        held = holding(entities, name)
        assert held and all(e.type == "PERSON" and e.country is None for e in held), held


def test_a_family_name_said_first_joins_its_full_name():
    entities = build(
        "Chinese President Xi Jinping met the French president in Beijing on Monday.",
        "Xi said on Tuesday that the talks had been fruitful. Xi later left for Shanghai.",
    )
    (xi,) = holding(entities, "Xi Jinping")
    assert "Xi" in xi.aliases and len(xi.mentions) == 3


def test_a_surname_one_article_gives_one_person_does_not_join_the_other_who_carries_it():
    # Each article has one Biden, so each joins its "Biden" to its own; the corpus must not
    # then merge the two people through the surname they share.
    entities = build(
        "President Joe Biden spoke in Washington on Monday. Biden said the economy was strong.",
        "Hunter Biden served on the board of a gas company. Biden said he had done nothing wrong.",
    )
    (joe,) = holding(entities, "Joe Biden")
    (hunter,) = holding(entities, "Hunter Biden")
    assert joe.id != hunter.id


def test_a_surname_several_people_carry_joins_the_one_its_article_shares_most_with():
    entities = build(
        "Reggie Bush ran for two touchdowns as the New Orleans Saints beat Atlanta on Sunday.",
        "President George W. Bush met Tony Blair at Camp David.",
        "Bush was carried off the field, and the New Orleans Saints lost the game.",
    )
    (reggie,) = holding(entities, "Reggie Bush")
    (george,) = holding(entities, "George W. Bush")
    assert {m.article for m in reggie.mentions} == {"a0", "a2"}
    assert {m.article for m in george.mentions} == {"a1"}


def test_a_first_name_and_surname_join_the_one_person_named_with_a_middle_initial():
    entities = build("Interior Secretary Dirk A. Kempthorne visited the park.", "Dirk Kempthorne said the bear was threatened.")
    (dirk,) = holding(entities, "Dirk A. Kempthorne")
    assert {m.article for m in dirk.mentions} == {"a0", "a1"}


def test_a_surname_two_people_carry_joins_the_one_its_pronoun_fits():
    entities = build(
        "Scott Peterson was charged with the murder of his wife, Laci Peterson. She was eight months pregnant.",
        "Peterson told the court he was innocent.",
    )
    (scott,) = holding(entities, "Scott Peterson")
    (laci,) = holding(entities, "Laci Peterson")
    assert {m.article for m in scott.mentions} == {"a0", "a1"} and {m.article for m in laci.mentions} == {"a0"}


def test_a_middle_initial_tells_two_people_apart():
    entities = build("George W. Bush spoke in Texas.", "George H. W. Bush spoke in Maine.", "George Bush spoke in Ohio.")
    assert len(holding(entities, "George W. Bush")) == 1 and len(holding(entities, "George H. W. Bush")) == 1
    assert holding(entities, "George W. Bush")[0].id != holding(entities, "George H. W. Bush")[0].id


def test_a_spelling_the_sources_hardly_use_is_not_the_name_however_long():
    from collections import Counter

    from storyline.corpus.entities import _canonical_name

    forms = Counter({"Trump": 900, "Donald Trump": 300, "Donald J. Trump": 40, "Los Hijos de Trump": 1})
    assert _canonical_name(forms) == "Donald Trump"
