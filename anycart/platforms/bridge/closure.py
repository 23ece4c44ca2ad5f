"""A tree stored as a closure table: one row ``(node, ancestor, level)`` for every ancestor
of each node, root at level 0 and the node itself at the deepest level (OpenCart's
``category_path``, as its admin model rebuilds it in addCategory/editCategory). The paths it
reads, and the statements that keep the rows right when a node is added or moved (in the
same write as the change)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError

from .sqlentity import bind
from .sqlkit import SqlExecutor, Statement, insert
from .values import one_id


@dataclass(frozen=True)
class ClosureTable:
    table: str
    node: str
    ancestor: str
    level: str = "level"

    async def path(self, db: SqlExecutor, node: int) -> list[int]:
        """``node``'s ancestors, root first, ending with ``node``; ``[]`` for a node not stored."""
        return (await self.paths(db, [node])).get(node, [])

    async def paths(self, db: SqlExecutor, nodes: Sequence[int]) -> dict[int, list[int]]:
        """Each stored node's path (as :meth:`path`), read in one query (none for no nodes)."""
        if not nodes:
            return {}
        rows = await db.select(*bind(f"SELECT `{self.node}` AS n, `{self.ancestor}` AS a FROM "
                                     f"{{p}}{self.table} WHERE `{self.node}` IN (??) ORDER BY "
                                     f"`{self.node}`, `{self.level}`", {}, list(nodes)))
        out: dict[int, list[int]] = {}
        for r in rows:
            out.setdefault(int(r["n"]), []).append(int(r["a"]))
        return out

    async def parent(self, db: SqlExecutor, value: Any, label: str) -> tuple[int, list[int]]:
        """The parent node a call names (``value``; none or 0: a root) and its path, 112
        naming ``label`` for one not stored."""
        if value in (None, "", "0", 0):
            return 0, []
        path = await self.path(db, one_id(value, label))
        if not path:
            raise ApiError.not_found(label, value)
        return path[-1], path

    async def subtree(self, db: SqlExecutor, node: int) -> list[int]:
        """``node`` and every node below it (those whose path holds it)."""
        rows = await db.select(f"SELECT `{self.node}` AS n FROM {{p}}{self.table} WHERE "
                               f"`{self.ancestor}` = ? ORDER BY `{self.node}`", [node])
        return [int(r["n"]) for r in rows]

    def add(self, node: Any, parent_path: Sequence[Any]) -> list[Statement]:
        """The rows of a new ``node`` (an id, or the InsertId of its row) under the node
        whose path is ``parent_path`` (``[]``: a root)."""
        return [insert(self.table, {self.node: node, self.ancestor: a, self.level: level})
                for level, a in enumerate([*parent_path, node])]

    async def move(self, db: SqlExecutor, node: int, parent_path: Sequence[int]) -> list[Statement]:
        """``node`` and its subtree moved under the node whose path is ``parent_path``: each
        one's rows rebuilt as the new parent path followed by its path from ``node`` down."""
        rows = await db.select(
            f"SELECT `{self.node}` AS n, `{self.ancestor}` AS a FROM {{p}}{self.table} WHERE "
            f"`{self.node}` IN (SELECT `{self.node}` FROM {{p}}{self.table} WHERE `{self.ancestor}` = ?) "
            f"ORDER BY `{self.node}`, `{self.level}`", [node])
        chains: dict[int, list[int]] = {}
        for r in rows:
            chains.setdefault(int(r["n"]), []).append(int(r["a"]))
        out: list[Statement] = []
        for member, chain in chains.items():
            below = chain[chain.index(node):] if node in chain else [member]
            out.append(Statement(f"DELETE FROM {{p}}{self.table} WHERE `{self.node}` = ?", [member]))
            out += [insert(self.table, {self.node: member, self.ancestor: a, self.level: level})
                    for level, a in enumerate([*parent_path, *below])]
        return out
