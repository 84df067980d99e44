"""The story as pandas DataFrames, one per kind of record, for a notebook.

Columns follow the export's fields, so a column is found under the name the JSON contract
gives it: a nested record is spread over prefixed columns (a quotation's `span` becomes
`span_article`, `span_start`, `span_end`), and a list stays a list in its cell (`aliases`,
`sources`). Dates, stated at the precision the text gave ("2014", "2022-02", "2022-02-14"),
become the first day they can mean (datetime64[s]) with a `_precision` column beside them
(year < month < day, an ordered category), so `pandas.to_datetime` is never needed and a
month-only date is not mistaken for the first of the month. `mentions` has one row per
mention of an entity, with the words as the article has them.

Types come from the model's type hints: str is "string", a whole number "int64" ("Int64" when
it may be missing), a fraction "float64", so empty frames have their columns and dtypes too.
pandas is an optional dependency (`pip install 'storyline[pandas]'`), imported here only.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING

from storyline.model.codec import to_plain
from storyline.model.dates import PRECISIONS, first_day, precision

if TYPE_CHECKING:
    import pandas

# The kinds of record, each with its frame (a list of the Story); `mentions` is made from the entities.
RECORD_FRAMES = ("articles", "entities", "quotes", "events", "timeline", "clusters", "brief", "stories")
FRAMES = (*RECORD_FRAMES, "mentions")
DATE_FIELDS = frozenset({"published", "date", "first_date", "last_date"})
MENTION_COLUMNS = {
    "entity": "string",
    "name": "string",
    "type": "string",
    "article": "string",
    "start": "int64",
    "end": "int64",
    "text": "string",
}


def story_frames(story: object, kinds: typing.Iterable[str] | None = None) -> dict[str, pandas.DataFrame]:
    """DataFrames of a `Story`'s `kinds` (default: all of FRAMES), by kind. (The story is not
    annotated as one: model/story.py imports this module.)"""
    pandas = _pandas()
    wanted = tuple(kinds) if kinds is not None else FRAMES
    unknown = [kind for kind in wanted if kind not in FRAMES]
    if unknown:
        raise ValueError(f"no frame {', '.join(unknown)} (frames: {', '.join(FRAMES)})")
    frames = {}
    for kind in wanted:
        if kind == "mentions":
            frames[kind] = _mentions(pandas, story)
        else:
            frames[kind] = _frame(pandas, _record_type(type(story), kind), getattr(story, kind))
    return frames


@cache
def _record_type(story_type: type, kind: str) -> type:
    """The type of the records of the Story's list `kind`, from its hint (tuple[Article, ...])."""
    return typing.get_args(typing.get_type_hints(story_type)[kind])[0]


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("storyline's DataFrames need pandas: pip install 'storyline[pandas]'") from None
    return pandas


def _frame(pandas, record_type: type, records: tuple) -> pandas.DataFrame:
    columns = {}
    for name, (path, dtype) in _columns(record_type).items():
        values = [_get(record, path) for record in records]
        if dtype == "date":
            columns[name] = pandas.Series([first_day(v) for v in values], dtype="datetime64[s]")
            columns[f"{name}_precision"] = pandas.Series([precision(v) for v in values], dtype=_precision_dtype(pandas))
        elif dtype == "object":
            columns[name] = pandas.Series([to_plain(v) for v in values], dtype=object)
        else:
            columns[name] = pandas.Series([v.value if isinstance(v, Enum) else v for v in values], dtype=dtype)
    return pandas.DataFrame(columns)


def _mentions(pandas, story: object) -> pandas.DataFrame:
    texts = {article.id: article.text for article in story.articles}
    rows = [
        (entity.id, entity.name, entity.type, m.article, m.start, m.end, texts[m.article][m.start : m.end] if m.article in texts else None)
        for entity in story.entities
        for m in entity.mentions
    ]
    return pandas.DataFrame(
        {name: pandas.Series([row[i] for row in rows], dtype=dtype) for i, (name, dtype) in enumerate(MENTION_COLUMNS.items())}
    )


def _precision_dtype(pandas):
    return pandas.CategoricalDtype(list(PRECISIONS), ordered=True)


def _get(record: object, path: tuple[str, ...]) -> object:
    for name in path:
        if record is None:
            return None
        record = getattr(record, name)
    return record


@cache
def _columns(record_type: type, prefix: tuple[str, ...] = (), optional: bool = False) -> dict[str, tuple[tuple[str, ...], str]]:
    """Column name -> (the attribute path to its value, its dtype or "date" / "object"), from
    the type hints of `record_type`; nested records spread into prefixed columns."""
    columns = {}
    hints = typing.get_type_hints(record_type)
    for field in dataclasses.fields(record_type):
        inner, may_be_missing = _unwrap(hints[field.name])
        path = (*prefix, field.name)
        name = "_".join(path)
        if dataclasses.is_dataclass(inner):
            columns.update(_columns(inner, path, optional or may_be_missing))
        elif not prefix and field.name in DATE_FIELDS:
            columns[name] = (path, "date")
        else:
            columns[name] = (path, _dtype(inner, optional or may_be_missing))
    return columns


def _unwrap(hint: object) -> tuple[object, bool]:
    """(the type inside an `X | None`, whether None is allowed)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return (options[0] if len(options) == 1 else object), True
    return hint, False


def _dtype(hint: object, optional: bool) -> str:
    if hint is bool:
        return "boolean"
    if hint is int:
        return "Int64" if optional else "int64"
    if hint is float:
        return "float64"
    if hint is str or (isinstance(hint, type) and issubclass(hint, Enum)):
        return "string"
    return "object"
