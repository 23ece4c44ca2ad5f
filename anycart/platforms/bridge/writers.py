"""An entity's ``add``/``update``/``delete`` contract methods generated from its
:class:`~.writes.Writes` declaration.

A driver declares one :class:`EntityWriter` per written entity: the contract entity
(``method``), the :class:`~.writes.Writes` its rows are (main row, language/store rows, the
tables its delete clears), the :class:`~.sqlentity.SqlEntity` an update or delete checks the
id against (112), the parameters an add requires, and the parameters its hooks read beside
the declared columns. The generated steps are the same for every bridge cart:

- ``add``: the required parameters (101), the call's context, :meth:`~EntityWriter.extra`
  columns, then one write: the entity's rows (:meth:`.Writes.add`, main row first) and what
  :meth:`~EntityWriter.more` hangs on it (``ident`` is the new row's ``InsertId(0)``);
  answers ``{"<entity>_id": new id}``;
- ``update``: the id checked, only what the call sets (:func:`~anycart.platforms.applied.explicit`),
  the columns given and :meth:`~EntityWriter.more`'s statements (links, keywords, stock) in
  one write, the main row's modification time with them; nothing to write is the contract's
  ``nothing to update``;
- ``delete``: the id checked, :meth:`~EntityWriter.removes` (by default the declaration's
  cascade) in one write.

Each method's applied parameters (:meth:`~EntityWriter.methods`, for
:func:`anycart.platforms.kit.serve.attach` and the driver's guard) are the declared columns'
contract names (:func:`~.columns.written`) and the hooks' own: a parameter neither reads is
refused with 109, never ignored.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from anycart.errors import ApiError
from anycart.platforms.applied import explicit
from anycart.platforms.base import Call
from anycart.platforms.kit.serve import Methods

from .columns import written
from .sqlentity import Ctx, SqlEntity
from .sqlkit import InsertId, Statement
from .writes import Extra, Writes


class EntityWriter:
    """One entity's writes, declared by class attributes; the hooks say what differs."""

    #: Contract entity: "product" -> product.add, product.update, product.delete.
    method: ClassVar[str]
    writes: ClassVar[Writes]
    #: The read declaration an update or delete checks the id against (112 when missing).
    entity: ClassVar[SqlEntity]
    #: Parameters ``add`` requires (101 naming the first missing).
    required: ClassVar[tuple[str, ...]] = ()
    #: Parameters the hooks read beside the declared columns, per verb.
    add_params: ClassVar[Collection[str]] = ()
    update_params: ClassVar[Collection[str]] = ()
    #: Declared columns' parameters ``add`` does not apply (refused there, 109).
    update_only: ClassVar[Collection[str]] = ()
    #: Which verbs are generated.
    serves: ClassVar[tuple[str, ...]] = ("add", "update", "delete")
    #: The key of ``add``'s answer ("product_id" by default) and ``delete``'s count.
    result_key: ClassVar[str | None] = None
    deleted: ClassVar[Any] = 1

    # -- hooks -----------------------------------------------------------------------------
    async def context(self, conn: Any, params: dict[str, Any]) -> Ctx:
        """What the declaration's scopes bind (``lang``); the connector's ``sql_context``."""
        make = getattr(conn, "sql_context", None)
        return dict(await make(params)) if make is not None else {}

    async def extra(self, conn: Any, params: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        """Columns the write sets beside the call's (``ident`` is None on add): values the
        driver reads or computes. Checks that refuse the call belong here too (they run
        before anything is written)."""
        return {}

    async def more(self, conn: Any, params: dict[str, Any], ctx: Ctx,
                   ident: Any) -> list[Statement]:
        """Statements of the same write after the entity's rows: links, keywords, stock
        (``ident`` is the new row's ``InsertId(0)`` on add)."""
        return []

    async def removes(self, conn: Any, ident: int, ctx: Ctx) -> list[Statement]:
        """The delete's statements: by default the declaration's (:meth:`.Writes.delete`)."""
        return self.writes.delete(ident)

    # -- the contract methods ----------------------------------------------------------------
    async def run_add(self, conn: Any, call: Call) -> dict[str, Any]:
        for name in self.required:
            call.require(name)
        p = call.params
        ctx = {**await self.context(conn, p), "method": "add"}
        extra = await self.extra(conn, p, ctx, None)
        statements = self.writes.add(p, ctx, extra)
        statements += await self.more(conn, p, ctx, InsertId(0))
        written_ = await conn.db.write(statements)
        return {self.result_key or f"{self.method}_id": str(written_[0].insert_id)}

    async def run_update(self, conn: Any, call: Call) -> dict[str, Any]:
        p = explicit(call)
        ident = await self.entity.existing(conn, call.require("id"))
        ctx = {**await self.context(conn, p), "method": "update"}
        extra = await self.extra(conn, p, ctx, ident)
        others = await self.more(conn, p, ctx, ident)
        statements = self.writes.update(ident, p, ctx, extra, touch=bool(others)) + others
        if not statements:
            raise ApiError.nothing_to_update()
        await conn.db.write(statements)
        return {"updated_items": 1}

    async def run_delete(self, conn: Any, call: Call) -> dict[str, Any]:
        ident = await self.entity.existing(conn, call.require("id"))
        ctx = {**await self.context(conn, {}), "method": "delete"}
        await conn.db.write(await self.removes(conn, ident, ctx))
        return {"delete_items": self.deleted}

    # -- what a connector installs -------------------------------------------------------------
    def applied(self) -> dict[str, frozenset[str]]:
        columns = written(self.writes.spec) | set(self.required)
        sets = {"add": columns - set(self.update_only) | set(self.add_params),
                "update": columns | set(self.update_params) | {"id"},
                "delete": {"id"}}
        return {f"{self.method}.{v}": frozenset(sets[v]) for v in self.serves}

    def methods(self) -> Methods:
        """``{method: (run, applied)}`` for :func:`~anycart.platforms.kit.serve.attach`."""
        runs = {"add": self.run_add, "update": self.run_update, "delete": self.run_delete}
        applied = self.applied()
        return {f"{self.method}.{v}": (runs[v], applied[f"{self.method}.{v}"]) for v in self.serves}
