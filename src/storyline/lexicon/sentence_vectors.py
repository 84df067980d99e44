"""Sentence vectors that put paraphrases and translations of one sentence close together.

The vectors are static (lexicon/minilm_static, made by scripts/make_sentence_vectors.py from
all-MiniLM-L6-v2): a sentence is the mean of its word pieces' rows, so embedding costs a table
lookup and a sum, with numpy alone, and never the network. Word-piece splitting follows the
BERT convention the table was made with (lower case, accents stripped, punctuation apart,
longest known piece first), written here so that no tokenizer library is needed at run time.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from importlib import resources

import numpy as np

_CONTINUATION = "##"
_LONGEST_WORD = 100


@cache
def _table() -> tuple[dict[str, int], np.ndarray]:
    folder = resources.files("storyline.lexicon") / "minilm_static"
    pieces = (folder / "pieces.txt").read_text(encoding="utf-8").split("\n")[:-1]
    with (folder / "vectors.npz").open("rb") as handle, np.load(handle) as stored:
        vectors = stored["vectors"].astype(np.float32) * stored["scales"][:, None]
    return {piece: index for index, piece in enumerate(pieces)}, vectors


def embed(sentences: list[str]) -> np.ndarray:
    """One unit-length row per sentence (a row of zeros for one with no known word piece)."""
    vectors = _table()[1]
    out = np.zeros((len(sentences), vectors.shape[1]), dtype=np.float32)
    for row, sentence in enumerate(sentences):
        ids = [i for word in _words(sentence) for i in _pieces(word)]
        if ids:
            mean = vectors[ids].mean(axis=0)
            norm = float(np.linalg.norm(mean))
            out[row] = mean / norm if norm else mean
    return out


def _words(sentence: str) -> list[str]:
    """Lower-cased, accent-free words, each punctuation mark a word of its own."""
    text = unicodedata.normalize("NFD", sentence.lower())
    words, current = [], []
    for char in text:
        category = unicodedata.category(char)
        if category == "Mn" or (category[0] == "C" and not char.isspace()):
            continue
        if char.isspace() or _splits(char, category):
            if current:
                words.append("".join(current))
                current = []
            if not char.isspace():
                words.append(char)
        else:
            current.append(char)
    if current:
        words.append("".join(current))
    return words


def _splits(char: str, category: str) -> bool:
    """Punctuation (ASCII symbols count, as BERT counts them) and CJK ideographs stand alone."""
    code = ord(char)
    ascii_symbol = 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126
    return ascii_symbol or category[0] == "P" or 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF


@lru_cache(maxsize=65536)
def _pieces(word: str) -> tuple[int, ...]:
    """The word's pieces, longest known first; a word that cannot be split is left out."""
    index = _table()[0]
    if len(word) > _LONGEST_WORD:
        return ()
    ids, start = [], 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else _CONTINUATION + word[start:end]
            if piece in index:
                ids.append(index[piece])
                break
            end -= 1
        if end == start:
            return ()
        start = end
    return tuple(ids)
