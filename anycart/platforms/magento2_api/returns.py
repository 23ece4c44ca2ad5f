"""Magento returns: Adobe Commerce's RMAs (``Magento_Rma``, ``/V1/returns``) on the kit's return
state machine (:mod:`anycart.platforms.kit.returns`). Magento Open Source has no RMA: there the
store must be Adobe Commerce, and a store without the module has no ``/V1/returns`` route
(404 ``Request does not match any route.``), answered 120 (:data:`.client.RMA_ROUTE`).

An RMA is one return of one order: a status and its items, each an order line
(``order_item_id``), ``qty_requested`` and the reason and resolution (the contract's action)
as ids of the RMA item attributes' options. Magento refuses an item of another order and more
than the line's ordered quantity less what the order's other RMAs ask; the kit checks both
first. The statuses are :data:`.mapping.RMA`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart import model as U
from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.kit.checks import unused
from anycart.platforms.kit.fields import integer, text
from anycart.platforms.kit.returns import (
    RecordReturns,
    ReturnLine,
    ReturnMethods,
    ReturnStatuses,
    taken,
)

from .client import RMA_ROUTE
from .mapping import DATES, RMA

Record = dict[str, Any]

APPLIED = {
    "return.status.list": frozenset(),
    "order.return.add": frozenset({"order_products", "return_status_id", "return_reason_id",
                                   "return_action_id", "comment"}),
    # order_products: the contract requires it of every update, so the method refuses it
    "order.return.update": frozenset({"return_status_id", "comment", "order_products"}),
    "order.return.delete": frozenset(),
}
#: The keys of ``order_products`` order.return.add applies (``applied.refuse_nested``).
NESTED = {"order.return.add": {"order_products": dict.fromkeys((
    "order_product_id", "order_product_quantity", "order_product_reason_id",
    "order_product_action_id"))}}


def _item(i: Record, line: Record) -> U.ReturnOrderProduct:
    """An RMA item, named as its order line (``line``) is."""
    return U.ReturnOrderProduct(
        product_id=text(line.get("product_id")), order_product_id=text(i.get("order_item_id")),
        sku=text(line.get("sku")), name=line.get("name"), quantity=integer(i.get("qty_requested")) or 0,
        reason=U.ReturnReason(id=text(i.get("reason"))), action=U.ReturnAction(id=text(i.get("resolution"))),
        condition=text(i.get("condition")), additional_fields={"status": i.get("status")})


def return_(r: Record, ctx: Mapping[str, Any]) -> Record:
    """An RMA, its items named by their order's lines (``ctx["orders"]``, by id)."""
    order = (ctx.get("orders") or {}).get(str(r.get("order_id"))) or {}
    lines = {li.get("item_id"): li for li in order.get("items") or []}
    comments = r.get("comments") or []
    return U.Return(
        id=str(r.get("entity_id")), order_id=text(r.get("order_id")),
        customer_id=text(r.get("customer_id")) if r.get("customer_id") else None,
        created_at=DATES.moment(r.get("date_requested")), store_id=text(r.get("store_id")),
        status=U.ReturnStatus(**RMA.status(r.get("status"))),
        order_products=[_item(i, lines.get(i.get("order_item_id")) or {}) for i in r.get("items") or []],
        comment=text(comments[0].get("comment")) if comments else None,
        additional_fields={k: r[k] for k in ("increment_id", "order_increment_id", "tracks") if k in r},
    ).to_wire()


class RmaStore(RecordReturns):
    """The RMAs of one call's store (:class:`~anycart.platforms.kit.returns.ReturnStore`)."""

    async def statuses(self) -> ReturnStatuses:
        return RMA

    async def ordered(self, order_id: str) -> tuple[Mapping[str, float], Mapping[str, float]]:
        self.order = await self.connector.runner("order").one(order_id)
        rmas = await self.rmas.read({"order_id": self.order["entity_id"]})
        return ({str(li["item_id"]): float(li.get("qty_ordered") or 0)
                 for li in self.order.get("items") or [] if not li.get("parent_item_id")},
                taken(rmas, "items", "order_item_id", "qty_requested"))

    async def found(self, ident: str) -> Record | None:
        # a return id not a number is one no RMA has (Magento's own 404)
        number = ident if str(ident).isdecimal() else "0"
        r = await RMA_ROUTE.request(self.connector.rest, "GET", f"returns/{number}")
        found: Record | None = r.json() if r.status_code == 200 else None
        return found or None

    async def create(self, call: Call, lines: list[ReturnLine], status_id: str | None) -> str:
        o, p = self.order, call.params
        body = {"order_id": o["entity_id"], "order_increment_id": o.get("increment_id"),
                "store_id": o.get("store_id"), "customer_id": o.get("customer_id") or 0,
                "status": status_id or "pending", "items": [{
                    "order_item_id": int(li.order_product_id), "qty_requested": li.quantity,
                    "reason": li.reason_id or text(p.get("return_reason_id")) or "",
                    "resolution": li.action_id or text(p.get("return_action_id")) or "",
                    "status": "pending"} for li in lines],
                "comments": [{"comment": str(p["comment"])}] if p.get("comment") else []}
        return str(await self.rmas.create(body))

    async def update(self, call: Call, status_id: str | None) -> None:
        unused(call.params, "order_products", "Magento", "an RMA's items are the ones it was "
               "requested with (request another RMA for more)")
        comment = call.params.get("comment")
        if status_id is None and not comment:
            raise ApiError(ReturnCode.UPDATE_PARAMS_MISSING,
                           "Nothing to update: give return_status_id or comment.")
        body = {"entity_id": self.rma["entity_id"], "status": status_id or self.rma.get("status"),
                "comments": [{"comment": str(comment)}] if comment else []}
        await self.connector.rest.request("PUT", f"returns/{self.rma['entity_id']}",
                                          json={"rmaDataObject": body})

    async def delete(self, call: Call) -> None:
        await self.current(call)
        await self.connector.rest.request("DELETE", f"returns/{self.rma['entity_id']}")


METHODS = ReturnMethods(RmaStore, APPLIED)
