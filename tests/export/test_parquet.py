"""The Parquet export: one file per kind, read back with pyarrow as the JSON export's records."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from storyline.export.json import FORMAT, stored_export
from storyline.export.parquet import arrow_schema, read_parquet_export, write_parquet_export
from storyline.model import Cluster, Event
from storyline.store.database import Store
from storyline.store.story import RECORD_TYPES


@pytest.fixture(scope="module")
def exported(wire_store, tmp_path_factory):
    with Store.for_reading(wire_store) as store:
        data = json.loads(json.dumps(stored_export(store)))  # as a reader of the JSON export has it
    folder = tmp_path_factory.mktemp("parquet") / "out"
    write_parquet_export(data, folder)
    return data, folder


def test_read_back_with_pyarrow_it_is_the_json_export(exported):
    data, folder = exported
    assert sorted(path.name for path in folder.iterdir()) == sorted(f"{kind}.parquet" for kind in RECORD_TYPES)
    for kind in RECORD_TYPES:
        table = pq.read_table(folder / f"{kind}.parquet")
        assert table.schema.metadata[b"format"] == FORMAT.encode() and table.schema.metadata[b"record_type"] == kind.encode()
        if kind != "clusters":  # a cluster's (article, section) pairs are structs in Parquet
            assert table.to_pylist() == data[kind], kind
    assert read_parquet_export(folder) == {kind: data[kind] for kind in RECORD_TYPES}
    pairs = pq.read_table(folder / "clusters.parquet").to_pylist()
    event_cluster = next(row for row in pairs if row["sections"])
    assert set(event_cluster["sections"][0]) == {"0", "1"}


def test_types_come_from_the_model_not_from_the_values():
    import pyarrow as pa

    schema = arrow_schema(Event)
    assert schema.field("goldstein").type == pa.float64() and schema.field("location_geonameid").type == pa.int64()
    assert schema.field("sources").type == pa.list_(pa.struct([("article", pa.string()), ("start", pa.int64()), ("end", pa.int64())]))
    assert arrow_schema(Cluster).field("sections").type == pa.list_(pa.struct([("0", pa.string()), ("1", pa.int64())]))


def test_an_empty_export_still_has_every_file_and_column(tmp_path):
    write_parquet_export({kind: [] for kind in RECORD_TYPES}, tmp_path / "empty")
    events = pq.read_table(tmp_path / "empty" / "events.parquet")
    assert events.num_rows == 0 and events.schema.names == arrow_schema(Event).names


def test_a_file_where_the_folder_should_be_is_one_clear_error(tmp_path):
    (tmp_path / "taken").write_text("")
    with pytest.raises(ValueError, match="not a folder"):
        write_parquet_export({kind: [] for kind in RECORD_TYPES}, tmp_path / "taken")
