"""The SQLite store keeps the contract the build is written against, so that another store
can take its place."""

from __future__ import annotations

import inspect

from storyline.store.database import Store
from storyline.store.protocol import BuildStore


def _members(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in vars(cls).items()
        if callable(member) and not name.startswith("_")
    }


def test_the_sqlite_store_is_a_build_store():
    with Store() as store:
        assert isinstance(store, BuildStore)
    wanted = _members(BuildStore)
    assert len(wanted) >= 15
    offered = _members(Store)
    for name, signature in wanted.items():
        assert name in offered, name
        assert list(signature.parameters) == list(offered[name].parameters), name


def test_a_store_missing_a_method_is_not_one():
    class Partial:
        def save(self, articles, results):
            pass

    assert not isinstance(Partial(), BuildStore)
