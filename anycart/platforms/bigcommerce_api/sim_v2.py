"""BigCommerce's v2 Orders API: orders with their products, shipping addresses and shipments,
and order statuses. Bare JSON answers, an empty list page is a 204, RFC 2822 dates, money as
4-decimal strings, errors ``[{"status", "message"}]`` with BigCommerce's texts; a shipment
moves its order to (Partially) Shipped, a DELETE archives the order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from anycart.sandbox.counted import Counted, Counters
from anycart.sandbox.errors import SimError
from anycart.sandbox.params import Reader
from anycart.sandbox.resources import Resource
from anycart.sandbox.served import Hit
from anycart.sandbox.table import Record
from anycart.sandbox.values import cents, from_cents

from .sim_store import FACTS, RECORDS, V2_DATE, BigCommerceStore
from .sim_v3 import Res, Served, reply, select

MAX_LIMIT = 250
STATUSES: dict[int, tuple[str, str]] = {n: (name, text) for n, name, text in
                                        FACTS["order_statuses"]}
SHIPPED, PARTLY_SHIPPED, PENDING = 2, 3, 1
_V2: dict[str, list[str]] = FACTS["v2_orders"]
_ADDRESS, _SHIPMENT_TEXTS = _V2["address_fields"], _V2["shipment_texts"]
_WRITABLE = frozenset(_V2["writable"])
#: an order's lines and addresses are written when it is made; a PUT changing them is not
#: simulated, so it is refused rather than ignored
_LINES = frozenset(_V2["written_with_the_order"])
#: what a shipment takes of an order's lines (``items: [{order_product_id, quantity}]``,
#: whole units), refused naming the entry; the order counts the units shipped
COUNTERS = Counters({"shipment": Counted(
    "quantity_shipped", "quantity", "The field 'items[{n}]' is invalid.",
    nothing="The field 'items' is invalid.", order_count="items_shipped")},
    lambda text: V2Error(400, text), "order_product_id", "quantity",
    read_units=lambda value: value if isinstance(value, int) else None)


class V2Error(SimError):
    def __init__(self, status: int, message: str | None = None) -> None:
        super().__init__(status, [{"status": status, "message": message or FACTS[
            "v2_messages"].get(str(status), "")}])


def render_error(err: SimError) -> Response:
    body = err.body if err.body is not None else V2Error(err.status).body
    return reply(body, err.status, err.headers)


def money(value: int) -> str:
    return from_cents(value) + "00"


def _page(params: Mapping[str, str], rows: list[Record]) -> Response:
    page = _READ.integer(params, "page", 1)
    limit = min(MAX_LIMIT, _READ.integer(params, "limit", 50))
    shown = rows[(page - 1) * limit: page * limit]
    return reply(shown) if shown else reply(None, 204)


def _bad(name: str) -> V2Error:
    return V2Error(400, f"The field '{name}' is invalid.")


#: v2 says no more than which field is invalid
_READ = Reader(lambda bad: _bad(bad.param))


# -- orders ---------------------------------------------------------------------------------
_ORDERS = Res.declared("orders")


def _selected(store: BigCommerceStore, params: Mapping[str, str]) -> list[Record]:
    """Archived orders only with ``is_deleted=true``."""
    return select(store, _ORDERS, {"is_deleted": "false", **params}, fail=_bad)


def _address(given: Any, name: str) -> Record:
    if not isinstance(given, dict):
        raise V2Error(400, f"The required field '{name}' was not supplied.")
    if name == "billing_address" and not given.get("zip"):  # the one it requires
        raise V2Error(400, "The required field 'billing_address.zip' was not supplied.")
    return {k: str(given[k]) for k in _ADDRESS if k in given}


def create_order(store: BigCommerceStore, body: Any, when: datetime | None = None) -> Record:
    """An order made as ``POST /orders`` makes it (seeding uses this too)."""
    body = _object(body)
    for name in ("billing_address", "products"):
        if not body.get(name):
            raise V2Error(400, f"The required field '{name}' was not supplied.")
    read_only(body)
    stamp = (when or store.now()).astimezone(UTC).strftime(V2_DATE)
    status = int(body.get("status_id", PENDING))
    if status not in STATUSES:
        raise V2Error(400, "The field 'status_id' is invalid.")
    oid = store.data.orders.next_id
    billing = _address(body["billing_address"], "billing_address")
    lines = [_line(store, oid, n, item) for n, item in enumerate(body["products"])]
    subtotal = sum(cents(line["total_inc_tax"]) for line in lines)
    shipping = cents(str(body.get("shipping_cost_inc_tax", "0")))
    order = store.make("orders", "order", {
        "customer_id": int(body.get("customer_id", 0)), "date_created": stamp,
        "date_modified": stamp, "status_id": status, "status": STATUSES[status][0],
        "custom_status": STATUSES[status][0],
        "billing_address": {**RECORDS["order"].fields["billing_address"], **billing},
        "subtotal_ex_tax": money(subtotal), "subtotal_inc_tax": money(subtotal),
        "shipping_cost_ex_tax": money(shipping), "shipping_cost_inc_tax": money(shipping),
        "base_shipping_cost": money(shipping),
        "total_ex_tax": money(subtotal + shipping), "total_inc_tax": money(subtotal + shipping),
        "items_total": sum(line["quantity"] for line in lines),
        **{k: body[k] for k in ("staff_notes", "customer_message", "payment_method",
                                "external_order_id", "channel_id", "customer_locale")
           if k in body}})
    base = f"https://api.bigcommerce.com/stores/{store.hash}/v2/orders/{oid}"
    for name in ("products", "shipping_addresses", "coupons", "fees"):
        order[name] = {"url": f"{base}/{name}", "resource": f"/orders/{oid}/{name}"}
    given = body.get("shipping_addresses") or [body["billing_address"]]
    first = store.data.order_addresses.next_id
    for item in given:
        address = store.make("order_addresses", "order_address", {
            **_address(item, "shipping_addresses"), "order_id": oid,
            "items_total": order["items_total"], "shipping_method": str(
                item.get("shipping_method", "Flat Rate"))})
        address["shipping_quotes"] = {
            "url": f"{base}/shipping_addresses/{address['id']}/shipping_quotes",
            "resource": f"/orders/{oid}/shipping_addresses/{address['id']}/shipping_quotes"}
    for line in lines:
        line["order_address_id"] = first
        store.put("order_products", line)
    order["shipping_address_count"] = len(given)
    store.fire("store/order/created", "order", oid)
    return order


def read_only(body: Mapping[str, Any], writable: Collection[str] = _WRITABLE,
              names: Iterable[str] | None = None) -> None:
    """The 400 of the first of ``names`` (default: every key) that is not ``writable``."""
    for name in body if names is None else names:
        if name in body and name not in writable:
            raise V2Error(400, f"The field '{name}' cannot be written to. Please remove it "
                               "from your request before trying again.")


def _line(store: BigCommerceStore, oid: int, n: int, item: Any) -> Record:
    if not isinstance(item, dict) or not isinstance(item.get("quantity"), int) \
            or item["quantity"] < 1:
        raise V2Error(400, f"The field 'products[{n}].quantity' is invalid.")
    if "product_id" in item:
        product = store.data.products.get(item["product_id"])
        if product is None:
            raise V2Error(400, f"The field 'products[{n}].product_id' is invalid.")
        name, sku, price = product["name"], product["sku"], product["calculated_price"]
        item = {"variant_id": product["base_variant_id"], **item}
    elif "name" in item:
        name, sku = str(item["name"]), str(item.get("sku", ""))
        price = item.get("price_ex_tax", 0)
    else:
        raise V2Error(400, f"The required field 'products[{n}].product_id' was not supplied.")
    try:
        each = round(float(item.get("price_inc_tax", price)) * 100)
    except (TypeError, ValueError):
        raise _bad(f"products[{n}].price_inc_tax") from None
    total = money(each * item["quantity"])
    return RECORDS["order_product"].make({
        "id": store.data.order_products.next_id + n, "order_id": oid,
        "product_id": int(item.get("product_id", 0)), "variant_id": int(item.get("variant_id", 0)),
        "name": name, "name_customer": name, "name_merchant": name, "sku": sku,
        "quantity": item["quantity"], "base_price": money(each), "price_ex_tax": money(each),
        "price_inc_tax": money(each), "base_total": total, "total_ex_tax": total,
        "total_inc_tax": total})


class _Served(Served):
    """v2's 404 and its 400 for a body that does not parse."""

    def missing(self, res: Res, parent: bool) -> SimError:
        return V2Error(404)

    def unreadable(self) -> SimError:
        return V2Error(400, "The request body is not valid JSON.")


