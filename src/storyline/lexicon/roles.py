"""Titles and what they are: which titles mean the same office, which kinds an institution may
be, how a role reads, and which entity a bare title ("the president") refers to.

Both sides of the build ask these questions: an article's mentions resolve a title against the
entities named in the article, the corpus resolves one left open against every article's
entities. One answer, from one table (entities.toml), serves both.
"""

from __future__ import annotations

from functools import cache

from storyline.lexicon import load_table
from storyline.lexicon.names import fold, is_country, name_key
from storyline.model import LocalEntity, Role


@cache
def title_synonyms() -> dict[str, list[str]]:
    """Title -> the titles of the same office, as entities.toml lists them."""
    return {title: list(others) for title, others in load_table("entities")["title_synonyms"].items()}


def role_label(role: Role) -> str:
    """ "Foreign Minister of Russia", "spokesman of the Kremlin"."""
    if not role.org:
        return role.title
    plain_country = is_country(role.org) and not role.org.startswith(("United", "Republic", "Russian Federation"))
    return f"{role.title} of {role.org if plain_country else 'the ' + role.org}"


def institution_kinds() -> frozenset[str]:
    """The kinds an organisation's role may be ("parliament"): roles that are not a person's."""
    return frozenset(kind for kind, nouns in load_table("entities")["institutions"].items() if nouns)


class TitleHolders:
    """Which of a list of entities hold each title, found once: an article of many people
    resolves a title in every other sentence, and asking each person for each one made that
    quadratic in the article's length."""

    def __init__(self, entities: list[LocalEntity] | tuple[LocalEntity, ...]) -> None:
        self.entities = entities
        self._by_title: dict[str, set[int]] = {}
        for index, entity in enumerate(entities):
            for held in entity.roles:
                self._by_title.setdefault(fold(held.title), set()).add(index)

    def holding(self, titles: set[str]) -> list[int]:
        """The indices, in order, of the entities holding any of the (folded) `titles`."""
        return sorted(set().union(*(self._by_title.get(title, ()) for title in titles)))


def resolve_descriptor(
    role: Role,
    entities: list[LocalEntity] | tuple[LocalEntity, ...] | TitleHolders,
    synonyms: dict[str, list[str]] | None = None,
    recency: dict[int, int] | None = None,
) -> int:
    """The entity whose roles fit `role` (same title or a synonym of it, no conflicting
    organisation or country); of several, the one named last before the title (`recency`:
    entity index -> offset of its last name); -1 when none fits, or several fit and none is
    named before. `entities` may come indexed by title (TitleHolders): only holders are asked."""
    synonyms = synonyms if synonyms is not None else title_synonyms()
    wanted = {fold(t) for t in synonyms.get(fold(role.title), [role.title])} | {fold(role.title)}
    if isinstance(entities, TitleHolders):
        candidates = [(index, entities.entities[index]) for index in entities.holding(wanted)]
    else:
        candidates = list(enumerate(entities))
    fitting = []
    for index, entity in candidates:
        for held in entity.roles:
            if fold(held.title) not in wanted:
                continue
            if role.country and held.country and role.country != held.country:
                continue
            if role.org and held.org and name_key(role.org) != name_key(held.org) and not (role.country and role.country == held.country):
                continue
            fitting.append(index)
            break
    if len(fitting) == 1:
        return fitting[0]
    named_before = [i for i in fitting if recency and i in recency]
    return max(named_before, key=lambda i: recency[i]) if named_before else -1
