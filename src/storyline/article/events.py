"""The events stage: who did what to whom, read off each sentence's dependency parse.

A predicate counts when its verb (or the noun a light verb takes: "held a meeting", "had little
contact") has a CAMEO class in lexicon/cameo.toml. Its actor is the verb's subject resolved to an
entity (names, titles, pronouns, appositions: "the defense ministers, Viktor Khrenin and Olexiy
Reznikov"), or, for an infinitive or participle without one, the subject of the verb it hangs
on ("the last leader to meet Putin"); coordinated subjects give one event each. Its time is the
temporal expression in its own clause. An event told inside reported speech keeps both layers:
its actor, and who reported it. "according to the Kremlin on Friday" is itself an event: the
Kremlin said so, on Friday. Dates are only anchored, and events merged, at corpus level.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, cached_property

from storyline.article.event_choice import keep_reported, not_an_actor
from storyline.article.quote_events import ACTION_WORDS, quoted_statements, said_what, speakers_for_first_person
from storyline.article.quotes.outlets import is_outlet
from storyline.article.reference import children, descendants, entity_of, indexed, phrase, subject_of
from storyline.article.timex.tense import tense_of_verb
from storyline.article.tokens import parsed, token_range
from storyline.lexicon import load_table, reporting, words
from storyline.lexicon.positions import Stretches
from storyline.model import (
    NO_TENSE,
    Annotation,
    ArticleEntities,
    ArticleEvents,
    ArticleQuotes,
    CleanText,
    Document,
    EventFinding,
    TextRange,
    TimeTagging,
    TokenTable,
)
from storyline.settings import Settings
from storyline.stages import register_stage

# Verbs that report speech, the same the quotes stage takes for cues: an event in the
# complement of one is told by its subject (`reporter`).
_SPEECH = reporting("speech")
# Verbs whose complement is what others should (not) do: "called on the parties to cease
# fighting" is an appeal, not fighting.
_NOT_DONE = words("events", "not_done")
_TARGET_PREPOSITIONS = ("with", "to", "on", "against", "from")


@cache
def _lexicon() -> dict:
    return load_table("cameo")


_NO_QUOTES = ArticleQuotes()


@register_stage("events", result_type=ArticleEvents, needs=("clean", "annotate", "mentions", "times", "quotes"))
def events(document: Document, upstream: Mapping[str, object], settings: Settings) -> ArticleEvents:
    cleaned, annotation, found, tagging, quoted = (upstream[name] for name in ("clean", "annotate", "mentions", "times", "quotes"))
    assert isinstance(cleaned, CleanText) and isinstance(annotation, Annotation) and isinstance(quoted, ArticleQuotes)
    assert isinstance(found, ArticleEntities) and isinstance(tagging, TimeTagging)
    return find_events(cleaned.text, annotation, found, tagging, quoted)


def find_events(
    text: str, annotation: Annotation, found: ArticleEntities, tagging: TimeTagging, quoted: ArticleQuotes = _NO_QUOTES
) -> ArticleEvents:
    tokens = parsed(annotation.tokens)
    found = indexed(found)
    tagging = _IndexedTimes(tagging.mentions, tagging.caption_dates, tagging.sentences)
    results = []
    for sentence in annotation.sentences:
        results += keep_reported(_sentence_events(text, tokens, sentence, found, tagging), tokens, text, found)
    results = said_what(text, speakers_for_first_person(text, results, quoted), quoted)
    taken = {finding.sentence.start for finding in results}
    results += quoted_statements(text, tokens, annotation.sentences, found, quoted, taken)
    return ArticleEvents(tuple(sorted(results, key=lambda finding: finding.sentence.start)))


def _sentence_events(text, tokens, sentence, found, tagging) -> list[EventFinding]:
    """Every coded predicate of one sentence, before the codebook's choice among them."""
    results: list[EventFinding] = []
    for i in token_range(tokens, sentence.start, sentence.end):
        if tokens.lemma[i].lower() == "accord" and i + 1 < len(tokens) and tokens.lemma[i + 1].lower() == "to":
            results += _attribution(text, tokens, i, sentence, found, tagging)
            continue
        if tokens.pos[i] == "NOUN" and tokens.lemma[i].lower() in _lexicon()["nominals"]:
            results += _nominal(text, tokens, i, sentence, found, tagging)
            continue
        if tokens.pos[i] not in ("VERB", "AUX") or _governed_by(tokens, i, _NOT_DONE):
            continue
        coded = _code(tokens, i) or _uncoded(tokens, i)
        if coded is None:
            continue
        code, action_end = coded
        if _is_byline(tokens, i):
            continue
        told = _predicate(text, tokens, i, code, action_end, sentence, found, tagging)
        # an uncoded happening needs someone the text names doing it; an outlet's "reported"
        # is how we know what it reports, not an event of its own
        relays = tokens.lemma[i].lower() in _SPEECH
        results += [f for f in told if (code or f.actor >= 0) and not (relays and _is_outlet(text, f.actor_span, found, f.actor))]
    return results


