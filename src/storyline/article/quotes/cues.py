"""Cues: the reporting verbs, speech nouns and phrases ("according to", "as a memo put it") that say
someone spoke, and the words of the speaker each one names. The word lists are lexicon/words.toml."""

from __future__ import annotations

import re

from storyline.article.reference import PRONOUNS, children, descendants, inside, phrase, subject_of
from storyline.article.tokens import token_range
from storyline.lexicon import reporting
from storyline.model import TextRange, TokenTable

# Beliefs and attitudes told as someone's: "he thinks the plan will fail". Told inside someone
# else's speech, the words are the teller's ("Mr. Obama said, a majority have come to believe
# 'that climate change is real'").
BELIEFS = reporting("beliefs")
# Every verb that reports speech or thought (lexicon/reporting.toml, shared with the events stage).
# Verbs that speak only as the tag of a quotation ("Trump barked"), never for a clause.
SPEECH_TAGS = reporting("tags")
CUE_LEMMAS = reporting("speech") | BELIEFS | SPEECH_TAGS
# Verbs that characterise with someone's words: "Cruz called Trump a 'pathological liar'",
# "Clinton criticized the act as a 'crazy system'". They speak for a quotation they govern.
CHARACTERIZING = reporting("characterizing")
# Nouns of speech whose owner speaks the quotation they govern: "Trump's claim that there have
# been 'thousands of shootings'".
SPEECH_NOUNS = reporting("speech_nouns")
_DOCUMENTS = reporting("documents")
# Nouns whose owner or maker speaks: "Trump's claim", "issued a statement calling ...".
SAID_NOUNS = SPEECH_NOUNS | _DOCUMENTS
# Verbs whose passive subject is the one spoken to or about, never the speaker.
ADDRESSING = CHARACTERIZING | reporting("addressing")
SPEECH_LEMMAS = CUE_LEMMAS | CHARACTERIZING
# Verbs that only report speech, never characterise with it.
PLAIN_SPEECH = CUE_LEMMAS - CHARACTERIZING


def introduces(tokens: TokenTable, verb: int, first_quoted: int, text: str) -> bool:
    """A plain speech verb whose phrase ends right where the quotation opens ("footage of Trump
    saying during the debate last week, 'That makes me smart'"): it introduces the quotation,
    whatever verb the parser hung the quotation from. Not a relative clause's verb ("anybody who
    complains about a microphone 'is not having a good night'": the quotation says of anybody)."""
    if (
        verb >= first_quoted
        or tokens.pos[verb] != "VERB"
        or tokens.dep[verb] == "relcl"
        or lemma_of(text, tokens, verb) not in PLAIN_SPEECH
    ):
        return False
    last = max(descendants(tokens, verb, skip=lambda j: j >= first_quoted))
    return all(tokens.pos[j] == "PUNCT" for j in range(last + 1, first_quoted))


def clause_of(tokens: TokenTable, verb: int) -> int:
    """The clause a cue speaks for: its own, or for a tag set in as an aside ("During his years
    in office, Mr. Obama said, a majority have come to believe ..."), the clause it interrupts."""
    return tokens.head[verb] if tokens.dep[verb] == "parataxis" else verb


