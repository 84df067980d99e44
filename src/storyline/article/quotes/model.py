"""The attribution model: every candidate speaker of a quotation, its features, and one fitted
linear score that chooses among them (weights in lexicon/attribution.toml).

Rules written one development example at a time did not carry over to unseen articles; here
each rule proposes a candidate (the subject of a cue, a name after it, the sentence before, the
person the paragraph is about, the previous voice, a dash signature), and what used to decide
between them (which rule fired first, whether the cue governs the quotation, how far away it
is, what kind of cue, what kind of entity, a pronoun, an outlet) is a feature whose weight was
fitted on PolNeAR (scripts/fit_attribution.py). An outlet or agency relays words and is their
`reporter`, never their speaker while anyone else is a candidate.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from storyline.article.quotes.attribution import cue_before, cue_options, person_before, voice_from_before
from storyline.article.quotes.cues import BELIEFS, CHARACTERIZING, SAID_NOUNS, is_document, is_pronoun, lemma_of, puts_it, span_heads
from storyline.article.quotes.marks import near_enough
from storyline.article.quotes.outlets import is_outlet
from storyline.article.quotes.turns import paragraph_signature, signed_at
from storyline.article.reference import entity_of, subject_of
from storyline.article.tokens import token_range
from storyline.lexicon import load_table, reporting, words
from storyline.lexicon.positions import sentence_at
from storyline.model import PARTIAL, Annotation, ArticleEntities, QuoteFinding, TextRange

ORIGINS = ("cue", "signed", "signature", "before", "person", "topic", "previous", "subject")
# The features of a candidate, named and explained in lexicon/attribution.toml ([features]).
FEATURES = tuple(load_table("attribution")["features"]["names"])
_SHARES = words("quotes", "shares")
_SPEAKER_NOUNS = words("quotes", "speaker_nouns")
_CORE = reporting("core")
_WHEN = frozenset(["DATE", "TIME"])
_WRITERS_MARKS = words("quotes", "writers_marks")
# An outlet yields to anyone else whose score is within this much of its own.
OUTLET_MARGIN = 4.0
_LOG: ContextVar[list | None] = ContextVar("attribution_log", default=None)


def _weights() -> dict[str, float]:
    table = load_table("attribution")["weights"]
    return {name: float(table.get(name, 0.0)) for name in (*FEATURES, "bias")}


@dataclass
class Candidate:
    """One possible speaker of a quotation: where it came from, its words, cue and entity."""

    origin: str
    cue: TextRange | None
    span: TextRange | None
    entity: int = -1
    features: tuple[float, ...] = ()
    score: float = 0.0
    finding: QuoteFinding | None = None  # for the previous voice: the finding it continues


@dataclass
class Quotation:
    """One quotation of an article and what its candidates are read from."""

    text: str
    annotation: Annotation
    found: ArticleEntities
    spans: list[tuple[int, int]]
    start: int
    end: int
    kind: str
    extra: dict = field(default_factory=dict)


@dataclass
class LoggedQuotation:
    """What the fitting script reads: a quotation and its candidates with their features."""

    start: int
    end: int
    candidates: list[Candidate]


@contextmanager
def candidate_log(log: list) -> Iterator[list]:
    """Collect every quotation's candidates while the block runs (scripts/fit_attribution.py)."""
    token = _LOG.set(log)
    try:
        yield log
    finally:
        _LOG.reset(token)


def attribute(quotation: Quotation, previous: QuoteFinding | None) -> QuoteFinding:
    """The finding of a quotation (not a transcript turn): its best candidate speaker."""
    text, start, end = quotation.text, quotation.start, quotation.end
    if _writers_own(text, start):
        return QuoteFinding(start, end, quotation.kind)
    candidates = _candidates(quotation, previous)
    for candidate in candidates:
        candidate.features = _features(quotation, candidate, candidates, previous)
    candidates.append(_nobody(quotation))
    weights = _weights()
    for candidate in candidates:
        candidate.score = weights["bias"] + sum(weights[n] * v for n, v in zip(FEATURES, candidate.features, strict=True))
    log = _LOG.get()
    if log is not None:
        log.append(LoggedQuotation(start, end, candidates))
    best = _choose(candidates)
    if best is None:
        return QuoteFinding(start, end, quotation.kind)
    if best.finding is not None:
        return replace(best.finding, start=start, end=end, kind=quotation.kind, within=None)
    reporter = _reporter(quotation, candidates, best)
    return QuoteFinding(start, end, quotation.kind, best.cue, best.span, best.entity, *reporter)