_PERSONAL = frozenset(["i", "he", "she", "we", "they", "you"])
_ACTOR_NOUNS = words("events", "actor_nouns")


def _is_outlet(text: str, span: TextRange | None, found: ArticleEntities, entity: int = -1) -> bool:
    return span is not None and is_outlet(text[span.start : span.end], found, entity)


def _could_act(tokens: TokenTable, subject: TextRange) -> bool:
    """An actor the text names without a name: a personal pronoun, or a noun that names people
    or an institution ("officials", "the police", "the administration": actor_codes' nouns).
    A title the mentions stage took as a descriptor ("the Secretary-General") is left to the
    corpus to resolve."""
    from storyline.lexicon.actor_codes import noun_sector

    head = next((i for i in token_range(tokens, subject.start, subject.end) if tokens.dep[i] in ("nsubj", "nsubjpass", "pobj")), None)
    if head is None:
        return False
    lemma = tokens.lemma[head].lower()
    return lemma in _PERSONAL or lemma in _ACTOR_NOUNS or noun_sector(lemma) is not None


def _conditional(tokens: TokenTable, verb: int) -> bool:
    """ "if he has a gripe", "unless Russia withdraws": a condition, not a fact (nor is the
    clause that hangs on it, two steps up at most)."""
    node = verb
    for _ in range(2):
        if any(tokens.dep[c] == "mark" and tokens.lemma[c].lower() in ("if", "unless") for c in children(tokens, node)):
            return True
        if tokens.dep[node] != "advcl" or tokens.head[node] == node:
            return False
        node = tokens.head[node]
    return False


def _is_byline(tokens: TokenTable, verb: int) -> bool:
    """ "Keith Bradsher reporting from Hong Kong", "Ben Dooley contributed reporting": the
    writer's credit, not an event of the story."""
    lemma = tokens.lemma[verb].lower()
    if lemma == "report" and tokens.tag[verb] == "VBG":
        return not any(tokens.dep[c] in ("aux", "auxpass") for c in children(tokens, verb))
    return lemma == "contribute" and any(tokens.lemma[c].lower() in ("reporting", "report", "research") for c in children(tokens, verb))


