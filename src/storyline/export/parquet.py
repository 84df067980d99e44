"""The Parquet export: one file per kind of record (articles.parquet ... stories.parquet) in a
folder, holding exactly the JSON export's records, nested as they are there.

The Arrow schema of each file is read from the model's type hints (the records' own types), so
an empty list still has its columns and types, and a field missing from no record is ever
guessed. A string is a string, a whole number int64, a fraction float64, an enum its value, a
nested record a struct, a list a list; a fixed pair such as a cluster's (article, section
index) is a struct of fields "0" and "1", since Parquet has no mixed lists, and
`read_parquet_export` turns it back into the pair. Each file's metadata names the export format
and the generator. pyarrow is an optional dependency (`pip install 'storyline[parquet]'`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
from enum import Enum
from functools import cache
from pathlib import Path

from storyline.export.json import FORMAT, GENERATOR
from storyline.store.story import RECORD_TYPES


def _arrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ValueError("--format parquet needs pyarrow: pip install 'storyline[parquet]'") from None
    return pyarrow


def write_parquet_export(data: dict, folder: str | Path) -> list[Path]:
    """Write the records of `data` (the JSON export's dict) into `folder`, one file per kind;
    each file is written beside its final name and moved there whole."""
    pa = _arrow()
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder}: not a folder; --format parquet writes one file per kind of record into a folder")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, record_type in RECORD_TYPES.items():
        schema = arrow_schema(record_type).with_metadata(
            {"format": FORMAT, "generator": json.dumps(GENERATOR), "record_type": kind}
        )
        table = pa.Table.from_pylist([_to_arrow(record_type, record) for record in data[kind]], schema=schema)
        path = folder / f"{kind}.parquet"
        partial = folder / f".{kind}.parquet.partial"
        pa.parquet.write_table(table, partial)
        os.replace(partial, path)
        written.append(path)
    return written


def read_parquet_export(folder: str | Path) -> dict[str, list[dict]]:
    """The records of a Parquet export by kind, as the JSON export holds them."""
    pa = _arrow()
    return {
        kind: [_from_arrow(record_type, row) for row in pa.parquet.read_table(Path(folder) / f"{kind}.parquet").to_pylist()]
        for kind, record_type in RECORD_TYPES.items()
    }


@cache
def arrow_schema(record_type: type):
    pa = _arrow()
    return pa.schema([pa.field(name, _arrow_type(hint)) for name, hint in _hints(record_type).items()])


def _hints(record_type: type) -> dict[str, object]:
    hints = typing.get_type_hints(record_type)
    return {field.name: hints[field.name] for field in dataclasses.fields(record_type)}


def _arrow_type(hint: object):
    pa = _arrow()
    hint = _unwrap(hint)
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if dataclasses.is_dataclass(hint):
        return pa.struct([pa.field(name, _arrow_type(inner)) for name, inner in _hints(hint).items()])
    if origin in (tuple, list) and _fixed(hint):
        return pa.struct([pa.field(str(index), _arrow_type(inner)) for index, inner in enumerate(arguments)])
    if origin in (tuple, list):
        return pa.list_(_arrow_type(arguments[0] if arguments else str))
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if hint in scalars:
        return scalars[hint]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return pa.string()
    raise TypeError(f"no Parquet type for {hint!r}")


def _unwrap(hint: object) -> object:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return options[0] if len(options) == 1 else str
    return hint


def _fixed(hint: object) -> bool:
    """A tuple of a fixed number of items (tuple[str, int]), as opposed to tuple[str, ...]."""
    arguments = typing.get_args(hint)
    return typing.get_origin(hint) is tuple and bool(arguments) and arguments[-1] is not Ellipsis


@cache
def _has_pairs(hint: object) -> bool:
    """Whether values of `hint` hold a fixed tuple anywhere: only those need converting."""
    hint = _unwrap(hint)
    if dataclasses.is_dataclass(hint):
        return any(_has_pairs(inner) for inner in _hints(hint).values())
    return _fixed(hint) or any(_has_pairs(inner) for inner in typing.get_args(hint) if inner is not Ellipsis)


def _to_arrow(hint: object, value: object) -> object:
    return _convert(hint, value, lambda items: {str(index): item for index, item in enumerate(items)})


def _from_arrow(hint: object, value: object) -> object:
    return _convert(hint, value, list)


def _convert(hint: object, value: object, pair: typing.Callable[[object], object]) -> object:
    """`value` with every fixed tuple inside it turned by `pair`; other values as they are."""
    if value is None or not _has_pairs(hint):
        return value
    hint = _unwrap(hint)
    if dataclasses.is_dataclass(hint):
        return {name: _convert(inner, value.get(name), pair) for name, inner in _hints(hint).items()}
    arguments = typing.get_args(hint)
    if _fixed(hint):
        return pair([_convert(inner, item, pair) for inner, item in zip(arguments, _items(value), strict=True)])
    return [_convert(arguments[0], item, pair) for item in value]


def _items(value: object) -> list:
    return [value[key] for key in sorted(value, key=int)] if isinstance(value, dict) else list(value)
