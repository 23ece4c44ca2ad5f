"""Shift4Shop RMAs (``/RMA``) on the kit's return state machine (``kit.returns``). An RMA is one
return of one order: one status, reason, method (the contract's action) and comment, and its
items (``RMAItemList``: no link to the order line, so what a line already has returned is
matched by product and SKU). The API lists RMA statuses, reasons and methods nowhere: the
statuses are a new store's (*unconfirmed*) overlaid with those its RMAs carry; the reasons and
methods are those its RMAs carry. A refund is a ``Refund`` transaction of the order
(*unconfirmed*: the type's wording, the amount's sign: positive here).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.kit.fields import text
from anycart.platforms.kit.info import SeenStatuses, seen
from anycart.platforms.kit.returns import (
    RecordReturns,
    ReturnLine,
    ReturnMethods,
    ReturnStatuses,
    from_names,
    taken,
)
from anycart.platforms.kit.returns import lines as read_lines

from .client import PLATFORM

Record = dict[str, Any]

#: A new store's RMA statuses (*unconfirmed*: the admin's list; the docs give none), on the
#: unified return states; a return is read by them (:meth:`RmaStore.statuses` adds the
#: store's own).
RMA_STATUSES = (("1", "Pending"), ("2", "Approved"), ("3", "Closed"), ("4", "Received"),
                ("5", "Declined"), ("6", "Refunded"))
RMA = from_names(PLATFORM, RMA_STATUSES)
#: RMAs read to learn the store's own statuses.
_SEEN = 500

#: What each method applies (the kit's own names aside).
_WRITES = frozenset({"order_products", "return_status_id", "return_reason_id",
                     "return_action_id", "comment"})
APPLIED = {"return.status.list": frozenset(), "order.return.add": _WRITES,
           "order.return.update": _WRITES, "order.return.delete": frozenset()}
#: The keys of ``order_products`` each applies (``applied.refuse_nested``): an RMA item has no
#: comment, condition or status of its own.
NESTED = {
    "order.return.add": {"order_products": dict.fromkeys((
        "order_product_id", "order_product_quantity", "order_product_reason_id",
        "order_product_action_id"))},
    "order.return.update": {"order_products": dict.fromkeys((
        "order_product_id", "order_product_quantity", "order_product_action_id"))},
    "order.refund.add": {"items": dict.fromkeys(("order_product_id", "quantity", "price"))},
}
REFUND = frozenset({"items", "total_price", "shipping_price", "message"})


def _one(call: Call, lines: list[ReturnLine], param: str, of_line: str, what: str) -> int | None:
    """The one id an RMA keeps of a reason or method: the call's ``param``, or its lines'
    ``of_line`` when they agree (109 naming the first line that differs)."""
    given = [(param, text(call.params.get(param)))]
    given += [(f"order_products[{n}][order_product_{of_line}_id]", getattr(li, f"{of_line}_id"))
              for n, li in enumerate(lines)]
    named = [(name, value) for name, value in given if value is not None]
    if not named:
        return None
    first, value = named[0]
    for name, other in named:
        if other != value:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{name}': Shift4Shop keeps one {what} per RMA, and "
                           f"'{other}' differs from '{value}'.")
    if not str(value).isdecimal():
        raise ApiError(ReturnCode.INCORRECT_VALUE,
                       f"Parameter '{first}' must be a Shift4Shop {what} id (a number).")
    return int(str(value))


def _key(line: Mapping[str, Any]) -> tuple[str, str]:
    return text(line.get("CatalogID")) or "", text(line.get("ItemID")) or ""


class RmaStore(RecordReturns):
    """The RMAs of one call's store (:class:`~anycart.platforms.kit.returns.ReturnStore`)."""

    status_key, order_key = "RMAStatusID", "OrderID"

    async def statuses(self) -> ReturnStatuses:
        records = await self.rmas.read({}, 0, _SEEN)
        pairs = dict(RMA_STATUSES) | dict(seen(records, "RMAStatusID", "RMAStatus"))
        return from_names(PLATFORM, pairs.items())

    async def ordered(self, order_id: str) -> tuple[Mapping[str, float], Mapping[str, float]]:
        self.order = await self.connector._order(order_id)
        lines = self.order.get("OrderItemList") or []
        bought = {str(li["ItemIndexID"]): float(li.get("ItemQuantity") or 0) for li in lines}
        rmas = await self.rmas.read({"orderid": self.order["OrderID"]})
        returned = taken(rmas, "RMAItemList", _key, "ItemQuantity")
        return bought, {str(li["ItemIndexID"]): returned.get(_key(li), 0) for li in lines}

    async def found(self, ident: str) -> Record | None:
        found: Record | None = await self.rmas.get(ident)
        return found

    async def of_order(self, rma: Mapping[str, Any], order_id: str) -> bool:
        if await super().of_order(rma, order_id):
            return True
        # the order may be named by its invoice number, as everywhere (112 when unknown)
        named = await self.connector._order(order_id)
        return str(named.get("OrderID")) == str(rma.get("OrderID"))

    @staticmethod
    def _named(call: Call, lines: list[ReturnLine], status_id: str | None) -> Record:
        body: Record = {"RMAStatusID": int(status_id) if status_id else None,
                        "RMAReasonID": _one(call, lines, "return_reason_id", "reason", "reason"),
                        "RMAMethodID": _one(call, lines, "return_action_id", "action", "method"),
                        "RMAComments": call.params.get("comment")}
        return {k: v for k, v in body.items() if v is not None}

    async def create(self, call: Call, lines: list[ReturnLine], status_id: str | None) -> str:
        by_line = {str(li["ItemIndexID"]): li for li in self.order.get("OrderItemList") or []}
        kept = ("CatalogID", "ItemID", "ItemDescription", "ItemUnitPrice")
        items = [{**{k: by_line[li.order_product_id].get(k) for k in kept},
                  "ItemQuantity": li.quantity} for li in lines]
        body = {"OrderID": self.order["OrderID"], **self._named(call, lines, status_id),
                "RMAItemList": items}
        return str(await self.rmas.create(body))

    async def update(self, call: Call, status_id: str | None) -> None:
        """The RMA's named fields, and the quantities of the items ``order_products`` names
        (by ``RMAItemID``, as ``return.info`` answers them; 112 for another)."""
        given = call.params.get("order_products")
        lines = read_lines(given) if given else []
        body = self._named(call, lines, status_id)
        if lines:
            items = {str(i["RMAItemID"]): dict(i) for i in self.rma.get("RMAItemList") or []}
            for li in lines:
                if li.order_product_id not in items:
                    raise ApiError.not_found("Return item", li.order_product_id)
                items[li.order_product_id]["ItemQuantity"] = li.quantity
            body["RMAItemList"] = list(items.values())
        if not body:
            raise ApiError(ReturnCode.UPDATE_PARAMS_MISSING, "Nothing to update: give "
                           "return_status_id, return_reason_id, return_action_id, comment or "
                           "order_products.")
        await self.rmas.update(str(self.rma["RMAID"]), body)

    async def delete(self, call: Call) -> None:
        await self.current(call)
        await self.rmas.delete(str(self.rma["RMAID"]))