def _code(tokens: TokenTable, verb: int) -> tuple[str, int] | None:
    """The CAMEO code of the predicate at `verb`, and the last token of its action words."""
    lexicon = _lexicon()
    lemma = tokens.lemma[verb].lower()
    dependents = children(tokens, verb)
    for child in dependents:
        if tokens.dep[child] == "prep" and _names_a_time(tokens, child):
            continue  # "fired shells on Thursday" is not "fired on"
        if tokens.dep[child] in ("prep", "prt") and f"{lemma} {tokens.lemma[child].lower()}" in lexicon["verbs"]:
            return lexicon["verbs"][f"{lemma} {tokens.lemma[child].lower()}"], child
    for child in dependents:
        # "restored diplomatic ties", "imposed sanctions", "sanctions were imposed"
        if tokens.dep[child] in ("dobj", "nsubjpass") and f"{lemma} {tokens.lemma[child].lower()}" in lexicon["verb_objects"]:
            return lexicon["verb_objects"][f"{lemma} {tokens.lemma[child].lower()}"], child
    if lemma in lexicon["directives"] and _directs(tokens, dependents):
        return lexicon["directives"][lemma], verb
    if lemma in lexicon["light_verbs"]:
        for child in dependents:
            noun = tokens.lemma[child].lower()
            if tokens.dep[child] == "dobj" and noun in lexicon["light_verbs"][lemma]:
                return lexicon["light_codes"][noun], child
        return None
    if lemma == "remain" and any(tokens.lemma[c].lower() == "convinced" for c in dependents):
        return lexicon["verbs"]["remain convinced"], max(dependents)
    if lemma in lexicon["verbs"]:
        return lexicon["verbs"][lemma], verb
    return None


def _directs(tokens: TokenTable, dependents) -> bool:
    """ "told BP to step up": someone to act (an object) and a to-infinitive of what to do."""
    has_object = any(tokens.dep[c] == "dobj" for c in dependents)
    infinitive = any(
        tokens.dep[c] in ("xcomp", "ccomp") and any(tokens.lemma[a].lower() == "to" and tokens.dep[a] == "aux" for a in children(tokens, c))
        for c in dependents
    )
    return has_object and infinitive


_UNCODED_STOP = words("events", "uncoded_stop")
# Where a clause's verb tells a happening of its own: the sentence's main verb, one joined to
# it, or what a speaker says happened.
_MAIN_CLAUSE = frozenset(["ROOT", "conj", "ccomp"])


def _uncoded(tokens: TokenTable, verb: int) -> tuple[str, int] | None:
    """A happening the CAMEO table has no code for ("Apple released the iPhone 4", "the rig
    sank"): a main-clause verb with a subject of its own, coded "" (no CAMEO code)."""
    if tokens.pos[verb] != "VERB" or tokens.dep[verb] not in _MAIN_CLAUSE:
        return None
    if tokens.lemma[verb].lower() in _UNCODED_STOP and not _phrasal_act(tokens, verb):
        return None
    if tokens.dep[verb] == "conj" and tokens.pos[tokens.head[verb]] not in ("VERB", "AUX"):
        return None
    if not any(tokens.dep[c] in ("nsubj", "nsubjpass") for c in children(tokens, verb)):
        return None
    return "", verb


_PHRASAL_ACTS = words("events", "phrasal_acts")


def _phrasal_act(tokens: TokenTable, verb: int) -> bool:
    """ "showed off the new phone", "took over the company": a particle makes an act of a verb
    that alone says how things are."""
    lemma = tokens.lemma[verb].lower()
    return any(tokens.dep[c] == "prt" and f"{lemma} {tokens.lemma[c].lower()}" in _PHRASAL_ACTS for c in children(tokens, verb))


def _names_a_time(tokens: TokenTable, preposition: int) -> bool:
    return any(tokens.dep[c] == "pobj" and tokens.ent_type[c] in ("DATE", "TIME") for c in children(tokens, preposition))


def _governed_by(tokens: TokenTable, verb: int, lemmas: frozenset[str]) -> bool:
    node = verb
    for _ in range(3):
        if tokens.dep[node] not in ("xcomp", "pcomp", "pobj", "prep", "acl") or tokens.head[node] == node:
            return False
        node = tokens.head[node]
        if tokens.lemma[node].lower() in lemmas:
            return True
    return False


