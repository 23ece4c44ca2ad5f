"""What the bridge carts' returns share on the kit's return machine
(:mod:`anycart.platforms.kit.returns`): :class:`SqlReturns`, the part of a cart's return
store that is declarations over its tables, and :func:`one_value` for a cart keeping one
value per return (OpenCart's reason, action and comment; PrestaShop's question), read from
the call's parameter or from the lines' key, which must agree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.kit.returns import ReturnStatuses, Unified

from .sqlkit import Statement
from .statuses import Statuses
from .values import one_id


def one_value(call: Call, param: str, key: str, given: Sequence[str | None],
              cart: str) -> tuple[str, str] | None:
    """``(the name it came in, the value)`` of ``param`` or of the lines' ``key``
    (``given``: each line's value, None where absent); 109 naming the first that differs
    from the first given, as ``cart`` keeps one per return; None when none is given."""
    named = [(param, call.params.get(param))]
    named += [(f"order_products[{n}][{key}]", value) for n, value in enumerate(given)]
    present = [(name, str(value).strip()) for name, value in named if value not in (None, "")]
    for name, value in present[1:]:
        if value != present[0][1]:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{name}': a {cart} return keeps one value, and "
                           f"'{value}' differs from {present[0][0]} '{present[0][1]}'.")
    return present[0] if present else None


class SqlReturns:
    """What a bridge cart's :class:`~anycart.platforms.kit.returns.ReturnStore` shares: its
    status table read as the unified machine (once per call), the return a call names read
    with :attr:`find` (112 when the store has none, or when ``order_id`` names another
    order), and a delete removing its rows from :attr:`deletes` (children first). A cart
    declares those and writes ``ordered``/``create``/``update``."""

    platform: ClassVar[str]
    table: ClassVar[Statuses]
    #: The return by id (the first ``?``; :meth:`scope` gives the others), its order id and
    #: status columns, and the tables holding its rows by :attr:`key`.
    find: ClassVar[str]
    key: ClassVar[str]
    order_key: ClassVar[str]
    status_key: ClassVar[str]
    deletes: ClassVar[tuple[str, ...]]

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.row: dict[str, Any] = {}
        self._machine: ReturnStatuses | None = None

    async def statuses(self) -> ReturnStatuses:
        if self._machine is None:
            self._machine = await self.table.machine(self.conn.db, await self.conn._lang({}),
                                                     self.platform)
        return self._machine

    async def opening(self, configured: Any = None) -> str:
        """A new return's status when the call gives none: ``configured`` (the store's own
        setting) when it is one of its statuses, else its first open request status."""
        machine = await self.statuses()
        if configured not in (None, "") and str(configured) in machine.statuses:
            return str(configured)
        found = [i for i, (_, s) in machine.statuses.items() if s == Unified.REQUESTED]
        if not (found or machine.statuses):
            raise ApiError(ReturnCode.PLATFORM_ERROR, "The store has no return statuses.")
        return (found or list(machine.statuses))[0]

    async def scope(self, call: Call) -> list[Any]:
        """Values for :attr:`find`'s placeholders after the id (a cart's shop)."""
        return []

    async def current(self, call: Call) -> Any:
        raw = call.params["return_id"]
        found = await self.conn.db.select(self.find, [one_id(raw, "Return"), *await self.scope(call)])
        order_id = call.params.get("order_id")
        if not found or (order_id not in (None, "")
                         and str(found[0][self.order_key]) != str(order_id).strip()):
            raise ApiError.not_found("Return", raw)
        self.row = found[0]
        return self.row[self.status_key]

    async def delete(self, call: Call) -> None:
        await self.current(call)
        await self.conn.db.write([Statement(f"DELETE FROM `{{p}}{t}` WHERE {self.key} = ?",
                                            [self.row[self.key]]) for t in self.deletes])