def _choose(candidates: list[Candidate]) -> Candidate | None:
    """The best candidate, nobody included; an outlet only when no one else is nearly as likely."""
    best = max(candidates, key=lambda c: c.score)
    outlet = FEATURES.index("outlet")
    others = [c for c in candidates if not c.features[outlet] and c.origin != "nobody"]
    if best.features[outlet] and others:
        rival = max(others, key=lambda c: c.score)
        governs = FEATURES.index("governs")
        speaking = [c for c in others if c.origin == "cue" and c.features[governs] and c.entity >= 0]
        if speaking and best.features[governs]:
            # "Scholz said NATO is "out of the agenda", Interfax reported": two cues govern the
            # words; the outlet's relays the other's, whoever scores higher.
            best = max(speaking, key=lambda c: c.score)
        elif rival.score > best.score - OUTLET_MARGIN:
            best = rival
    if best.origin == "nobody":
        # Nobody must beat the best speaker by a margin: a quotation with a gold speaker given to
        # nobody is always wrong, a scare quote given to someone is wrong only sometimes.
        speakers = [c for c in candidates if c.origin != "nobody"]
        rival = max(speakers, key=lambda c: c.score, default=None)
        margin = load_table("attribution")["choice"]["nobody_margin"]
        if rival is None or rival.score <= best.score - margin:
            return None
        best = rival
    return best


