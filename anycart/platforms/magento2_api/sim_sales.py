"""Orders and their documents: items, addresses, payment, status history, invoices,
shipments with tracks, credit memos. ``order/{id}/invoice``, ``/ship`` and ``/refund`` take
what is still open on the items (``qty_invoiced``, ``qty_shipped``, ``qty_refunded``) and move
the state as Magento does: ``processing``, ``complete`` when invoiced and shipped whole,
``closed`` when everything invoiced is refunded. Every change stamps ``updated_at``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.counted import Counted, Counters
from anycart.sandbox.sublists import At, Sublist, endpoints
from anycart.sandbox.table import Record

from . import sim_rest
from .sim_rest import RECORDS, SERVED, TEXT, MagentoError, Repo, answer, found, read_json, reply
from .sim_store import MagentoStore, store_of

Line = tuple[dict[str, Any], float, dict[str, Any] | None]  # product, qty, its parent
_SHIP_PER_ITEM = 5.0


def place_order(store: MagentoStore, lines: list[Line], customer: dict[str, Any] | None,
                address: dict[str, Any], when: datetime | None = None, store_id: int = 1
                ) -> dict[str, Any]:
    """A placed order (``pending``) of ``lines``, by ``customer`` or a guest."""
    table = store.data.orders
    key = table.next_id
    now = store.stamp(when)
    order = RECORDS["order"].make(entity_id=key, increment_id=f"{store_id}{key:08d}",
                                  created_at=now, updated_at=now, store_id=store_id,
                                  quote_id=key, protect_code=f"{key * 7919:x}")
    who = customer or {"email": f"guest{key}@example.com", "firstname": address["firstname"],
                       "lastname": address["lastname"]}
    order.update(customer_email=who["email"], customer_firstname=who["firstname"],
                 customer_lastname=who["lastname"])
    if customer is not None:
        order.update(customer_id=customer["id"], customer_group_id=customer["group_id"],
                     customer_is_guest=0)
    for product, qty, parent in lines:
        _add_items(store, order, product, qty, parent, now)
    sold = [i for i in order["items"] if i["parent_item_id"] is None]
    subtotal = round(sum(i["row_total"] for i in sold), 2)
    qty_total = sum(i["qty_ordered"] for i in sold)
    shipping = _SHIP_PER_ITEM * qty_total
    total = round(subtotal + shipping, 2)
    for prefix in ("", "base_"):
        order.update({prefix + "subtotal": subtotal, prefix + "subtotal_incl_tax": subtotal,
                      prefix + "shipping_amount": shipping,
                      prefix + "shipping_incl_tax": shipping, prefix + "grand_total": total,
                      prefix + "total_due": total})
    order.update(total_qty_ordered=qty_total, total_item_count=len(sold),
                 weight=sum(i["row_weight"] for i in sold))
    billing = _address(store, order, address, "billing", customer)
    order.update(billing_address=billing, billing_address_id=billing["entity_id"])
    order["payment"] = RECORDS["payment"].make(
        entity_id=key, parent_id=key, amount_ordered=total, base_amount_ordered=total,
        shipping_amount=shipping, base_shipping_amount=shipping)
    shipping_address = _address(store, order, address, "shipping", customer)
    order["extension_attributes"] = {"shipping_assignments": [{"shipping": {
        "address": shipping_address, "method": "flatrate_flatrate",
        "total": {"shipping_amount": shipping, "base_shipping_amount": shipping}},
        "items": order["items"]}]}
    _history(store, order, "", when)
    table[key] = order
    return order


def _add_items(store: MagentoStore, order: dict[str, Any], product: dict[str, Any],
               qty: float, parent: dict[str, Any] | None, now: str) -> None:
    """One line; a configurable's child is sold as the parent's item (priced, the child's
    SKU) with the child's item below it, as a quote converts it."""
    price = float(product["price"])
    rows = [(parent, price, None), (product, 0.0, True)] if parent else [(product, price, None)]
    parent_item: int | None = None
    for item_product, item_price, child in rows:
        item_id = store.next_id("order_item")
        row = round(item_price * qty, 2)
        order["items"].append(RECORDS["order_item"].make(
            item_id=item_id, order_id=order["entity_id"], quote_item_id=item_id,
            store_id=order["store_id"], created_at=now, updated_at=now,
            product_id=item_product["id"], product_type=item_product["type_id"],
            sku=product["sku"], name=product["name"] if child else item_product["name"],
            qty_ordered=qty, price=item_price, base_price=item_price,
            original_price=item_price, base_original_price=item_price,
            price_incl_tax=item_price, base_price_incl_tax=item_price, row_total=row,
            base_row_total=row, row_total_incl_tax=row, base_row_total_incl_tax=row,
            weight=item_product.get("weight", 1), row_weight=item_product.get("weight", 1) * qty,
            parent_item_id=parent_item if child else None))
        parent_item = item_id


