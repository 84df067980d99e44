"""Dataclasses of the data model to JSON-ready values and back, driven by their type hints.

One codec serves the store (cached stage results) and the export, so what is cached is exactly
what is exported: no second, hand-written mapping to drift out of step.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache


def to_plain(value: object) -> object:
    """Dataclasses, enums, tuples and lists as dicts, strings and lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    return value


def from_plain(cls: type, data: object) -> object:
    """The inverse of `to_plain` for a dataclass type `cls`."""
    return _decode(cls, data)


@cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _decode(hint: object, data: object) -> object:
    if data is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _decode(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        (item_hint, *_rest) = typing.get_args(hint) or (object,)
        return tuple(_decode(item_hint, item) for item in data)
    if origin is list:
        (item_hint,) = typing.get_args(hint) or (object,)
        return [_decode(item_hint, item) for item in data]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        known = {f.name for f in dataclasses.fields(hint)}
        return hint(**{name: _decode(hints[name], value) for name, value in data.items() if name in known})
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    return data