def agent_of(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """The "by" phrase of a passive verb: who did the calling or the telling."""
    for by in children(tokens, verb):
        if tokens.dep[by] == "agent":
            objects = [j for j in children(tokens, by) if tokens.dep[j] == "pobj" and not inside(tokens.start[j], spans)]
            if objects:
                return phrase(tokens, objects[0])
    return None


def speaker_of_cue(text: str, tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """Who speaks through the cue: someone shown speaking or led to ("footage of Clinton
    asking", "led the journalist to fear"); else its own subject (a name in apposition to a
    misparsed one), a name right after it ("said Stéphane Dujarric"), the name it modifies, or a
    name right before it the parse failed to attach. A remark or statement found that way gives
    way to whoever made or issued it."""
    shown = _shown_speaking(tokens, verb, spans) or _object_controller(tokens, verb, spans)
    if shown is not None:
        return shown
    subject = _named_in_apposition(tokens, _adding_subject(tokens, verb, spans) or subject_of(tokens, verb, spans))
    inverted = _inverted_subject(tokens, verb, text)
    if inverted is not None and (subject is None or subject.start > tokens.start[verb]):
        subject = inverted
    subject = (
        subject
        or _modified_noun(tokens, verb, spans)
        or _name_before(tokens, verb, spans)
        or _clause_subject(tokens, verb, spans)
        or _name_across_aside(tokens, verb, spans)
    )
    return _maker(tokens, subject, spans) or subject


def _adding_subject(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "Trump told Newsmax that Romney 'had a crazy policy,' adding, '...'": a participle the
    parse hung on the clause a speech verb reports goes on with that verb's speaker, not with
    the subject of what was reported."""
    head = tokens.head[verb]
    if tokens.tag[verb] != "VBG" or tokens.dep[verb] != "advcl" or head == verb or tokens.dep[head] != "ccomp":
        return None
    speech = tokens.head[head]
    if speech == head or tokens.lemma[speech].lower() not in CUE_LEMMAS or inside(tokens.start[speech], spans):
        return None
    return subject_of(tokens, speech, spans)


def _clause_subject(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "The Florida senator sought to calm his supporters, and took a heckler in stride, saying
    ...": a participle or conjunct whose own clause has no subject speaks with the subject of
    the clause it hangs from, however many clauses up (subject_of climbs one)."""
    current = verb
    for _ in range(3):
        if tokens.dep[current] not in ("advcl", "conj", "xcomp") or tokens.head[current] == current:
            return None
        current = tokens.head[current]
        subject = subject_of(tokens, current, spans)
        if subject is not None:
            return subject
    return None


def _name_across_aside(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "Trump, in Kentucky, said", "her senior policy adviser, Jake Sullivan, said:": when the
    parse lost the subject of a cue behind an aside set off by commas or brackets, the nearest
    person named before it in its paragraph, with no other verb between, speaks."""
    j = verb - 1
    while j >= 0 and verb - j <= 12:
        if inside(tokens.start[j], spans) or tokens.pos[j] in ("VERB", "AUX") or tokens.lemma[j] in (".", "!", "?", ";"):
            return None
        if tokens.pos[j] == "SPACE" and "\n" in tokens.lemma[j]:
            return None
        if tokens.ent_type[j] == "PERSON" and tokens.pos[j] == "PROPN":
            return _person_ending(tokens, j)
        j -= 1
    return _name_before_aside(tokens, verb)


def _person_ending(tokens: TokenTable, last: int) -> TextRange:
    first = last
    while first > 0 and tokens.ent_type[first - 1] == "PERSON" and tokens.pos[first - 1] == "PROPN":
        first -= 1
    return TextRange(tokens.start[first], tokens.end[last])


def _name_before_aside(tokens: TokenTable, verb: int) -> TextRange | None:
    """ "Texas delegate Bill Eastland, wearing a cowboy hat and 'Ted Cruz' pins, said": the
    person named right before an aside that ends at the cue, whatever the aside holds."""
    if verb < 2 or tokens.lemma[verb - 1] != ",":
        return None
    for j in range(verb - 2, max(0, verb - 25), -1):
        if tokens.pos[j] == "SPACE" or tokens.lemma[j] in (".", "!", "?", ";"):
            return None
        if tokens.lemma[j] == ",":
            name = j - 1
            return _person_ending(tokens, name) if tokens.ent_type[name] == "PERSON" and tokens.pos[name] == "PROPN" else None
    return None


def _maker(tokens: TokenTable, said: TextRange | None, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "prompted Hillary Clinton to make a comment that described young men as 'super
    predators'", "the Council issued a statement calling the test 'a clear violation'": words
    whose subject is a remark or a statement that someone made or issued are that someone's."""
    if said is None:
        return None
    heads = span_heads(tokens, said)
    if len(heads) != 1 or tokens.lemma[heads[0]].lower() not in SAID_NOUNS or tokens.dep[heads[0]] != "dobj":
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
        or tokens.lemma[head].lower() in SPEECH_LEMMAS
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
    heads = span_heads(tokens, subject)
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
    if tokens.lemma[head].lower() in SAID_NOUNS and tokens.dep[head] == "dobj":
        return phrase(tokens, head)  # "issued a statement calling ...": the issuer, see _maker
    if tokens.dep[head] == "nsubj" and tokens.tag[verb] in ("VBD", "VBN") and inside(tokens.start[tokens.head[head]], spans):
        # "Sanders' campaign called AP's report a 'rush to judgment'": the parse hung the
        # sentence on the quoted words and the verb on its subject; the subject speaks.
        return phrase(tokens, head)
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


def relayer_of(tokens: TokenTable, cue: TextRange, spans: list[tuple[int, int]]) -> TextRange | None:
    """ "Dujarric said that Guterres told the ministers '...'": the words are Guterres's, and
    Dujarric relays them. The subject of the speech verb whose complement holds the cue."""
    verb = next(iter(token_range(tokens, cue.start, cue.end)), None)
    for _ in range(4):
        if verb is None or tokens.head[verb] == verb:
            return None
        if (
            tokens.dep[verb] == "ccomp"
            and tokens.lemma[tokens.head[verb]].lower() in CUE_LEMMAS
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
    if not names and j + 1 < len(tokens) and _lone_surname(tokens, j, text):
        return TextRange(tokens.start[j], tokens.end[j])
    return None


def _lone_surname(tokens: TokenTable, j: int, text: str) -> bool:
    """ '"...," said Skelly, explaining ...': a capitalised word the tagger misread (an adverb, a
    noun) right after the cue and before a comma or a stop names the speaker; not a date."""
    word = text[tokens.start[j] : tokens.end[j]]
    return (
        word[:1].isupper()
        and word.isalpha()
        and tokens.pos[j] in ("ADV", "NOUN", "ADJ", "X")
        and tokens.ent_type[j] not in ("DATE", "TIME")
        and tokens.lemma[j + 1] in (",", ".")
    )


def lemma_of(text: str, tokens: TokenTable, i: int) -> str:
    """The token's lemma, mended where the small model's lemmatizer misreads a reporting verb
    ("rated" -> "rat"): a regular past or third-person form of a known verb is that verb."""
    lemma = tokens.lemma[i].lower()
    if lemma in SPEECH_LEMMAS:
        return lemma
    if i + 1 < len(tokens) and tokens.dep[i + 1] in ("prt", "advmod") and tokens.head[i + 1] == i:
        # "went on about ...": talked on, not went somewhere; "shot back", "chimed in".
        phrasal = f"{lemma} {tokens.lemma[i + 1].lower()}"
        if phrasal in SPEECH_LEMMAS:
            return phrasal
    word = text[tokens.start[i] : tokens.end[i]].lower()
    for stem in (word[:-1], word[:-2]):
        if word.endswith(("ed", "s")) and stem in SPEECH_LEMMAS:
            return stem
    return lemma


_AS_BEFORE = re.compile(r"\bas(?:\s+(?:a|an|the|being))?\s*$", re.IGNORECASE)


def characterized_as(text: str, tokens: TokenTable, start: int, quoted: range, spans: list[tuple[int, int]]) -> int | None:
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


def according_to(tokens: TokenTable, i: int) -> int | None:
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


def in_the_eyes_of(tokens: TokenTable, i: int, quoted: range) -> int | None:
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


def puts_it(tokens: TokenTable, i: int, text: str, quote: tuple[int, int]) -> bool:
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


def is_document(tokens: TokenTable, span: TextRange) -> bool:
    """A phrase naming a text or recording rather than someone ("the advertisement", "a letter")."""
    return any(tokens.lemma[i].lower() in _DOCUMENTS and tokens.pos[i] == "NOUN" for i in span_heads(tokens, span))


def span_heads(tokens: TokenTable, span: TextRange) -> list[int]:
    """The tokens of a span whose head lies outside it: the head of a phrase, one per phrase."""
    return [
        i
        for i in token_range(tokens, span.start, span.end)
        if tokens.head[i] == i or not span.start <= tokens.start[tokens.head[i]] < span.end
    ]


def is_pronoun(text: str, span: TextRange) -> bool:
    return text[span.start : span.end].lower() in PRONOUNS
