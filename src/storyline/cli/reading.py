"""What a read command holds while it reads: the store, the filters, the voice, the format."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from storyline.cli.common import Voice, filters_of, open_store
from storyline.cli.output import Column, output_format_of, show
from storyline.settings import Settings
from storyline.store.database import Store
from storyline.store.filters import Chooser, chosen_records


class Reading:
    """One read command's store, filters and voice, for as long as it reads."""

    def __init__(self, args: argparse.Namespace, settings: Settings) -> None:
        self.args = args
        self.settings = settings
        self.voice = Voice(args)
        self.filters = filters_of(args)
        self.output_format = output_format_of(args)
        self.store: Store | None = None
        self.chooser: Chooser | None = None

    def __enter__(self) -> Reading:
        self.store = open_store(self.settings, self.voice)
        try:
            self.chooser = Chooser(self.store, self.filters) if self.filters.given else None
        except ValueError:
            self.store.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.close()

    @property
    def as_records(self) -> bool:
        """json or jsonl: the export's records are printed, not columns."""
        return self.output_format in ("json", "jsonl")

    def records(self, kind: str, keep: Callable[[object], bool] | None = None) -> tuple[list[dict], tuple]:
        """The records of one kind the filters keep, and of those the ones `keep` keeps: as the
        export writes them for json and jsonl (else an empty list), and typed."""
        plain, typed = chosen_records(self.store, kind, self.chooser, plain=self.as_records)
        if keep is not None and self.as_records:
            pairs = [(p, t) for p, t in zip(plain, typed, strict=True) if keep(t)]
            plain, typed = [p for p, _ in pairs], tuple(t for _, t in pairs)
        elif keep is not None:
            typed = tuple(t for t in typed if keep(t))
        self.tell(kind, len(typed))
        return plain, typed

    def tell(self, kind: str, kept: int) -> None:
        total = self.store.record_count(kind)
        given = f" ({self.filters.flags()})" if self.filters.given else ""
        self.voice.detail(f"{kept} of {total} {kind} in {self.settings.db} kept{given}")

    def show(self, kind: str, columns: Sequence[Column], records: Sequence[object], plain: Sequence[dict]) -> int:
        show(kind, f"{len(records)} {kind} in {self.settings.db}", columns, records, plain, self.output_format)
        return 0
