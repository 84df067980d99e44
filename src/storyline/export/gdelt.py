"""The GDELT 2.0 Event table: one row per coded event, GDELT's 61 tab-separated columns in
GDELT's order with no header row, so that tools written for GDELT's files read ours unchanged.

What GDELT's codebook asks for and storyline knows goes where GDELT puts it: CAMEO event, base
and root codes, quad class, Goldstein score, actor codes (CAMEO: ISO alpha-3 countries, type
and known-group codes), mention, source and article counts, and places in FIPS 10-4 with
GeoNames ids as feature ids. What storyline does not measure (tone, ethnic and religious codes,
ADM2 divisions) is left blank, never guessed. Choices GDELT leaves open:

- GLOBALEVENTID: a stable integer of the event id (the first six bytes of its BLAKE2b digest);
- SQLDATE: GDELT has full dates only, so a date known to the month or year is written with 01
  for the unknown month and day (2022-02 -> 20220201, 2022 -> 20220101); an undated event takes
  the publication date of its first report, else the day of the build;
- Actor geo: the actor's country, at country level (storyline does not place actors in the text);
- ActionGeo: the event's geocoded location (corpus/geocode.py); continents and regions have no
  GDELT type (0) and no country;
- IsRootEvent: 1 when a report tells it in its first paragraph;
- DATEADDED: when the store was last built (UTC); SOURCEURL: the first report's URL, else its source.

Events without a CAMEO code are not GDELT events and are left out. Reading only: this module
computes nothing about the text.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources

from storyline.lexicon.names import country_name
from storyline.lexicon.places import CITY, COUNTRY, US_STATE, country_place
from storyline.model import Article, Entity, Event, Story

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_GEO_TYPES = {COUNTRY: 1, US_STATE: 2}


@cache
def gdelt_columns(table: str) -> tuple[str, ...]:
    """The column names of GDELT's `events` or `mentions` table, in order (export/gdelt-columns.toml)."""
    with resources.files("storyline.export").joinpath("gdelt-columns.toml").open("rb") as handle:
        return tuple(tomllib.load(handle)[table])


def global_event_id(event_id: str) -> int:
    """The same event id always makes the same GLOBALEVENTID, whatever else the build holds."""
    return int.from_bytes(hashlib.blake2b(event_id.encode("utf-8"), digest_size=6).digest(), "big")


def gdelt_timestamp(iso_time: str | None) -> str:
    """ "2026-12-02T21:14:52+00:00" -> "20261202211452" (GDELT's YYYYMMDDHHMMSS, UTC)."""
    digits = re.sub(r"\D", "", (iso_time or "")[:19])
    return digits.ljust(14, "0") if digits else ""


def tsv(rows: Iterable[dict[str, object]], columns: tuple[str, ...]) -> str:
    """Rows as GDELT writes them: tab-separated in `columns` order, blanks for missing values,
    and no tab or line break inside a value."""
    lines = []
    for row in rows:
        values = ("" if row.get(name) is None else re.sub(r"[\t\r\n]+", " ", str(row[name])) for name in columns)
        lines.append("\t".join(values) + "\n")
    return "".join(lines)


def export_gdelt(story: Story, added: str | None) -> str:
    """The Event table of every coded event; `added`: when the store was built (ISO 8601)."""
    entities = {e.id: e for e in story.entities}
    articles = {a.id: a for a in story.articles}
    stamp = gdelt_timestamp(added)
    rows = (_event_row(event, entities, articles, stamp) for event in story.events if event.code)
    return tsv(rows, gdelt_columns("events"))


def _event_row(event: Event, entities: dict[str, Entity], articles: dict[str, Article], stamp: str) -> dict[str, object]:
    code = event.code or ""
    first = articles.get(event.sources[0].article) if event.sources else None
    row: dict[str, object] = {
        "GLOBALEVENTID": global_event_id(event.id),
        **_date_columns(event.date or (first.published if first else None) or stamp[:8]),
        **_actor_columns("Actor1", event.actor_code, entities.get(event.actor or ""), event.actor_name),
        **_actor_columns("Actor2", event.target_code, entities.get(event.target or ""), event.target_name),
        "IsRootEvent": int(any(_in_lede(source.start, articles.get(source.article)) for source in event.sources)),
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": event.quad_class,
        "GoldsteinScale": event.goldstein,
        "NumMentions": len(event.sources),
        "NumSources": event.outlets,
        "NumArticles": event.articles,
        **_action_geo(event),
        "DATEADDED": stamp,
        "SOURCEURL": (first.url or first.source) if first else None,
    }
    return row


