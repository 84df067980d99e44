"""Who a phrase refers to: the entity a subject names, the person a pronoun or a title stands
for, and the token spans these questions are asked about. Quotes and events both need it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

from storyline.article.gender import PRONOUN_GENDER
from storyline.article.tokens import REACH, ParsedTokens, token_range
from storyline.lexicon.positions import Stretches, ranges_of
from storyline.model import DESCRIPTOR, ArticleEntities, NameMention, TextRange, TokenTable

# A possessive stands for the one its personal pronoun does ("his claim that ...": his = he).
POSSESSIVES = {"his": "he", "their": "they", "its": "it"}
PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "they": None, "them": None, "i": "PERSON", "we": None}


def inside(position: int, spans: Sequence[tuple[int, int]] | Stretches) -> bool:
    """True when `position` is inside a quotation of `spans` or on one of its marks."""
    if isinstance(spans, Stretches) or hasattr(spans, "touches"):
        return spans.touches(position)
    return any(s - 1 <= position <= e for s, e in spans)


class IndexedEntities(ArticleEntities):
    """An article's entities with their mentions indexed by position, made once by a stage that
    asks who a phrase refers to for every cue and every verb: the questions below then cost a
    bisection, where a scan of every mention for each made the stage quadratic in the length."""

    @cached_property
    def by_position(self) -> Stretches[NameMention]:
        return ranges_of(self.mentions)

    @cached_property
    def _resolvable(self) -> dict[tuple[frozenset[str], str | None], Stretches[NameMention]]:
        return {}

    def resolvable(self, kinds: frozenset[str], gender: str | None) -> Stretches[NameMention]:
        """The mentions a pronoun of `gender` (None: any) may stand for: resolved, of an entity
        of one of `kinds`, not one the article calls by the other pronoun."""
        key = (kinds, gender)
        if key not in self._resolvable:
            entities = self.entities
            self._resolvable[key] = ranges_of(
                [
                    m
                    for m in self.mentions
                    if m.entity >= 0
                    and entities[m.entity].type in kinds
                    and not (gender and entities[m.entity].gender and entities[m.entity].gender != gender)
                ]
            )
        return self._resolvable[key]


def indexed(found: ArticleEntities) -> IndexedEntities:
    """`found` with its mentions indexed (itself when it already is)."""
    return found if isinstance(found, IndexedEntities) else IndexedEntities(found.entities, found.mentions)


def subject_of(tokens: TokenTable, verb: int, spans: list[tuple[int, int]]) -> TextRange | None:
    heads = {verb}
    # "Guterres, who had earlier spoken ..., told reporters": the subject hangs on the verb;
    # in "he said, adding that", the participle's subject is the main verb's.
    if tokens.dep[verb] in ("advcl", "conj", "xcomp") and tokens.head[verb] != verb:
        heads.add(tokens.head[verb])
    elif tokens.dep[verb] == "pcomp" and tokens.pos[tokens.head[verb]] == "ADP" and tokens.head[tokens.head[verb]] != tokens.head[verb]:
        # "After saying her foot was swollen, she was taken to hospital": the clause's subject.
        heads.add(tokens.head[tokens.head[verb]])
    # A dash the parser took for a noun ("... made public ― Trump boasted") is no subject.
    for head in sorted(heads, key=lambda h: h != verb):
        for j in range(max(0, head - 40), min(len(tokens), head + 15)):
            if (
                tokens.head[j] == head
                and tokens.dep[j] in ("nsubj", "nsubjpass")
                and tokens.pos[j] != "PUNCT"
                and any(c.isalnum() for c in tokens.lemma[j])
                and not inside(tokens.start[j], spans)
            ):
                if tokens.tag[j] in ("WDT", "WP") and tokens.dep[head] == "relcl" and tokens.head[head] != head:
                    # "a report which said ...": the relative pronoun stands for the noun it follows.
                    return phrase(tokens, tokens.head[head])
                return phrase(tokens, j)
    return None


def phrase(tokens: TokenTable, head: int) -> TextRange:
    """The noun phrase headed by token `head` (its compound and modifier words, not clauses)."""
    members = [head]
    for j in range(max(0, head - 8), min(len(tokens), head + 8)):
        if tokens.head[j] == head and tokens.dep[j] in ("compound", "amod", "det", "poss", "flat", "nmod", "case") and j != head:
            members.append(j)
    return TextRange(tokens.start[min(members)], tokens.end[max(members)])


def entity_of(
    subject: TextRange, text: str, found: ArticleEntities, tokens: TokenTable, spans: list[tuple[int, int]] = (), possessive: bool = False
) -> int:
    """The article entity the subject names, or the person a pronoun stands for (with
    `possessive`, a possessive pronoun too: the owner of a claim speaks it)."""
    found = indexed(found)
    overlapping = found.by_position.overlapping(subject.start, subject.end)
    if any(m.kind == DESCRIPTOR and m.entity < 0 for m in overlapping):
        return -1  # a title only the corpus can resolve: the speaker span says who
    overlapping = [m for m in overlapping if m.entity >= 0]
    if overlapping:
        # "the UN Secretary-General" names the Secretary-General, not the UN inside it.
        def rank(m) -> tuple:
            return (m.kind != DESCRIPTOR, found.entities[m.entity].type != "PERSON", -(m.end - m.start))

        return min(overlapping, key=rank).entity
    word = text[subject.start : subject.end].lower()
    if possessive:
        word = POSSESSIVES.get(word, word)
    if word in ("i", "we"):
        # The first person is the writer (outside quotation marks) or the speaker (inside, which
        # only the quotes stage knows): never the last name mentioned.
        return -1
    if word in PRONOUNS:
        # "she" is never the man named last: only someone the article has not called "he".
        return _antecedent(subject.start, found.resolvable(_PEOPLE, PRONOUN_GENDER.get(word)), tokens, spans)
    if word == "it":
        # "what it called 'a clear threat'": an organisation or a country that was a subject lately.
        return _antecedent(subject.start, found.resolvable(_BODIES, None), tokens, spans, subjects_only=True)
    return -1


_PEOPLE = frozenset(["PERSON"])
_BODIES = frozenset(["ORG", "GPE", "NORP"])
# How far back (in characters) a pronoun looks for a subject first.
RECENT = 800


def _antecedent(
    position: int, candidates: Stretches[NameMention], tokens: TokenTable, spans: list[tuple[int, int]], subjects_only: bool = False
) -> int:
    """The entity a pronoun at `position` refers to: of the `candidates` (the mentions it may
    stand for) mentioned before it outside quotations, the last one that was a subject in the
    last few sentences, else the last one. Walked back from the pronoun, never over the
    whole article: a long article has a pronoun in every sentence."""
    index = candidates.last_before(position)
    items = candidates.items
    last = None
    while index >= 0:
        m = items[index]
        index -= 1
        if m.end > position or inside(m.start, spans):
            continue
        if position - m.start >= RECENT:
            if last is None and not subjects_only:
                last = m
            break
        if last is None:
            last = m
        if is_subject(tokens, m.start, m.end):
            return m.entity
    if subjects_only or last is None:
        return -1
    return last.entity


def is_subject(tokens: TokenTable, start: int, end: int) -> bool:
    for i in token_range(tokens, start, end):
        j = i
        for _ in range(4):
            if tokens.dep[j] in ("nsubj", "nsubjpass"):
                return True
            if tokens.head[j] == j or not start <= tokens.start[tokens.head[j]] < end:
                break
            j = tokens.head[j]
        if tokens.dep[j] in ("nsubj", "nsubjpass"):
            return True
    return False


def children(tokens: TokenTable, head: int) -> list[int]:
    """The tokens whose head is `head` (looked for near it: a dependent is rarely far away), in
    order. Not to be changed by the caller: a parsed table hands out its own list."""
    if isinstance(tokens, ParsedTokens):
        return tokens.near_children[head]
    return [j for j in range(max(0, head - REACH), min(len(tokens), head + REACH)) if tokens.head[j] == head and j != head]


def descendants(tokens: TokenTable, head: int, skip: Callable[[int], bool] = lambda _: False) -> set[int]:
    """`head` and every token below it, not descending into a token for which `skip` is true."""
    found = {head}
    frontier = [head]
    while frontier:
        node = frontier.pop()
        for child in children(tokens, node):
            if child not in found and not skip(child):
                found.add(child)
                frontier.append(child)
    return found


def descends(tokens: TokenTable, token: int, head: int) -> bool:
    """True when `head` is `token` or one of its ancestors."""
    for _ in range(30):
        if token == head:
            return True
        if tokens.head[token] == token:
            return False
        token = tokens.head[token]
    return False
