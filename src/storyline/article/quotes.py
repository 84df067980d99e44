"""The quotes stage: every quotation in one article, with its cue and its speaker.

Quotation marks are paired paragraph by paragraph, so a stray or missing mark costs at most its
paragraph, never the rest of the article; a paragraph that opens with a mark continues the
quotation of the one before (the multi-paragraph convention). The speaker is the subject of the
reporting verb outside the quotation ("Guterres said", "said Guterres", "the spokesman added",
"according to the Kremlin"), a pronoun or title resolved to the person it stands for, and a
quotation with no cue of its own speaks with the voice of the quotation before it. Reported
speech without marks ("Guterres said he will remain engaged") is kept as `indirect`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from storyline.article.reference import PRONOUNS, children, descendants, descends, entity_of, inside, phrase, subject_of
from storyline.article.tokens import token_range
from storyline.lexicon import words
from storyline.lexicon.names import surname_key
from storyline.model import (
    DIRECT,
    INDIRECT,
    PARTIAL,
    Annotation,
    ArticleEntities,
    ArticleQuotes,
    CleanText,
    Document,
    QuoteFinding,
    TextRange,
    TokenTable,
)
from storyline.settings import Settings
from storyline.stages import register_stage

_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“", "`": "’"}
_CUE_LEMMAS = words("quotes", "cue_lemmas")
# Beliefs and attitudes told as someone's: "he thinks the plan will fail". Told inside someone
# else's speech, the words are the teller's ("Mr. Obama said, a majority have come to believe
# 'that climate change is real'").
_BELIEFS = frozenset(["think", "feel", "fear", "hope", "expect", "worry", "agree", "wonder", "believe"])
_CUE_LEMMAS |= _BELIEFS
# Verbs that characterise with someone's words: "Cruz called Trump a 'pathological liar'",
# "Clinton criticized the act as a 'crazy system'". They speak for a quotation they govern.
_CHARACTERIZING = words("quotes", "characterizing")
# Nouns of speech whose owner speaks the quotation they govern: "Trump's claim that there have
# been 'thousands of shootings'".
_SPEECH_NOUNS = words("quotes", "speech_nouns")


_DOCUMENTS = words("quotes", "documents")
# Nouns whose owner or maker speaks: "Trump's claim", "issued a statement calling ...".
_SAID_NOUNS = _SPEECH_NOUNS | _DOCUMENTS
# Verbs whose passive subject is the one spoken to or about, never the speaker.
_ADDRESSING = _CHARACTERIZING | {"tell", "ask", "urge", "warn", "scold", "chide", "rebuke", "lambaste", "accuse"}
_SPEECH_LEMMAS = _CUE_LEMMAS | _CHARACTERIZING
# Verbs that only report speech, never characterise with it.
_PLAIN_SPEECH = _CUE_LEMMAS - _CHARACTERIZING


@register_stage("quotes", result_type=ArticleQuotes, needs=("clean", "annotate", "mentions"))
def quotes(document: Document, upstream: Mapping[str, object], settings: Settings) -> ArticleQuotes:
    cleaned, annotation, found = upstream["clean"], upstream["annotate"], upstream["mentions"]
    assert isinstance(cleaned, CleanText) and isinstance(annotation, Annotation) and isinstance(found, ArticleEntities)
    return find_quotes(cleaned.text, annotation, found)


def find_quotes(text: str, annotation: Annotation, found: ArticleEntities) -> ArticleQuotes:
    spans = quote_spans(text)
    labels = _turn_labels(text, found)
    results: list[QuoteFinding] = []
    previous: QuoteFinding | None = None
    for start, end in spans:
        kind = _kind(text, start, end)
        turn, signed = labels.get(start), _signed_at(text, end)
        if turn is not None:
            # '"PENCE: Well, look, ...': a transcript turn; its words start after the label.
            cue, subject, start = None, turn, _after_label(text, turn)
        elif signed is not None:
            cue, subject = None, signed
        else:
            cue, subject = _cue_and_subject(text, annotation.tokens, annotation.sentences, start, end, spans)
            if subject is None:
                # A reader's words split by a stray mark: the signature ending the paragraph.
                subject = _paragraph_signature(text, end)
            if subject is None and (previous is None or previous.end < start):
                # 'The administration may wait, Schiff said. "The other factor is ..."': the
                # voice of the sentence just before, when no quotation came between.
                cue, subject = _cue_before(text, annotation, start, spans, previous.end if previous else 0)
            if subject is None and (previous is None or _voice_from_before(text, previous, start)):
                # 'On "Face the Nation," Sen. Bernie Sanders ... identified young voters'
                # exhaustion as one of the reasons. "The younger people are ...": the person
                # this paragraph is about speaks, not the voice of the paragraph before.
                cue, subject = _person_before(text, annotation, found, start, spans)
        entity = -1
        if turn is not None:
            entity = _turn_speaker(turn, text, found, annotation, spans)
        elif subject is not None:
            entity = entity_of(subject, text, found, annotation.tokens, spans)
        if subject is None and previous is not None and _near(text, previous.end, start):
            # No cue of its own: the passage's voice goes on ("...," he said. "...").
            results.append(replace(previous, start=start, end=end, kind=kind))
        else:
            relayer = _relayer(annotation.tokens, cue, spans) if cue is not None else None
            relayer_entity = entity_of(relayer, text, found, annotation.tokens, spans) if relayer is not None else -1
            results.append(QuoteFinding(start, end, kind, cue, subject, entity, relayer, relayer_entity))
        previous = results[-1]
    results = _continued_paragraphs(text, results)
    results += _nested(text, annotation, found, spans, results)
    results += _unmarked_turns(text, labels, spans, found, annotation)
    results += _indirect(text, annotation, found, spans)
    return ArticleQuotes(tuple(sorted(results, key=lambda q: q.start)))


def _nested(
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
        inner = _inner_pairs(text, quote.start, quote.end)
        hidden = [span for span in spans if span != (quote.start, quote.end)] + inner
        for start, end in inner:
            cue, subject = _cue_and_subject(
                text, annotation.tokens, annotation.sentences, start, end, hidden, within=(quote.start, quote.end)
            )
            if (
                subject is None
                or _lemma(text, annotation.tokens, token_range(annotation.tokens, cue.start, cue.end)[0])
                not in _SPEECH_LEMMAS | _SAID_NOUNS
            ):
                continue  # 'It comes across as "too loud"': the outer speaker's own characterisation
            first_person = text[subject.start : subject.end].lower() in ("i", "we", "me", "us")
            entity = quote.speaker_entity if first_person else entity_of(subject, text, found, annotation.tokens, hidden)
            span = quote.speaker_span if first_person and quote.speaker_span is not None else subject
            results.append(QuoteFinding(start, end, _kind(text, start, end), cue, span, entity, within=TextRange(quote.start, quote.end)))
    return results


_INNER_PAIRS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "‹": "›"}


def _inner_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of marks within text[start:end], one level
    down: double or single, curly or straight. An apostrophe ("don’t", "Scott's", "’80s") is no
    mark, and an opening mark without its closing one inside the quotation is left alone."""
    pairs = []
    position = start
    while position < end:
        char = text[position]
        closer = _INNER_PAIRS.get(char)
        if closer is None or not _opens(text, position, char) or (position > 0 and text[position - 1].isalnum()):
            position += 1
            continue
        close = position + 1
        while close < end and not (
            text[close] == closer and not text[close - 1].isspace() and (close + 1 >= len(text) or not text[close + 1].isalnum())
        ):
            close += 1
        words = text[position + 1 : close]
        if close < end and words.strip() and not words[:1].isdigit():
            pairs.append((position + 1, close))
            position = close
        position += 1
    return pairs


