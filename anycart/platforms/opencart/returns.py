"""OpenCart returns on the kit's return state machine (:mod:`anycart.platforms.kit.returns`),
written as the admin writes them (``admin/model/sale/return.php`` 3.0.4.1, ``returns.php``
4.0.2.3: the same columns). A ``return`` row is one product of one order (customer, e-mail,
phone and order date copied from the order, product name and model from its line), with a
reason (required by the admin's form), an action (0: none yet) and a status, each a named
row of the merchant's; a status name reads as its unified state. A status change is a
``return_history`` row (``comment``, notify = ``send_notifications``) beside the new status;
any status may follow any other, so only what the unified machine refuses is refused.

OpenCart keeps no refund (no table, total or history kind: the money goes back at the
payment provider), so ``order.refund.add`` is not served (120): writing a return or status
in its name would make a record OpenCart never makes. What a merchant records is served:
``order.return.update`` with the Refunded action, ``order.update`` with the Refunded status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import Nested
from anycart.platforms.base import Call
from anycart.platforms.bridge.listings import Listing
from anycart.platforms.bridge.returns import SqlReturns, one_value
from anycart.platforms.bridge.sqlkit import Statement, insert
from anycart.platforms.bridge.statuses import Statuses
from anycart.platforms.bridge.values import html_stored, html_text, now_db
from anycart.platforms.kit.returns import ReturnLine, ReturnMethods

from . import writes as W
from .entities import ORDERS, RETURNS

PLATFORM = "OpenCart"

#: The named tables a return's reason and action come from, and the methods listing them.
REASONS = Statuses("return_reason", "return_reason_id", "return_reason_id", "return.reason.list",
                   read=html_text, what="return reason")
ACTIONS = Statuses("return_action", "return_action_id", "return_action_id", "return.action.list",
                   read=html_text, what="return action")

#: What each method applies beside the kit's ``order_id``/``return_id``.
APPLIED = {
    "return.status.list": frozenset(),
    "order.return.add": frozenset({"order_products", "return_status_id", "return_reason_id",
                                   "return_action_id", "comment"}),
    "order.return.update": frozenset({"return_status_id", "return_reason_id", "return_action_id",
                                      "comment", "send_notifications"}),
    "order.return.delete": frozenset(),
}
#: ``order_products`` keys a return keeps (one comment column: the customer's).
NESTED: dict[str, dict[str, Nested]] = {"order.return.add": {"order_products": dict.fromkeys((
    "order_product_id", "order_product_quantity", "order_product_reason_id",
    "order_product_action_id", "order_product_customer_comment"))}}


class OcReturns(SqlReturns):
    """The ``oc_return`` rows of one call's store (:class:`~anycart.platforms.kit.returns.ReturnStore`)."""

    platform, table, returns = PLATFORM, W.STATUSES["return_status"], RETURNS
    key, status_key = "return_id", "return_status_id"
    deletes = ("return", "return_history")  # the admin's deleteReturn

    def __init__(self, conn: Any) -> None:
        super().__init__(conn)
        self.products: dict[str, dict[str, Any]] = {}

    async def ordered(self, order_id: str) -> tuple[Mapping[str, float], Mapping[str, float]]:
        """The order's lines; a return names a product and model, not a line, so what its
        returns take back is shared out over the lines of that product in line order."""
        self.order = await ORDERS.row(self.conn, order_id)  # 112 for an abandoned checkout too
        oid = self.order["order_id"]
        lines = await self.conn.db.select(
            "SELECT order_product_id, product_id, name, model, quantity FROM {p}order_product "
            "WHERE order_id = ? ORDER BY order_product_id", [oid])
        self.products = {str(li["order_product_id"]): li for li in lines}
        taken = {(r["product_id"], r["model"]): float(r["n"]) for r in await self.conn.db.select(
            "SELECT product_id, model, SUM(quantity) AS n FROM `{p}return` WHERE order_id = ? "
            "GROUP BY product_id, model", [oid])}
        returned = {}
        for ident, li in self.products.items():
            key = (li["product_id"], li["model"])
            returned[ident] = min(float(li["quantity"]), taken.get(key, 0.0))
            taken[key] = taken.get(key, 0.0) - returned[ident]
        return {i: float(li["quantity"]) for i, li in self.products.items()}, returned

    async def _named(self, table: Statuses, given: tuple[str, Any] | None) -> int | None:
        if given is None:
            return None
        if table is ACTIONS and str(given[1]) == "0":  # the admin's "no action yet"
            return 0
        return await replace(table, param=given[0]).resolve(self.conn.db, given[1], await self.conn._lang())

    async def create(self, call: Call, lines: list[ReturnLine], status_id: str | None) -> str:
        if len(lines) > 1:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           "Parameter 'order_products[1]': an OpenCart return is one product "
                           "of the order; add one return per product.")
        line = lines[0]

        def one(param: str, key: str, value: str | None) -> tuple[str, str] | None:
            return one_value(call, param, key, [value], PLATFORM)

        reason = await self._named(REASONS, one("return_reason_id", "order_product_reason_id",
                                                line.reason_id))
        if reason is None:  # the admin's form: error_reason
            raise ApiError.required("return_reason_id")
        action = await self._named(ACTIONS, one("return_action_id", "order_product_action_id",
                                                line.action_id))
        comment = one("comment", "order_product_customer_comment", line.comment)
        product, order, now = self.products[line.order_product_id], self.order, now_db()
        configured = (await self.conn.cart_settings()).get("config_return_status_id")
        row = {"order_id": order["order_id"], "product_id": product["product_id"],
               "customer_id": order["customer_id"], "firstname": order["firstname"],
               "lastname": order["lastname"], "email": order["email"],
               "telephone": order["telephone"], "product": product["name"],
               "model": product["model"], "quantity": line.quantity, "opened": 0,
               "return_reason_id": reason, "return_action_id": action or 0,
               # none given: the store's own (what the storefront's return form uses)
               "return_status_id": int(status_id or await self.opening(configured)),
               "comment": html_stored(comment[1]) if comment else "",
               "date_ordered": str(order["date_added"])[:10], "date_added": now,
               "date_modified": now}
        written = await self.conn.db.write([insert("return", row)])
        return str(written[0].insert_id)

    async def update(self, call: Call, status_id: str | None) -> None:
        p, rid, now = call.params, self.row["return_id"], now_db()
        sets: dict[str, Any] = {}
        for column, table in (("return_reason_id", REASONS), ("return_action_id", ACTIONS)):
            if p.get(column) not in (None, ""):
                sets[column] = await self._named(table, (column, p[column]))
        comment = p.get("comment")
        history = status_id is not None or comment not in (None, "")
        if not sets and not history:
            raise ApiError.nothing_to_update()
        status = int(status_id) if status_id is not None else int(self.row["return_status_id"])
        sets.update(return_status_id=status, date_modified=now)
        statements = [Statement("UPDATE `{p}return` SET " + ", ".join(f"`{c}` = ?" for c in sets)
                                + " WHERE return_id = ?", [*sets.values(), rid])]
        if history:  # the admin's addHistory (4.0 strips tags from its comment)
            statements.append(insert("return_history", {
                "return_id": rid, "return_status_id": status,
                "notify": int(str(p.get("send_notifications")).lower() in ("1", "true")),
                "comment": html_stored(comment or ""), "date_added": now}))
        await self.conn.db.write(statements)


DECLARED = (ReturnMethods(OcReturns, APPLIED), Listing(REASONS, "return_reasons"),
            Listing(ACTIONS, "return_actions"))