def _date_columns(date: str) -> dict[str, object]:
    """SQLDATE and its other forms; unknown month and day are 01 (GDELT holds full dates only)."""
    found = _DATE.match(date[:10]) if date else None
    if not found:
        return {}
    year, month, day = int(found.group(1)), int(found.group(2) or 1), int(found.group(3) or 1)
    return {
        "SQLDATE": f"{year:04d}{month:02d}{day:02d}",
        "MonthYear": f"{year:04d}{month:02d}",
        "Year": f"{year:04d}",
        # GDELT's own approximation, as its codebook defines it.
        "FractionDate": f"{year + (month * 30 + day) / 365:.4f}",
    }


def _actor_columns(prefix: str, code: str | None, entity: Entity | None, name: str | None) -> dict[str, object]:
    """A CAMEO actor code split as GDELT splits it: RUSGOV is country RUS of type GOV, IGOUNO
    a known group UNO of type IGO; the actor's geo is its country."""
    code = code or ""
    country = entity.country if entity and entity.country else (code[:3] if country_place(code[:3]) else None)
    rest = code[3:] if country and code.startswith(country) else code
    known_group = rest[3:6] if rest[:3] in ("IGO", "NGO") else None
    types = [rest[i : i + 3] for i in range(0, len(rest), 3)] if known_group is None else [rest[:3]]
    columns: dict[str, object] = {
        f"{prefix}Code": code or None,
        f"{prefix}Name": (entity.name if entity else name or "").upper() or None,
        f"{prefix}CountryCode": country,
        f"{prefix}KnownGroupCode": known_group,
    }
    for number, type_code in enumerate(types[:3], 1):
        columns[f"{prefix}Type{number}Code"] = type_code
    return columns | _country_geo(f"{prefix}Geo", country)


def _country_geo(prefix: str, country: str | None) -> dict[str, object]:
    place = country_place(country)
    if place is None or country is None:
        return {f"{prefix}_Type": 0}
    return {
        f"{prefix}_Type": 1,
        f"{prefix}_FullName": country_name(country),
        f"{prefix}_CountryCode": place.fips,
        f"{prefix}_ADM1Code": place.fips,
        f"{prefix}_Lat": _degrees(place.lat),
        f"{prefix}_Long": _degrees(place.lon),
        f"{prefix}_FeatureID": place.fips,
    }


def _action_geo(event: Event) -> dict[str, object]:
    """Where the event happened, from its geocoded location: GDELT's types 1 (country), 2 (US
    state), 3 (US city) and 4 (world city); 0 when storyline has no country for it."""
    if not event.location_kind:
        return {"ActionGeo_Type": 0}
    fips = (event.location_adm1 or "")[:2] or None
    kind = event.location_kind
    geo_type = _GEO_TYPES.get(kind) or (3 if kind == CITY and fips == "US" else 4 if kind == CITY else 0)
    feature = event.location_geonameid if kind == CITY else event.location_adm1
    return {
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": _full_name(event),
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": event.location_adm1,
        "ActionGeo_Lat": _degrees(event.location_lat),
        "ActionGeo_Long": _degrees(event.location_lon),
        "ActionGeo_FeatureID": feature,
    }


def _full_name(event: Event) -> str | None:
    """GDELT's form: "Country", "State, Country", "City, State, Country" (the state as its
    ADM1 code for US cities, left out elsewhere); the place as the text names it."""
    country = country_name(event.location_country) if event.location_country else None
    if event.location_kind == COUNTRY:
        return country
    parts = [event.location]
    if event.location_kind == CITY and (event.location_adm1 or "").startswith("US"):
        parts.append((event.location_adm1 or "")[2:])
    return ", ".join(p for p in (*parts, country) if p) or None


def _degrees(value: float | None) -> str | None:
    return None if value is None else f"{value:.4f}"


def _in_lede(start: int, article: Article | None) -> bool:
    """True for a position in the article's first paragraph, where news puts what matters most."""
    if article is None:
        return False
    text = article.text
    lead = text.lstrip()
    end = len(text) - len(lead) + (lead.find("\n") if "\n" in lead else len(lead))
    return start < end
