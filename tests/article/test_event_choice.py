"""The codebook's choices among a sentence's events, on sentences written here: bylines are not
events, no actor is its own target, a statement is coded by what it says, a verbal attack is
criticism, a condition is hypothetical, a claim is reported, a poll is no actor."""

from __future__ import annotations

from tests.article.test_events import analysed, built, extracted


def test_a_byline_is_not_an_event():
    codes = [row[1] for row in extracted("Keith Bradsher reporting from Hong Kong.\n\nThe police arrested six protesters in Hong Kong.")]
    assert "010" not in codes and "173" in codes


def test_no_actor_is_its_own_target():
    for actor, _code, _action, target, _time in extracted('"Tariffs hurt farmers," said Phil Levy, the chief economist at Flexport.'):
        assert target is None or target != actor


def test_a_statement_that_finds_fault_with_someone_is_criticism():
    rows = extracted("Senator Mark Warner said that Donald Trump was weak, reckless and dangerous.")
    assert ("Mark Warner", "111") in [(actor, code) for actor, code, *_ in rows]


def test_fault_is_told_by_the_words_valence_not_a_fixed_list():
    # none of these words is in a list of ours: VADER's lexicon rates them
    rows = extracted("Senator Mark Warner said that Donald Trump's plan was a shambles and an embarrassment.")
    assert ("Mark Warner", "111") in [(actor, code) for actor, code, *_ in rows]
    rows = extracted("Senator Mark Warner said that the plan was a shambles and an embarrassment.")
    assert ("Mark Warner", "012") in [(actor, code) for actor, code, *_ in rows]


def test_a_gloomy_verb_aimed_at_someone_is_criticism_even_over_an_uncoded_clause():
    rows = extracted("Senator Lindsey Graham lamented that President Joe Biden's speech did not match up to reality.")
    assert ("Lindsey Graham", "111") in [(actor, code) for actor, code, *_ in rows]


def test_telling_someone_to_act_is_a_demand_and_what_they_are_told_is_not_done():
    rows = extracted("The general ordered the troops to withdraw from the city.")
    assert [code for _actor, code, *_ in rows] == ["100"]
    rows = extracted("Admiral Thad Allen told BP to step up monitoring of the seabed.")
    assert ("Thad Allen", "100", "BP") in [(actor, code, target) for actor, code, _action, target, _time in rows]


def test_a_plain_statement_stays_a_statement():
    rows = extracted("Senator Mark Warner said that the committee will meet again in March.")
    assert all(code[:2] in ("01", "04") for _actor, code, *_ in rows)


def test_an_attack_on_a_person_is_words_not_force():
    codes = [code for _actor, code, *_ in extracted("Ted Cruz attacked Donald Trump on Thursday over his record.")]
    assert "111" in codes and not any(code.startswith("19") for code in codes)


def test_an_attack_on_a_town_stays_force():
    codes = [code for _actor, code, *_ in extracted("Russian troops attacked Mariupol on Thursday.")]
    assert "190" in codes


def test_a_poll_is_not_an_actor():
    found, _tagging, events = analysed("Two in three voters view Trump favorably, according to a Gallup poll taken last week.")
    assert not [e for e in events if e.actor >= 0 and "Gallup" in found.entities[e.actor].names[0]]


def test_a_condition_is_hypothetical_and_a_claim_is_reported(tmp_path):
    story, names = built(
        tmp_path,
        "2022-03-01\n\nIf Russia invades Ukraine, the United States will impose sanctions on Moscow.\n\n"
        "Vyacheslav Volodin said that the United States attacked Russian positions in Donbas on Monday.",
    )
    by_code = {(names.get(e.actor), e.code[:2]): e for e in story.events if e.code}
    invasion = by_code[("Russia", "19")]
    assert invasion.status == "hypothetical"
    claims = [e for e in story.events if e.code and e.code.startswith("19") and e.reported_by]
    assert claims and all(e.status == "reported" and names.get(e.reported_by) == "Vyacheslav Volodin" for e in claims)
