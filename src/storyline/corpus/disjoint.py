"""Disjoint sets (union-find): how every corpus step turns pairwise "these are the same" into
groups without comparing groups again."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


class DisjointSets(Generic[Item]):
    def __init__(self, items: Iterable[Item] = ()) -> None:
        self._parent: dict[Item, Item] = {item: item for item in items}

    def find(self, item: Item) -> Item:
        root = self._parent.setdefault(item, item)
        while self._parent[root] != root:
            root = self._parent[root]
        while item != root:  # point the whole path at the root: later finds are one step
            following = self._parent[item]
            self._parent[item] = root
            item = following
        return root

    def union(self, a: Item, b: Item) -> None:
        self._parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[Item]]:
        """The sets, each in the order its items were first seen."""
        grouped: dict[Item, list[Item]] = {}
        for item in self._parent:
            grouped.setdefault(self.find(item), []).append(item)
        return list(grouped.values())
