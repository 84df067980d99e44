"""The annotation stage: sentences, tokens with their parse, and entity mentions, by spaCy.

Texts are parsed many at a time with `nlp.pipe`, inside whichever process runs the batch (the
engine spreads batches over worker processes, as spaCy's own n_process would), and the model
is loaded once per process. Everything is kept as character offsets into the clean text, and
the token table is enough to rebuild a spaCy `Doc` without parsing again.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Iterator, Mapping
from functools import cache

import numpy

from storyline.model import Annotation, CleanText, Document, EntityMention, LanguageGuess, TextRange, TokenTable
from storyline.settings import PARSER_CHARACTERS, Settings
from storyline.stages import register_batch_stage

PARAGRAPH_BREAKS = "storyline_paragraph_breaks"
# The longest piece a text too long for the model is read in.
PIECE_CHARACTERS = 100_000


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
    nlp.max_length = PARSER_CHARACTERS  # longer texts are read in pieces (annotate)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def _paragraph_breaks(doc):
    # Set through an array: Token.is_sent_start checks the whole Doc for a parse each time it
    # is set, which made a long article quadratic in its paragraphs.
    if len(doc) < 2:
        return doc
    spaces = numpy.flatnonzero(doc.to_array("IS_SPACE")[:-1])
    starts = [int(i) + 1 for i in spaces if "\n" in doc[int(i)].text]
    if starts:
        marks = doc.to_array("SENT_START")
        marks[starts] = 1
        doc.from_array(["SENT_START"], marks)
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
    if all(len(text) <= nlp.max_length for text in texts):
        return [annotation_of(doc, model) for doc in nlp.pipe(texts, batch_size=max(1, len(texts)))]
    # A text longer than the model reads at once (spaCy's max_length, past which it raises E088)
    # is read in pieces, one at a time so that memory stays that of one piece (spaCy's parse
    # takes some 3 GB for a million characters); the others are read together as usual.
    short = [i for i, text in enumerate(texts) if len(text) <= nlp.max_length]
    parsed = nlp.pipe([texts[i] for i in short], batch_size=max(1, len(short)))
    found = dict(zip(short, (annotation_of(doc, model) for doc in parsed), strict=True))
    for i, text in enumerate(texts):
        if i not in found:
            pieces = pieces_of(text, min(PIECE_CHARACTERS, nlp.max_length))
            parsed = (annotation_of(doc, model) for doc in nlp.pipe([piece for _, piece in pieces], batch_size=1))
            found[i] = joined([(offset, annotation) for (offset, _), annotation in zip(pieces, parsed, strict=True)], model)
    return [found[i] for i in range(len(texts))]


def pieces_of(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, piece) of consecutive pieces of `text`, none longer than `limit`, each cut
    after a line break where there is one (a line break ends a sentence, so the parse of the
    pieces is the parse of the whole), else after a space, else where the limit falls."""
    pieces = []
    offset = 0
    while len(text) - offset > limit:
        window = text[offset : offset + limit]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or limit
        pieces.append((offset, window[:cut]))
        offset += cut
    pieces.append((offset, text[offset:]))
    return pieces


def joined(parts: list[tuple[int, Annotation]], model: str) -> Annotation:
    """The annotation of a text from those of its pieces (each with its offset in the text):
    character offsets moved by the piece's offset, token heads by the tokens before it."""
    columns: dict[str, list] = {name: [] for name in ("start", "end", "tag", "pos", "dep", "head", "lemma", "ent_iob", "ent_type")}
    sentences: list[TextRange] = []
    mentions: list[EntityMention] = []
    for offset, part in parts:
        table = part.tokens
        before = len(columns["start"])
        columns["start"] += [start + offset for start in table.start]
        columns["end"] += [end + offset for end in table.end]
        columns["head"] += [head + before for head in table.head]
        for name in ("tag", "pos", "dep", "lemma", "ent_iob", "ent_type"):
            columns[name] += getattr(table, name)
        sentences += [TextRange(s.start + offset, s.end + offset) for s in part.sentences]
        mentions += [EntityMention(m.start + offset, m.end + offset, m.label, m.text) for m in part.mentions]
    tokens = TokenTable(**{name: tuple(values) for name, values in columns.items()})
    return Annotation(model=model, sentences=tuple(sentences), mentions=tuple(mentions), tokens=tokens)


# The columns of a parsed Doc that an annotation keeps, read as arrays: a Token object made for
# each word and attribute cost a fifth of the parse.
# String columns hold unsigned hashes; the others are small numbers, HEAD an offset that may be negative.
_STRINGS = ("TAG", "POS", "DEP", "LEMMA", "ENT_TYPE")
_NUMBERS = ("IDX", "LENGTH", "HEAD", "ENT_IOB", "SENT_START", "IS_SPACE")
_COLUMNS = _STRINGS + _NUMBERS
_IOB = ("", "I", "O", "B")


def annotation_of(doc, model: str) -> Annotation:
    if not len(doc):
        return Annotation(model=model)
    array = doc.to_array(list(_COLUMNS))
    columns = {
        name: (array[:, k] if name in _STRINGS else array[:, k].astype(numpy.int64)).tolist() for k, name in enumerate(_COLUMNS)
    }
    strings = doc.vocab.strings
    names = {value: strings[value] for name in _STRINGS for value in set(columns[name])}
    names[0] = ""
    start = columns["IDX"]
    end = [s + n for s, n in zip(start, columns["LENGTH"], strict=True)]
    tokens = TokenTable(
        start=tuple(start),
        end=tuple(end),
        tag=tuple(names[v] for v in columns["TAG"]),
        pos=tuple(names[v] for v in columns["POS"]),
        dep=tuple(names[v] for v in columns["DEP"]),
        head=tuple(i + offset for i, offset in enumerate(columns["HEAD"])),
        lemma=tuple(names[v] for v in columns["LEMMA"]),
        ent_iob=tuple(_IOB[v] for v in columns["ENT_IOB"]),
        ent_type=tuple(names[v] for v in columns["ENT_TYPE"]),
    )
    sentences = tuple(_sentences(start, end, columns["SENT_START"], columns["IS_SPACE"]))
    mentions = tuple(EntityMention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
    return Annotation(model=model, sentences=sentences, mentions=mentions, tokens=tokens)


def _sentences(start: list[int], end: list[int], sentence_start: list[int], space: list[int]) -> Iterator[TextRange]:
    """The parse's sentences (as Doc.sents cuts them) that are not all white space, each
    without the white space that spaCy attaches to it."""
    cuts = [0, *(i for i in range(1, len(start)) if sentence_start[i] == 1), len(start)]
    for first, stop in itertools.pairwise(cuts):
        words = [i for i in range(first, stop) if not space[i]]
        if words:
            yield TextRange(start[words[0]], end[words[-1]])


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
