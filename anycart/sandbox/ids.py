"""Id ranges for simulated records whose ids grow with time (Shopify, BigCommerce v3...).

Each kind of record gets its own range, so a variant id never equals a product id (which
catches mix-ups in connectors). Seeded children are numbered from their parent's sequence
number (``base + parent_n * slots + j``), so finding a seeded child's parent is arithmetic,
not an index; records created through the API are numbered from a counter above every
seeded id.
"""

from __future__ import annotations

from collections.abc import Mapping


class IdRanges:
    """``bases``: kind -> (first id, slots per parent sequence number); ``parents``: child
    kind -> the kind it belongs to (for :meth:`owner`)."""

    def __init__(self, bases: Mapping[str, tuple[int, int]],
                 parents: Mapping[str, str] | None = None) -> None:
        self.bases = bases
        self.parents = parents or {}
        #: parent kind -> how many parents the seed numbered (bounds the id arithmetic)
        self.seeded_count: dict[str, int] = {}
        self._next: dict[str, int] = {}
        self._owners: dict[str, dict[int, int]] = {}

    def seeded(self, kind: str, n: int, j: int = 0) -> int:
        """Id of the ``j``-th child of parent number ``n`` (or of record ``n`` itself)."""
        base, slots = self.bases[kind]
        return base + n * slots + j

    def parent(self, kind: str, child_id: int) -> int:
        """The parent sequence number a seeded child id belongs to."""
        base, slots = self.bases[kind]
        return (child_id - base) // slots

    def reserve(self, kind: str, seeded_parents: int) -> None:
        """Ids up to parent number ``seeded_parents`` are taken by the seed."""
        self._next[kind] = max(self._next.get(kind, 0), self.seeded(kind, seeded_parents + 1))

    def next(self, kind: str) -> int:
        value = self._next.get(kind) or self.seeded(kind, 1)
        self._next[kind] = value + 1
        return value

    def own(self, kind: str, child_id: int, parent_id: int) -> None:
        """A child made after the seed belongs to ``parent_id``."""
        self._owners.setdefault(kind, {})[child_id] = parent_id

    def owner(self, kind: str, child_id: int) -> int | None:
        """The parent id of a child id (recorded, or by arithmetic for seeded ones), or
        None; the caller still checks that the parent holds the child."""
        parent = self._owners.get(kind, {}).get(child_id)
        if parent is not None:
            return parent
        parent_kind = self.parents[kind]
        n = self.parent(kind, child_id)
        return self.seeded(parent_kind, n) if 1 <= n <= self.seeded_count.get(parent_kind, 0) \
            else None
