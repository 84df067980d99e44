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
