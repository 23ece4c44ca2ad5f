"""What the bridge carts' returns share on the kit's return machine
(:mod:`anycart.platforms.kit.returns`): :class:`SqlReturns`, the part of a cart's return
store that is declarations over its tables, and :func:`one_value` for a cart keeping one
value per return (OpenCart's reason, action and comment; PrestaShop's question), read from
the call's parameter or from the lines' key, which must agree; :class:`LatestReturn`, an
order's latest return as the FAQ's ``additional_fields.return_status`` and as ``order.list``'s
``return_status`` filter (one correlated subquery, so a page and its count agree);
:func:`with_refunds`, mapped orders given their ``refunds``; :func:`named_status`, a return's
``status`` from the cart's status row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from anycart.errors import ApiError, ReturnCode
from anycart.model import OrderRefund, ReturnStatus
from anycart.platforms.base import Call
from anycart.platforms.kit.returns import (
    NO_RETURN,
    ReturnStatuses,
    Unified,
    guess,
    order_return_status,
    wanted_statuses,
)

from .sqlentity import Ctx, Filter, Row, SqlEntity
from .sqlkit import Statement
from .statuses import Statuses


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


def with_refunds(orders: list[Row], refunds: Iterable[tuple[Any, OrderRefund]]) -> list[Row]:
    """Mapped orders each given its ``refunds`` (the contract's Order_Refund objects, in the
    order given; none for an order without any) from ``(order id, refund)`` pairs."""
    by_order: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for oid, refund in refunds:
        by_order[str(oid)].append(refund.model_dump(by_alias=True, exclude_none=True))
    for order in orders:
        order["refunds"] = by_order[str(order["id"])]
    return orders


def named_status(status_id: Any, name: str | None) -> ReturnStatus:
    """A return's ``status``: the cart's status id and name, with the unified state the name
    says (:func:`~anycart.platforms.kit.returns.guess`) as ``unified_status`` when it says one."""
    state = guess(name)
    return ReturnStatus(id=str(status_id), name=name,
                        additional_fields={"unified_status": state.value} if state else {})


def machine_of(table: Statuses, platform: str) -> Callable[[Any], Awaitable[ReturnStatuses]]:
    """The store's return statuses in ``table`` on the unified machine, for a connector
    (read in the store's default language)."""
    async def machine(conn: Any) -> ReturnStatuses:
        return await table.machine(conn.db, await conn._lang({}), platform)
    return machine


class SqlReturns:
    """What a bridge cart's :class:`~anycart.platforms.kit.returns.ReturnStore` shares: its
    status table read as the unified machine (once per call), the return a call names read
    as its :attr:`returns` entity's info reads it (112 when the call's store has none, or
    when ``order_id`` names another order: the entity's ``order_id`` info filter), and a
    delete removing its rows from :attr:`deletes` (children first). A cart declares those
    and writes ``ordered``/``create``/``update``."""

    platform: ClassVar[str]
    table: ClassVar[Statuses]
    #: The cart's ``return`` entity, the return's id and status columns, and the tables
    #: holding its rows by :attr:`key`.
    returns: ClassVar[SqlEntity]
    key: ClassVar[str]
    status_key: ClassVar[str]
    deletes: ClassVar[tuple[str, ...]]

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        #: The return the call names (:meth:`current`), the order a new one is of (``ordered``).
        self.row: dict[str, Any] = {}
        self.order: dict[str, Any] = {}
        self._machine: ReturnStatuses | None = None

    async def statuses(self) -> ReturnStatuses:
        if self._machine is None:
            self._machine = await machine_of(self.table, self.platform)(self.conn)
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

    async def current(self, call: Call) -> Any:
        self.row = await self.returns.row(self.conn, call.params["return_id"], call.params)
        return self.row[self.status_key]

    async def delete(self, call: Call) -> None:
        await self.current(call)
        await self.conn.db.write([Statement(f"DELETE FROM `{{p}}{t}` WHERE {self.key} = ?",
                                            [self.row[self.key]]) for t in self.deletes])


@dataclass(frozen=True)
class LatestReturn:
    """An order's latest return in a cart's return ``table`` (``"{p}order_return r"``, an
    alias the orders' own query does not use): ``parent`` its order id column, ``status``
    its status (a constant for a cart whose returns have one), ``key`` its id (the latest is
    the highest), ``where`` what else makes a row a return; ``machine(conn)`` the store's
    statuses on the unified machine."""

    table: str
    parent: str
    status: str
    key: str
    machine: Callable[[Any], Awaitable[ReturnStatuses]]
    where: str = ""

    def _cond(self) -> str:
        return f" AND {self.where}" if self.where else ""

    def filter(self, order_key: str) -> Filter:
        """``order.list``'s ``return_status`` on orders keyed by ``order_key``: orders whose
        latest return has one of the statuses asked for (:func:`wanted_statuses`), or none."""
        latest = (f"(SELECT {self.status} FROM {self.table} WHERE {self.parent} = {order_key}"
                  f"{self._cond()} ORDER BY {self.key} DESC LIMIT 1)")

        async def resolve(conn: Any, value: Any, ctx: Ctx) -> list[str]:
            no_return, ids = wanted_statuses(await self.machine(conn), value)
            # no status matches: IN (NULL) selects nothing, as asked
            return [*ids, *([NO_RETURN] if no_return else [])]

        return Filter(f"COALESCE(CAST({latest} AS CHAR), '{NO_RETURN}') IN (??)", resolve=resolve)

    async def annotate(self, conn: Any, orders: list[Row]) -> list[Row]:
        """Mapped orders with ``additional_fields.return_status`` (one query for the page)."""
        oids = [int(o["id"]) for o in orders]
        if not oids:
            return orders
        rows = await conn.db.select(
            f"SELECT {self.parent} AS oid, {self.status} AS status FROM {self.table} WHERE "
            f"{self.parent} IN ({', '.join('?' * len(oids))}){self._cond()} ORDER BY {self.key}", oids)
        latest = {int(r["oid"]): r["status"] for r in rows}  # the highest key is read last
        machine = await self.machine(conn)
        for order in orders:
            extra = order["additional_fields"] = dict(order.get("additional_fields") or {})
            extra["return_status"] = order_return_status(machine, latest.get(int(order["id"])))
        return orders
