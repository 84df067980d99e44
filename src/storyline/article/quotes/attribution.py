"""Attribution: which cue speaks for a quotation, among the verbs of its sentences, the sentence before
it, a clause that introduces it, or the voice of the passage it continues."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from storyline.article.quotes.cues import (
    ADDRESSING,
    BELIEFS,
    CHARACTERIZING,
    CUE_LEMMAS,
    PLAIN_SPEECH,
    SAID_NOUNS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
    according_to,
    agent_of,
    characterized_as,
    clause_of,
    in_the_eyes_of,
    introduces,
    is_document,
    is_pronoun,
    lemma_of,
    puts_it,
    speaker_of_cue,
)
from storyline.article.quotes.marks import PAIRS, inner_pairs, quote_kind
from storyline.article.quotes.outlets import is_outlet
from storyline.article.reference import children, descends, entity_of, inside, phrase, subject_of
from storyline.article.tokens import token_range
from storyline.lexicon.positions import Masked, as_spans, last_sentence_before, sentences_over, spans_of
from storyline.model import INDIRECT, Annotation, ArticleEntities, QuoteFinding, TextRange, TokenTable


def nested_quotes(
    text: str, annotation: Annotation, found: ArticleEntities, spans: list[tuple[int, int]], outer: list[QuoteFinding]
) -> list[QuoteFinding]:
    """Quotations inside a quotation that name their own speaker there (a newspaper quoted at
    length: '"... after what she called a “rant,” ...'; '"He told me, ‘We are done,’" she
    said'). Words inside a quotation with no cue of their own are the outer speaker's, already
    counted. "I" inside the outer quotation is its speaker."""
    results = []
    for quote in outer:
        if quote.kind == INDIRECT:
            continue
        inner = inner_pairs(text, quote.start, quote.end)
        if not inner:
            continue
        hidden = Masked(as_spans(spans), (quote.start, quote.end), spans_of(inner))
        for start, end in inner:
            cue, subject = cue_and_subject(
                text, annotation.tokens, annotation.sentences, start, end, hidden, within=(quote.start, quote.end)
            )
            if (
                subject is None
                or lemma_of(text, annotation.tokens, token_range(annotation.tokens, cue.start, cue.end)[0])
                not in SPEECH_LEMMAS | SAID_NOUNS
            ):
                continue  # 'It comes across as "too loud"': the outer speaker's own characterisation
            first_person = text[subject.start : subject.end].lower() in ("i", "we", "me", "us")
            entity = quote.speaker_entity if first_person else entity_of(subject, text, found, annotation.tokens, hidden)
            span = quote.speaker_span if first_person and quote.speaker_span is not None else subject
            if _voiced(text, found, quote):
                # '"When that group said, ‘We think Obama would be a good president,’ that
                # ignited something," Tatum said': the words are the outer speaker's telling.
                cue, span, entity = quote.cue, quote.speaker_span, quote.speaker_entity
            results.append(
                QuoteFinding(start, end, quote_kind(text, start, end), cue, span, entity, within=TextRange(quote.start, quote.end))
            )
    return results


def _voiced(text: str, found: ArticleEntities, quote: QuoteFinding) -> bool:
    """The outer quotation has a speaker who tells the inner one in their own voice: a person,
    not an outlet or a text quoted at length ("The Post wrote: '... what she called a “rant”'"),
    whose quoting is that of its writers."""
    if quote.speaker_span is None and quote.speaker_entity < 0:
        return False
    said = text[quote.speaker_span.start : quote.speaker_span.end] if quote.speaker_span is not None else ""
    return not is_outlet(said, found, quote.speaker_entity)


def continued_paragraphs(text: str, results: list[QuoteFinding]) -> list[QuoteFinding]:
    """A quotation that runs over paragraphs leaves each one open and reopens the next with a
    mark; the cue usually comes in the last. The open paragraphs take its speaker."""
    results = list(results)
    for index in range(len(results) - 2, -1, -1):
        quote, following = results[index], results[index + 1]
        left_open = quote.end >= len(text.rstrip()) or text[quote.end] == "\n"
        between = text[quote.end : following.start]
        reopened = "\n" in between and len(between.strip()) == 1 and between.strip() in PAIRS
        if left_open and reopened and quote.speaker_entity < 0 and quote.speaker_span is None:
            results[index] = replace(following, start=quote.start, end=quote.end, kind=quote.kind)
    return results


def cue_and_subject(
    text: str,
    tokens: TokenTable,
    sentences: tuple[TextRange, ...],
    start: int,
    end: int,
    spans: list[tuple[int, int]],
    within: tuple[int, int] | None = None,
):
    """The reporting verb outside the quotation in its sentences, and the words of its subject;
    for a quotation inside another, looked for only inside that one (`within`)."""
    options = cue_options(text, tokens, sentences, start, end, spans, within)
    for verb, subject, _governs, best in options:
        if best:
            return TextRange(tokens.start[verb], tokens.end[verb]), subject
    return None, None


def cue_options(
    text: str,
    tokens: TokenTable,
    sentences: tuple[TextRange, ...],
    start: int,
    end: int,
    spans: list[tuple[int, int]],
    within: tuple[int, int] | None = None,
) -> list[tuple[int, TextRange, bool, bool]]:
    """Every cue of the quotation that names a speaker, as (cue token, speaker words, whether
    it governs the quotation, whether the rules below pick it): the attribution model weighs
    them all, the rules' pick among its features."""
    found = _cue_region(text, tokens, sentences, start, end)
    if found is None:
        return []
    region, tagged_after = found
    if within is not None:
        region = range(max(region.start, within[0]), min(region.stop, within[1]))
    quoted = token_range(tokens, start, end)
    characterizer = characterized_as(text, tokens, start, quoted, spans)
    # "as a memo put it" right beside this quotation: asked once, used by the tests below.
    said_so = {i for i in token_range(tokens, region.start, region.stop) if puts_it(tokens, i, text, (start, end))}
    cues = _CueContext(text, tokens, start, quoted, spans, characterizer, said_so, tagged_after)
    with_subject = [c for c in _cue_candidates(cues, region) if c[2] is not None]
    if not with_subject:
        # No cue of its own: a clause ending in a colon right before it introduces it.
        introducer = _introducing_clause(text, tokens, start, spans)
        if introducer is None or (within is not None and tokens.start[introducer[0]] < within[0]):
            return []
        return [(introducer[0], introducer[1], True, True)]
    verb, _subject = _best_cue(cues, with_subject)
    return [(c[1], c[2], cues.governs(c[1]), c[1] == verb) for c in with_subject]


def _cue_region(text: str, tokens: TokenTable, sentences: tuple[TextRange, ...], start: int, end: int) -> tuple[range, set[int]] | None:
    """The characters a cue of the quotation may stand in (its sentences, the one before it when
    that ends in a colon, the one after when it goes on), and the verbs that open the sentence
    after it (a speech tag the parser split off); None when no sentence holds it."""
    indices = sentences_over(sentences, start - 1, end + 1)
    if not indices:
        return None
    first, last = sentences[indices[0]], sentences[indices[-1]]
    earlier = sentences[indices[0] - 1] if indices[0] > 0 else None
    if earlier and text[earlier.start : earlier.end].rstrip().endswith(":") and not text[earlier.end : start].strip(" \n\t\"“«„'‘"):
        # 'Caddell continued:' and the quotation in the next paragraph.
        first = earlier
    following = sentences[indices[-1] + 1] if indices[-1] + 1 < len(sentences) else None
    tagged_after: set[int] = set()
    if following and (text[following.start : following.start + 1].islower() or _tag_sentence(text, tokens, following, end)):
        # A sentence cut in two ("...," he said. said Stéphane Dujarric, ...) goes on; and
        # '"...?" Graham asked.': the quotation ended its sentence and the cue is the next.
        last = following
        # A verb within its first words is a speech tag the parser split from the quotation
        # ('"You winning?" she said, but ...'): it speaks for the quotation as if it governed it.
        tagged_after = {i for i in token_range(tokens, following.start, following.end)[:4] if tokens.pos[i] == "VERB"}
    return range(first.start, last.end), tagged_after


@dataclass
class _CueContext:
    """What the cue of one quotation is judged by: the quoted tokens, the verb that
    characterises it ("called it 'a disgrace'"), the phrases saying whose words they are ("as a
    memo put it"), the verbs of a speech tag split off after it, and each token's lemma."""

    text: str
    tokens: TokenTable
    start: int  # where the quoted words start
    quoted: list[int]
    spans: list[tuple[int, int]]
    characterizer: int | None
    said_so: set[int]
    tagged_after: set[int]
    lemmas: dict[int, str] = field(default_factory=dict)

    def governs(self, i: int) -> bool:
        """Token `i` is the verb (or phrase) the quotation belongs to."""
        tokens, quoted = self.tokens, self.quoted
        return bool(quoted) and (
            descends(tokens, quoted[0], clause_of(tokens, i))
            or i == self.characterizer
            or i in self.said_so
            or i in self.tagged_after
            or introduces(tokens, i, quoted[0], self.text)
            or in_the_eyes_of(tokens, i, quoted) is not None
        )

    def lemma(self, i: int) -> str:
        if i not in self.lemmas:
            self.lemmas[i] = lemma_of(self.text, self.tokens, i)
        return self.lemmas[i]


def _cue_candidates(cues: _CueContext, region: range) -> list[tuple[int, int, TextRange | None]]:
    """(distance to the quotation, cue token, speaker words or None) for every reporting verb,
    speech noun with an owner, and "according to" in the region."""
    text, tokens, spans, start = cues.text, cues.tokens, cues.spans, cues.start
    candidates = []
    for i in token_range(tokens, region.start, region.stop):
        if inside(tokens.start[i], spans):
            continue
        lemma = cues.lemma(i)
        characterizing = (lemma in CHARACTERIZING and cues.governs(i)) or i == cues.characterizer
        distance = abs(tokens.start[i] - start)
        if (lemma in CUE_LEMMAS or characterizing or i in cues.said_so) and tokens.pos[i] in ("VERB", "AUX"):
            if lemma in ADDRESSING and any(tokens.dep[j] == "auxpass" for j in children(tokens, i)):
                # "Things that are not true are rated 'correct'", "he was told": the subject is
                # spoken to or about; the speaker is the agent ("called a 'quack' by physicians").
                candidates.append((distance, i, agent_of(tokens, i, spans)))
            else:
                candidates.append((distance, i, speaker_of_cue(text, tokens, i, spans)))
        elif lemma in SPEECH_NOUNS and tokens.pos[i] == "NOUN" and cues.governs(i):
            owners = [j for j in children(tokens, i) if tokens.dep[j] == "poss" and not inside(tokens.start[j], spans)]
            if owners:
                candidates.append((distance, i, phrase(tokens, owners[0])))
        elif (source := according_to(tokens, i) or in_the_eyes_of(tokens, i, cues.quoted)) is not None:
            candidates.append((distance, i, phrase(tokens, source)))
    return candidates


def _best_cue(cues: _CueContext, with_subject: list[tuple[int, int, TextRange]]) -> tuple[int, TextRange]:
    """The cue token and speaker words that speak for the quotation, of candidates that name one."""
    tokens = cues.tokens
    # A cue in a side clause of the cue that governs the quotation is not a rival ('"...," he told
    # the group, adding that the phrase suggests ...'; '..., he said, cutting off a reporter who asked').
    governing = {c[1] for c in with_subject if cues.governs(c[1])}
    with_subject = [c for c in with_subject if c[1] in governing or not any(descends(tokens, c[1], g) for g in governing)]
    # A characterising act or a belief reported inside someone's speech is part of what they say
    # ("tweets saying that Clinton showed bad judgment in using Machado 'as a paragon of virtue'").
    speaking = {c[1] for c in with_subject if c[1] in governing and cues.lemma(c[1]) in PLAIN_SPEECH}
    with_subject = [
        c
        for c in with_subject
        if (cues.lemma(c[1]) not in CHARACTERIZING | BELIEFS and c[1] != cues.characterizer)
        or not any(g != c[1] and descends(tokens, c[1], clause_of(tokens, g)) for g in speaking)
    ] or with_subject
    # Of the rest: one that governs the quotation beats one that does not ("..." as Moscow has
    # called them); one that names its speaker beats a pronoun ("...," he said. said Stéphane
    # Dujarric, ...); "as a memo put it" says whose words they are; a document speaks only when
    # no one else does ("Holm said in the letter that the advertisement 'unmistakably' suggests
    # ...": Holm's words); then the nearest.
    best = min(
        with_subject,
        key=lambda c: (c[1] not in governing, is_pronoun(cues.text, c[2]), c[1] not in cues.said_so, is_document(tokens, c[2]), c[0], c[1]),
    )
    return best[1], best[2]


def cue_before(text: str, annotation: Annotation, start: int, spans: list[tuple[int, int]], not_before: int):
    """The cue of the sentence right before the quotation in its paragraph, if it has one."""
    sentence = _sentence_before(text, annotation, start, not_before)
    if sentence is None:
        return None, None
    tokens = annotation.tokens
    for i in reversed(token_range(tokens, sentence.start, sentence.end)):
        if tokens.lemma[i].lower() in CUE_LEMMAS and tokens.pos[i] == "VERB" and not inside(tokens.start[i], spans):
            subject = speaker_of_cue(text, tokens, i, spans)
            if subject is not None:
                return TextRange(tokens.start[i], tokens.end[i]), subject
    return None, None


def _sentence_before(text: str, annotation: Annotation, start: int, not_before: int = 0) -> TextRange | None:
    """The sentence right before `start` in its paragraph (and not before `not_before`), if any."""
    index = last_sentence_before(annotation.sentences, start)
    earlier = annotation.sentences[index] if index >= 0 else None
    if earlier is None or earlier.start < not_before or "\n" in text[earlier.start : start]:
        return None
    return earlier


def voice_from_before(text: str, previous: QuoteFinding, start: int) -> bool:
    """True when the quotation before this one speaks with a voice named before this paragraph."""
    named = previous.cue or previous.speaker_span
    return named is None or named.start < text.rfind("\n", 0, start) + 1


def person_before(
    text: str, annotation: Annotation, found: ArticleEntities, start: int, spans: list[tuple[int, int]], opening: bool = True
):
    """The person the sentence right before the quotation, in its paragraph, is about: the
    subject of its main verb, when that names or points to a person. By the rules only for a
    quotation that opens a sentence of its own (words quoted inside a sentence belong to that
    sentence); with `opening` False, for any, as a candidate the attribution model weighs."""
    sentence = _sentence_before(text, annotation, start)
    if sentence is None:
        return None, None
    if opening and text[sentence.end : start].strip(" \"“«„'‘`"):
        return None, None
    tokens = annotation.tokens
    roots = [i for i in token_range(tokens, sentence.start, sentence.end) if tokens.head[i] == i and tokens.pos[i] in ("VERB", "AUX")]
    subject = subject_of(tokens, roots[0], spans) if roots else None
    if subject is None:
        return None, None
    entity = entity_of(subject, text, found, tokens, spans)
    if entity < 0 or found.entities[entity].type != "PERSON":
        return None, None
    return TextRange(tokens.start[roots[0]], tokens.end[roots[0]]), subject


def _introducing_clause(text: str, tokens: TokenTable, start: int, spans: list[tuple[int, int]]) -> tuple[int, TextRange | None] | None:
    """'McCaskill scolded him: "..."', 'Sanders made the following comment:': a clause that
    ends in a colon right before the quotation introduces it, whatever its verb; its subject
    speaks. (verb, subject) or None."""
    position = start - 1
    while position > 0 and text[position - 1] in " \t\n\"“«„'‘`":
        position -= 1
    if position <= 0 or text[position - 1] != ":":
        return None
    colon = token_range(tokens, position - 1, position)
    if not colon or colon[0] == 0:
        return None
    # The clause is the one the colon ends: climb from the word before it, not from the colon,
    # which the parser may hang on the sentence's root ("She became upset, ... that I had to
    # change my answer:" is my answer).
    verb = colon[0] - 1
    for _ in range(4):  # the word may be the verb's object ("made the following comment:")
        if tokens.pos[verb] in ("VERB", "AUX") or tokens.head[verb] == verb:
            break
        verb = tokens.head[verb]
    if tokens.pos[verb] not in ("VERB", "AUX") or inside(tokens.start[verb], spans):
        return None
    subject = subject_of(tokens, verb, spans)
    return (verb, subject) if subject is not None else None


def _tag_sentence(text: str, tokens: TokenTable, sentence: TextRange, quote_end: int) -> bool:
    """A sentence right after a closing mark, in the same paragraph, that is only a speech tag
    ("Graham asked.") the parser split from the quotation it belongs to: short, or a speech verb
    with no clause of its own."""
    gap = text[quote_end : sentence.start]
    if "\n" in gap or len(gap.strip()) > 2:
        return False
    words = token_range(tokens, sentence.start, sentence.end)
    # Short, or a speech verb saying nothing of its own however long its subject ("Scott's
    # niece, state Del. Marcia Price (D-Newport News), shouted to the crowd.").
    roots = [i for i in words if tokens.head[i] == i]
    return len(words) <= 10 or (
        len(roots) == 1
        and tokens.lemma[roots[0]].lower() in CUE_LEMMAS
        and not any(tokens.dep[j] in ("ccomp", "xcomp", "csubj", "parataxis") for j in children(tokens, roots[0]))
    )