def _nominal(
    text: str, tokens: TokenTable, noun: int, sentence: TextRange, found: ArticleEntities, tagging: TimeTagging
) -> list[EventFinding]:
    """ "the Russian invasion of Ukraine on February 24": an event named by a noun, kept only
    when the text says who (a state's adjective or a possessive) and when, or says who by name
    ("an attack by Russian soldiers": then its sentence dates it)."""
    time = _time_of(tokens, noun, tagging)
    governor = tokens.head[noun]
    if time < 0 and tokens.lemma[governor].lower() == "of" and tokens.head[governor] != governor:
        # "the start of the Russian invasion on February 24": the date may sit on the noun
        # the event noun completes.
        time = _time_of(tokens, tokens.head[governor], tagging)
    by_agent = any(tokens.dep[c] == "prep" and tokens.lemma[c].lower() == "by" for c in children(tokens, noun))
    if time < 0 and not by_agent:
        return []
    actor, country, actor_span, sector = _nominal_actor(text, tokens, noun, found)
    if actor < 0 and country is None:
        return []
    target = _target(text, tokens, noun, noun, found)
    for child in children(tokens, noun):
        if tokens.dep[child] == "prep" and tokens.lemma[child].lower() == "of":
            completed = _object_of(tokens, child)
            if completed is not None and target < 0:
                target = entity_of(phrase(tokens, completed), text, found, tokens)
    end = max([noun, *[c for c in children(tokens, noun) if tokens.dep[c] == "prep" and tokens.lemma[c].lower() == "of"]])
    action_end = max([end, *[g for g in children(tokens, end) if tokens.dep[g] == "pobj"]]) if end != noun else noun
    action = text[tokens.start[noun] : tokens.end[action_end]]
    code = _lexicon()["nominals"][tokens.lemma[noun].lower()]
    return [
        EventFinding(
            tokens.start[noun],
            tokens.end[noun],
            sentence,
            actor,
            actor_span,
            target,
            action,
            code,
            time,
            "past",
            False,
            False,
            actor_country=country if actor < 0 else None,
            actor_sector=sector,
        )
    ]


def _nominal_actor(
    text: str, tokens: TokenTable, noun: int, found: ArticleEntities
) -> tuple[int, str | None, TextRange | None, str | None]:
    """Who made the event a noun names: (entity, state, the words, sector) from a state's
    adjective ("the Russian invasion"), a possessive, an agent ("by Russian soldiers"), or the
    subject of the verb that takes it up ("Moscow could follow up on Monday's recognition")."""
    from storyline.lexicon.names import country_code

    actor, country, actor_span, sector = -1, None, None, None
    for child in children(tokens, noun):
        word = text[tokens.start[child] : tokens.end[child]]
        if tokens.dep[child] == "amod" and country_code(word):
            country, actor_span = country_code(word), TextRange(tokens.start[child], tokens.end[child])
        elif tokens.dep[child] == "poss":
            actor_span = phrase(tokens, child)
            actor = entity_of(actor_span, text, found, tokens)
        elif tokens.dep[child] == "prep" and tokens.lemma[child].lower() == "by":
            # "an attack by Osgiliath soldiers"
            agent = _object_of(tokens, child)
            if agent is not None:
                actor_span = phrase(tokens, agent)
                actor = entity_of(actor_span, text, found, tokens)
                if actor < 0:
                    country, sector = _state_and_sector(text, tokens, actor_span)
    if actor < 0 and country is None and tokens.dep[noun] == "pobj":
        # "Moscow could follow up on Monday's recognition": the one who follows up on it did
        # it (but whoever condemns an attack did not make it).
        governor = tokens.head[noun]
        verb = tokens.head[governor]
        subject = subject_of(tokens, verb, []) if tokens.pos[verb] in ("VERB", "AUX") else None
        if subject is not None:
            actor, actor_span = entity_of(subject, text, found, tokens), subject
    return actor, country, actor_span, sector