def _address(store: MagentoStore, order: dict[str, Any], address: dict[str, Any], kind: str,
             customer: dict[str, Any] | None) -> dict[str, Any]:
    values = {k: v for k, v in address.items() if k in RECORDS["order_address"].fields}
    if isinstance(address.get("region"), dict):  # a customer address: the order keeps text
        values.update(region=address["region"]["region"],
                      region_code=address["region"]["region_code"])
    return RECORDS["order_address"].make(
        values, entity_id=store.next_id("order_address"), parent_id=order["entity_id"],
        address_type=kind, email=order["customer_email"],
        customer_address_id=address.get("id") if customer else None)


def _history(store: MagentoStore, order: dict[str, Any], comment: str,
             when: datetime | None = None) -> None:
    order["status_histories"].insert(0, _note(store, order, comment, when))


def _note(store: MagentoStore, order: dict[str, Any], comment: str,
          when: datetime | None = None, **flags: Any) -> Record:
    """A status history entry of the order's status now."""
    return RECORDS["history"].make(
        entity_id=store.next_id("history"), parent_id=order["entity_id"], comment=comment,
        created_at=store.stamp(when), status=order["status"], **flags)


def _qty(value: Any) -> float:
    """An item's ``qty`` (a float in the service contract; absent or null: none)."""
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        raise sim_rest.invalid("qty", value, "float") from None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


#: what invoices, shipments and credit memos take of an order's items (a configurable's child
#: item counts what its parent does), with the money they show
COUNTERS = Counters({
    "invoice": Counted("qty_invoiced", "qty_ordered", TEXT["no_invoice"],
                       line_money=("row_invoiced",),
                       order_money=("total_invoiced", "base_total_invoiced", "total_paid",
                                    "base_total_paid")),
    "shipment": Counted("qty_shipped", "qty_ordered", TEXT["no_ship"]),
    "creditmemo": Counted("qty_refunded", "qty_invoiced", TEXT["no_refund"],
                          line_money=("amount_refunded", "base_amount_refunded"),
                          order_money=("total_refunded", "base_total_refunded"))},
    lambda text: MagentoError(400, text), "order_item_id", "qty", line_id="item_id",
    follows="parent_item_id", read_ref=_int,
    read_units=_qty)


def document(store: MagentoStore, kind: str, order: dict[str, Any],
             wanted: list[Any] | None = None, when: datetime | None = None,
             tracks: Sequence[dict[str, Any]] = (), arguments: dict[str, Any] | None = None
             ) -> dict[str, Any]:
    """An invoice, shipment or credit memo of ``wanted`` items (all that is open by
    default), with what it changes on the order's items, totals and state."""
    closed = order["state"] in ("closed", "canceled")
    items = COUNTERS.take([] if closed else order["items"], kind, wanted)
    doc = _document(store, kind, order, items, when, arguments or {})
    COUNTERS.count(order, order["items"], kind, items, doc.get("grand_total", 0.0))
    if kind == "invoice":
        order["total_due"] = order["base_total_due"] = round(
            order["grand_total"] - order["total_paid"], 2)
    elif kind == "shipment":
        doc["customer_id"] = order["customer_id"]
        doc["tracks"] = [_track(store, doc, t, when) for t in tracks]
    _settle(store, order, when)
    return doc


def _document(store: MagentoStore, kind: str, order: dict[str, Any],
              items: list[tuple[dict[str, Any], float]], when: datetime | None,
              arguments: dict[str, Any]) -> dict[str, Any]:
    table = getattr(store.data, kind + "s")
    key = table.next_id
    now = store.stamp(when)
    doc = RECORDS[kind].make(entity_id=key, order_id=order["entity_id"],
                             increment_id=f"{order['store_id']}{key:08d}", created_at=now,
                             updated_at=now, store_id=order["store_id"],
                             billing_address_id=order["billing_address_id"],
                             shipping_address_id=order["billing_address_id"])
    fields = RECORDS[kind + "_item"].fields
    for item, qty in items:
        row = round(item["price"] * qty, 2)
        doc["items"].append(RECORDS[kind + "_item"].make(
            {k: v for k, v in {"base_price": item["price"], "base_row_total": row,
                               "base_cost": 0}.items() if k in fields},
            entity_id=store.next_id(kind + "_item"), parent_id=key,
            order_item_id=item["item_id"], product_id=item["product_id"], sku=item["sku"],
            name=item["name"], qty=qty, price=item["price"], row_total=row))
    if "grand_total" in doc:
        subtotal = round(sum(i["row_total"] for i in doc["items"]), 2)
        shipping = float(arguments.get("shipping_amount", _SHIP_PER_ITEM * sum(
            i["qty"] for i in doc["items"])))
        plus, minus = (float(arguments.get(k) or 0) for k in ("adjustment_positive",
                                                              "adjustment_negative"))
        if "adjustment" in doc:
            doc.update(adjustment=plus - minus, adjustment_positive=plus,
                       adjustment_negative=minus)
        for prefix in ("", "base_"):
            doc.update({prefix + "subtotal": subtotal, prefix + "shipping_amount": shipping,
                        prefix + "grand_total": round(subtotal + shipping + plus - minus, 2)})
    if "total_qty" in doc:
        doc["total_qty"] = sum(i["qty"] for i in doc["items"])
    table[key] = doc
    return doc


