"""Annotation: offsets into the clean text, sentences that respect line breaks, and a stored
parse that rebuilds the spaCy Doc exactly."""

from __future__ import annotations

import pytest

from storyline.article.annotate import ModelNotInstalledError, annotate, check_model, joined, load_model, pieces_of, to_doc
from storyline.article.language import guess_language
from storyline.model import CleanText, Document
from storyline.settings import Settings

TEXT = (
    "UN Secretary-General Antonio Guterres on Monday called for diplomacy to defuse tensions between Russia and Ukraine.\n"
    "Ukrainian President Volodymyr Zelensky said that Ukraine needs energy security guarantees\n"
    "Besides, the parties discussed the steps made in  Ukraine's eastern Donbas region.\n\n"
    '"There is no alternative to diplomacy," said Guterres.'
)


def run(*texts: str):
    documents = [Document(id=str(n), source="s", text=t) for n, t in enumerate(texts)]
    return annotate(documents, [{"clean": CleanText(text=t), "language": guess_language(t)} for t in texts], Settings())


def test_offsets_point_into_the_clean_text():
    (annotation,) = run(TEXT)
    tokens = annotation.tokens
    assert len(tokens) > 40
    assert all(0 <= s < e <= len(TEXT) for s, e in zip(tokens.start, tokens.end, strict=True))
    assert [TEXT[m.start : m.end] for m in annotation.mentions] == [m.text for m in annotation.mentions]
    people = {m.text for m in annotation.mentions if m.label == "PERSON"}
    assert {"Antonio Guterres", "Volodymyr Zelensky"} <= people
    assert annotation.model.startswith("core_web_sm") or "en_core_web_sm" in annotation.model


def test_a_line_break_ends_a_sentence_even_without_a_full_stop():
    (annotation,) = run(TEXT)
    sentences = [TEXT[r.start : r.end] for r in annotation.sentences]
    assert sentences[1] == "Ukrainian President Volodymyr Zelensky said that Ukraine needs energy security guarantees"
    assert sentences[2].startswith("Besides,")
    assert all(s == s.strip() and s for s in sentences)


def test_many_texts_in_one_batch_keep_their_order():
    annotations = run("Putin met Macron in Moscow.", "", "Blinken spoke in Kyiv.")
    assert [[m.text for m in a.mentions] for a in annotations] == [["Putin", "Macron", "Moscow"], [], ["Blinken", "Kyiv"]]


def test_stored_parse_rebuilds_the_doc_without_parsing():
    (annotation,) = run(TEXT)
    nlp = load_model(Settings().model)
    parsed = nlp(TEXT)
    rebuilt = to_doc(TEXT, annotation, nlp.vocab)
    assert rebuilt.text == TEXT
    assert [(t.text, t.idx, t.tag_, t.dep_, t.head.i, t.lemma_) for t in rebuilt] == [
        (t.text, t.idx, t.tag_, t.dep_, t.head.i, t.lemma_) for t in parsed
    ]
    assert [(e.text, e.label_) for e in rebuilt.ents] == [(e.text, e.label_) for e in parsed.ents]


def test_missing_model_is_one_clear_error():
    with pytest.raises(ModelNotInstalledError, match="'no_such_model' is not installed"):
        check_model("no_such_model")


def test_pieces_are_cut_after_line_breaks_and_cover_the_text():
    text = "One two three.\nFour five six seven.\n\nEight nine.\nTen"
    pieces = pieces_of(text, 20)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 20 for _, piece in pieces)
    # "Four five six seven." has no line break within reach of its start: cut after a space
    assert [piece for _, piece in pieces] == ["One two three.\n", "Four five six ", "seven.\n\nEight nine.\n", "Ten"]
    assert [offset for offset, _ in pieces] == [0, 15, 29, 49]
    # no line break in reach: after a space, else where the limit falls
    assert pieces_of("aaaa bbbb cccc", 10) == [(0, "aaaa bbbb "), (10, "cccc")]
    assert pieces_of("a" * 25, 10) == [(0, "a" * 10), (10, "a" * 10), (20, "a" * 5)]


def test_a_text_longer_than_the_model_reads_is_analysed_in_pieces(monkeypatch):
    paragraphs = [f"Antonio Guterres met Volodymyr Zelensky in Kyiv on day {n}. They spoke about grain." for n in range(40)]
    text = "\n\n".join(paragraphs)
    (whole,) = run(text)
    nlp = load_model(Settings().model)
    # a model that reads at most 1,000 characters at once: the text is over four times that
    monkeypatch.setattr(nlp, "max_length", 1000)
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    short = "Blinken spoke in Kyiv."
    pieced, alone = run(text, short)
    assert pieced.tokens.start == whole.tokens.start
    assert pieced.tokens.end == whole.tokens.end
    assert [(s.start, s.end) for s in pieced.sentences] == [(s.start, s.end) for s in whole.sentences]
    assert all(text[m.start : m.end] == m.text for m in pieced.mentions)
    assert {m.text for m in pieced.mentions if m.label == "PERSON"} >= {"Antonio Guterres"}
    # every head is a token of the same piece's sentence, so of the whole text
    assert all(0 <= h < len(pieced.tokens) for h in pieced.tokens.head)
    assert all(abs(pieced.tokens.start[h] - pieced.tokens.start[i]) < 200 for i, h in enumerate(pieced.tokens.head))
    assert [m.text for m in alone.mentions] == ["Blinken", "Kyiv"]


def test_joined_moves_offsets_and_heads_by_the_pieces_before():
    (first,) = run("Putin spoke.\n")
    (second,) = run("Macron listened.")
    both = joined([(0, first), (13, second)], "m")
    count = len(first.tokens)
    assert both.tokens.start == (*first.tokens.start, *(s + 13 for s in second.tokens.start))
    assert both.tokens.head == (*first.tokens.head, *(h + count for h in second.tokens.head))
    assert [(s.start, s.end) for s in both.sentences] == [(0, 12), (13, 29)]
    assert [(m.start, m.text) for m in both.mentions] == [(0, "Putin"), (13, "Macron")]
