"""The table store of a simulator: one resource table, a mapping key -> record in key order.

Seeded records stay compact rows (tuples) until someone needs them as dicts, which is what
lets a 100 000-record store seed in about a second and stay small:

- ``table[key]`` turns a row into a stored dict the caller may change in place (then call
  :meth:`Table.changed`);
- :meth:`Table.peek` builds a read-only record and keeps the row; :meth:`Table.view` may build
  a lighter one holding only the fields filters look at; :meth:`Table.json` renders the JSON
  text of a record straight from the row when a ``render`` is bound.

Keys are ints (auto-assigned by :meth:`Table.insert`) or any sortable value (tuples for
composite keys). ``version`` grows on every change; caches (:meth:`Table.cached`) and indexes
(:meth:`Table.index`) follow it, so nothing here depends on wall time or hash order.
"""

from __future__ import annotations

import copy
import json
from bisect import bisect_left, insort
from collections.abc import Callable, Hashable, Iterator, MutableMapping
from typing import Any

Record = dict[str, Any]
#: (key, row) -> record
Build = Callable[[Any, Any], Record]
#: (key, row) -> JSON text of the record
Render = Callable[[Any, Any], str]

_MISSING = object()


class Index:
    """Lower-cased value of ``field`` -> key, for uniqueness checks and look-ups by a natural
    key (handles, e-mail addresses). Built on first use from :meth:`Table.view` records (so
    a bound ``light`` builder must keep the field) and kept current by the table's own
    writes; an in-place edit calls :meth:`Table.reindex`. The first key holding a value wins."""

    def __init__(self, table: Table, field: str) -> None:
        self.field = field
        self._map: dict[str, Any] = {}
        for key in table.sorted_keys():
            self.add(table.view(key).get(field), key)

    @staticmethod
    def _norm(value: Any) -> str | None:
        return str(value).lower() if value not in (None, "") else None

    def add(self, value: Any, key: Any) -> None:
        norm = self._norm(value)
        if norm is not None:
            self._map.setdefault(norm, key)

    def discard(self, value: Any, key: Any) -> None:
        norm = self._norm(value)
        if norm is not None and self._map.get(norm) == key:
            del self._map[norm]

    def get(self, value: Any) -> Any:
        norm = self._norm(value)
        return None if norm is None else self._map.get(norm)

    def __contains__(self, value: object) -> bool:
        return self.get(value) is not None


