"""Annotation: offsets into the clean text, sentences that respect line breaks, and a stored
parse that rebuilds the spaCy Doc exactly."""

from __future__ import annotations

import pytest

from storyline.article.annotate import ModelNotInstalledError, annotate, check_model, load_model, to_doc
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
