"""One resource table of a simulated shop: a mapping id -> record, kept in id order.

Seeded records stay compact rows until someone needs them as dicts: reading ``table[id]``
turns the row into a stored dict (so callers, tests included, may change it in place), while
answering a list request only renders a fresh dict (:meth:`Table.peek`) and keeps the row.
That is what lets a 100 000-product shop seed in a few seconds and stay small.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Hashable, Iterator, MutableMapping
from typing import Any

Record = dict[str, Any]
Build = Callable[[Any, Any], Record]

_MISSING = object()


class Table(MutableMapping[Any, Record]):
    """Records keyed by id (an int, or a tuple for inventory levels), iterated in key order.

    ``version`` grows on every insert and delete made through the mapping, and on
    :meth:`changed` (called by the simulator after in-place edits)."""

    def __init__(self, build: Build | None = None, light: Build | None = None) -> None:
        self._docs: dict[Any, Record] = {}
        self._rows: dict[Any, Any] = {}
        self._build = build
        self._light = light
        self._keys: list[Any] | None = []
        self.version = 0

    # -- seeding ---------------------------------------------------------------------------
    def bind(self, build: Build, light: Build | None = None) -> None:
        """How rows become records (``light``: a cheaper record with the filtered fields)."""
        self._build, self._light = build, light

    def seed_rows(self, rows: dict[Any, Any]) -> None:
        self._rows.update(rows)
        self._keys = None

    # -- mapping protocol ------------------------------------------------------------------
    def __getitem__(self, key: Hashable) -> Record:
        doc = self._docs.get(key)
        if doc is None:
            row = self._rows.pop(key)  # KeyError when absent, as a dict would
            assert self._build is not None
            doc = self._docs[key] = self._build(key, row)
        return doc

    def __setitem__(self, key: Hashable, doc: Record) -> None:
        new = key not in self
        self._rows.pop(key, None)
        self._docs[key] = doc
        if new and self._keys is not None:
            if not self._keys or key > self._keys[-1]:
                self._keys.append(key)
            else:
                insort(self._keys, key)
        self.version += 1

    def __delitem__(self, key: Hashable) -> None:
        if self._docs.pop(key, _MISSING) is _MISSING and self._rows.pop(key, _MISSING) is _MISSING:
            raise KeyError(key)
        if self._keys is not None:
            i = bisect_left(self._keys, key)
            if i < len(self._keys) and self._keys[i] == key:
                del self._keys[i]
        self.version += 1

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._docs or key in self._rows
        except TypeError:  # unhashable
            return False

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self.sorted_keys()))

    def __len__(self) -> int:
        return len(self._docs) + len(self._rows)

    # -- simulator helpers -----------------------------------------------------------------
    def sorted_keys(self) -> list[Any]:
        """Every key in ascending order (do not modify the list)."""
        if self._keys is None:
            self._keys = sorted([*self._docs, *self._rows])
        return self._keys

    def peek(self, key: Hashable) -> Record:
        """The record without materializing a seeded row (read only: it may be shared)."""
        doc = self._docs.get(key)
        if doc is not None:
            return doc
        assert self._build is not None
        return self._build(key, self._rows[key])

    def view(self, key: Hashable) -> Record:
        """Like :meth:`peek`, possibly reduced to the fields list filters look at."""
        doc = self._docs.get(key)
        if doc is not None:
            return doc
        row = self._rows[key]
        build = self._light or self._build
        assert build is not None
        return build(key, row)

    def changed(self) -> None:
        """A stored record was edited in place."""
        self.version += 1
