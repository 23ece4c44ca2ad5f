"""BigCommerce's v2 Coupons API (``/v2/coupons``): legacy coupon codes, each its own discount
(a ``type`` saying how ``amount`` reads, an ``applies_to`` of products or categories, an
optional RFC 2822 ``expires``, usage limits). ``name`` and ``code`` are unique (409); a
read-only field written is a 400; lists page and answer errors like the rest of v2.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from anycart.sandbox.table import Record

from .sim_store import V2_DATE, BigCommerceStore
from .sim_v2 import SERVED, V2Error, _bad, _Hit, _object, _page, read_only
from .sim_v3 import Res, reply

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
    body = _object(body)
    read_only(body, WRITABLE, ("id", "num_uses", "date_created"))  # refused, never ignored
    given = {k: body[k] for k in WRITABLE if k in body}
    if given.get("type", TYPES[0]) not in TYPES:
        raise _bad("type")
    if "amount" in given:
        given["amount"] = f"{_parsed(given, 'amount', float):.4f}"
    applies = given.get("applies_to", {"entity": "products", "ids": []})
    if (not isinstance(applies, dict) or applies.get("entity") not in ENTITIES
            or not isinstance(applies.get("ids"), list)):
        raise _bad("applies_to")
    if given.get("expires"):
        _parsed(given, "expires", lambda v: parsedate_to_datetime(str(v)))
    for unique in ("code", "name"):  # BigCommerce: "Coupon with this code already exists"
        taken = [r for r in store.data.coupons.where(**{unique: given.get(unique)})
                 if r["id"] != key] if unique in given else []
        if taken:
            raise V2Error(409, f"The field '{unique}' must be unique; a coupon with the {unique} "
                               f"'{given[unique]}' already exists.")
    return given


def _parsed(given: Record, name: str, parse: Callable[[Any], Any]) -> Any:
    try:
        return parse(given[name])
    except (TypeError, ValueError):
        raise _bad(name) from None


def _listed(store: BigCommerceStore, params: Mapping[str, str]) -> list[Record]:
    given = {name: params[name] for name in ("id", "code", "name", "type") if name in params}
    table = store.data.coupons
    rows = table.where(**given) if given else [table.peek(k) for k in table.sorted_keys()]
    for name, sign in (("min_id", 1), ("max_id", -1)):  # both bounds included
        if name in params:
            if not params[name].isdecimal():
                raise _bad(name)
            rows = [r for r in rows if sign * (r["id"] - int(params[name])) >= 0]
    return rows


async def _coupons(hit: _Hit) -> Response:
    if hit.request.method == "GET":
        return _page(hit.params, _listed(hit.store, hit.params))
    given = _checked(hit.store, await hit.body(), None)
    missing = [k for k in REQUIRED if k not in given]
    if missing:
        raise V2Error(400, f"The required field '{missing[0]}' was not supplied.")
    table = hit.store.data.coupons
    key = table.next_id
    table[key] = {"id": key, **DEFAULTS, **given,
                  "date_created": hit.store.now().strftime(V2_DATE)}
    return reply(table.peek(key), 201)


async def _count(hit: _Hit) -> Response:
    return reply({"count": len(_listed(hit.store, hit.params))})


async def _coupon(hit: _Hit) -> Response:
    table, key = hit.store.data.coupons, hit.found["id"]
    if hit.request.method == "DELETE":
        del table[key]
        return reply(None, 204)
    if hit.request.method == "PUT":
        table[key] = {**table.peek(key), **_checked(hit.store, await hit.body(), key)}
    return reply(table.peek(key))


ROUTES: list[Route] = SERVED.routes(
    Res("coupons", "/coupons", "", "coupons", v2=True), "/coupons",
    {"GET": _coupons, "POST": _coupons}, dict.fromkeys(("GET", "PUT", "DELETE"), _coupon),
    extra=(("/count", {"GET": _count}),))
