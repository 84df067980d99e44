"""The attribution model: misattributions seen on real pages, in sentences written here."""

from __future__ import annotations

from storyline.article.annotate import annotation_of, load_model
from storyline.article.mentions import find_entities
from storyline.article.quotes import find_quotes
from storyline.settings import Settings


def _attributed(text: str) -> list[tuple[str | None, str | None]]:
    """(speaker words, reporter words) of every marked quotation."""
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_quotes(text, annotation, find_entities(text, annotation)).quotes

    def words(span):
        return text[span.start : span.end] if span is not None else None

    return [(words(q.speaker_span), words(q.reporter_span)) for q in found if q.kind != "indirect"]


def test_an_agency_named_with_according_to_is_the_reporter():
    text = 'UN Secretary-General Antonio Guterres called for calm on Monday. "Now is the time to defuse tension," he said, according to AFP.'
    assert _attributed(text) == [("he", "AFP")]


def test_a_share_of_people_speaks_with_its_whole_phrase_never_the_unit():
    assert [s for s, _ in _attributed('Fifty-five percent said the country is "on the wrong track," according to the poll.')] != ["percent"]
    assert _attributed('In the survey, 40 percent of voters called the economy "poor" or "very poor".') == [
        ("40 percent of voters", None),
        ("40 percent of voters", None),
    ]


def test_the_writers_so_called_term_is_nobodys_quotation():
    text = 'Obama spoke at the Kennedy Space Center on Tuesday. The so-called "space race" is over, and a new era has begun.'
    assert _attributed(text) == [(None, None)]


def test_words_a_speaker_said_that_an_agency_reported_are_the_speakers():
    text = (
        "German Chancellor Olaf Scholz met Ukrainian President Volodymyr Zelensky in Kyiv on Monday. "
        'At the press conference after the talks, Scholz said that Ukraine\'s accession to NATO is currently "out of the agenda", '
        "the Interfax news agency reported."
    )
    assert _attributed(text) == [("Scholz", "the Interfax news agency")]


def test_an_experts_words_after_a_paragraph_about_a_politician_are_the_experts():
    text = (
        "President Donald Trump has threatened new tariffs on Chinese goods.\n\n"
        '"Both sides are digging in, and the costs will keep rising," said Eswar Prasad, a professor of trade policy at Cornell University.'
    )
    assert _attributed(text) == [("Eswar Prasad", None)]


def test_the_owner_of_a_claim_named_by_a_possessive_is_its_speaker():
    text = "Mayor Tom Reyes spoke on Monday. Reyes repeated his claim that the budget was “balanced.”"
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    found = find_entities(text, annotation)
    (quote,) = [q for q in find_quotes(text, annotation, found).quotes if q.kind != "indirect"]
    assert quote.speaker_entity >= 0
    assert found.entities[quote.speaker_entity].names[0] == "Tom Reyes"