#: The return methods of the kit over the store's RMAs, and the reason and method lists its
#: RMAs carry.
METHODS = (ReturnMethods(RmaStore, APPLIED),
           SeenStatuses("return.reason.list", "return_reasons", "return", "RMAReasonID", "RMAReason"),
           SeenStatuses("return.action.list", "return_actions", "return", "RMAMethodID", "RMAMethod"))


def refund(params: Mapping[str, Any], order: Record) -> list[Record]:
    """``order.refund.add``'s ``Refund`` transaction of the order (``kit.collection.Posts``): of
    the amount (``total_price``, else the lines' ``price`` times ``quantity`` and the
    shipping), ``message`` as its response text."""
    return [{"TransactionType": "Refund", "TransactionAmount": _refund_amount(params),
             "TransactionResponseText": params.get("message") or ""}]


def _refund_amount(p: Mapping[str, Any]) -> float:
    if p.get("total_price") not in (None, ""):
        amount = float(p["total_price"])
    else:
        items = p.get("items") or []
        amount = sum(float(i.get("price") or 0) * float(i.get("quantity") or 1)
                     for i in items if isinstance(i, Mapping)) + float(p.get("shipping_price") or 0)
    if amount <= 0:
        raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'total_price': a refund needs an "
                       "amount above zero (total_price, or items with their price).")
    return round(amount, 2)
