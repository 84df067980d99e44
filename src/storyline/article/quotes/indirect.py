"""Indirect speech: "Putin said that Russia would ...", a clause governed by a reporting verb, with no
marks to find it by."""

from __future__ import annotations

from storyline.article.quotes.cues import CHARACTERIZING, CUE_LEMMAS, SPEECH_TAGS, according_to
from storyline.article.reference import children, descendants, entity_of, phrase, subject_of
from storyline.article.tokens import token_range
from storyline.lexicon import reporting
from storyline.lexicon.positions import as_spans
from storyline.model import INDIRECT, Annotation, ArticleEntities, QuoteFinding, TextRange, TokenTable

# Speech and belief, and the verbs by which a poll or a study reports; not a quotation's tag.
_CUES = (CUE_LEMMAS - SPEECH_TAGS) | reporting("evidence") | reporting("attitudes")
_ATTITUDES = reporting("attitudes")


def indirect_quotes(text: str, annotation: Annotation, found: ArticleEntities, spans: list[tuple[int, int]]) -> list[QuoteFinding]:
    """ "Guterres said he will remain fully engaged": a reporting verb with a clause and no marks."""
    tokens = annotation.tokens
    spans = as_spans(spans)
    results = []
    for sentence in annotation.sentences:
        if spans.overlapping(sentence.start, sentence.end):
            continue
        sentence_first = token_range(tokens, sentence.start, sentence.end).start
        taken: list[TextRange] = []
        sourced = _according_to(text, tokens, sentence, found, spans)
        if sourced is not None:
            results.append(sourced)
            continue
        for i in token_range(tokens, sentence.start, sentence.end):
            if tokens.lemma[i].lower() not in _CUES or tokens.pos[i] != "VERB":
                continue
            # The clause after the verb ("said that ..."), else before it ("..., sources said"),
            # else what the verb takes as said: "called for tighter rules", "urged them to vote".
            after = [j for j in range(i + 1, min(len(tokens), i + 40)) if tokens.head[j] == i and tokens.dep[j] == "ccomp"]
            before = [j for j in range(max(sentence_first, i - 60), i) if tokens.head[j] == i and tokens.dep[j] == "ccomp"]
            clauses = after or before or _what_is_said(tokens, i)
            if not clauses and tokens.dep[i] == "parataxis" and tokens.head[i] != i:
                # "But to prevent problems, he said, local officials should be vigilant": the
                # sentence the aside interrupts is what was said.
                clauses = [tokens.head[i]]
            subject = subject_of(tokens, i, spans)
            if not clauses or subject is None:
                continue
            first, last = _subtree(tokens, clauses[0])
            start = tokens.start[first]
            if tokens.lemma[first].lower() == "that":
                start = tokens.start[first + 1] if first + 1 < len(tokens) else start
            end = tokens.end[last]
            if end - start < 10 or any(r.start < end and start < r.end for r in taken):
                continue  # "she told them that ..., the source added": one clause, one voice
            if any(s - 1 <= start and end <= e + 1 for s, e in spans.overlapping(start - 1, end + 1)) or any(
                start <= s and e <= end and e - s > (end - start) / 2 for s, e in spans.overlapping(start, end)
            ):
                continue  # the quotation itself, or mostly: it is a direct quote, found as one
            taken.append(TextRange(start, end))
            results.append(
                QuoteFinding(
                    start,
                    end,
                    INDIRECT,
                    TextRange(tokens.start[i], tokens.end[i]),
                    subject,
                    entity_of(subject, text, found, tokens, spans),
                )
            )
    return results


def _according_to(text: str, tokens: TokenTable, sentence: TextRange, found: ArticleEntities, spans) -> QuoteFinding | None:
    """ "According to the Kremlin, the meeting will take place in Moscow" / "..., according to
    officials.": the rest of the sentence is what the source says. Only a phrase that opens or
    closes the sentence, set off by a comma: in the middle it may qualify one word."""
    inside = token_range(tokens, sentence.start, sentence.end)
    if len(inside) < 6:
        return None
    for i in inside:
        source = according_to(tokens, i)
        if source is None:
            continue
        first, last = _subtree(tokens, i)
        first = min(first, i)

        def comma(k: int) -> bool:
            return text[tokens.start[k] : tokens.end[k]] == ","

        if first == inside[0] and last + 1 < inside[-1] and comma(last + 1):
            start, end = tokens.start[last + 2], tokens.end[_last_word(tokens, inside[-1])]
        elif last >= _last_word(tokens, inside[-1]) and first - 1 > inside[0] and comma(first - 1):
            start, end = sentence.start, tokens.end[first - 2]
        else:
            return None
        if end - start < 10:
            return None
        speaker = phrase(tokens, source)
        cue_end = tokens.end[i + 1] if tokens.lemma[i].lower() == "accord" else tokens.end[i]
        return QuoteFinding(
            start, end, INDIRECT, TextRange(tokens.start[i], cue_end), speaker, entity_of(speaker, text, found, tokens, spans)
        )
    return None


def _what_is_said(tokens: TokenTable, verb: int) -> list[int]:
    """A verb of speech without a clause: what it asks or promises to be done ("urged voters to
    turn out", "promised to cut taxes") or, for a verb that characterises, what it speaks of
    ("criticized the party's record")."""
    found = []
    for j in range(verb + 1, min(len(tokens), verb + 30)):
        if tokens.head[j] != verb:
            continue
        lemma = tokens.lemma[verb].lower()
        infinitive = tokens.dep[j] == "xcomp" and any(tokens.lemma[a].lower() == "to" and tokens.dep[a] == "aux" for a in children(tokens, j))
        # "called Putin on Monday" is a phone call; "called the charges unsubstantiated" speaks
        characterizes = lemma in CHARACTERIZING and (lemma != "call" or any(tokens.dep[k] == "oprd" for k in children(tokens, verb)))
        spoken_of = tokens.dep[j] == "dobj" and (characterizes or lemma in _ATTITUDES)
        called_for = tokens.dep[j] == "prep" and tokens.lemma[j].lower() == "for" and lemma == "call"
        if infinitive or spoken_of:
            found.append(j)
        elif called_for:
            found += [k for k in children(tokens, j) if tokens.dep[k] == "pobj"]
    return found[:1]


def _last_word(tokens: TokenTable, last: int) -> int:
    while last > 0 and tokens.pos[last] == "PUNCT":
        last -= 1
    return last


def _subtree(tokens: TokenTable, head: int) -> tuple[int, int]:
    """First and last token of the clause headed by `head`, closing punctuation left out."""
    below = descendants(tokens, head)
    first, last = min(below), max(below)
    while last > first and tokens.pos[last] == "PUNCT":
        last -= 1
    return first, last
