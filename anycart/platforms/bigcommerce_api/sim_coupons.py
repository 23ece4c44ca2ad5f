"""BigCommerce's v2 Coupons API (``/v2/coupons``): legacy coupon codes, each its own discount.
A coupon has a ``type`` (how ``amount`` reads), an ``applies_to`` of products or categories
(required on POST), an optional ``expires`` date in RFC 2822, and usage limits. ``name`` and
``code`` are unique in the store: a second is a 409; a read-only field written is a 400.
Lists page by ``page``/``limit`` and filter by ``id``, ``code``, ``name``, ``type``,
``min_id``/``max_id``; an empty page is a 204, an unknown id a 404,
errors ``[{"status", "message"}]`` like the rest of v2.
"""

from __future__ import annotations

from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from anycart.sandbox.resources import Resource, route
from anycart.sandbox.table import Record
from anycart.sandbox.tenants import tenant_of

from .sim_store import V2_DATE, BigCommerceStore
from .sim_v2 import V2Error, _bad, _json, _page
from .sim_v3 import reply

#: ``type``'s values, as the coupons docs list them
TYPES = ("per_item_discount", "percentage_discount", "per_total_discount", "shipping_discount",
         "free_shipping", "promotion")
ENTITIES = ("products", "categories")
REQUIRED = ("name", "code", "type", "amount", "applies_to")
#: what a POST or PUT may set (``id``, ``num_uses``, ``date_created`` are read-only)
WRITABLE = ("name", "code", "type", "amount", "min_purchase", "expires", "enabled", "applies_to",
            "max_uses", "max_uses_per_customer", "restricted_to", "shipping_methods")
DEFAULTS: Record = {"min_purchase": "0.0000", "expires": "", "enabled": True, "max_uses": 0,
                    "max_uses_per_customer": 0, "restricted_to": [], "shipping_methods": None,
                    "num_uses": 0}


def _checked(store: BigCommerceStore, body: Any, key: int | None) -> Record:
    """The writable keys of ``body``, each as BigCommerce would keep it (or a 400/409)."""
    if not isinstance(body, dict):
        raise V2Error(400, "The request body is not a JSON object.")
    for name in ("id", "num_uses", "date_created"):  # read-only: v2 refuses, never ignores
        if name in body:
            raise V2Error(400, f"The field '{name}' cannot be written to. Please remove it "
                               "from your request before trying again.")
    given = {k: body[k] for k in WRITABLE if k in body}
    if given.get("type", TYPES[0]) not in TYPES:
        raise _bad("type")
    if "amount" in given:
        try:
            given["amount"] = f"{float(given['amount']):.4f}"
        except (TypeError, ValueError):
            raise _bad("amount") from None
    applies = given.get("applies_to", {"entity": "products", "ids": []})
    if (not isinstance(applies, dict) or applies.get("entity") not in ENTITIES
            or not isinstance(applies.get("ids"), list)):
        raise _bad("applies_to")
    if given.get("expires"):
        try:
            parsedate_to_datetime(str(given["expires"]))
        except (TypeError, ValueError):
            raise _bad("expires") from None
    for unique in ("code", "name"):  # BigCommerce: "Coupon with this code already exists"
        taken = [r for r in store.data.coupons.where(**{unique: given.get(unique)})
                 if r["id"] != key] if unique in given else []
        if taken:
            raise V2Error(409, f"The field '{unique}' must be unique; a coupon with the {unique} "
                               f"'{given[unique]}' already exists.")
    return given


def _coupons(store: BigCommerceStore, params: Mapping[str, str]) -> list[Record]:
    rows = [store.data.coupons.peek(k) for k in store.data.coupons.sorted_keys()]
    for name in ("id", "code", "name", "type"):
        if name in params:
            rows = [r for r in rows if str(r[name]) == params[name]]
    for name, sign in (("min_id", 1), ("max_id", -1)):  # both bounds included
        if name in params:
            if not params[name].isdecimal():
                raise _bad(name)
            rows = [r for r in rows if sign * (r["id"] - int(params[name])) >= 0]
    return rows


async def coupons(request: Request) -> Response:
    store: BigCommerceStore = tenant_of(request)
    if request.method == "GET":
        return _page(request.query_params, _coupons(store, request.query_params))
    given = _checked(store, await _json(request), None)
    missing = [k for k in REQUIRED if k not in given]
    if missing:
        raise V2Error(400, f"The required field '{missing[0]}' was not supplied.")
    table = store.data.coupons
    key = table.next_id
    table[key] = {"id": key, **DEFAULTS, **given,
                  "date_created": store.now().strftime(V2_DATE)}
    return reply(table.peek(key), 201)


def count(request: Request) -> Response:
    store: BigCommerceStore = tenant_of(request)
    return reply({"count": len(_coupons(store, request.query_params))})


async def coupon(request: Request) -> Response:
    store: BigCommerceStore = tenant_of(request)
    key = request.path_params["key"]
    if key not in store.data.coupons:
        raise V2Error(404)
    if request.method == "DELETE":
        del store.data.coupons[key]
        return reply(None, 204)
    if request.method == "PUT":
        store.data.coupons[key] = {**store.data.coupons.peek(key),
                                   **_checked(store, await _json(request), key)}
    return reply(store.data.coupons.peek(key))


ROUTES: list[BaseRoute] = [
    route("/coupons/count", {"GET": count}),
    *Resource("/coupons", {"GET": coupons, "POST": coupons},
              item={"GET": coupon, "PUT": coupon, "DELETE": coupon}, id="{key:int}").routes(),
]
