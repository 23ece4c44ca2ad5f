"""A category tree stored as a nested set (``nleft``/``nright``/``level_depth``, as
PrestaShop's ``Category::regenerateEntireNtree`` numbers it): the numbers of a whole tree,
and the UPDATEs that bring the stored rows to those of the tree after a category is added,
moved or deleted (in the same write as the change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError

from .sqlkit import SqlExecutor, Statement

Numbers = dict[int, tuple[int, int, int]]
#: The id a category not yet inserted has in :meth:`NestedSet.add`.
NEW = -1


def nested_set(parents: dict[int, int], order: dict[int, int]) -> Numbers:
    """``(left, right, depth)`` of every node, children by position, then id; a node whose
    parent is not a node is a root (depth 0)."""
    children: dict[int, list[int]] = {}
    for cid, parent in parents.items():
        children.setdefault(parent, []).append(cid)
    out: Numbers = {}
    counter = 1
    roots = sorted((c for c, p in parents.items() if p not in parents),
                   key=lambda c: (order.get(c, 0), c))
    stack: list[tuple[int, int, bool]] = [(r, 0, False) for r in reversed(roots)]
    left: dict[int, int] = {}
    while stack:
        cid, depth, done = stack.pop()
        if done:
            out[cid] = (left[cid], counter, depth)
            counter += 1
            continue
        left[cid] = counter
        counter += 1
        stack.append((cid, depth, True))
        kids = sorted(children.get(cid, []), key=lambda c: (order.get(c, 0), c))
        stack.extend((k, depth + 1, False) for k in reversed(kids))
    return out


@dataclass(frozen=True)
class NestedSet:
    """The stored tree of ``{p}<table>``: its rows by id."""

    rows: dict[int, dict[str, Any]]
    table: str = "category"
    key: str = "id_category"

    @classmethod
    async def read(cls, db: SqlExecutor, table: str = "category",
                   key: str = "id_category", extra: str = "") -> NestedSet:
        rows = await db.select(f"SELECT {key} AS id, id_parent, position, nleft, nright,"
                               f" level_depth{extra} FROM {{p}}{table}")
        return cls({int(r["id"]): r for r in rows}, table, key)

    def parents(self) -> dict[int, int]:
        return {c: int(r["id_parent"]) for c, r in self.rows.items()}

    def positions(self) -> dict[int, int]:
        return {c: int(r["position"]) for c, r in self.rows.items()}

    def need(self, cid: int, label: str = "Category") -> dict[str, Any]:
        """The row of ``cid``; 112 when the tree has none."""
        if cid not in self.rows:
            raise ApiError.not_found(label, cid)
        return self.rows[cid]

    def subtree(self, cid: int) -> set[int]:
        """``cid`` and every node below it."""
        parents, out = self.parents(), {cid}
        while more := {c for c, p in parents.items() if p in out and c not in out}:
            out |= more
        return out

    def renumber(self, parents: dict[int, int], positions: dict[int, int]) -> tuple[list[Statement], Numbers]:
        """UPDATEs bringing every stored row's numbers to those of the tree ``parents``
        describes, and the new numbers."""
        numbers = nested_set(parents, positions)
        out = []
        for cid, (left, right, depth) in numbers.items():
            row = self.rows.get(cid)
            if row is not None and (int(row["nleft"]), int(row["nright"]),
                                    int(row["level_depth"])) != (left, right, depth):
                out.append(Statement(f"UPDATE {{p}}{self.table} SET nleft = ?, nright = ?,"
                                     f" level_depth = ? WHERE {self.key} = ?",
                                     [left, right, depth, cid]))
        return out, numbers

    def add(self, parent: int, position: int) -> tuple[list[Statement], tuple[int, int, int]]:
        """A node added under ``parent``: the UPDATEs of the others and its own numbers."""
        self.need(parent)
        statements, numbers = self.renumber(self.parents() | {NEW: parent},
                                            self.positions() | {NEW: position})
        return statements, numbers[NEW]

    def move(self, cid: int, parent: int, position: int | None) -> list[Statement]:
        """``cid`` (and its subtree) moved under ``parent``; 109 naming ``parent_id`` for a
        parent inside the subtree moved."""
        self.need(parent)
        if parent in self.subtree(cid):
            raise ApiError.invalid("parent_id", "a category outside the one moved")
        positions = self.positions()
        if position is not None:
            positions[cid] = position
        return self.renumber(self.parents() | {cid: parent}, positions)[0]

    def without(self, gone: set[int]) -> list[Statement]:
        """The UPDATEs of the nodes left when ``gone`` are deleted."""
        rest = {c: p for c, p in self.parents().items() if c not in gone}
        tree = NestedSet({c: r for c, r in self.rows.items() if c not in gone}, self.table, self.key)
        return tree.renumber(rest, {c: int(self.rows[c]["position"]) for c in rest})[0]