def _predicate(text, tokens, verb, code, action_end, sentence, found, tagging) -> list[EventFinding]:
    subject, controller = _controlling_subject(tokens, verb)
    patient = None
    if subject is not None and _is_passive_subject(tokens, subject, verb):
        # "The appeal will be considered by the parliament": the subject is what is acted on
        # (but in "is scheduled to hold", the council is the subject of "hold").
        patient, subject = subject, _agent(tokens, verb)
    actors = _actors(text, tokens, subject, found) if subject is not None else [(-1, None)]
    if subject is not None and actors == [(-1, subject)] and patient is None and (second := _second_subject(text, tokens, verb, subject, found)) is not None:
        subject, actors = second, [(entity_of(second, text, found, tokens), second)]
    described = subject is not None and bool(indexed(found).by_position.overlapping(subject.start, subject.end))
    if actors == [(-1, subject)] and subject is not None and not described and not _could_act(tokens, subject):
        actors = [(-1, None)]  # "it", "barrels", "that": no one acts
    state, sector = _state_and_sector(text, tokens, subject) if subject is not None else (None, None)
    target = entity_of(patient, text, found, tokens) if patient is not None else -1
    if target < 0:
        target = _target(text, tokens, verb, action_end, found)
    if target >= 0 and target in {a for a, _ in actors}:
        target = -1  # "said Phil Levy, the chief economist": no actor is its own target
    time = _time_of(tokens, verb, tagging)
    tense = tense_of_verb(tokens, verb) if tokens.pos[verb] in ("VERB", "AUX") else NO_TENSE
    if tense == NO_TENSE:
        tense = tense_of_verb(tokens, controller)
    modal = any(
        tokens.tag[c] == "MD" and tokens.lemma[c].lower() in ("could", "might", "may", "would", "should") for c in children(tokens, verb)
    )
    modal = modal or _conditional(tokens, verb)
    negated = any(tokens.dep[c] == "neg" for c in children(tokens, verb))
    action = _action_text(text, tokens, verb, action_end, target)
    reporter = _reporter(text, tokens, verb, found)
    location = _location(text, tokens, verb, found, {target, *(a for a, _ in actors)})
    return [
        EventFinding(
            tokens.start[verb],
            tokens.end[verb],
            sentence,
            actor,
            span,
            target,
            action,
            code,
            time,
            tense,
            modal,
            negated,
            reporter,
            actor_country=state if actor < 0 else None,
            actor_sector=sector,
            location=location,
        )
        for actor, span in actors
    ]


def _second_subject(text: str, tokens: TokenTable, verb: int, subject: TextRange, found: ArticleEntities) -> TextRange | None:
    """A name the parser made a second subject of the verb when a title runs into it without a
    comma ("The co-founder of Apple Inc. Steve Jobs has died": "co-founder" and "Jobs" both
    subjects): the first names no one, the second does."""
    for child in children(tokens, verb):
        if tokens.dep[child] == "nsubj" and not (subject.start <= tokens.start[child] < subject.end):
            candidate = phrase(tokens, child)
            if entity_of(candidate, text, found, tokens) >= 0:
                return candidate
    return None


def _controlling_subject(tokens: TokenTable, verb: int) -> tuple[TextRange | None, int]:
    """The verb's subject, or that of the verb it hangs on ("the last Western leader to meet
    Putin", "is scheduled to hold"), with the verb that supplied it."""
    subject = subject_of(tokens, verb, [])
    controller = verb
    for _ in range(3):
        if (
            subject is not None
            or tokens.dep[controller] not in ("xcomp", "acl", "relcl", "advcl", "attr", "pcomp", "acomp")
            or tokens.head[controller] == controller
        ):
            break
        controller = tokens.head[controller]
        if tokens.pos[controller] in ("NOUN", "PROPN") and tokens.head[controller] != controller:
            controller = tokens.head[controller]
        subject = subject_of(tokens, controller, [])
    return subject, controller


