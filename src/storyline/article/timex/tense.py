"""The tense of a clause and the mood of a sentence, from the parse: what decides whether
"Friday" is the one before the article or the one after, and whether a sentence reports a fact."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from storyline.model import FUTURE, NO_TENSE, PAST, PRESENT, Annotation, SentenceTense, TokenTable


def tense_at(tokens: TokenTable, start: int, end: int) -> str:
    """The tense of the clause an expression sits in: from the verb that governs it."""
    if not len(tokens):
        return NO_TENSE
    first = max(0, bisect_right(tokens.start, start) - 1)
    inside = [i for i in range(first, bisect_left(tokens.start, end)) if tokens.end[i] > start]
    if not inside:
        return NO_TENSE
    head = next((i for i in inside if not start <= tokens.start[tokens.head[i]] < end or tokens.head[i] == i), inside[0])
    verb = head
    for _ in range(12):
        if tokens.pos[verb] in ("VERB", "AUX") or tokens.head[verb] == verb:
            break
        verb = tokens.head[verb]
    if tokens.pos[verb] not in ("VERB", "AUX"):
        return NO_TENSE
    if tokens.lemma[verb].lower() == "accord":
        return PAST  # "according to the Kremlin on Friday": the statement was made
    for _ in range(3):
        # An infinitive or a participle clause ("the last leader to meet him on April 11") takes
        # its time from the finite verb it hangs on, unless that verb frames a future.
        if not _non_finite(tokens, verb) or tokens.head[verb] == verb or tokens.lemma[tokens.head[verb]].lower() in _FUTURE_FRAMES:
            break
        verb = tokens.head[verb]
    return tense_of_verb(tokens, verb)


def _non_finite(tokens: TokenTable, verb: int) -> bool:
    if tokens.tag[verb] not in ("VB", "VBG", "VBN"):
        return False
    auxiliaries = [i for i in range(max(0, verb - 6), verb) if tokens.head[i] == verb and tokens.dep[i] in ("aux", "auxpass")]
    return all(tokens.lemma[i].lower() == "to" for i in auxiliaries)


_FUTURE_AUX = {"will", "shall", "'ll", "wo"}


_FUTURE_FRAMES = {"schedule", "expect", "plan", "due", "set", "slate", "go", "intend", "prepare", "aim"}


def tense_of_verb(tokens: TokenTable, verb: int) -> str:
    children = [i for i in range(max(0, verb - 8), min(len(tokens), verb + 8)) if tokens.head[i] == verb and i != verb]
    auxiliaries = [tokens.lemma[i].lower() for i in children if tokens.dep[i] in ("aux", "auxpass")]
    if any(a in _FUTURE_AUX for a in auxiliaries):
        return FUTURE
    if tokens.lemma[verb].lower() in _FUTURE_FRAMES and any(tokens.dep[i] == "xcomp" for i in children):
        # "is scheduled to hold", "plans to meet"; "was scheduled to" looks back.
        past = tokens.tag[verb] == "VBD" or any(tokens.tag[i] == "VBD" for i in children if tokens.dep[i] in ("aux", "auxpass"))
        return PAST if past else FUTURE
    # "is scheduled to hold", "plans to meet", "is going to": the governing frame says future.
    governor = tokens.head[verb]
    if tokens.dep[verb] == "xcomp" and tokens.lemma[governor].lower() in _FUTURE_FRAMES:
        governor_tense = tense_of_verb(tokens, governor) if governor != verb else NO_TENSE
        return FUTURE if governor_tense != PAST or tokens.lemma[governor].lower() in ("schedule", "due", "set") else PAST
    if tokens.tag[verb] == "VBD" or (tokens.tag[verb] == "VBN" and any(a in ("have", "be") for a in auxiliaries)):
        return PAST
    if any(tokens.tag[i] == "VBD" for i in children if tokens.dep[i] in ("aux", "auxpass")):
        return PAST
    if tokens.tag[verb] in ("VBZ", "VBP", "VBG") or auxiliaries:
        return PRESENT
    if tokens.tag[verb] == "VBN":
        return PAST
    return NO_TENSE


_HYPOTHETICAL = {"could", "might", "may", "would", "should"}


def sentence_tenses(annotation: Annotation) -> Iterator[SentenceTense]:
    tokens = annotation.tokens
    for sentence in annotation.sentences:
        first = bisect_right(tokens.start, sentence.start) - 1
        inside = range(max(first, 0), bisect_right(tokens.start, sentence.end - 1))
        root = next((i for i in inside if tokens.head[i] == i and tokens.pos[i] in ("VERB", "AUX")), None)
        if root is None:
            yield SentenceTense(sentence.start, sentence.end, NO_TENSE)
            continue
        modals = {tokens.lemma[i].lower() for i in inside if tokens.head[i] == root and tokens.tag[i] == "MD"}
        yield SentenceTense(sentence.start, sentence.end, tense_of_verb(tokens, root), bool(modals & _HYPOTHETICAL))
