"""Geocoding events: the place a name stands for, chosen by the text's own context, and never
a person's or an organisation's name taken for a town."""

from __future__ import annotations

import pytest

from storyline.corpus.geocode import choose_place, locate_events
from storyline.model import Entity, Event, Span


def entity(entity_id: str, name: str, kind: str, article: str = "a1", aliases: tuple[str, ...] = (), country: str | None = None) -> Entity:
    return Entity(entity_id, name, kind, aliases, (), country, (Span(article, 0, len(name)),))


def event(location: str | None, article: str = "a1", actor: str | None = None) -> Event:
    return Event("ev1", "2022-02-14", "explicit", "happened", actor, "met", None, "040", location, (Span(article, 0, 40),))


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Virginia", "us-state", "USA"),  # not the South African town of 120,000
        ("Georgia", "country", "GEO"),
        ("Washington", "city", "USA"),  # the capital, before the state
        ("New York", "city", "USA"),  # GeoNames' "New York City", before the state
        ("Moscow", "city", "RUS"),  # not Moscow, Idaho
        ("Kiev", "city", "UKR"),
        ("Britain", "country", "GBR"),
        ("Asia", "continent", None),  # not the town in the Philippines
        ("Middle East", "region", None),
    ],
)
def test_without_context_the_likeliest_place(name, kind, country):
    place = choose_place(name)
    assert place is not None and (place.kind, place.country) == (kind, country)


def test_a_continent_has_a_point_but_no_country_and_a_region_neither():
    asia, region = choose_place("Asia"), choose_place("Middle East")
    assert asia.country is None and asia.fips is None and asia.lat is not None
    assert region.country is None and region.lat is None and region.lon is None


def test_a_candidate_in_a_country_the_article_names_beats_a_bigger_one():
    assert choose_place("Paris").country == "FRA"
    assert choose_place("Paris", {"USA"}).adm1 == "USTX"
    assert choose_place("Georgia", {"USA"}).kind == "us-state"
    assert choose_place("Virginia", {"ZAF"}).country == "ZAF"


def test_country_points_are_where_its_people_live():
    ukraine = choose_place("Ukraine")
    assert (ukraine.fips, ukraine.adm1) == ("UP", "UP")
    assert 44 < ukraine.lat < 53 and 22 < ukraine.lon < 41
    russia = choose_place("Russia")  # across the antimeridian, still in European Russia's pull
    assert 50 < russia.lat < 62 and 30 < russia.lon < 90


def test_unknown_names_have_no_place():
    assert choose_place("Guterres") is None and choose_place("") is None


def test_events_gain_country_and_point():
    entities = (entity("ukraine", "Ukraine", "GPE", country="UKR"), entity("kyiv", "Kyiv", "GPE", country="UKR"))
    located = locate_events((event("Kyiv"),), entities)[0]
    assert (located.location_country, located.location_kind, located.location_adm1) == ("UKR", "city", "UP12")
    assert round(located.location_lat) == 50 and round(located.location_lon) == 31
    assert located.location_geonameid == 703448


def test_a_person_is_never_a_place():
    # "Obama" is a Japanese town, "Bush" an Egyptian one; named in an article about Japan and Egypt.
    entities = (
        entity("barack-obama", "Barack Obama", "PERSON", aliases=("Obama",)),
        entity("obama", "Obama", "PERSON", article="a2"),
        entity("george-bush", "George W. Bush", "PERSON"),
        entity("japan", "Japan", "GPE", country="JPN"),
        entity("egypt", "Egypt", "GPE", country="EGY"),
    )
    for name in ("Obama", "Bush"):
        located = locate_events((event(name),), entities)[0]
        assert located.location_country is None and located.location_lat is None and located.location_kind is None


def test_a_surname_is_a_person_only_where_the_person_is_named():
    entities = (entity("george-bush", "George W. Bush", "PERSON", article="a1"),)
    assert locate_events((event("Bush", article="a1"),), entities)[0].location_country is None
    assert locate_events((event("Bush", article="a2"),), entities)[0].location_country == "EGY"


def test_a_dateline_naming_an_organisation_is_no_place():
    # "UNITED NATIONS, Feb 23 (AP)": "UN" is also the name of a town in India.
    entities = (entity("united-nations", "United Nations", "ORG", aliases=("UN",)),)
    assert locate_events((event("United Nations"),), entities)[0].location_country is None


def test_virginia_in_an_article_naming_the_us_is_the_state():
    entities = (entity("us", "United States", "GPE", country="USA"),)
    located = locate_events((event("Virginia"),), entities)[0]
    assert (located.location_kind, located.location_adm1) == ("us-state", "USVA")
