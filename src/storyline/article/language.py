"""The language stage: which language each article is written in, before the English model
reads it.

The parser, tagger and event tables are English; a German page read by them yields entities
such as "leider nicht" and no events, which is worse than nothing. So every article's language
is detected (py3langid, a maintained port of langid.py, on the first few thousand characters
of the clean text), and an article confidently in another language is stored with its text and
language but left out of the English analysis; the build reports it on one line. Text too short
to tell, or not clearly another language, is read as English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from storyline.model import CleanText, Document, LanguageGuess
from storyline.settings import Settings
from storyline.stages import register_stage

ANALYSED = "en"  # the language the model and the tables read
SAMPLE_CHARACTERS = 5000
# Another language is trusted only on this much text, and with this probability.
MIN_LETTERS = 100
MIN_PROBABILITY = 0.9
_LETTER = re.compile(r"[^\W\d_]")


@cache
def identifier():
    """The language identifier, loaded once per process (a build loads it before its workers fork)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str) -> LanguageGuess:
    sample = text[:SAMPLE_CHARACTERS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return LanguageGuess(None, 0.0, True)
    code, probability = identifier().classify(sample)
    other = code != ANALYSED and probability >= MIN_PROBABILITY
    return LanguageGuess(str(code), round(float(probability), 4), not other)


@register_stage("language", result_type=LanguageGuess, needs=("clean",))
def language(document: Document, upstream: Mapping[str, object], settings: Settings) -> LanguageGuess:
    cleaned = upstream["clean"]
    assert isinstance(cleaned, CleanText)
    return guess_language(cleaned.text)


def language_name(code: str | None) -> str:
    """ "German" for "de", for the one line a build prints."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if code else None
    return found.name if found else (code or "unknown")
