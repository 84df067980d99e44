"""An article is never published before the events it reports.

An article that states no date gets one inferred from its clues ("on Sunday", "on April 11"),
and those clues are often background: a report of letters sent on Tuesday that also recalls an
interview given on Sunday would be dated Monday. Another report of the same event (the event
clusters pair their sections) may date the event itself: "Guterres sent letters ... on Tuesday".
The event happened before any report of it: when the other report's sentences that tell what
this one tells date it after the inferred day, the inferred date is raised to the earliest of
those days.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.lexicon.calendar import anchor_all
from storyline.model import FUTURE, ArticleProfile, PublicationDate, PublishedBasis, TimeTagging

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def not_before_reported(
    dates: dict[str, PublicationDate],
    groups: tuple[tuple[tuple[str, int], ...], ...],
    profiles: dict[str, ArticleProfile],
    taggings: dict[str, TimeTagging],
    texts: dict[str, str],
) -> dict[str, PublicationDate]:
    """`dates`, each inferred one raised to the day its event is dated by another report."""
    raised = dict(dates)
    anchored: dict[str, list[str | None]] = {}  # an article's anchored times, worked out once
    for group in groups:
        for article, unit in group:
            own = dates[article]
            if own.basis != PublishedBasis.INFERRED or not own.date or len(own.date) != 10 or article not in profiles:
                continue
            shared = {word for word, _count in profiles[article].units[unit].words if len(word) >= _CONTENT_LENGTH}
            later = [
                day
                for other, section in group
                if other != article
                for day in _shared_days(other, section, shared, dates, profiles, taggings, texts, anchored)
                if day > raised[article].date
            ]
            if later:
                floor = min(later)
                raised[article] = PublicationDate(
                    floor,
                    PublishedBasis.INFERRED,
                    f"{own.evidence}; not before {floor}, when the event it reports happened (as another report dates it)",
                )
    return raised


# Words this long carry the content two reports share; shorter ones are mostly grammar.
_CONTENT_LENGTH = 5
# A sentence tells what the other report tells when this share of its words is in it.
_SHARED_SHARE = 0.4


def _shared_days(
    article: str,
    unit: int,
    shared: set[str],
    dates: dict[str, PublicationDate],
    profiles: dict[str, ArticleProfile],
    taggings: dict[str, TimeTagging],
    texts: dict[str, str],
    anchored: dict[str, list[str | None]],
) -> list[str]:
    """The days on which the section's sentences that tell what the other report tells say it
    happened: days in a past or present clause, on or before the section's own article's date."""
    published = dates[article].date
    if not published or len(published) != 10 or article not in profiles or unit >= len(profiles[article].units):
        return []
    section, text, tagging = profiles[article].units[unit], texts[article], taggings[article]
    if article not in anchored:
        anchored[article] = anchor_all([(m.form, m.type, m.tense) for m in tagging.mentions], dt.date.fromisoformat(published))
    values = anchored[article]
    days = []
    for sentence in tagging.sentences:
        if not (section.start <= sentence.start < section.end):
            continue
        words = {w for w in re.findall(r"\w+", text[sentence.start : sentence.end].lower()) if len(w) >= _CONTENT_LENGTH}
        if not words or len(words & shared) / len(words) < _SHARED_SHARE:
            continue
        days += [
            value[:10]
            for mention, value in zip(tagging.mentions, values, strict=True)
            if sentence.start <= mention.start < sentence.end
            and mention.tense != FUTURE
            and value
            and _DAY.match(value)
            and value[:10] <= published
        ]
    return days