def _state_and_sector(text: str, tokens: TokenTable, subject: TextRange) -> tuple[str | None, str | None]:
    """ "Russian police": the state (RUS) and the sector (COP) of an actor named by what it is."""
    from storyline.lexicon.actor_codes import noun_sector
    from storyline.lexicon.names import country_code

    head = next(
        (i for i in token_range(tokens, subject.start, subject.end) if tokens.dep[i] in ("nsubj", "nsubjpass", "pobj", "poss")), None
    )
    if head is None:
        return None, None
    sector = noun_sector(tokens.lemma[head].lower())
    state = None
    for child in children(tokens, head):
        if tokens.dep[child] in ("amod", "compound", "poss", "nmod"):
            state = state or country_code(text[tokens.start[child] : tokens.end[child]])
    return state, sector


_SETTINGS = frozenset(["session", "sitting", "meeting", "summit", "hearing", "conference", "congress", "debate", "plenary"])


def _is_passive_subject(tokens: TokenTable, subject: TextRange, verb: int) -> bool:
    """True when the subject is the passive subject of this verb or of the verb it is
    coordinated with, not of a verb it completes ("is scheduled to hold")."""
    own = {verb} | ({tokens.head[verb]} if tokens.dep[verb] == "conj" else set())
    return any(tokens.dep[i] == "nsubjpass" and tokens.head[i] in own for i in token_range(tokens, subject.start, subject.end))


def _agent(tokens: TokenTable, verb: int) -> TextRange | None:
    """Who acts in a passive: the "by" phrase, else the body whose sitting it happens at
    ("will be considered and voted upon during the parliament's plenary session"). Verbs
    coordinated with it share both ("considered and voted upon")."""
    verbs = [verb, *_coordinated(tokens, verb)]
    for each in verbs:
        for child in children(tokens, each):
            if tokens.dep[child] == "agent" and (agent := _object_of(tokens, child)) is not None:
                return phrase(tokens, agent)
    for each in verbs:
        for child in children(tokens, each):
            if tokens.dep[child] != "prep" or tokens.lemma[child].lower() not in ("during", "at", "in"):
                continue
            for setting in children(tokens, child):
                if tokens.dep[setting] != "pobj" or tokens.lemma[setting].lower() not in _SETTINGS:
                    continue
                for owner in children(tokens, setting):
                    if tokens.dep[owner] == "poss":
                        return phrase(tokens, owner)
                    if tokens.dep[owner] == "prep" and tokens.lemma[owner].lower() == "of":
                        body = _object_of(tokens, owner)
                        if body is not None:
                            return phrase(tokens, body)
    return None


def _coordinated(tokens: TokenTable, verb: int) -> list[int]:
    """The verbs coordinated with `verb` ("considered and voted upon"): its conjuncts, and the
    verb it is itself a conjunct of."""
    others = [c for c in children(tokens, verb) if tokens.dep[c] == "conj" and tokens.pos[c] in ("VERB", "AUX")]
    if tokens.dep[verb] == "conj" and tokens.head[verb] != verb:
        others.append(tokens.head[verb])
    return others


def _object_of(tokens: TokenTable, preposition: int) -> int | None:
    """The object of a preposition ("by" -> "Osgiliath soldiers"), if the parse gives it one."""
    return next((g for g in children(tokens, preposition) if tokens.dep[g] == "pobj"), None)


def _location(text: str, tokens: TokenTable, verb: int, found: ArticleEntities, taken: set[int]) -> int:
    """The place the clause says it happened in: "in Moscow", "at the Mariinskyi Palace"."""
    for i in sorted(_clause(tokens, verb)):
        if tokens.dep[i] == "prep" and tokens.lemma[i].lower() in ("in", "at"):
            for child in children(tokens, i):
                if tokens.dep[child] != "pobj":
                    continue
                entity = entity_of(phrase(tokens, child), text, found, tokens)
                if entity >= 0 and entity not in taken and found.entities[entity].type in ("GPE", "LOC", "FAC"):
                    return entity
    return -1


