"""The profile stage: what the corpus steps compare articles by, computed once per article.

A MinHash signature of the text's word shingles finds copies; for each unit (the whole article,
or each section of a round-up) the content lemmas and the names it mentions say what event it
reports. Corpus steps then work on these profiles only, never on text, so clustering a large
store needs no parsing and little memory.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from datasketch import MinHash

from storyline.lexicon import load_table, words
from storyline.lexicon.names import name_key, surname_key
from storyline.model import NUM_PERM, SCHEME, SHINGLE_WORDS, Annotation, ArticleEntities, ArticleProfile, CleanText, Document, UnitProfile
from storyline.settings import Settings
from storyline.stages import register_stage

_CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ")
# Verbs every news story uses; they say nothing about which event it is.
_UNINFORMATIVE = words("profile", "uninformative")
_WORD = re.compile(r"[^\W\d_]+")


@register_stage("profile", result_type=ArticleProfile, needs=("clean", "annotate", "mentions"))
def profile(document: Document, upstream: Mapping[str, object], settings: Settings) -> ArticleProfile:
    cleaned, annotation, found = upstream["clean"], upstream["annotate"], upstream["mentions"]
    assert isinstance(cleaned, CleanText) and isinstance(annotation, Annotation) and isinstance(found, ArticleEntities)
    ranges = [(s.start, s.end, s.heading) for s in cleaned.sections] if len(cleaned.sections) > 1 else [(0, len(cleaned.text), None)]
    units = tuple(_unit(start, end, heading, annotation, found) for start, end, heading in ranges)
    texts = [cleaned.text[start:end] for start, end, _ in ranges]
    if len(texts) == 1 and document.title:
        texts[0] = document.title + "\n" + texts[0]
    units = tuple(replace(unit, words=word_counts(text)) for unit, text in zip(units, texts, strict=True))
    return ArticleProfile(minhash=signature(cleaned.text), units=units)


def word_counts(text: str) -> tuple[tuple[str, int], ...]:
    """Words of three letters or more, lower-cased, with their counts, sorted."""
    return tuple(sorted(Counter(w for w in _WORD.findall(text.lower()) if len(w) > 2).items()))


def signature(text: str) -> tuple[int, ...]:
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    minhash.update_batch([s.encode() for s in shingles])
    return tuple(int(v) for v in minhash.hashvalues)


@cache
def _title_words() -> frozenset[str]:
    """Words of titles ("secretary", "general", "minister"): they name roles, not events."""
    return frozenset(w.lower() for title in load_table("entities")["titles"] for w in re.findall(r"[A-Za-z]+", title))


def _unit(start: int, end: int, heading: str | None, annotation: Annotation, found: ArticleEntities) -> UnitProfile:
    tokens = annotation.tokens
    skip = _UNINFORMATIVE | _title_words()
    terms: Counter[str] = Counter()
    for i in range(len(tokens)):
        # Names are counted as names, dates not at all: neither is a word of the event.
        if start <= tokens.start[i] < end and tokens.pos[i] in _CONTENT_POS and not tokens.ent_type[i]:
            lemma = tokens.lemma[i].lower()
            if len(lemma) > 2 and lemma.isalpha() and lemma not in skip:
                terms[lemma] += 1
    names: Counter[str] = Counter()
    for mention in found.mentions:
        if start <= mention.start < end and mention.entity >= 0:
            entity = found.entities[mention.entity]
            # A person is known by surname across outlets that give the first name or not.
            names[surname_key(entity.names[0]) if entity.type == "PERSON" else name_key(entity.names[0])] += 1
    ranked = tuple(key for key, _ in sorted(names.items(), key=lambda item: (-item[1], item[0])))
    return UnitProfile(start, end, heading, tuple(sorted(terms.items())), ranked)