def _continued_paragraphs(text: str, results: list[QuoteFinding]) -> list[QuoteFinding]:
    """A quotation that runs over paragraphs leaves each one open and reopens the next with a
    mark; the cue usually comes in the last. The open paragraphs take its speaker."""
    results = list(results)
    for index in range(len(results) - 2, -1, -1):
        quote, following = results[index], results[index + 1]
        left_open = quote.end >= len(text.rstrip()) or text[quote.end] == "\n"
        between = text[quote.end : following.start]
        reopened = "\n" in between and len(between.strip()) == 1 and between.strip() in _PAIRS
        if left_open and reopened and quote.speaker_entity < 0 and quote.speaker_span is None:
            results[index] = replace(following, start=quote.start, end=quote.end, kind=quote.kind)
    return results


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each outermost pair of quotation marks. A mark left open
    closes at the end of its paragraph: the next paragraph, if it goes on quoting, opens with a
    mark of its own (the multi-paragraph convention), and if not, the mark was stray."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans += _pair_marks(text, offset, offset + len(paragraph))
        offset += len(paragraph) + 1
    return [(s, e) for s, e in spans if e - s > 1 and text[s:e].strip()]


def _pair_marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    opening: int | None = None
    opener = closer = ""
    nested = 0  # “inner” quotations in the same curly or angle marks as the open one
    position = start
    while position < end:
        char = text[position]
        # Inside straight marks, curly ones nest ("Trump walked in, chanting “U-S-A!”"); a
        # straight mark opened and a curly one closed is one quotation ("Oz has ...,” said Gorski).
        inner_open, inner_close = (opener, closer) if opener != closer else ("“", "”")
        if opening is not None and char == inner_open and closer != "''" and _opens(text, position, char):
            nested += 1
        elif opening is not None and nested and char == inner_close:
            nested -= 1
        elif opening is None and text.startswith("``", position):
            # ``Treebank style'': two backticks open, two apostrophes close.
            opening, closer = position + 2, "''"
            position += 1
        elif opening is not None and closer == "''":
            if text.startswith("''", position):
                spans.append((opening, position))
                opening = None
                position += 1
        elif opening is None and char in _PAIRS and _opens(text, position, char):
            opening, opener, closer, nested = position + 1, char, _PAIRS[char], 0
        elif opening is not None and (char == closer or {closer, char} == {"”", '"'}) and _closes(text, position, char):
            spans.append((opening, position))
            opening = None
        position += 1
    if opening is not None:
        spans.append((opening, len(text[:end].rstrip())))
    return spans


