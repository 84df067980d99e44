"""Which of a sentence's coded predicates a CAMEO coder keeps, and what a plain statement
amounts to.

The codebook codes the event reported, not the act of reporting it: in "officials said troops
shelled the town" the shelling is the event and the saying is how we know, so a statement
whose own complement holds a coded event gives way to it (the event keeps its reporter). A
statement that stays is coded by what it says: fault found with another actor is criticism
(111) or accusation (112), praise of one is 051, and without another actor the same tone is a
pessimistic (012) or optimistic (013) comment. The word lists are lexicon/tone.toml.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from storyline.article.reference import children, descendants, indexed
from storyline.article.tokens import token_range
from storyline.article.valence import polarity
from storyline.lexicon import load_table, reporting
from storyline.model import ArticleEntities, EventFinding, TokenTable

_SPEECH = reporting("speech")
# What a statement says: its complement, object or quoted clause, not who said it or where.
_SAID = frozenset(["ccomp", "xcomp", "dobj", "parataxis", "oprd", "acomp"])


@cache
def _tone() -> dict[str, frozenset[str]]:
    return {name: frozenset(words) for name, words in load_table("tone").items() if isinstance(words, list)}


# How far from neutral a statement's valence must be to count as fault-finding or praise.
_THRESHOLDS: dict[str, float] = load_table("tone")["valence"]


def not_an_actor(lemma: str) -> bool:
    """ "according to a Gallup poll": a poll, an estimate or a record says nothing of its own."""
    return lemma.lower() in _tone()["not_actors"]


def keep_reported(findings: list[EventFinding], tokens: TokenTable, text: str, found: ArticleEntities) -> list[EventFinding]:
    """The sentence's events as the codebook counts them (see the module docstring)."""
    heads = [_head(tokens, finding) for finding in findings]
    kept = []
    for index, finding in enumerate(findings):
        head = heads[index]
        if finding.code[:2] == "01" and _is_report(tokens, head):
            # its own complement: not a clause coordinated with it ("denies any wrongdoing and
            # points out that Sanders signed")
            inside = descendants(tokens, head, lambda child: tokens.dep[child] == "conj") if head >= 0 else set()
            told = [other for j, other in enumerate(heads) if j != index and other in inside and findings[j].code and findings[j].code[:2] != "01"]
            accord = tokens.lemma[head].lower() == "accord"
            if told or accord:
                kept.append(finding)  # how we know of the event it reports: kept, as told
                continue
            if finding.code in _LEANS and head >= 0 and not accord:
                finding = replace(finding, code=_statement_code(text, tokens, head, finding, found))
        elif finding.code in _LEANS and finding.code != "010" and head >= 0:
            finding = replace(finding, code=_statement_code(text, tokens, head, finding, found))
        elif finding.code[:2] == "19" and _verbal_attack(tokens, head, finding, found):
            finding = replace(finding, code="111")
        kept.append(finding)
    return kept


def _verbal_attack(tokens: TokenTable, verb: int, finding: EventFinding, found: ArticleEntities) -> bool:
    """ "Trump attacked Clinton", "hit his record": an attack on a person or on what someone
    said or did is criticism, not force; force takes a state, a place, troops or a building."""
    if verb < 0 or tokens.lemma[verb].lower() not in _tone()["verbal_attacks"]:
        return False
    if finding.target >= 0 and found.entities[finding.target].type == "PERSON":
        return True
    objects = [c for c in children(tokens, verb) if tokens.dep[c] in ("dobj", "pobj", "nsubjpass")]
    return any(tokens.lemma[c].lower() in _tone()["stances"] for c in objects)


def tokens_text(text: str, tokens: TokenTable, index: int) -> str:
    return text[tokens.start[index] : tokens.end[index]]


def _head(tokens: TokenTable, finding: EventFinding) -> int:
    inside = token_range(tokens, finding.start, finding.end)
    return inside[0] if len(inside) else -1


def _is_report(tokens: TokenTable, head: int) -> bool:
    return head >= 0 and (tokens.lemma[head].lower() in _SPEECH or tokens.lemma[head].lower() == "accord")


# The statement codes, with the tone their verb already gives: "lamented that" is gloomy
# before its words are read.
_LEANS = {"010": 0, "012": -1, "013": 1}


def _statement_code(text: str, tokens: TokenTable, verb: int, finding: EventFinding, found: ArticleEntities) -> str:
    """010, or what the statement's words make it (see statement_code)."""
    said = sorted(
        i
        for child in children(tokens, verb)
        if tokens.dep[child] in _SAID
        for i in descendants(tokens, child, lambda c: tokens.dep[c] == "conj" and tokens.head[c] == verb)
    )
    if not said:
        return finding.code
    start, end = tokens.start[said[0]], tokens.end[said[-1]]
    return statement_code(text, start, end, tokens_text(text, tokens, verb), _LEANS[finding.code], finding.actor, found, accuses(tokens, said))


def accuses(tokens: TokenTable, indices) -> bool:
    """Words that charge someone with a wrong ("lied", "illegal"): an accusation, not only fault."""
    return any(tokens.lemma[i].lower() in _tone()["accusation"] for i in indices)


def statement_code(
    text: str, start: int, end: int, verb: str, lean: int, speaker: int, found: ArticleEntities, accusing: bool = False
) -> str:
    """What the words text[start:end], said by `speaker` with the verb `verb` (whose own tone is
    `lean`), make of a statement: 111 / 112 / 051 against or about another actor, 012 / 013
    about the state of things, else 010."""
    valence = polarity(f"{verb} {text[start:end]}")
    negative = lean < 0 or (lean == 0 and valence <= _THRESHOLDS["fault_at"])
    positive = lean > 0 or (lean == 0 and valence >= _THRESHOLDS["praise_at"])
    if not (negative or positive or accusing):
        return "010"
    other = any(
        m.entity >= 0 and m.entity != speaker and start <= m.start and m.end <= end and found.entities[m.entity].type in ("PERSON", "ORG")
        for m in indexed(found).by_position.overlapping(start, end)
    )
    if negative or (accusing and not positive):
        return ("112" if accusing else "111") if other else "012"
    return "051" if other else "013"
