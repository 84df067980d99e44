"""CAMEO-style actor codes: which state an actor acts for and in what capacity.

Event datasets code "Russian Foreign Minister Sergei Lavrov" as RUSGOV and "the UN
Secretary-General" as IGOUNO so that rows can be counted by who acts, not by how a name is
spelled. The code comes from what the text told us about the entity: its country, the titles
it holds, the kind of institution it is. When the text gives no sector, the code is the country
alone; when it gives neither, there is no code rather than a guess.
"""

from __future__ import annotations

from functools import cache

from storyline.lexicon import load_table
from storyline.lexicon.names import canonical_alias, fold
from storyline.lexicon.roles import institution_kinds
from storyline.model import Role


@cache
def _tables() -> dict:
    return load_table("actors")


def actor_code(kind: str, name: str, roles: list[Role], country: str | None) -> str | None:
    """ "RUSGOV", "UKRMIL", "IGOUNO", "RUS", or None."""
    organisation = _organisation(name)
    if organisation:
        return organisation
    sector = None
    if kind == "PERSON":
        for role in roles:
            # "Secretary-General of the United Nations" acts for the UN, wherever they are from.
            if role.org and (organisation := _organisation(role.org)):
                return organisation
        # "chairman of the State Duma" acts for the legislature; a title says what else.
        sector = next((s for r in roles if r.org and (s := _named_institution(r.org))), None)
        sector = sector or next((s for r in roles if (s := _title_sector(r.title))), None)
    elif kind == "ORG":
        kinds = institution_kinds()
        sector = next((_tables()["institution_sectors"][r.title] for r in roles if r.title in kinds), None)
        sector = sector or _named_institution(name)
    if country is None:
        return None
    return country + (sector or "")


def noun_sector(lemma: str) -> str | None:
    """The sector of an actor named by its head noun: "police" -> COP, "troops" -> MIL."""
    return _tables()["noun_sectors"].get(lemma)


def _named_institution(name: str) -> str | None:
    """The sector of an institution known by name: the State Duma legislates, the Kremlin governs."""
    known = load_table("entities")["institution_countries"]
    key = fold(name).removeprefix("the ")
    if key not in known:
        key = key.partition(" ")[2]  # "US State Department": the State Department
    if key not in known:
        return None
    return _tables()["institution_names"].get(key, "GOV")


def _title_sector(title: str) -> str | None:
    """The sector a title acts for; a title with its portfolio ("Health Secretary") for that of
    its head word when the table has no entry of its own."""
    sectors = _tables()["title_sectors"]
    key = fold(title)
    return sectors.get(key) or sectors.get(key.replace("-", " ").split()[-1]) if key else None


def _organisation(name: str) -> str | None:
    organisations = _tables()["organisations"]
    return organisations.get(canonical_alias(name) or name)