def _actors(text: str, tokens: TokenTable, subject: TextRange, found: ArticleEntities) -> list[tuple[int, TextRange | None]]:
    """The entities a subject names: itself and the names coordinated with it ("Putin and
    Zelensky" act both), or, for a common noun, its apposition ("the defense ministers, Viktor
    Khrenin and Olexiy Reznikov")."""
    head = next((i for i in token_range(tokens, subject.start, subject.end) if tokens.dep[i] in ("nsubj", "nsubjpass", "pobj")), None)
    own = entity_of(subject, text, found, tokens)
    coordinated, apposed = [], []
    if head is not None:
        for child in children(tokens, head):
            if tokens.dep[child] == "conj":
                coordinated += [phrase(tokens, c) for c in _conjuncts(tokens, child)]
            elif tokens.dep[child] == "appos":
                apposed += [phrase(tokens, c) for c in _conjuncts(tokens, child)]
    # A common noun acts through the names set beside it, apposed or (as the parser often has
    # it) coordinated: "the defense ministers, Viktor Khrenin and Olexiy Reznikov".
    candidates = [subject, *coordinated] if own >= 0 else [*apposed, *coordinated]
    resolved: list[tuple[int, TextRange | None]] = []
    for candidate in candidates:
        entity = entity_of(candidate, text, found, tokens)
        if entity >= 0 and entity not in [r for r, _ in resolved]:
            resolved.append((entity, candidate))
    return resolved or [(-1, subject)]


def _conjuncts(tokens: TokenTable, first: int) -> list[int]:
    """A word and every word coordinated with it down the chain ("A, B and C")."""
    found = [first]
    for word in found:
        found += [c for c in children(tokens, word) if tokens.dep[c] == "conj" and c not in found]
    return found


def _target(text: str, tokens: TokenTable, verb: int, action_end: int, found: ArticleEntities) -> int:
    heads = [verb] + ([action_end] if action_end != verb else [])
    for head in heads:
        for child in children(tokens, head):
            if tokens.dep[child] in ("dobj", "dative", "attr") and head == verb:
                entity = entity_of(phrase(tokens, child), text, found, tokens)
                if entity >= 0:
                    return entity
            if tokens.dep[child] == "prep" and tokens.lemma[child].lower() in _TARGET_PREPOSITIONS:
                for grandchild in children(tokens, child):
                    if tokens.dep[grandchild] == "pobj":
                        entity = entity_of(phrase(tokens, grandchild), text, found, tokens)
                        if entity >= 0:
                            return entity
    return -1


def _clause(tokens: TokenTable, verb: int) -> set[int]:
    """Tokens of the verb's own clause: its subtree, minus the clauses of other verbs in it and
    an "according to" attribution (which dates the statement, not the event)."""

    def other_clause(child: int) -> bool:
        nested = tokens.pos[child] in ("VERB", "AUX") and tokens.dep[child] in (
            "ccomp",
            "advcl",
            "relcl",
            "xcomp",
            "conj",
            "parataxis",
            "acl",
        )
        return nested or tokens.lemma[child].lower() == "accord"

    return descendants(tokens, verb, other_clause)


def _time_of(tokens: TokenTable, verb: int, tagging: TimeTagging) -> int:
    found = _time_in(_clause(tokens, verb), tokens, tagging)
    if found < 0:
        # "will be considered and voted upon ... on Tuesday": coordinated verbs share a time.
        for other in _coordinated(tokens, verb):
            found = _time_in(_clause(tokens, other), tokens, tagging)
            if found >= 0:
                break
    return found


class _IndexedTimes(TimeTagging):
    """An article's time expressions indexed by position, made once per article: every verb
    asks which of them stand in its clause."""

    @cached_property
    def by_position(self) -> Stretches[int]:
        mentions = self.mentions
        return Stretches(range(len(mentions)), lambda i: mentions[i].start, lambda i: mentions[i].end)


