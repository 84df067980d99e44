"""The shipped gazetteer table and its lookups."""

from __future__ import annotations

import gzip
from importlib import resources

from storyline.lexicon.places import PLACE_TABLE, candidates, city_not_person, country_place, place_table_bytes


def test_the_shipped_place_table_is_what_the_script_makes():
    shipped = resources.files("storyline.lexicon").joinpath(PLACE_TABLE).read_bytes()
    assert gzip.decompress(shipped) == gzip.decompress(place_table_bytes()), "run scripts/make_place_table.py"
    assert shipped == place_table_bytes(), "run scripts/make_place_table.py"
    assert shipped[4:8] == b"\0\0\0\0"  # gzip mtime 0: the same table, the same bytes


def test_several_candidates_per_name_with_their_codes():
    kinds = {(p.kind, p.country, p.adm1) for p in candidates("Paris")}
    assert {("city", "FRA", "FR11"), ("city", "USA", "USTX")} <= kinds
    assert candidates("Kiev") == candidates("Kyiv")
    georgia = {p.kind: p for p in candidates("Georgia")}
    assert georgia["country"].fips == "GG" and georgia["us-state"].adm1 == "USGA"


def test_country_place_carries_fips_and_a_point():
    russia = country_place("RUS")
    assert russia.fips == "RS" and russia.geonameid == 2017370 and russia.lat is not None
    assert country_place("XXX") is None and country_place(None) is None


def test_a_lone_name_tagged_as_a_person_is_a_city_only_if_large_and_in_a_country_named():
    assert city_not_person("Donetsk", {"UKR"})
    assert not city_not_person("Donetsk", set())
    assert not city_not_person("Obama", {"JPN"})  # a town of 29,000
    assert not city_not_person("Bush", {"EGY"})  # a town of 136,000
