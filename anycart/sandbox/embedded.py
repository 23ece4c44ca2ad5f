"""Embedded lists: rows kept inside a parent record (a product's images, an order's
shipments, a customer's addresses), each named by a key the platform assigns.

An :class:`Embedded` declares the list field, the row key and the row spec; its methods add,
find and update rows in place the way REST services do for ``/parents/{id}/rows[/{key}]``:
a new row is blank-filled and numbered, an update merges into the named rows, and lists nested
in a row (an option set's options) are merged by their own keys. Ids come from ``next_id``
(``key name -> next int``), so they are per store and deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .schema import FieldSpec, filled, merge

Row = dict[str, Any]
#: key name -> the next id of that kind
NextId = Callable[[str], int]


@dataclass(frozen=True)
class Embedded:
    """``field`` of the parent holds rows named by ``key``, typed by ``spec``."""

    field: str
    key: str
    spec: FieldSpec
    methods: frozenset[str] = frozenset({"GET", "POST", "PUT"})
    #: The key is an auto-incremented primary key assigned on add (one sent by the client is
    #: ignored); otherwise a key sent on add is kept.
    assigned: bool = False
    #: Lists inside each row, with their own keys (``OptionList`` by ``OptionID``). An update
    #: merges the nested rows it names by key and adds those without a known key (numbered);
    #: it never removes one.
    nested: tuple[tuple[str, str], ...] = ()

    def rows(self, parent: Row) -> list[Row]:
        return parent.get(self.field) or []

    def find(self, parent: Row, key: str) -> list[Row]:
        """The rows whose key reads ``key`` (keys compare as text, as in a URL)."""
        return [r for r in self.rows(parent) if str(r.get(self.key)) == key]

    def new_key(self, next_id: NextId) -> Any:
        value = next_id(self.key)
        return str(value) if self.spec[self.key] == "str" else value

    def add(self, parent: Row, doc: Row, next_id: NextId, now: str) -> Row:
        """Append a row built from the bound ``doc``: every field present, dates the service
        stamps set to ``now``, the key and nested keys numbered."""
        doc = {**doc, **{f: [filled(self.spec[f][0], n) for n in doc.get(f) or ()]
                         for f, _ in self.nested}}
        row = filled(self.spec, doc)
        for name, kind in self.spec.items():
            if kind == "date" and not row.get(name):
                row[name] = now
        row[self.key] = (None if self.assigned else doc.get(self.key)) or self.new_key(next_id)
        for f, key in self.nested:
            for nested in row[f]:
                nested[key] = next_id(key)
        parent.setdefault(self.field, []).append(row)
        return row

    def update(self, parent: Row, updates: dict[str, Row], next_id: NextId) -> None:
        """Merge ``updates`` (row key as text -> bound changes) into the named rows."""
        for row in self.rows(parent):
            changes = updates.get(str(row.get(self.key)))
            if not changes:
                continue
            changes = {k: v for k, v in changes.items() if k != self.key}
            for f, key in self.nested:
                if f in changes:
                    _merge_keyed(row.setdefault(f, []), changes.pop(f), key,
                                 self.spec[f][0], next_id)
            merge(row, changes)

    def number(self, parent: Row, next_id: NextId) -> None:
        """Rows (and nested rows) written without a key get the next one."""
        for row in self.rows(parent):
            if not row.get(self.key):
                row[self.key] = self.new_key(next_id)
            for f, key in self.nested:
                for nested in row.get(f) or ():
                    if not nested.get(key):
                        nested[key] = next_id(key)


def _merge_keyed(current: list[Row], incoming: list[Row], key: str, spec: FieldSpec,
                 next_id: NextId) -> None:
    """Update the rows of ``current`` named by ``key``; add the others with new ids."""
    by_key = {str(row.get(key)): row for row in current}
    for change in incoming:
        row = by_key.get(str(change.get(key))) if change.get(key) else None
        rest = {k: v for k, v in change.items() if k != key}
        if row is None:
            row = filled(spec, rest)
            row[key] = next_id(key)
            current.append(row)
        else:
            merge(row, rest)