SERVED = _Served()
_Hit = Hit[BigCommerceStore, Res]


def _of_order(table: str) -> Res:
    """An order's lines, shipping addresses or shipments."""
    return Res(table, "", "", table, ("orders", "order_id"), v2=True)


async def _listed(hit: _Hit) -> Response:
    return _page(hit.params, hit.store.owned(hit.res.table, hit.parent))


async def _one(hit: _Hit) -> Response:
    return reply(hit.found)


async def _orders(hit: _Hit) -> Response:
    if hit.request.method == "POST":
        return reply(create_order(hit.store, await hit.body()))
    return _page(hit.params, _selected(hit.store, hit.params))


async def _count(hit: _Hit) -> Response:
    rows = _selected(hit.store, hit.params)
    return reply({"count": len(rows), "statuses": [
        {**status_record(n), "count": sum(1 for r in rows if r["status_id"] == n),
         "sort_order": n} for n in STATUSES]})


def status_record(n: int) -> Record:
    name, text = STATUSES[n]
    return {"id": n, "name": name, "system_label": name, "custom_label": name,
            "system_description": text}


async def _order(hit: _Hit) -> Response:
    store, record = hit.store, hit.found
    if hit.request.method == "GET":
        return reply(record)
    if hit.request.method == "DELETE":
        record.update(is_deleted=True, date_modified=store.stamp(V2_DATE))
        store.data.orders.changed()
        store.fire("store/order/archived", "order", record["id"])
        return reply(None, 204)
    body = _object(await hit.body())
    read_only(body, _WRITABLE - _LINES)
    before = record["status_id"]
    record.update({k: str(body[k]) for k in ("staff_notes", "customer_message", "payment_method",
                                             "external_order_id") if k in body})
    if "billing_address" in body:
        record["billing_address"].update(_address(body["billing_address"], "billing_address"))
    if "status_id" in body:
        set_status(record, body["status_id"])
    record["date_modified"] = store.stamp(V2_DATE)
    store.data.orders.changed()
    store.fire("store/order/updated", "order", record["id"])
    if record["status_id"] != before:
        moved(store, record, before)
    return reply(record)


