"""Indirect speech: clauses a reporting verb governs, without marks."""

from __future__ import annotations

from article.quotes.helpers import quoted
from storyline.model import INDIRECT, PARTIAL


def test_partial_quote_inside_reported_speech():
    text = 'Secretary-General Antonio Guterres said Russia\'s actions are "a death blow to the Minsk Agreements" and must stop.'
    assert quoted(text) == [(PARTIAL, "a death blow to the Minsk Agreements", "Antonio Guterres")]


def test_indirect_speech():
    text = "UN Secretary-General Antonio Guterres said he will remain fully engaged in the hours and days to come."
    assert quoted(text) == [(INDIRECT, "he will remain fully engaged in the hours and days to come", "Antonio Guterres")]


def test_indirect_speech_with_the_cue_after_and_reporting_verbs():
    text = (
        "The New York Post reports that the campaign avoided the emergency room on Sunday. "
        "The motorcade was diverted to an apartment in Manhattan, a source said. "
        "Clinton had told officials that she did not want an escort, but the police overruled the request, the source added."
    )
    assert [(kind, words) for kind, words, _ in quoted(text)] == [
        (INDIRECT, "the campaign avoided the emergency room on Sunday"),
        (INDIRECT, "The motorcade was diverted to an apartment in Manhattan"),
        (INDIRECT, "she did not want an escort"),
        (INDIRECT, "the police overruled the request"),
    ]


def _indirect(text: str) -> list[str]:
    return [words for kind, words, _ in quoted(text) if kind == INDIRECT]


def test_according_to_at_either_end_of_a_sentence_attributes_the_rest():
    assert _indirect("According to the Kremlin, the meeting will take place in Moscow next week.") == [
        "the meeting will take place in Moscow next week"
    ]
    assert _indirect("The talks in Geneva have failed, according to officials in Kyiv.") == ["The talks in Geneva have failed"]


def test_what_a_speaker_urges_promises_or_calls_for_is_attributed():
    assert _indirect("Senator Elizabeth Warren urged voters to reject the proposal.") == ["to reject the proposal"]
    assert _indirect("Senator Elizabeth Warren called for a full investigation of the bank.") == ["a full investigation of the bank"]


def test_a_poll_that_shows_and_a_stance_taken_are_attributed():
    assert _indirect("A Bloomberg poll shows that wealthy voters are abandoning the Republican Party.") == [
        "wealthy voters are abandoning the Republican Party"
    ]
    assert _indirect("Hillary Clinton wants to triple the size of the AmeriCorps program.") == [
        "to triple the size of the AmeriCorps program"
    ]


def test_an_aside_speech_tag_attributes_the_sentence_it_interrupts():
    (words,) = _indirect("But to prevent problems, he said, local officials should be vigilant on election day.")
    assert words.startswith("But to prevent problems") and words.endswith("vigilant on election day")


def test_a_phone_call_is_no_speech():
    assert _indirect("Antonio Guterres called Vladimir Putin on Monday.") == []