class Table(MutableMapping[Any, Record]):
    """Records keyed by id, iterated in key order, with auto ids and lazy seeded rows."""

    def __init__(self, build: Build | None = None, light: Build | None = None,
                 render: Render | None = None, *, first_id: int = 1) -> None:
        self._docs: dict[Any, Record] = {}
        self._rows: dict[Any, Any] = {}
        self._build, self._light, self._render = build, light, render
        self._keys: list[Any] | None = []
        self._indexes: dict[str, Index] = {}
        self._cache: dict[Hashable, Any] = {}
        self._cache_version = 0
        self.next_id = first_id
        self.version = 0

    # -- seeding ---------------------------------------------------------------------------
    def bind(self, build: Build | None = None, light: Build | None = None,
             render: Render | None = None) -> None:
        """How rows become records (``light``: a cheaper record with the filtered fields;
        ``render``: JSON text of a row without building the dict)."""
        self._build, self._light, self._render = build, light, render

    def seed_rows(self, rows: dict[Any, Any]) -> None:
        self._rows.update(rows)
        self._bump_ids(rows)
        self._keys = None

    def seed_row(self, key: Any, row: Any) -> None:
        self._rows[key] = row
        self._bump_ids((key,))
        self._keys = None

    def _bump_ids(self, keys: Any) -> None:
        ints = [k for k in keys if isinstance(k, int)]
        if ints:
            self.next_id = max(self.next_id, max(ints) + 1)

    # -- mapping protocol ------------------------------------------------------------------
    def __getitem__(self, key: Any) -> Record:
        doc = self._docs.get(key)
        if doc is None:
            row = self._rows.pop(key)  # KeyError when absent, as a dict would
            doc = self._docs[key] = self._make(key, row)
        return doc

    def __setitem__(self, key: Any, doc: Record) -> None:
        new = key not in self
        if self._indexes:
            old = None if new else self.view(key)
            for idx in self._indexes.values():
                if old is not None:
                    idx.discard(old.get(idx.field), key)
                idx.add(doc.get(idx.field), key)
        self._rows.pop(key, None)
        self._docs[key] = doc
        if new:
            self._bump_ids((key,))
            if self._keys is not None:
                if not self._keys or key > self._keys[-1]:
                    self._keys.append(key)
                else:
                    insort(self._keys, key)
        self.version += 1

    def __delitem__(self, key: Any) -> None:
        if self._indexes and key in self:
            old = self.view(key)
            for idx in self._indexes.values():
                idx.discard(old.get(idx.field), key)
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

    # -- writing ---------------------------------------------------------------------------
    def insert(self, doc: Record, key_field: str | None = None) -> int:
        """Store ``doc`` under the next auto id (written to ``doc[key_field]`` if given)."""
        key = self.next_id
        if key_field is not None:
            doc[key_field] = key
        self[key] = doc
        return key

    def changed(self) -> None:
        """A stored record was edited in place."""
        self.version += 1

    def reindex(self, field: str, old: Any, new: Any, key: Any) -> None:
        """Record ``key``'s ``field`` went from ``old`` to ``new`` by an in-place edit."""
        idx = self._indexes.get(field)
        if idx is not None:
            idx.discard(old, key)
            idx.add(new, key)

    # -- reading ---------------------------------------------------------------------------
    def sorted_keys(self) -> list[Any]:
        """Every key in ascending order (shared: do not modify the list)."""
        if self._keys is None:
            self._keys = sorted([*self._docs, *self._rows])
        return self._keys

    def peek(self, key: Any) -> Record:
        """The record without materializing a seeded row (read only: it may be shared)."""
        doc = self._docs.get(key)
        if doc is not None:
            return doc
        return self._make(key, self._rows[key])

    def view(self, key: Any) -> Record:
        """Like :meth:`peek`, possibly reduced to the fields that filters look at."""
        doc = self._docs.get(key)
        if doc is not None:
            return doc
        row = self._rows[key]
        return self._light(key, row) if self._light is not None else self._make(key, row)

    def snapshot(self, key: Any) -> Record | None:
        """A fresh deep copy the caller may change freely, or None."""
        if key in self._docs:
            return copy.deepcopy(self._docs[key])
        if key in self._rows:
            return self._make(key, self._rows[key]) if self._render is None \
                else json.loads(self.json(key))
        return None

    def json(self, key: Any) -> str:
        """Compact JSON text of the record (rendered from the row when possible)."""
        doc = self._docs.get(key)
        if doc is None and self._render is not None:
            return self._render(key, self._rows[key])
        return json.dumps(doc if doc is not None else self.peek(key), separators=(",", ":"))

    def index(self, field: str) -> Index:
        """The lower-cased ``field`` -> key index, built on first use."""
        idx = self._indexes.get(field)
        if idx is None:
            idx = self._indexes[field] = Index(self, field)
        return idx

    def cached(self, key: Hashable, compute: Callable[[], Any], limit: int = 64) -> Any:
        """``compute()`` memoized under ``key`` until the table next changes (filtered id
        lists of a large table, so paging through them costs one page of work)."""
        if self._cache_version != self.version:
            self._cache.clear()
            self._cache_version = self.version
        if key not in self._cache:
            if len(self._cache) >= limit:
                self._cache.clear()
            self._cache[key] = compute()
        return self._cache[key]

    def named(self, raw: Any, missing: Callable[[Any], Exception],
              read: Callable[[Any], Any] = int) -> Record:
        """The stored record a request names by ``raw`` (a path's id), for writing:
        ``read(raw)`` is its key; a value that does not read raises ``missing(raw)``, an
        unknown key ``missing(key)``: the platform's own 404."""
        try:
            key = read(raw)
        except (TypeError, ValueError):
            raise missing(raw) from None
        if key not in self:
            raise missing(key)
        return self[key]

    def where(self, **match: Any) -> list[Record]:
        """The records whose fields hold these values, compared as text (a foreign key
        asked as ``id_product="7"``: a product's combinations, an order's carriers). The
        first field is looked up in a grouping kept until the table changes, so a page of
        parents asking for their children costs one pass over the table."""
        (first, want), *rest = match.items()

        def group() -> dict[str, list[Record]]:
            out: dict[str, list[Record]] = {}
            for key in self:
                rec = self.peek(key)
                out.setdefault(str(rec.get(first)), []).append(rec)
            return out

        rows: list[Record] = self.cached(("where", first), group).get(str(want), [])
        return [r for r in rows if all(str(r.get(f)) == str(v) for f, v in rest)]

    def _make(self, key: Any, row: Any) -> Record:
        if self._build is not None:
            return self._build(key, row)
        if self._render is not None:
            parsed: Record = json.loads(self._render(key, row))
            return parsed
        raise KeyError(f"table has no builder for seeded row {key!r}")


class Tables:
    """A tenant's tables as attributes (a dataclass of :class:`Table` fields), found by
    name as the CRUD pattern asks for them (``table("products")``)."""

    def table(self, path: str) -> Table:
        table = getattr(self, path, None)
        if not isinstance(table, Table):
            raise KeyError(path)
        return table

    def tables(self) -> list[str]:
        """The names of the tables, in declaration order."""
        return [name for name, value in vars(self).items() if isinstance(value, Table)]
