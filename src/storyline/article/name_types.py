"""What kind of thing each of an article's names is, checked against what the article itself
says of it, since the small tagger types an unknown name by its shape alone ("Burisma" a
person, "Weibo" a place).

The evidence, strongest first: a noun the text sets in apposition to the name or says of it
("Burisma, a Ukrainian gas company"; "Weibo, the Chinese social network"; "Yersinia pestis,
the bacterium"), which decides; a holiday's name ("Orthodox Easter"), an event; a single name
the text never gives a first name, an honorific or a title, standing as the subject of what
outlets do ("Politico reported"), an organisation; a place label that neither the gazetteer
nor a place's context ("in ...", "..., Ukraine", "Crimea and Ukraine") bears out, no place.
The words are data (lexicon/entities.toml: kind_nouns, name_evidence).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

from storyline.article.tokens import token_range
from storyline.lexicon import load_table
from storyline.lexicon.names import canonical_alias, country_code, fold, name_key
from storyline.lexicon.places import candidates
from storyline.model import Annotation, TokenTable

NOT_AN_ENTITY = "none"  # a kind noun's verdict: no person, organisation or place at all
PLACES = ("GPE", "LOC")
ACTORS = ("PERSON", "ORG", "NORP", "FAC", *PLACES)

Name = tuple[int, int, str, str]  # start, end, surface, label


@cache
def _kind_of_noun() -> dict[str, str]:
    table = load_table("entities")
    kinds = {fold(noun): kind for kind, nouns in table["kind_nouns"].items() for noun in nouns}
    for title in table["titles"]:
        kinds.setdefault(fold(title).split()[-1], "PERSON")
    return kinds


@cache
def _evidence(name: str) -> frozenset[str]:
    return frozenset(fold(word) for word in load_table("entities")["name_evidence"][name])


@cache
def _holiday_keys() -> frozenset[str]:
    return frozenset(name_key(holiday) for holiday in load_table("entities")["name_evidence"]["holidays"])


def checked_types(
    text: str,
    annotation: Annotation,
    names: list[Name],
    members: list[int],
    groups: list[tuple[str, list[str]]],
    titled: Callable[[int], bool],
) -> list[str | None]:
    """The type of each group of names (None: not an entity). `titled(i)` says whether name i
    carries a personal title ("President", "Foreign Minister")."""
    tokens = annotation.tokens
    of_group: list[list[int]] = [[] for _ in groups]
    for index, group in enumerate(members):
        of_group[group].append(index)
    return [_type(text, tokens, names, indices, label, forms, titled) for (label, forms), indices in zip(groups, of_group, strict=True)]


def _type(text: str, tokens: TokenTable, names: list[Name], indices: list[int], label: str, forms: list[str], titled) -> str | None:
    heads = [_head(tokens, names[i][0], names[i][1]) for i in indices]
    said = Counter(kind for head in heads if head is not None and (kind := _described_as(tokens, head)))
    if said:
        kind = said.most_common(1)[0][0]
        if kind != NOT_AN_ENTITY:
            return kind
        if label in ACTORS:
            return None  # "Yersinia pestis, the bacterium": no person, body or place
    if any(_is_holiday(form) for form in forms):
        return "EVENT"
    if label == "PERSON" and _acts_as_outlet(text, tokens, names, indices, heads, forms, titled):
        return "ORG"
    if label in PLACES:
        placed = any(_in_gazetteer(form) for form in forms) or any(
            _place_context(text, tokens, names[i], head) for i, head in zip(indices, heads, strict=True)
        )
        return label if placed else "ORG"
    if _lone_place(text, names, indices, forms, titled):
        return "GPE"
    return label


def _lone_place(text: str, names: list[Name], indices: list[int], forms: list[str], titled) -> bool:
    """A single name the gazetteer knows, never titled, after "in" or "near" ("officials in
    Kherson"): a place, though the tagger made it a person or a body."""
    if any(len(form.split()) > 1 for form in forms) or any(titled(i) for i in indices) or not all(candidates(f) for f in forms):
        return False
    return any(_after_preposition(text, names[i][0]) for i in indices)


def _after_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 24) : start].split()
    if before and fold(before[-1]) == "the":
        before = before[:-1]  # "in the Donbas"
    return bool(before) and fold(before[-1]) in _evidence("place_prepositions")


