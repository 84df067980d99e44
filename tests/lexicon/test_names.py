"""Name keys and the gazetteer tables keyed by them."""

from __future__ import annotations

from storyline.lexicon.names import _cities, city_country, city_table_from_gazetteer, name_key, personal_key


def test_the_shipped_city_table_matches_the_gazetteer_and_the_name_keys():
    assert _cities() == city_table_from_gazetteer(), "run scripts/make_city_table.py"


def test_city_countries():
    assert city_country("Mariupol") == "UKR" and city_country("Donetsk") == "UKR"
    assert city_country("Kiev") == city_country("Kyiv") == "UKR"
    assert city_country("Guterres") is None


def test_an_honorific_is_no_first_name():
    # "Mr Buckley" is Buckley alone, a surname to join to the one full name, not a full name
    # whose first name is "Mr".
    assert personal_key("Mr Buckley") == personal_key("Mr. Buckley") == personal_key("Buckley") == name_key("Buckley")
    assert personal_key("Dr John Smith") == name_key("John Smith") and personal_key("Mr") == name_key("Mr")
