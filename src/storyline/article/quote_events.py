"""Statements that a quotation makes where its sentence has no verb of saying.

A CAMEO coder codes what a speaker says as a statement event of that speaker, coded by its
tone, whether or not the sentence holds "said": in a run of quoted sentences ('"We are
concentrating on the rubble. It is hard."'), a transcript turn ("PENCE: And that is why ...") or
a quotation whose cue stands in another sentence, every sentence after the first still carries a
statement. Without this, only sentences that name their speaker beside a speech verb yield one,
and most of what was said is lost to the events table. The speaker is the quotation's, from the
attribution model of the quotes stage, so the event's actor is never the relaying outlet.
"""

from __future__ import annotations

from dataclasses import replace
from operator import attrgetter

from storyline.article.event_choice import accuses, statement_code
from storyline.article.tokens import token_range
from storyline.lexicon import words
from storyline.lexicon.positions import Stretches
from storyline.model import ArticleEntities, ArticleQuotes, EventFinding, TextRange, TokenTable

# How many words an event's action keeps (the events stage's limit too).
ACTION_WORDS = 25
_SELF = frozenset(words("events", "first_person"))


def quoted_statements(
    text: str, tokens: TokenTable, sentences: tuple[TextRange, ...], found: ArticleEntities, quotes: ArticleQuotes, taken: set[int]
) -> list[EventFinding]:
    """One statement per sentence of a direct quotation that holds no event of its own
    (`taken`: the starts of the sentences that do)."""
    results = []
    direct = Stretches([q for q in quotes.quotes if q.kind == "direct" and q.within is None], attrgetter("start"), attrgetter("end"))
    for sentence in sentences:
        if sentence.start in taken:
            continue
        quote = _quote_in(direct, sentence)
        if quote is None:
            continue
        start, end = max(quote.start, sentence.start), min(quote.end, sentence.end)
        spoken = [i for i in token_range(tokens, start, end) if tokens.pos[i] != "PUNCT"]
        if len(spoken) < 3:
            continue
        action = " ".join(text[start:end].split()[:ACTION_WORDS])
        code = statement_code(text, start, end, "", 0, quote.speaker_entity, found, accuses(tokens, spoken))
        first = spoken[0]
        speaker_span = quote.speaker_span or _first_person(tokens, spoken)
        results.append(
            EventFinding(
                tokens.start[first],
                tokens.end[first],
                sentence,
                quote.speaker_entity,
                speaker_span,
                -1,
                action,
                code,
                -1,
                "past",
                False,
                False,
            )
        )
    return results


def speakers_for_first_person(text: str, findings: list[EventFinding], quotes: ArticleQuotes) -> list[EventFinding]:
    """ "We are searching for people under the rubble," said Rusli Saleh: inside a quotation,
    "I" and "we" are its speaker (the codebook's source is the one who speaks for "we"), so an
    event whose actor is a first-person pronoun there is the speaker's, when the quotes stage
    knows who that is."""
    spoken = Stretches([q for q in quotes.quotes if q.speaker_entity >= 0 and q.kind != "indirect"], attrgetter("start"), attrgetter("end"))
    if not len(spoken):
        return findings
    resolved = []
    for finding in findings:
        span = finding.actor_span
        if finding.actor < 0 and span is not None and text[span.start : span.end].lower() in _SELF:
            inside = [q for q in spoken.overlapping(span.start, span.end) if q.start <= span.start and span.end <= q.end]
            if inside:
                quote = inside[-1]  # the innermost: the latest to open
                finding = replace(finding, actor=quote.speaker_entity, actor_span=quote.speaker_span)
        resolved.append(finding)
    return resolved


def said_what(text: str, findings: list[EventFinding], quotes: ArticleQuotes) -> list[EventFinding]:
    """ '"All this poses threats to our citizens," Volodin added': the statement's action is
    what was said, not a bare "added". A speech event with nothing after its verb takes the
    words of the quotation its verb is the cue of."""
    cued = {(q.cue.start, q.cue.end): q for q in quotes.quotes if q.cue is not None and q.kind != "indirect"}
    told = []
    for finding in findings:
        quote = cued.get((finding.start, finding.end))
        if quote is not None and finding.action == text[finding.start : finding.end]:
            said = " ".join(text[quote.start : quote.end].split()[:ACTION_WORDS]).rstrip(" ,")
            finding = replace(finding, action=f"{finding.action}: \u201c{said}\u201d")
        told.append(finding)
    return told


def _first_person(tokens: TokenTable, spoken: list[int]) -> TextRange | None:
    """A quotation whose speaker no cue names still names them itself: "I", "we"."""
    for i in spoken:
        if tokens.pos[i] == "PRON" and tokens.lemma[i].lower() in _SELF:
            return TextRange(tokens.start[i], tokens.end[i])
    return None


def _quote_in(direct: Stretches, sentence: TextRange):
    """The direct quotation that covers most of the sentence, if one covers half of it (looked
    up by position: a long article's sentences never scan all its quotations)."""
    best, covered = None, 0
    for quote in direct.overlapping(sentence.start, sentence.end):
        overlap = min(quote.end, sentence.end) - max(quote.start, sentence.start)
        if overlap > covered:
            best, covered = quote, overlap
    return best if covered * 2 >= sentence.end - sentence.start else None
