"""The annotation stage: sentences, tokens with their parse, and entity mentions, by spaCy.

Texts are parsed many at a time with `nlp.pipe`, inside whichever process runs the batch (the
engine spreads batches over worker processes, as spaCy's own n_process would), and the model
is loaded once per process. Everything is kept as character offsets into the clean text, and
the token table is enough to rebuild a spaCy `Doc` without parsing again.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from functools import cache

from storyline.model import Annotation, CleanText, Document, EntityMention, LanguageGuess, TextRange, TokenTable
from storyline.settings import MAX_TEXT_CHARACTERS, Settings
from storyline.stages import register_batch_stage

PARAGRAPH_BREAKS = "storyline_paragraph_breaks"


class ModelNotInstalledError(ValueError):
    """The configured spaCy model is not installed in this environment."""


def check_model(name: str) -> None:
    """Fail early, in one line, when the model cannot be loaded."""
    if importlib.util.find_spec(name) is None:
        raise ModelNotInstalledError(
            f"spaCy model {name!r} is not installed; `pip install .` installs the default one, or set `model` to an installed model"
        )


@cache
def load_model(name: str):
    """The spaCy pipeline `name`, with a rule that a line break always ends a sentence: in news
    text a line is a paragraph, a heading or a caption, never half a sentence."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    nlp = spacy.load(name)
    nlp.max_length = MAX_TEXT_CHARACTERS  # what reading and extraction hold texts to
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def _paragraph_breaks(doc):
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@register_batch_stage("annotate", result_type=Annotation, needs=("clean", "language"), settings_used=("model",))
def annotate(documents: list[Document], upstreams: list[Mapping[str, object]], settings: Settings) -> list[Annotation]:
    texts = []
    for upstream in upstreams:
        cleaned, language = upstream["clean"], upstream["language"]
        assert isinstance(cleaned, CleanText) and isinstance(language, LanguageGuess)
        # an article in another language is stored but not read by the English model
        texts.append(cleaned.text if language.analysed else "")
    nlp = load_model(settings.model)
    model = f"{nlp.meta.get('name', settings.model)}-{nlp.meta.get('version', '?')}"
    return [annotation_of(doc, model) for doc in nlp.pipe(texts, batch_size=max(1, len(texts)))]


def annotation_of(doc, model: str) -> Annotation:
    tokens = TokenTable(
        start=tuple(t.idx for t in doc),
        end=tuple(t.idx + len(t) for t in doc),
        tag=tuple(t.tag_ for t in doc),
        pos=tuple(t.pos_ for t in doc),
        dep=tuple(t.dep_ for t in doc),
        head=tuple(t.head.i for t in doc),
        lemma=tuple(t.lemma_ for t in doc),
        ent_iob=tuple(t.ent_iob_ for t in doc),
        ent_type=tuple(t.ent_type_ for t in doc),
    )
    sentences = tuple(TextRange(*_trimmed(sentence)) for sentence in doc.sents if not _blank(sentence))
    mentions = tuple(EntityMention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
    return Annotation(model=model, sentences=sentences, mentions=mentions, tokens=tokens)


def _blank(span) -> bool:
    return all(token.is_space for token in span)


def _trimmed(span) -> tuple[int, int]:
    """Character range of a sentence without the white space that spaCy attaches to it."""
    tokens = [token for token in span if not token.is_space]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def to_doc(text: str, annotation: Annotation, vocab):
    """Rebuild the spaCy Doc of `text` from its stored annotation, without parsing."""
    from spacy.tokens import Doc

    table = annotation.tokens
    count = len(table)
    words = [text[start:end] for start, end in zip(table.start, table.end, strict=True)]
    spaces = [(table.start[i + 1] if i + 1 < count else len(text)) > table.end[i] for i in range(count)]
    sentence_starts = {r.start for r in annotation.sentences}
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=list(table.tag),
        pos=list(table.pos),
        deps=list(table.dep),
        heads=list(table.head),
        lemmas=list(table.lemma),
        sent_starts=[start in sentence_starts for start in table.start],
        ents=[f"{iob}-{kind}" if iob in ("B", "I") else "O" for iob, kind in zip(table.ent_iob, table.ent_type, strict=True)],
    )