def _probability(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _reporter(quotation: Quotation, candidates: list[Candidate], best: Candidate) -> tuple[TextRange | None, int]:
    """Who relays the words: an outlet whose cue is in the quotation's sentences, else the
    speaker of the verb whose clause holds the cue ("Dujarric said that Guterres told ...")."""
    outlet = FEATURES.index("outlet")
    for candidate in candidates:
        if candidate.origin == "cue" and candidate.features[outlet] and candidate is not best and candidate.entity != best.entity:
            return candidate.span, candidate.entity
    from storyline.article.quotes.cues import relayer_of

    tokens, spans = quotation.annotation.tokens, quotation.spans
    relayer = relayer_of(tokens, best.cue, spans) if best.cue is not None else None
    if relayer is None:
        return None, -1
    return relayer, entity_of(relayer, quotation.text, quotation.found, tokens, spans)


def _nobody(q: Quotation) -> Candidate:
    """The choice that nobody speaks the words, weighed like any candidate."""
    values = dict.fromkeys(FEATURES, 0.0)
    values.update(
        nobody=1.0,
        nobody_partial=float(q.kind == PARTIAL),
        nobody_short=float(len(q.text[q.start : q.end].split()) <= 4),
        nobody_opens_sentence=float(_opens_sentence(q)),
    )
    return Candidate("nobody", None, None, features=tuple(values[name] for name in FEATURES))


def _writers_own(text: str, start: int) -> bool:
    """ "the so-called 'space race'": words the writer marks as a term, nobody's quotation."""
    before = text[max(0, start - 16) : start].rstrip(" \"“«„'‘`").lower()
    return any(before.endswith(mark) for mark in _WRITERS_MARKS)


def _candidates(quotation: Quotation, previous: QuoteFinding | None) -> list[Candidate]:
    """Every rule's proposal, the one the former rules would have chosen marked `rule`."""
    q = quotation
    text, annotation, tokens = q.text, q.annotation, q.annotation.tokens
    out: list[Candidate] = []
    signed = signed_at(text, q.end)
    if signed is not None:
        out.append(Candidate("signed", None, signed))
    for verb, subject, governs, best in cue_options(text, tokens, annotation.sentences, q.start, q.end, q.spans):
        out.append(Candidate("cue", TextRange(tokens.start[verb], tokens.end[verb]), subject))
        q.extra[len(out) - 1] = (verb, governs, best)
    signature = paragraph_signature(text, q.end)
    if signature is not None:
        out.append(Candidate("signature", None, signature))
    not_before = previous.end if previous is not None else 0
    if previous is None or previous.end < q.start:
        cue, subject = cue_before(text, annotation, q.start, q.spans, not_before)
        if subject is not None:
            out.append(Candidate("before", cue, subject))
    for origin, opening in (("person", True), ("topic", False)):
        cue, subject = person_before(text, annotation, q.found, q.start, q.spans, opening)
        if subject is not None and not any(c.span == subject for c in out):
            out.append(Candidate(origin, cue, subject))
    own = _own_subject(q)
    # The subject of a verb already weighed as a cue is that cue's business ("Oz has been called
    # a 'charlatan' by physicians": the agent speaks, not the subject).
    if own is not None and not any(c.span == own[1] or c.cue == own[0] for c in out):
        out.append(Candidate("subject", *own))
    if previous is not None and (previous.speaker_span is not None or previous.speaker_entity >= 0):
        out.append(Candidate("previous", previous.cue, previous.speaker_span, previous.speaker_entity, finding=previous))
    for candidate in out:
        if candidate.finding is None and candidate.span is not None:
            candidate.span = _whole_share(q, candidate.span)
            candidate.entity = entity_of(candidate.span, text, q.found, tokens, q.spans, possessive=True)
    # A sentence's own subject speaks only when it is someone: an entity or a pronoun ("Gas
    # costs $5 per gallon, 'an outrageous ... price'" is nobody's).
    out = [c for c in out if c.origin != "subject" or c.entity >= 0 or is_pronoun(text, c.span)]
    _mark_rule(q, out, previous)
    return out


def _mark_rule(q: Quotation, out: list[Candidate], previous: QuoteFinding | None) -> None:
    """Which candidate the former cascade chose: a signature, a cue of its own, a signature in
    the paragraph, the sentence before, the person before, then the voice going on."""
    order = ["signed", "cue", "signature", "before"]
    chosen = None
    for origin in order:
        found = [i for i, c in enumerate(out) if c.origin == origin and (origin != "cue" or q.extra[i][2])]
        if found:
            chosen = found[0]
            break
    if chosen is None and (previous is None or voice_from_before(q.text, previous, q.start)):
        chosen = next((i for i, c in enumerate(out) if c.origin == "person"), None)
    if chosen is None and previous is not None and near_enough(q.text, previous.end, q.start):
        chosen = next((i for i, c in enumerate(out) if c.origin == "previous"), None)
    q.extra["rule"] = chosen


def _own_subject(q: Quotation) -> tuple[TextRange, TextRange] | None:
    """The subject of the main verb of the sentence the quotation stands in, outside it:
    "Trump, in Kentucky, said Tuesday that Rubio was 'a total lightweight' while ...": (verb, subject)."""
    tokens = q.annotation.tokens
    sentence = sentence_at(q.annotation.sentences, q.start)
    if sentence is None:
        return None
    roots = [i for i in token_range(tokens, sentence.start, sentence.end) if tokens.head[i] == i and tokens.pos[i] in ("VERB", "AUX")]
    if not roots or q.start <= tokens.start[roots[0]] < q.end:
        return None
    subject = subject_of(tokens, roots[0], q.spans)
    if subject is None:
        return None
    return TextRange(tokens.start[roots[0]], tokens.end[roots[0]]), subject


def _whole_share(q: Quotation, span: TextRange) -> TextRange:
    """ "percent" as a subject stands for its number and its people: "55 percent of voters"."""
    words_in = q.text[span.start : span.end].lower().split()
    if not words_in or words_in[-1] not in _SHARES:
        return span
    tokens = q.annotation.tokens
    inside = token_range(tokens, span.start, span.end)
    head = inside[-1] if inside else None
    if head is None:
        return span
    last = head
    for j in range(head + 1, min(len(tokens), head + 6)):
        if tokens.head[j] in (head, last) and tokens.dep[j] in ("prep", "pobj", "amod", "compound"):
            last = j
    first = min([head, *(j for j in range(max(0, head - 4), head) if tokens.head[j] == head)])
    return TextRange(min(span.start, tokens.start[first]), max(span.end, tokens.end[last]))


def _features(q: Quotation, candidate: Candidate, candidates: list[Candidate], previous: QuoteFinding | None) -> tuple[float, ...]:
    text, tokens, found = q.text, q.annotation.tokens, q.found
    index = candidates.index(candidate)
    verb, governs, _best = q.extra.get(index, (None, False, False))
    lemma = lemma_of(text, tokens, verb) if verb is not None else ""
    span = candidate.span
    words_of = text[span.start : span.end] if span is not None else ""
    entity_type = found.entities[candidate.entity].type if candidate.entity >= 0 else ""
    distance = 0.0 if span is None else max(0, span.start - q.end, q.start - span.end)
    values = dict.fromkeys(FEATURES, 0.0)
    values[f"origin_{candidate.origin}"] = 1.0
    values.update(
        rule=float(q.extra.get("rule") == index),
        governs=float(governs),
        cue_characterizing=float(lemma in CHARACTERIZING),
        cue_belief=float(lemma in BELIEFS),
        cue_noun=float(lemma in SAID_NOUNS),
        rival_cues=float(sum(1 for c in candidates if c.origin == "cue") > 1),
        cue_core=float(lemma in _CORE),
        cue_root=float(verb is not None and tokens.dep[verb] in ("ROOT", "parataxis", "conj")),
        cue_subordinate=float(
            verb is not None
            and tokens.dep[verb] in ("ccomp", "advcl", "relcl", "acl", "xcomp", "pcomp")
            and not puts_it(tokens, verb, text, (q.start, q.end))  # "as the memo put it" says whose words
        ),
        pronoun=float(span is not None and is_pronoun(text, span)),
        first_person=float(words_of.lower() in ("i", "we", "me", "us")),
        resolved=float(candidate.entity >= 0),
        person=float(entity_type == "PERSON"),
        organization=float(entity_type == "ORG"),
        place=float(entity_type in ("GPE", "NORP", "LOC")),
        outlet=float(is_outlet(words_of, found, candidate.entity)),
        share=float(any(w in _SHARES for w in words_of.lower().split())),
        distance=min(3.0, distance / 200.0),
        after=float(span is not None and span.start >= q.end),
        previous_near=float(previous is not None and near_enough(text, previous.end, q.start)),
        previous_same_paragraph=float(candidate.origin == "previous" and previous is not None and "\n" not in text[previous.end : q.start]),
        opens_sentence=float(_opens_sentence(q)),
        partial=float(q.kind == PARTIAL),
        short=float(len(text[q.start : q.end].split()) <= 4),
    )
    if span is not None and candidate.entity < 0 and not is_pronoun(text, span):
        values.update(_what_the_words_are(q, span))
    return tuple(values[name] for name in FEATURES)


def _what_the_words_are(q: Quotation, span: TextRange) -> dict[str, float]:
    """Words that name no entity may still be someone ("the senator", "protesters"), or a thing
    a misparse made a subject ("the move", "Saturday"), or a text ("the ad")."""
    tokens = q.annotation.tokens
    heads = span_heads(tokens, span)
    if not heads:
        return {}
    head = heads[-1]
    lemma = tokens.lemma[head].lower()
    return {
        "thing": float(tokens.pos[head] == "NOUN" and not tokens.ent_type[head] and lemma not in _SPEAKER_NOUNS
                       and lemma not in _SHARES and not is_document(tokens, span)),
        "when": float(tokens.ent_type[head] in _WHEN),
        "document": float(is_document(tokens, span)),
    }


def _opens_sentence(q: Quotation) -> bool:
    sentence = sentence_at(q.annotation.sentences, q.start)
    return sentence is None or not q.text[sentence.start : q.start].strip(" \"“«„'‘`")