def _object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise V2Error(400, "The request body is not a JSON object.")
    return body


def moved(store: BigCommerceStore, order: Record, before: int) -> None:
    store.fire("store/order/statusUpdated", "order", order["id"], status={
        "previous_status_id": before, "new_status_id": order["status_id"]})


def set_status(record: Record, status: Any) -> None:
    if status not in STATUSES:
        raise V2Error(400, "The field 'status_id' is invalid.")
    record.update(status_id=status, status=STATUSES[status][0],
                  custom_status=STATUSES[status][0])


async def _shipments(hit: _Hit) -> Response:
    """POST ships some lines; DELETE takes every shipment of the order (announcing none)."""
    if hit.request.method == "POST":
        order = hit.store.data.orders[hit.parent]
        return reply(ship(hit.store, order, await hit.body()), 201)
    for record in hit.store.owned("shipments", hit.parent):
        del hit.store.data.shipments[record["id"]]
    return reply(None, 204)


def ship(store: BigCommerceStore, order: Record, body: Any) -> Record:
    """A shipment of some of an order's lines; the order moves to (Partially) Shipped."""
    body = _object(body)
    for name in ("order_address_id", "items"):
        if name not in body:
            raise V2Error(400, f"The required field '{name}' was not supplied.")
    address = store.data.order_addresses.get(body["order_address_id"])
    if address is None or address["order_id"] != order["id"]:
        raise V2Error(400, "The field 'order_address_id' is invalid.")
    items = body["items"]
    lines = store.data.order_products
    taken = [(lines[line["id"]], units) for line, units in COUNTERS.take(
        store.owned("order_products", order["id"]), "shipment",
        items if isinstance(items, list) else [])]  # the stored lines, to count on
    COUNTERS.count(order, store.owned("order_products", order["id"]), "shipment", taken)
    lines.changed()
    shipment = store.make("shipments", "shipment", {
        "order_id": order["id"], "customer_id": order["customer_id"],
        "order_address_id": address["id"], "date_created": store.stamp(V2_DATE),
        "items": [{"order_product_id": i["order_product_id"], "product_id": lines.peek(
            i["order_product_id"])["product_id"], "quantity": i["quantity"]} for i in items],
        "billing_address": {k: order["billing_address"].get(k, "")
                            for k in RECORDS["shipment"].fields["billing_address"]},
        "shipping_address": {k: address.get(k, "")
                             for k in RECORDS["shipment"].fields["shipping_address"]},
        **{k: str(body[k]) for k in _SHIPMENT_TEXTS if k in body}})
    before = order["status_id"]
    set_status(order, SHIPPED if order["items_shipped"] >= order["items_total"]
               else PARTLY_SHIPPED)
    order["date_shipped"] = order["date_modified"] = store.stamp(V2_DATE)
    store.data.orders.changed()
    store.fire("store/shipment/created", "shipment", shipment["id"], orderId=order["id"])
    if order["status_id"] != before:
        moved(store, order, before)
    return shipment


