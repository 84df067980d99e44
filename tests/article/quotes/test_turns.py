"""Transcript turns and signed paragraphs: speakers named by a label or a signature."""

from __future__ import annotations

from article.quotes.helpers import quoted
from storyline.article.annotate import annotation_of, load_model
from storyline.article.mentions import find_entities
from storyline.article.quotes import find_quotes
from storyline.model import DIRECT
from storyline.settings import Settings


def test_quotations_signed_with_a_dash():
    text = (
        "Readers wrote in.\n\n"
        "“He makes simple blanket statements about people he knows nothing about.”― Pamela Padilla \n"
        "“Maybe, we can build a wall around him.” ― Steve Quinlan.\n"
        "“I cannot vote for him.” — Maria de la Cruz, a nurse in Phoenix\n"
        '"We are ready," said Ana Lopez - and left.'
    )
    annotation = annotation_of(load_model(Settings().model)(text), "test")
    speakers = [
        text[q.speaker_span.start : q.speaker_span.end] for q in find_quotes(text, annotation, find_entities(text, annotation)).quotes
    ]
    assert speakers == ["Pamela Padilla", "Steve Quinlan", "Maria de la Cruz", "Ana Lopez"]


def test_transcript_turns_with_and_without_marks():
    text = (
        "Fox News host Chris Wallace spoke with Mike Pence on Sunday.\n\n"
        '"WALLACE: Let’s start with breaking news on the debate story.\n\n'
        '"PENCE: Well, look, this is serious business.\n\n'
        "UPDATE: The campaign later said it had no comment.\n\n"
        "PENCE: I do, Chris."
    )
    assert [(kind, words, speaker) for kind, words, speaker in quoted(text) if kind == DIRECT] == [
        (DIRECT, "Let’s start with breaking news on the debate story.", "Chris Wallace"),
        (DIRECT, "Well, look, this is serious business.", "Mike Pence"),
        (DIRECT, "I do, Chris.", "Mike Pence"),
    ]


def test_a_signed_paragraph_speaks_for_every_quotation_in_it():
    text = (
        "“He answers to no one. To quote a singer ‘Some people are so poor all they have is money.” "
        "And that is all he has “the root of all evil’.” ― Christina Lastra.\n"
        "“He is a bully and a liar.” ― Ana Ruiz"
    )
    assert [speaker for _, _, speaker in quoted(text)] == ["Christina Lastra", "Christina Lastra", "Ana Ruiz"]


def test_a_paragraph_signature_does_not_override_a_cue():
    text = '"I love this product so much," said Ann Lee. "Great product, would buy it again." ― Bob Jones'
    assert [speaker for _, _, speaker in quoted(text)] == ["Ann Lee", "Bob Jones"]