def _opens(text: str, position: int, char: str) -> bool:
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if char in ('"', "`"):
        return not before.isalnum() and not after.isspace()
    return not after.isspace() or char == "«"


def _closes(text: str, position: int, char: str) -> bool:
    after = text[position + 1] if position + 1 < len(text) else " "
    if char in ('"', "’"):
        return not after.isalnum()
    return True


def _kind(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 3) : start - 1].strip()
    words = len(text[start:end].split())
    embedded = bool(before) and (before[-1].isalnum() or before[-1] in ",;") and not before.endswith((":",))
    if (embedded and text[start : start + 1].islower()) or words < 4:
        return PARTIAL
    return DIRECT


def _near(text: str, previous_end: int, start: int) -> bool:
    """Close enough to share a voice: the same paragraph or the next one (after a blank line)."""
    return text.count("\n", previous_end, start) <= 2 and start - previous_end < 600


def _cue_and_subject(
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
    around = [s for s in sentences if s.start < end + 1 and s.end > start - 1]
    if not around:
        return None, None
    earlier = [s for s in sentences if s.end <= around[0].start]
    if (
        earlier
        and text[earlier[-1].start : earlier[-1].end].rstrip().endswith(":")
        and not text[earlier[-1].end : start].strip(" \n\t\"“«„'‘")
    ):
        # 'Caddell continued:' and the quotation in the next paragraph.
        around.insert(0, earlier[-1])
    following = [s for s in sentences if s.start >= around[-1].end]
    tagged_after = set()
    if following and (text[following[0].start : following[0].start + 1].islower() or _tag_sentence(text, tokens, following[0], end)):
        # A sentence cut in two ("...," he said. said Stéphane Dujarric, ...) goes on; and
        # '"...?" Graham asked.': the quotation ended its sentence and the cue is the next.
        around.append(following[0])
        # A verb within its first words is a speech tag the parser split from the quotation
        # ('"You winning?" she said, but ...'): it speaks for the quotation as if it governed it.
        tagged_after = {i for i in token_range(tokens, following[0].start, following[0].end)[:4] if tokens.pos[i] == "VERB"}
    region = range(around[0].start, around[-1].end)
    if within is not None:
        region = range(max(region.start, within[0]), min(region.stop, within[1]))
    quoted = token_range(tokens, start, end)

    characterizer = _characterized_as(text, tokens, start, quoted, spans)
    # "as a memo put it" right beside this quotation: asked once, used by the three tests below.
    said_so = {i for i in token_range(tokens, region.start, region.stop) if _puts_it(tokens, i, text, (start, end))}

    def governs(i: int) -> bool:
        return bool(quoted) and (
            descends(tokens, quoted[0], _clause_of(tokens, i))
            or i == characterizer
            or i in said_so
            or i in tagged_after
            or _introduces(tokens, i, quoted[0], text)
            or _in_the_eyes_of(tokens, i, quoted) is not None
        )

    candidates = []
    lemmas: dict[int, str] = {}
    for i in token_range(tokens, region.start, region.stop):
        if inside(tokens.start[i], spans):
            continue
        lemma = lemmas[i] = _lemma(text, tokens, i)
        characterizing = (lemma in _CHARACTERIZING and governs(i)) or i == characterizer
        if (lemma in _CUE_LEMMAS or characterizing or i in said_so) and tokens.pos[i] in ("VERB", "AUX"):
            if lemma in _ADDRESSING and any(tokens.dep[j] == "auxpass" for j in children(tokens, i)):
                # "Things that are not true are rated 'correct'", "he was told": the subject is
                # spoken to or about; the speaker is the agent ("called a 'quack' by physicians").
                candidates.append((abs(tokens.start[i] - start), i, _agent(tokens, i, spans)))
                continue
            candidates.append((abs(tokens.start[i] - start), i, _speaker_of_cue(text, tokens, i, spans)))
        elif lemma in _SPEECH_NOUNS and tokens.pos[i] == "NOUN" and governs(i):
            owners = [j for j in children(tokens, i) if tokens.dep[j] == "poss" and not inside(tokens.start[j], spans)]
            if owners:
                candidates.append((abs(tokens.start[i] - start), i, phrase(tokens, owners[0])))
        elif (source := _according_to(tokens, i) or _in_the_eyes_of(tokens, i, quoted)) is not None:
            candidates.append((abs(tokens.start[i] - start), i, phrase(tokens, source)))
    with_subject = [c for c in candidates if c[2] is not None]
    if not with_subject:
        # No cue of its own: a clause ending in a colon right before it introduces it.
        introducer = _introducing_clause(text, tokens, start, spans)
        if introducer is None or (within is not None and tokens.start[introducer[0]] < within[0]):
            return None, None
        with_subject = [(0, *introducer)]
        lemmas[introducer[0]] = _lemma(text, tokens, introducer[0])
    # A cue in a side clause of the cue that governs the quotation is not a rival ('"...," he told
    # the group, adding that the phrase suggests ...'; '..., he said, cutting off a reporter who asked').
    governing = {c[1] for c in with_subject if governs(c[1])}
    with_subject = [c for c in with_subject if c[1] in governing or not any(descends(tokens, c[1], g) for g in governing)]
    # A characterising act or a belief reported inside someone's speech is part of what they say
    # ("tweets saying that Clinton showed bad judgment in using Machado 'as a paragon of virtue'").
    speaking = {c[1] for c in with_subject if c[1] in governing and lemmas[c[1]] in _PLAIN_SPEECH}
    with_subject = [
        c
        for c in with_subject
        if (lemmas[c[1]] not in _CHARACTERIZING | _BELIEFS and c[1] != characterizer)
        or not any(g != c[1] and descends(tokens, c[1], _clause_of(tokens, g)) for g in speaking)
    ] or with_subject
    # Of the rest: one that governs the quotation beats one that does not ("..." as Moscow has
    # called them); one that names its speaker beats a pronoun ("...," he said. said Stéphane
    # Dujarric, ...); "as a memo put it" says whose words they are; a document speaks only when
    # no one else does ("Holm said in the letter that the advertisement 'unmistakably' suggests
    # ...": Holm's words); then the nearest.
    _, _, _, _, _, verb, subject = min(
        (
            c[1] not in governing,
            _is_pronoun(text, c[2]),
            c[1] not in said_so,
            _is_document(tokens, c[2]),
            c[0],
            c[1],
            c[2],
        )
        for c in with_subject
    )
    return TextRange(tokens.start[verb], tokens.end[verb]), subject


def _introduces(tokens: TokenTable, verb: int, first_quoted: int, text: str) -> bool:
    """A plain speech verb whose phrase ends right where the quotation opens ("footage of Trump
    saying during the debate last week, 'That makes me smart'"): it introduces the quotation,
    whatever verb the parser hung the quotation from. Not a relative clause's verb ("anybody who
    complains about a microphone 'is not having a good night'": the quotation says of anybody)."""
    if verb >= first_quoted or tokens.pos[verb] != "VERB" or tokens.dep[verb] == "relcl" or _lemma(text, tokens, verb) not in _PLAIN_SPEECH:
        return False
    last = max(descendants(tokens, verb, skip=lambda j: j >= first_quoted))
    return all(tokens.pos[j] == "PUNCT" for j in range(last + 1, first_quoted))


def _clause_of(tokens: TokenTable, verb: int) -> int:
    """The clause a cue speaks for: its own, or for a tag set in as an aside ("During his years
    in office, Mr. Obama said, a majority have come to believe ..."), the clause it interrupts."""
    return tokens.head[verb] if tokens.dep[verb] == "parataxis" else verb


def _agent(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """The "by" phrase of a passive verb: who did the calling or the telling."""
    for by in children(tokens, verb):
        if tokens.dep[by] == "agent":
            objects = [j for j in children(tokens, by) if tokens.dep[j] == "pobj" and not inside(tokens.start[j], spans)]
            if objects:
                return phrase(tokens, objects[0])
    return None


def _speaker_of_cue(text: str, tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """Who speaks through the cue: someone shown speaking or led to ("footage of Clinton
    asking", "led the journalist to fear"); else its own subject (a name in apposition to a
    misparsed one), a name right after it ("said Stéphane Dujarric"), the name it modifies, or a
    name right before it the parse failed to attach. A remark or statement found that way gives
    way to whoever made or issued it."""
    shown = _shown_speaking(tokens, verb, spans) or _object_controller(tokens, verb, spans)
    if shown is not None:
        return shown
    subject = _named_in_apposition(tokens, subject_of(tokens, verb, spans))
    inverted = _inverted_subject(tokens, verb, text)
    if inverted is not None and (subject is None or subject.start > tokens.start[verb]):
        subject = inverted
    subject = subject or _modified_noun(tokens, verb, spans) or _name_before(tokens, verb, spans)
    return _maker(tokens, subject, spans) or subject


def _maker(tokens: TokenTable, said: TextRange | None, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "prompted Hillary Clinton to make a comment that described young men as 'super
    predators'", "the Council issued a statement calling the test 'a clear violation'": words
    whose subject is a remark or a statement that someone made or issued are that someone's."""
    if said is None:
        return None
    heads = _span_heads(tokens, said)
    if len(heads) != 1 or tokens.lemma[heads[0]].lower() not in _SAID_NOUNS or tokens.dep[heads[0]] != "dobj":
        return None
    verb = tokens.head[heads[0]]
    return _object_controller(tokens, verb, spans) or subject_of(tokens, verb, spans)


def _shown_speaking(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "The ad uses footage of Hillary Clinton asking, '...'": a participle right after a
    person's name shows that person speaking, whatever the parser attached it to."""
    name = verb - 1
    if tokens.tag[verb] != "VBG" or name < 0 or tokens.ent_type[name] != "PERSON" or inside(tokens.start[name], spans):
        return None
    return phrase(tokens, name) if tokens.dep[name] in ("pobj", "dobj") else None


def _object_controller(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "All this has led the journalist Dainis Ivans to fear a 'pact'": the one led to speak or
    think is the object of the verb above. Not when that verb is itself speech ("Trump tells his
    supporters to 'go vote'" is Trump's)."""
    head = tokens.head[verb]
    if (
        tokens.dep[verb] != "xcomp"
        or head == verb
        or tokens.lemma[head].lower() in _SPEECH_LEMMAS
        or any(tokens.dep[j] == "nsubj" for j in children(tokens, verb))
    ):
        return None
    objects = [j for j in children(tokens, head) if tokens.dep[j] == "dobj" and j < verb and not inside(tokens.start[j], spans)]
    if not objects or tokens.pos[objects[0]] not in ("PROPN", "NOUN"):
        return None
    return _named_in_apposition(tokens, phrase(tokens, objects[0]))


def _named_in_apposition(tokens: TokenTable, subject: TextRange | None) -> TextRange | None:
    """ "With 50 days until the election, Minyon Moore, a senior adviser, called ...": when the
    parse makes a thing the subject and a person's name its apposition, the person speaks."""
    if subject is None:
        return None
    heads = _span_heads(tokens, subject)
    if len(heads) != 1 or tokens.pos[heads[0]] != "NOUN" or tokens.ent_type[heads[0]]:
        return subject
    names = [j for j in children(tokens, heads[0]) if tokens.dep[j] == "appos" and tokens.ent_type[j] == "PERSON"]
    return phrase(tokens, names[0]) if names else subject


def _modified_noun(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "Aaron Kall, the director of debate, compared Trump to a coach ...": a cue that modifies
    a name has that name for its speaker. Not an infinitive ("his refusal to use the words"), not
    a participle done to the name ("a senator, quoted by the Post"), and not an ordinary noun
    ("softer language calling for 'appropriate assistance'" is the platform's authors'), except
    a statement someone issued, which _maker hands to its issuer."""
    head = tokens.head[verb]
    if tokens.dep[verb] != "acl" or head == verb or inside(tokens.start[head], spans):
        return None
    if tokens.lemma[head].lower() in _SAID_NOUNS and tokens.dep[head] == "dobj":
        return phrase(tokens, head)  # "issued a statement calling ...": the issuer, see _maker
    if tokens.pos[head] != "PROPN" and tokens.ent_type[head] not in ("PERSON", "ORG", "NORP", "GPE"):
        return None
    # A participle the tagger calls passive is still the person's act when nothing says by whom
    # ("Aaron Kall, the director of debate, compared Trump to a coach").
    passive = tokens.tag[verb] == "VBN" and (
        tokens.ent_type[head] != "PERSON" or any(tokens.dep[j] == "agent" for j in children(tokens, verb))
    )
    if tokens.tag[verb] not in ("VBG", "VBD", "VBN") or passive:
        return None
    return phrase(tokens, head)


def _relayer(tokens: TokenTable, cue: TextRange, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "Dujarric said that Guterres told the ministers '...'": the words are Guterres's, and
    Dujarric relays them. The subject of the speech verb whose complement holds the cue."""
    verb = next(iter(token_range(tokens, cue.start, cue.end)), None)
    for _ in range(4):
        if verb is None or tokens.head[verb] == verb:
            return None
        if (
            tokens.dep[verb] == "ccomp"
            and tokens.lemma[tokens.head[verb]].lower() in _CUE_LEMMAS
            and not inside(tokens.start[tokens.head[verb]], spans)
        ):
            return subject_of(tokens, tokens.head[verb], spans)
        verb = tokens.head[verb]
    return None


def _inverted_subject(tokens: TokenTable, verb: int, text: str) -> TextRange | None:
    """ "said Stéphane Dujarric": a name right after the cue is its speaker, however parsed."""
    j = verb + 1
    names = []
    while j < len(tokens) and tokens.pos[j] == "PROPN" and text[tokens.start[j]].isupper():
        names.append(j)
        j += 1
    possessive = j < len(tokens) and tokens.lemma[j] in ("'s", "’s")
    if names and tokens.ent_type[names[0]] == "PERSON" and not possessive:
        return TextRange(tokens.start[names[0]], tokens.end[names[-1]])
    return None


_LABEL = re.compile(r"^[\"“]?([A-Z][A-Z.'’ -]{0,28}[A-Z.]):[ \t]+\S", re.MULTILINE)
_NOT_SPEAKERS = words("quotes", "not_speakers")


def _turn_labels(text: str, found: ArticleEntities) -> dict[int, TextRange]:
    """Transcript turns: a paragraph opening with a speaker's name in capitals and a colon
    ("PENCE: Well, look, ..."). A label counts when it names a person of the article or opens
    several paragraphs (a transcript), never a section heading ("UPDATE:"). Keyed by the
    position right after the paragraph's opening mark, or its first character."""
    matches = [m for m in _LABEL.finditer(text) if m.group(1).strip() not in _NOT_SPEAKERS and len(m.group(1)) > 1]
    counts: dict[str, int] = {}
    for m in matches:
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    labels = {}
    for m in matches:
        label = m.group(1)
        if counts[label] >= 2 or _person_named(label, found) >= 0:
            key = m.start(1) if m.start(1) == m.start() else m.start() + 1
            labels[key] = TextRange(m.start(1), m.end(1))
    return labels


def _after_label(text: str, label: TextRange) -> int:
    position = label.end + 1
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def _unmarked_turns(
    text: str, labels: dict[int, TextRange], spans: list[tuple[int, int]], found: ArticleEntities, annotation: Annotation
) -> list[QuoteFinding]:
    """Transcript turns printed without quotation marks: the rest of the paragraph is the turn."""
    turns = []
    for key, label in labels.items():
        if any(s <= key <= e for s, e in spans):
            continue
        start = _after_label(text, label)
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        end = len(text[:end].rstrip())
        if end - start < 2:
            continue
        turns.append(QuoteFinding(start, end, DIRECT, None, label, _turn_speaker(label, text, found, annotation, spans)))
    return turns


def _turn_speaker(label: TextRange, text: str, found: ArticleEntities, annotation: Annotation, spans: list[tuple[int, int]]) -> int:
    """The entity a turn label names: a mention, else the article's person whose surname it is
    ("PENCE" -> Mike Pence)."""
    entity = entity_of(label, text, found, annotation.tokens, spans)
    return entity if entity >= 0 else _person_named(text[label.start : label.end], found)


def _person_named(label: str, found: ArticleEntities) -> int:
    """The article's person whose surname the label is, or -1."""
    key = surname_key(label)
    for index, entity in enumerate(found.entities):
        if entity.type == "PERSON" and any(surname_key(name) == key for name in entity.names):
            return index
    return -1


_SIGNATURE = re.compile(
    r"[”\"’'.,]*[ \t]*[―—–-][ \t]*"  # the closing mark, then a dash
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|da|del|van|von|la|le|bin|al)(?:[ \t]+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|da|del|van|von|la|le|bin|al)){0,5})"
    r"[ \t.]*(?:,[^\n]{0,120})?(?:\n|$)"
)


def _paragraph_signature(text: str, end: int) -> TextRange | None:
    """The signature ending the paragraph of a quotation that has no cue of its own: a stray
    mark inside one reader's words ("... ‘Some people are so poor all they have is money.” And
    that's all he has “the root of all evil’.” ― Christina Lastra.") splits them in two."""
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    for position in range(end, paragraph_end):
        signed = _signed_at(text, position) if text[position] in "”\"’'" else None
        if signed is not None:
            return signed
    return None


def _signed_at(text: str, end: int) -> TextRange | None:
    """'"...." ― Pamela Padilla': a quotation signed with a dash and a name on the rest of its
    line (testimonials, readers' voices, epigraphs) speaks for that name."""
    match = _SIGNATURE.match(text, end)
    if match is None or not match.group(1)[0].isupper():
        return None
    name_end = match.end(1)
    while text[name_end - 1] == ".":
        name_end -= 1  # "― Steve Quinlan." ends the sentence, not the name
    return TextRange(match.start(1), name_end)


def _lemma(text: str, tokens: TokenTable, i: int) -> str:
    """The token's lemma, mended where the small model's lemmatizer misreads a reporting verb
    ("rated" -> "rat"): a regular past or third-person form of a known verb is that verb."""
    lemma = tokens.lemma[i].lower()
    if lemma in _SPEECH_LEMMAS:
        return lemma
    if lemma == "go" and i + 1 < len(tokens) and tokens.dep[i + 1] == "prt" and tokens.lemma[i + 1].lower() == "on":
        return "go on"  # "went on about ...": talked on, not went somewhere
    word = text[tokens.start[i] : tokens.end[i]].lower()
    for stem in (word[:-1], word[:-2]):
        if word.endswith(("ed", "s")) and stem in _SPEECH_LEMMAS:
            return stem
    return lemma


_AS_BEFORE = re.compile(r"\bas(?:\s+(?:a|an|the|being))?\s*$", re.IGNORECASE)


def _characterized_as(text: str, tokens: TokenTable, start: int, quoted: range, spans: list[tuple[int, int]]) -> int | None:
    """ "Reid has been pounding Trump as a 'con artist'", "a Times article hailed Trump as 'The
    Comeback Kid'": words put after "as" characterise someone, whatever the verb; the verb they
    hang from speaks for them. Its token, or None."""
    if not quoted or not _AS_BEFORE.search(text[max(0, start - 12) : start].rstrip(" \"“«„'‘`")):
        return None

    def is_verb(i: int) -> bool:
        return tokens.pos[i] == "VERB" and tokens.lemma[i][:1].isalpha() and not inside(tokens.start[i], spans)

    token = quoted[0]
    for _ in range(8):
        if tokens.head[token] == token:
            # The parse hung the phrase on no verb ("a Times article hailed Trump as" parsed as a
            # noun phrase): the verb just before it.
            before = [i for i in range(max(0, quoted[0] - 6), quoted[0]) if is_verb(i)]
            token = before[-1] if before else -1
            break
        token = tokens.head[token]
        if is_verb(token):
            break
    if token < 0 or not is_verb(token):
        return None
    # "should be recognized as 'intolerable'": a passive verb's subject is the one described.
    passive = any(tokens.dep[j] in ("auxpass", "nsubjpass") for j in children(tokens, token))
    return None if passive else token


def _according_to(tokens: TokenTable, i: int) -> int | None:
    """The source named by "according to X" or "per X" ("per the party's bylaws") at token i."""
    lemma = tokens.lemma[i].lower()
    if lemma == "accord" and i + 1 < len(tokens) and tokens.lemma[i + 1].lower() == "to":
        preposition = i + 1
    elif lemma == "per" and tokens.pos[i] == "ADP":
        preposition = i
    else:
        return None
    objects = [j for j in range(preposition, min(len(tokens), i + 14)) if tokens.head[j] == preposition and tokens.dep[j] == "pobj"]
    if not objects:
        return None
    if (
        lemma == "per"
        and tokens.pos[objects[0]] != "PROPN"
        and not any(tokens.dep[j] in ("det", "poss") for j in children(tokens, objects[0]))
    ):
        return None  # a rate ("$5 per gallon"), not a source ("per the bylaws", "per CNN")
    return objects[0]


def _in_the_eyes_of(tokens: TokenTable, i: int, quoted: range) -> int | None:
    """'because to her, "there's nothing more important ..."': "to" and a person right before a
    quotation, set off by a comma, say in whose view, and whose words, the quotation is. The
    person's token, or None."""
    person = i + 1
    if not quoted or tokens.lemma[i].lower() != "to" or person + 1 >= quoted[0]:
        return None
    if (
        tokens.head[person] != i
        or tokens.dep[person] != "pobj"
        or tokens.tag[person] not in ("PRP", "NNP")
        or tokens.lemma[person + 1] != ","
    ):
        return None
    return person if all(tokens.pos[j] == "PUNCT" for j in range(person + 1, quoted[0])) else None


def _puts_it(tokens: TokenTable, i: int, text: str, quote: tuple[int, int]) -> bool:
    """'"a lawful source of income," as a Homeland Security memo put it', 'as The New Yorker put
    it in a lengthy expose, "the operator"': the clause right after or right before a quotation
    says whose words it holds (and only that quotation's)."""
    if tokens.lemma[i].lower() != "put" or not any(
        tokens.dep[j] == "dobj" and tokens.lemma[j].lower() == "it" for j in children(tokens, i)
    ):
        return False
    clause = descendants(tokens, i)
    first, last = tokens.start[min(clause)], tokens.end[max(clause)]
    start, end = quote
    if first >= end:
        between = text[end:first]
    elif last <= start:
        between = text[last:start]
    else:
        return True  # the quotation is part of the clause: "as X put it, 'the operator'"
    return not between.strip(" \t,;.\"“”‘’'«»")


def _cue_before(text: str, annotation: Annotation, start: int, spans: list[tuple[int, int]], not_before: int):
    """The cue of the sentence right before the quotation in its paragraph, if it has one."""
    sentence = _sentence_before(text, annotation, start, not_before)
    if sentence is None:
        return None, None
    tokens = annotation.tokens
    for i in reversed(token_range(tokens, sentence.start, sentence.end)):
        if tokens.lemma[i].lower() in _CUE_LEMMAS and tokens.pos[i] == "VERB" and not inside(tokens.start[i], spans):
            subject = _speaker_of_cue(text, tokens, i, spans)
            if subject is not None:
                return TextRange(tokens.start[i], tokens.end[i]), subject
    return None, None


def _sentence_before(text: str, annotation: Annotation, start: int, not_before: int = 0) -> TextRange | None:
    """The sentence right before `start` in its paragraph (and not before `not_before`), if any."""
    earlier = [s for s in annotation.sentences if s.end <= start and s.start >= not_before]
    if not earlier or "\n" in text[earlier[-1].start : start]:
        return None
    return earlier[-1]


def _voice_from_before(text: str, previous: QuoteFinding, start: int) -> bool:
    """True when the quotation before this one speaks with a voice named before this paragraph."""
    named = previous.cue or previous.speaker_span
    return named is None or named.start < text.rfind("\n", 0, start) + 1


def _person_before(text: str, annotation: Annotation, found: ArticleEntities, start: int, spans: list[tuple[int, int]]):
    """The person the sentence right before the quotation, in its paragraph, is about: the
    subject of its main verb, when that names or points to a person. Only for a quotation that
    opens a sentence of its own: words quoted inside a sentence belong to that sentence."""
    sentence = _sentence_before(text, annotation, start)
    if sentence is None or text[sentence.end : start].strip(" \"“«„'‘`"):
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
        and tokens.lemma[roots[0]].lower() in _CUE_LEMMAS
        and not any(tokens.dep[j] in ("ccomp", "xcomp", "csubj", "parataxis") for j in children(tokens, roots[0]))
    )


def _name_before(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """'"...," Tulsa police Chief Chuck Jordan said': when the parse loses the subject of a cue,
    the name standing right before it, after the quotation, is still its speaker."""
    first = verb
    while (
        first > 0
        and tokens.pos[first - 1] in ("PROPN", "NOUN", "DET", "ADJ")
        and tokens.lemma[first - 1][:1].isalnum()
        and not inside(tokens.start[first - 1], spans)
    ):
        first -= 1
    names = [j for j in range(first, verb) if tokens.pos[j] == "PROPN" and tokens.lemma[j][:1].isalpha()]
    if not names or first == verb or tokens.dep[verb - 1] == "poss":
        return None
    return TextRange(tokens.start[first], tokens.end[verb - 1])


def _is_document(tokens: TokenTable, span: TextRange) -> bool:
    """A phrase naming a text or recording rather than someone ("the advertisement", "a letter")."""
    return any(tokens.lemma[i].lower() in _DOCUMENTS and tokens.pos[i] == "NOUN" for i in _span_heads(tokens, span))


def _span_heads(tokens: TokenTable, span: TextRange) -> list[int]:
    """The tokens of a span whose head lies outside it: the head of a phrase, one per phrase."""
    return [
        i
        for i in token_range(tokens, span.start, span.end)
        if tokens.head[i] == i or not span.start <= tokens.start[tokens.head[i]] < span.end
    ]


def _is_pronoun(text: str, span: TextRange) -> bool:
    return text[span.start : span.end].lower() in PRONOUNS


def _indirect(text: str, annotation: Annotation, found: ArticleEntities, spans: list[tuple[int, int]]) -> list[QuoteFinding]:
    """ "Guterres said he will remain fully engaged": a reporting verb with a clause and no marks."""
    tokens = annotation.tokens
    results = []
    for sentence in annotation.sentences:
        if any(s < sentence.end and sentence.start < e for s, e in spans):
            continue
        sentence_first = token_range(tokens, sentence.start, sentence.end).start
        taken: list[TextRange] = []
        for i in token_range(tokens, sentence.start, sentence.end):
            if tokens.lemma[i].lower() not in _CUE_LEMMAS or tokens.pos[i] != "VERB":
                continue
            # The clause after the verb ("said that ..."), else before it ("..., sources said").
            after = [j for j in range(i + 1, min(len(tokens), i + 40)) if tokens.head[j] == i and tokens.dep[j] == "ccomp"]
            before = [j for j in range(max(sentence_first, i - 60), i) if tokens.head[j] == i and tokens.dep[j] == "ccomp"]
            clauses = after or before
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
            if any(s - 1 <= start and end <= e + 1 for s, e in spans) or any(
                start <= s and e <= end and e - s > (end - start) / 2 for s, e in spans
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


def _subtree(tokens: TokenTable, head: int) -> tuple[int, int]:
    """First and last token of the clause headed by `head`, closing punctuation left out."""
    below = descendants(tokens, head)
    first, last = min(below), max(below)
    while last > first and tokens.pos[last] == "PUNCT":
        last -= 1
    return first, last
