"""Dataclasses of the data model to JSON-ready values and back, driven by their type hints.

One codec serves the store (cached stage results) and the export, so what is cached is exactly
what is exported: no second, hand-written mapping to drift out of step.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache

_PLAIN = (str, int, float, bool, type(None))


def to_plain(value: object) -> object:
    """Dataclasses, enums, tuples and lists as dicts, strings and lists."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    return _encoder(kind)(value)


@cache
def _encoder(kind: type) -> Callable[[object], object]:
    """How a value of type `kind` (not a plain one) is made plain, worked out once per type:
    every stage result of every article is made plain to be stored, and asking each value
    what it is cost more than the copying."""
    names = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
    if names is not None:
        return _record_encoder(names)
    if issubclass(kind, Enum):
        return _enum_value
    if issubclass(kind, (list, tuple)):
        return _list_encoder
    if issubclass(kind, dict):
        return lambda value: {key: to_plain(item) for key, item in value.items()}
    return _identity


def _record_encoder(names: tuple[str, ...]) -> Callable[[object], object]:
    def encode(value: object) -> dict:
        plain = {}
        for name in names:
            item = getattr(value, name)
            plain[name] = item if type(item) in _PLAIN else to_plain(item)
        return plain

    return encode


def _enum_value(value: object) -> object:
    assert isinstance(value, Enum)
    return value.value


def _list_encoder(value: object) -> list:
    # A column of the parse is thousands of strings or numbers: copied as it is.
    assert isinstance(value, (list, tuple))
    return [item if type(item) in _PLAIN else to_plain(item) for item in value]


def from_plain(cls: type, data: object) -> object:
    """The inverse of `to_plain` for a dataclass type `cls` (or a list, tuple or dict of them)."""
    return None if data is None else _decoder(cls)(data)


def _identity(value: object) -> object:
    return value


@cache
def _decoder(hint: object) -> Callable[[object], object]:
    """A function that decodes plain data of type `hint`, worked out once per type: a store of
    ten thousand articles decodes millions of values, and asking `typing` about each one would
    cost more than the JSON parsing."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _optional(_decoder(options[0])) if len(options) == 1 else _identity
    if origin in (tuple, list):
        item_hint = (typing.get_args(hint) or (object,))[0]
        return _sequence(origin, _decoder(item_hint))
    if origin is dict:
        value_hint = (typing.get_args(hint) or (str, object))[1]
        return _mapping(_decoder(value_hint))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _optional(hint)
    return _identity


def _optional(decode: Callable[[object], object]) -> Callable[[object], object]:
    if decode is _identity:
        return _identity
    return lambda value: None if value is None else decode(value)


def _sequence(kind: type, decode: Callable[[object], object]) -> Callable[[object], object]:
    if decode is _identity:
        return lambda value: None if value is None else kind(value)
    return lambda value: None if value is None else kind([decode(item) for item in value])


def _mapping(decode: Callable[[object], object]) -> Callable[[object], object]:
    return lambda value: None if value is None else {key: decode(item) for key, item in value.items()}


def _record(cls: type) -> Callable[[object], object]:
    hints = typing.get_type_hints(cls)
    field_decoders: dict[str, Callable[[object], object] | None] = {}

    def decode(value: object) -> object:
        if value is None:
            return None
        if not field_decoders:
            # Filled on first use: a record may contain itself through its fields' types.
            for f in dataclasses.fields(cls):
                found = _decoder(hints[f.name])
                field_decoders[f.name] = None if found is _identity else found
        known = field_decoders
        arguments = {}
        for name, item in value.items():
            if name in known:
                field_decoder = known[name]
                arguments[name] = item if field_decoder is None or item is None else field_decoder(item)
        return cls(**arguments)

    return decode