def _times_over(tagging: TimeTagging, start: int, end: int) -> list[int]:
    """The indices, in order, of the time expressions that share a character with [start, end)."""
    if isinstance(tagging, _IndexedTimes):
        return tagging.by_position.overlapping(start, end)
    return [i for i, m in enumerate(tagging.mentions) if m.start < end and start < m.end]


def _time_in(clause: set[int], tokens: TokenTable, tagging: TimeTagging) -> int:
    best = -1
    if not clause:
        return best
    for index in _times_over(tagging, tokens.start[min(clause)], tokens.end[max(clause)]):
        mention = tagging.mentions[index]
        if mention.type not in ("DATE", "TIME") or mention.form.kind in ("ref", "duration", "set"):
            continue
        inside = [i for i in token_range(tokens, mention.start, mention.end) if i in clause]
        if inside and (best < 0 or _precision(mention.form.kind) > _precision(tagging.mentions[best].form.kind)):
            best = index
    return best


def _precision(kind: str) -> int:
    return {"absolute": 3, "month_day": 3, "weekday": 3, "day_offset": 3, "clock": 3, "relative": 2, "month": 2, "offset": 2}.get(kind, 1)




def _action_text(text: str, tokens: TokenTable, verb: int, action_end: int, target: int) -> str:
    """The verb and what follows it in its sentence, up to the end of its clause or 25 words:
    "announced Monday that the United States will temporarily relocate its embassy ...". A
    statement's action is what was stated, so a reported clause stays in."""
    subtree = descendants(tokens, verb, lambda child: tokens.lemma[child].lower() == "accord")
    words = []
    for i in range(verb, len(tokens)):
        if i not in subtree or (tokens.pos[i] == "PUNCT" and tokens.lemma[i] in (";", ".", "!", "?") and i > action_end):
            break
        words.append(i)
        if len(words) >= ACTION_WORDS:
            break
    while words and tokens.pos[words[-1]] == "PUNCT":
        words.pop()
    if not words:
        return text[tokens.start[verb] : tokens.end[verb]]
    return text[tokens.start[words[0]] : tokens.end[words[-1]]]


def _reporter(text: str, tokens: TokenTable, verb: int, found: ArticleEntities) -> int:
    """Who reports the event, when it sits in the complement of a speech verb."""
    node = verb
    for _ in range(4):
        if tokens.head[node] == node:
            return -1
        if tokens.dep[node] == "ccomp" and tokens.lemma[tokens.head[node]].lower() in _SPEECH:
            reporter = subject_of(tokens, tokens.head[node], [])
            return entity_of(reporter, text, found, tokens) if reporter else -1
        node = tokens.head[node]
    return -1


def _attribution(
    text: str, tokens: TokenTable, accord: int, sentence: TextRange, found: ArticleEntities, tagging: TimeTagging
) -> list[EventFinding]:
    """ "according to the Kremlin on Friday": the Kremlin made a statement, on Friday."""
    to = accord + 1
    said_by = _object_of(tokens, to)
    if said_by is None:
        return []
    source = phrase(tokens, said_by)
    entity = entity_of(source, text, found, tokens)
    if entity < 0 or not_an_actor(tokens.lemma[said_by]) or _is_outlet(text, source, found, entity):
        return []  # "according to Reuters": how we know, not an event (the codebook's relaying outlet)
    time = -1
    for index in _times_over(tagging, source.end, source.end + 12):
        mention = tagging.mentions[index]
        if mention.start >= source.end and mention.start - source.end < 12 and mention.type in ("DATE", "TIME"):
            time = index
    # What the source said is the rest of its sentence: "Putin will meet Guterres next week".
    said = " ".join(text[sentence.start : tokens.start[accord]].rstrip(" ,").split()[:ACTION_WORDS])
    action = f"said {said}" if said else text[tokens.start[accord] : source.end]
    return [EventFinding(tokens.start[accord], tokens.end[to], sentence, entity, source, -1, action, "010", time, "past", False, False)]