async def _shipment(hit: _Hit) -> Response:
    store, record, key = hit.store, hit.found, hit.found["id"]
    if hit.request.method == "DELETE":
        del store.data.shipments[key]
        store.fire("store/shipment/deleted", "shipment", key, orderId=hit.parent)
        return reply(None, 204)
    if hit.request.method == "PUT":
        body = _object(await hit.body())
        record.update({k: str(body[k]) for k in _SHIPMENT_TEXTS if k in body})
        store.data.shipments.changed()
        store.fire("store/shipment/updated", "shipment", key, orderId=hit.parent)
    return reply(record)


async def _count_shipments(hit: _Hit) -> Response:
    return reply({"count": len(hit.store.owned("shipments", hit.parent))})


def statuses(request: Request) -> Response:
    key = request.path_params.get("key")
    if key is None:
        return reply([status_record(n) for n in STATUSES])
    if key not in STATUSES:
        raise V2Error(404)
    return reply(status_record(key))


_AT, _GET = "/orders/{order_id:int}", {"GET": _listed}
ROUTES: list[BaseRoute] = [
    *SERVED.routes(_ORDERS, "/orders", {"GET": _orders, "POST": _orders},
                   dict.fromkeys(("GET", "PUT", "DELETE"), _order),
                   extra=(("/count", {"GET": _count}),)),
    *SERVED.routes(_of_order("order_products"), _AT + "/products", _GET, {"GET": _one}),
    *SERVED.routes(_of_order("order_addresses"), _AT + "/shipping_addresses", _GET,
                   {"GET": _one}),
    *SERVED.routes(_of_order("shipments"), _AT + "/shipments",
                   {**_GET, "POST": _shipments, "DELETE": _shipments},
                   dict.fromkeys(("GET", "PUT", "DELETE"), _shipment),
                   extra=(("/count", {"GET": _count_shipments}),)),
    *Resource("/order_statuses", {"GET": statuses}, item={"GET": statuses},
              id="{key:int}").routes(),
]
