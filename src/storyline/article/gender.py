"""Whether the article itself calls a person "he" or "she".

A pronoun should not resolve to someone the article has already called by the other one ("she
said" to the man named last). We ship no list of first names: what counts is what the article
says of the person, an honorific or a gendered title before the name ("Mr. Obama", "spokeswoman
Jessica Ditto"), and pronouns that can only be theirs ("Lynch said she recalls ...": the one
person named before the pronoun in its sentence, who is that sentence's subject). Most votes
win; none, or a tie, says nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from storyline.article.tokens import token_range
from storyline.lexicon import words
from storyline.model import ArticleEntities, TokenTable

MALE, FEMALE = "he", "she"
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE, "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
# Words right before a name that say whose it is ("Mrs. Clinton", "the spokeswoman Jen Psaki").
_TITLE_BEFORE = {
    gender: re.compile(rf"\b(?:{'|'.join(sorted(words('gender', name)))})\.?,?\s+$", re.IGNORECASE)
    for gender, name in ((MALE, "male_words"), (FEMALE, "female_words"))
}


def genders(text: str, found: ArticleEntities, tokens: TokenTable) -> dict[int, str]:
    """Entity index -> MALE or FEMALE, for the entities the article says something about."""
    votes: dict[int, Counter[str]] = {}
    named = [m for m in found.mentions if m.entity >= 0]
    for index, mention in enumerate(named):
        tally = votes.setdefault(mention.entity, Counter())
        before = text[max(0, mention.start - 30) : mention.start]
        for gender, pattern in _TITLE_BEFORE.items():
            if pattern.search(before) or pattern.search(mention.text.split(" ", 1)[0] + " "):
                tally[gender] += 2
        following = next(
            (named[j].start for j in range(index + 1, len(named)) if named[j].entity != mention.entity and named[j].start >= mention.end),
            len(text),
        )
        gender = _pronoun_after(mention, following, text, tokens)
        if gender:
            tally[gender] += 1
    return {entity: max(tally, key=tally.get) for entity, tally in votes.items() if tally and tally[MALE] != tally[FEMALE]}


def _pronoun_after(mention, following: int, text: str, tokens: TokenTable) -> str | None:
    """The gender of a pronoun that can only stand for a subject mention: the subject of a
    clause its verb governs ("Lynch said she recalls ...", "Trump, who says he ...") or a
    reflexive ("Lynch herself"), before anyone else is named and before any quotation mark.
    Objects and possessives are left out: "Trump blasted her" is about someone else."""
    heads = [i for i in token_range(tokens, mention.start, mention.end) if tokens.dep[i] in ("nsubj", "nsubjpass")]
    if not heads:
        return None
    verb = tokens.head[heads[0]]
    for i in token_range(tokens, mention.end, following)[:30]:
        word = text[tokens.start[i] : tokens.end[i]]
        if tokens.tag[i] == "." or word in _MARKS:
            return None
        gender = PRONOUN_GENDER.get(word.lower())
        if gender is None:
            continue
        if word.lower() in ("himself", "herself"):
            return gender
        clause = tokens.head[i]
        if tokens.dep[i] in ("nsubj", "nsubjpass") and clause != verb and tokens.head[clause] == verb:
            return gender
        return None
    return None


_MARKS = frozenset(['"', "“", "”", "«", "»", "‘", "’", "'"])
