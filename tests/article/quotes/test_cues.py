"""Cues whose speaker the parse loses: behind an aside, up a chain of clauses, in a quotation's tag."""

from __future__ import annotations

from tests.article.quotes.helpers import quoted, speaker_spans


def test_a_name_behind_an_aside_of_commas_speaks_for_the_cue_the_parse_left_without_subject():
    text = "In a letter to the Herald, his chief of staff, Tom Reyes, said: “The mayor will not resign.”"
    assert [speaker for *_, speaker in quoted(text)] == ["Tom Reyes"]


def test_a_participle_speaks_with_the_subject_of_the_clause_it_hangs_from_however_far_up():
    text = "The senator sought to calm the crowd, and took a heckler in stride, saying the man would “not get hurt” at the rally."
    assert speaker_spans(text) == ["The senator"]


def test_verbs_that_only_tag_a_quotation_name_its_speaker():
    assert speaker_spans("“Would you raise taxes?” Hannity pressed. “Even a little?”") == ["Hannity", "Hannity"]
    text = "After the mayor criticized the council, Ann Walsh shot back, “I suppose I could have stayed quiet, but I chose to speak.”"
    assert [speaker for *_, speaker in quoted(text)] == ["Ann Walsh"]


def test_a_tag_verb_makes_no_indirect_speech():
    text = "Ann Walsh pressed the council that the vote should wait until spring."
    assert [kind for kind, *_ in quoted(text)] == []


def test_adding_goes_on_with_the_reporting_verbs_speaker_not_the_reported_subject():
    text = "Walsh told reporters that Reyes “had a crazy plan which was a disaster,” adding, “He lost every vote in the county.”"
    assert speaker_spans(text) == ["Walsh", "Walsh"]


def test_a_surname_the_tagger_misreads_after_the_cue_is_the_speaker():
    text = "Ann Walsh spoke after the vote.\n\n“Having a second vote is worth it,” said Skelly, explaining he had worked on the count for years."
    assert speaker_spans(text) == ["Skelly"]