def _head(tokens: TokenTable, start: int, end: int) -> int | None:
    """The token a name hangs from: the one of its tokens whose head is outside it, carried on
    to the noun it modifies ("Yersinia" of "Yersinia pestis" is "pestis")."""
    inside = token_range(tokens, start, end)
    if not len(inside):
        return None
    head = next((i for i in inside if tokens.head[i] not in inside or tokens.head[i] == i), inside[-1])
    while tokens.dep[head] in ("compound", "flat") and tokens.head[head] == head + 1 and tokens.pos[head + 1] in ("NOUN", "PROPN"):
        head += 1
    return head


def _described_as(tokens: TokenTable, head: int) -> str | None:
    """The kind a noun in apposition to the name, or said of it by "is", gives it."""
    kinds = _kind_of_noun()
    for other in _nouns_said_of(tokens, head):
        kind = kinds.get(fold(tokens.lemma[other]))
        if kind:
            return kind
    return None


def _nouns_said_of(tokens: TokenTable, head: int) -> list[int]:
    """Common nouns the parse ties to the name: its apposition (", a gas company"), the noun
    it stands in apposition to, a noun compounded before it ("the company Burisma"), and the
    predicate of "X is a ..."."""
    found = [i for i in _children(tokens, head) if tokens.dep[i] == "appos"]
    found += [i for i in _children(tokens, head) if tokens.dep[i] == "compound" and i < head and tokens.pos[i] == "NOUN"]
    parent = tokens.head[head]
    if tokens.dep[head] == "appos" and parent != head:
        found.append(parent)
    if tokens.dep[head] in ("nsubj", "nsubjpass") and tokens.lemma[parent] == "be":
        found += [i for i in _children(tokens, parent) if tokens.dep[i] == "attr"]
    return [i for i in found if tokens.pos[i] == "NOUN"]


def _children(tokens: TokenTable, head: int) -> list[int]:
    low, high = max(0, head - 30), min(len(tokens), head + 30)
    return [i for i in range(low, high) if tokens.head[i] == head and i != head]


def _is_holiday(form: str) -> bool:
    words = name_key(form).split()
    return any(" ".join(words[i:]) in _holiday_keys() for i in range(len(words)))


def _acts_as_outlet(text: str, tokens: TokenTable, names: list[Name], indices: list[int], heads, forms: list[str], titled) -> bool:
    """A single name, never with a first name, an honorific or a title, that reports or
    publishes: an outlet or a company, whatever the tagger made of it."""
    if any(len(form.split()) > 1 for form in forms) or any(titled(i) for i in indices):
        return False
    honorifics = _evidence("honorifics")
    for i in indices:
        before = text[max(0, names[i][0] - 12) : names[i][0]].split()
        if before and fold(before[-1]) in honorifics:
            return False
    verbs = _evidence("outlet_verbs")
    for head in heads:
        verb = tokens.head[head] if head is not None and tokens.dep[head] == "nsubj" else None
        # what it reports is said ("reported that ...", "published the letter"): a person may
        # report to a prison, an outlet does not
        if verb is not None and fold(tokens.lemma[verb]) in verbs and any(tokens.dep[i] in ("ccomp", "dobj") for i in _children(tokens, verb)):
            return True
    return False


def _in_gazetteer(form: str) -> bool:
    if country_code(form) or canonical_alias(form) or candidates(form):
        return True
    words = fold(form).split()  # "Kherson region", "Black Sea": a place by its own last word
    return len(words) > 1 and _kind_of_noun().get(words[-1]) in PLACES


def _place_context(text: str, tokens: TokenTable, name: Name, head: int | None) -> bool:
    """A place's context: after "in", "near" ...; before ", <country>" or a place's noun ("the
    Donbas region"); joined by "and" to a place the gazetteer knows."""
    start, end = name[0], name[1]
    if _after_preposition(text, start):
        return True
    after = text[end : end + 40].split(",")
    if len(after) > 1 and not after[0].strip() and country_code(after[1].strip().rstrip(".;")):
        return True
    following = text[end : end + 20].split()
    if following and _kind_of_noun().get(fold(following[0]).strip(".,;")) in PLACES:
        return True  # "the Donbas region", "Kherson oblast"
    if head is None:
        return False
    joined = [i for i in _children(tokens, head) if tokens.dep[i] == "conj"]
    if tokens.dep[head] == "conj":
        joined.append(tokens.head[head])
    return any(tokens.pos[i] == "PROPN" and _in_gazetteer(text[tokens.start[i] : tokens.end[i]]) for i in joined)
