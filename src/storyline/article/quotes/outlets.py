"""Outlets: news agencies, papers and channels, which relay what others said rather than speak
("Scholz said ... 'out of the agenda', Interfax reported"; "The Post wrote: '...'"). The names and
nouns are lexicon/words.toml."""

from __future__ import annotations

import re

from storyline.lexicon import words
from storyline.model import ArticleEntities

OUTLETS = words("quotes", "outlets")
_OUTLET_WORDS = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted(OUTLETS | words("quotes", "outlet_nouns"), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def is_outlet(said: str, found: ArticleEntities, entity: int) -> bool:
    """The words `said` (a speaker's), or the entity they name, are an outlet."""
    if _OUTLET_WORDS.search(said):
        return True
    return entity >= 0 and any(name in OUTLETS for name in found.entities[entity].names)
