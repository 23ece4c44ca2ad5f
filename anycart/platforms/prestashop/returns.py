"""PrestaShop merchandise returns on the kit's return state machine
(:mod:`anycart.platforms.kit.returns`), written as ``OrderReturn`` and the back office's
``AdminReturnController`` write them: an ``order_return`` row (its customer, its state among
the merchant's ``order_return_state`` rows, each name read as its unified state, the
customer's ``question``) and an ``order_return_detail`` row per order line taken back.
PrestaShop keeps no reason, no action (their methods and parameters are not served: 109) and
no history: a state change is the row's new ``state`` and ``date_upd``; the back office lets
any state follow any other, only the unified machine's moves are refused.

Only a customer asks for a return in PrestaShop (``OrderFollowController``), so a new one
keeps the storefront's rules, ``Order::isReturnable``: returns enabled (``PS_ORDER_RETURN``),
the order paid and shipped, delivered no more than ``PS_ORDER_RETURN_NB_DAYS`` days ago (0:
no limit); a refusal is PrestaShop's own "This order cannot be returned" with the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import Nested
from anycart.platforms.base import Call
from anycart.platforms.bridge.batch import update
from anycart.platforms.bridge.returns import SqlReturns, one_value
from anycart.platforms.bridge.settings import Settings
from anycart.platforms.bridge.sqlkit import InsertId, insert
from anycart.platforms.bridge.values import now_db
from anycart.platforms.kit.returns import ReturnLine, ReturnMethods

from .entities import ORDERS, RETURNS
from .shop import NO_DATE, RETURN_STATES, SETTINGS, line_quantities

PLATFORM = "PrestaShop"

#: What each method applies beside the kit's ``order_id``/``return_id``.
APPLIED = {
    "return.status.list": frozenset(),
    # the order is read in the default shop: store_id other than 0 is refused
    "order.return.add": frozenset({"order_products", "return_status_id", "comment"}),
    "order.return.update": frozenset({"return_status_id", "store_id"}),
    "order.return.delete": frozenset({"store_id"}),
}
#: ``order_products`` keys a return keeps (the question is the return's, one for all lines).
NESTED: dict[str, dict[str, Nested]] = {"order.return.add": {"order_products": dict.fromkeys((
    "order_product_id", "order_product_quantity", "order_product_customer_comment"))}}

#: The storefront's return settings (the shop's own value wins, as :data:`.shop.SETTINGS`).
RETURN_SETTINGS = Settings(SETTINGS.sql, ("PS_ORDER_RETURN", "PS_ORDER_RETURN_NB_DAYS"))
#: What the storefront answers for an order ``Order::isReturnable`` refuses.
NOT_RETURNABLE = "This order cannot be returned"


async def check_returnable_order(conn: Any, order_id: int) -> None:
    """``Order::isReturnable`` for a new return (107 with PrestaShop's text and the rule)."""
    settings = await RETURN_SETTINGS.read(conn)
    if settings.get("PS_ORDER_RETURN", "0") in ("", "0"):
        why = "merchandise returns are disabled in the shop (PS_ORDER_RETURN)"
    else:
        found = await conn.db.select(
            "SELECT o.delivery_date, os.paid, os.shipped, osl.name FROM {p}orders o LEFT JOIN "
            "{p}order_state os ON os.id_order_state = o.current_state LEFT JOIN "
            "{p}order_state_lang osl ON osl.id_order_state = o.current_state AND osl.id_lang = ?"
            " WHERE o.id_order = ?", [await conn._lang({}), order_id])
        row, days = found[0] if found else {}, int(settings.get("PS_ORDER_RETURN_NB_DAYS") or 0)
        delivered, why = str(row.get("delivery_date") or NO_DATE), None
        if not (row.get("paid") and row.get("shipped")):
            why = f"its state '{row.get('name')}' is not a paid and shipped one"
        elif days and (delivered == NO_DATE or (date.fromisoformat(now_db()[:10])
                                                - date.fromisoformat(delivered[:10])).days > days):
            why = f"it was delivered more than {days} days ago (PS_ORDER_RETURN_NB_DAYS)"
    if why is not None:
        raise ApiError(ReturnCode.PLATFORM_ERROR, f"{NOT_RETURNABLE}: {why}.")


class PsReturns(SqlReturns):
    """The ``order_return`` rows of one call's shop (:class:`~anycart.platforms.kit.returns.ReturnStore`)."""

    platform, table, returns = PLATFORM, RETURN_STATES, RETURNS
    key, status_key = "id_order_return", "state"
    deletes = ("order_return_detail", "order_return")

    async def ordered(self, order_id: str) -> tuple[Mapping[str, float], Mapping[str, float]]:
        """The order's lines (in the call's shop; 112 otherwise) and what its returns
        already take back of each."""
        self.order = await ORDERS.row(self.conn, order_id, {})
        oid = int(self.order["id_order"])
        await check_returnable_order(self.conn, oid)
        return (await line_quantities(self.conn.db, oid),
                await line_quantities(self.conn.db, oid, "order_return"))

    async def create(self, call: Call, lines: list[ReturnLine], status_id: str | None) -> str:
        question = one_value(call, "comment", "order_product_customer_comment",
                             [li.comment for li in lines], PLATFORM)
        now = now_db()
        statements = [insert("order_return", {
            "id_customer": self.order["id_customer"], "id_order": self.order["id_order"],
            # none given: the first open request state, as the storefront makes one
            "state": int(status_id or await self.opening()),
            "question": question[1] if question else "",
            "date_add": now, "date_upd": now})]
        wanted: dict[str, int] = {}
        for li in lines:  # one detail row per order line (its primary key)
            wanted[li.order_product_id] = wanted.get(li.order_product_id, 0) + li.quantity
        statements += [insert("order_return_detail", {
            "id_order_return": InsertId(0), "id_order_detail": int(ident), "id_customization": 0,
            "product_quantity": quantity}) for ident, quantity in wanted.items()]
        written = await self.conn.db.write(statements)
        return str(written[0].insert_id)

    async def update(self, call: Call, status_id: str | None) -> None:
        if status_id is None:
            raise ApiError.nothing_to_update()
        await self.conn.db.write([update("order_return", {"state": int(status_id), "date_upd": now_db()},
                                         "id_order_return = ?", self.row["id_order_return"])])


DECLARED = ReturnMethods(PsReturns, APPLIED)