def _settle(store: MagentoStore, order: dict[str, Any], when: datetime | None) -> None:
    items = order["items"]
    invoiced, shipped = (not COUNTERS.open(items, kind) for kind in ("invoice", "shipment"))
    refunded = order["total_refunded"] > 0 and invoiced and not COUNTERS.open(items,
                                                                              "creditmemo")
    state = ("closed" if refunded else "complete" if invoiced and shipped else "processing")
    order["state"] = order["status"] = state
    store.touch(store.data.orders, order, when)


def _track(store: MagentoStore, shipment: dict[str, Any], body: dict[str, Any],
           when: datetime | None) -> dict[str, Any]:
    now = store.stamp(when)
    return RECORDS["track"].make(
        {k: body[k] for k in ("track_number", "title", "carrier_code", "description",
                              "weight", "qty") if body.get(k) is not None},
        entity_id=store.next_id("track"), parent_id=shipment["entity_id"],
        order_id=shipment["order_id"], created_at=now, updated_at=now)


# -- endpoints --------------------------------------------------------------------------------
#: an order and its documents, read by id (an unknown id: ``NoSuchEntityException``'s text)
REPOS = {kind: Repo(kind + "s", kind) for kind in ("order", "invoice", "shipment", "creditmemo")}
repo = SERVED.endpoints(REPOS)


def _order(request: Request) -> dict[str, Any]:
    return SERVED.find(store_of(request), REPOS["order"], request.path_params["id"])


def list_order_items(request: Request) -> Response:
    table = store_of(request).data.orders
    return answer(request, (i for k in table.sorted_keys() for i in table.peek(k)["items"]))


def _comment(at: At, given: dict[str, Any]) -> Record:
    """``statusHistory``: a comment, the order's new status when given (the comment has it)."""
    if given.get("status"):
        at.parent["status"] = str(given["status"])
    return _note(at.store, at.parent, str(given.get("comment") or ""),
                 is_customer_notified=int(given.get("is_customer_notified") or 0),
                 is_visible_on_front=int(given.get("is_visible_on_front") or 0))


#: an order's status history, newest first; a comment added answers ``true``
LISTS = {"comments": Sublist(lambda request, store, op: _order(request), "status_histories",
                             listed=found("parent_id", "entity_id"), wrap="statusHistory",
                             make=_comment, first=True,
                             changed=lambda at: at.store.touch(at.store.data.orders, at.parent))}
lists = endpoints(LISTS, sim_rest.DIALECT)


def post_state(action: str) -> Callable[[Request], Response]:
    """``orders/{id}/cancel``, ``/hold``, ``/unhold``: ``true`` when the order allows it,
    ``false`` when not (``OrderManagement`` answers a boolean, not an error). Only an order
    nothing was invoiced or shipped of can be canceled; a held order keeps the state it had
    to go back to on unhold."""
    def endpoint(request: Request) -> Response:
        store, order = store_of(request), _order(request)
        state = order["state"]
        touched = COUNTERS.touched(order["items"], "invoice", "shipment")
        if action == "canceled" and state in ("new", "holded") and not touched:
            for item in order["items"]:
                item["qty_canceled"] = item["qty_ordered"]
            order["state"] = order["status"] = "canceled"
        elif action == "holded" and state in ("new", "processing"):
            order.update(hold_before_state=state, hold_before_status=order["status"],
                         state="holded", status="holded")
        elif action == "unhold" and state == "holded":
            order["state"] = order.pop("hold_before_state")
            order["status"] = order.pop("hold_before_status")
        else:
            return reply(False)
        _history(store, order, "")
        store.touch(store.data.orders, order)
        return reply(True)
    return endpoint


def post_document(kind: str) -> Callable[[Request], Awaitable[Response]]:
    """``order/{id}/invoice``, ``/ship``, ``/refund``: ``items`` (``[{order_item_id, qty}]``,
    all that is open when absent), ``tracks`` of a shipment, ``arguments`` of a refund
    (``shipping_amount``, ``adjustment_positive``, ``adjustment_negative``); the new
    document's id."""
    async def endpoint(request: Request) -> Response:
        body = await read_json(request)
        wanted = body.get("items") if isinstance(body.get("items"), list) else None
        tracks = [t for t in body.get("tracks") or () if isinstance(t, dict)]
        args = body.get("arguments") if isinstance(body.get("arguments"), dict) else None
        made = document(store_of(request), kind, _order(request), wanted or None,
                        tracks=tracks, arguments=args)
        return reply(made["entity_id"])
    return endpoint


async def post_track(request: Request) -> Response:
    store = store_of(request)
    body = (await read_json(request, "entity"))["entity"]
    shipments = store.data.shipments
    key = body.get("parent_id")
    if not isinstance(key, int) or key not in shipments:
        raise MagentoError(404, TEXT["no_shipment"])
    shipment = shipments[key]
    track = _track(store, shipment, body, None)
    shipment["tracks"].append(track)
    store.touch(store.data.shipments, shipment)
    store.touch(store.data.orders, store.data.orders[shipment["order_id"]])
    return reply(track)
