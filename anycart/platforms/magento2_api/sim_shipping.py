"""A Magento install with the AnyCart module's live rates (:mod:`.shipping`): the module's
REST route over its config rows (:func:`install_module`; without it the route is no route),
and checkout (:func:`checkout_rates`): with ``carriers/anycart/active`` on, the RateRequest is
POSTed to every active service's ``rates_url``, signed with its key, and the methods answered
shown as ``<service id>_<code>``; a failed answer adds none, as the module's PHP does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, cast

import httpx
from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.rates import ask

from .shipping import CARRIER, SIGNATURE, body_signature
from .sim_rest import FACTS, no_such, read_json, reply, required
from .sim_store import MagentoStore, store_of

SERVICES = f"carriers/{CARRIER}/services"
#: ``shipping/origin/*`` of the simulated install (Stores > Configuration > Shipping Settings).
ORIGIN = {"country_id": "US", "region_code": "TX", "region_id": 57, "postcode": "78701",
          "city": "Austin", "street": "100 Congress Ave"}


@dataclass
class Module:
    """The module's core_config_data rows (default scope), values as text as Magento keeps them."""

    config: dict[str, str] = field(default_factory=lambda: {
        f"carriers/{CARRIER}/active": "0", f"carriers/{CARRIER}/title": "Live rates",
        SERVICES: "[]"})

    def services(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = json.loads(self.config[SERVICES])
        return found

    def save(self, services: list[dict[str, Any]]) -> None:
        self.config[SERVICES] = json.dumps(services)
        self.config[f"carriers/{CARRIER}/active"] = "1" if services else "0"


def install_module(store: MagentoStore) -> Module:
    """``bin/magento setup:upgrade`` with the module in app/code: its route and rows, kept
    on the install itself (each simulator's stores their own, nothing module-global)."""
    found = module_of(store)
    if found is None:
        found = store.modules[CARRIER] = Module()
    return found


def module_of(store: MagentoStore) -> Module | None:
    found = store.modules.get(CARRIER)
    return found if isinstance(found, Module) else None


def _module(request: Request) -> Module:
    """The module's rows (a store without it has no route here: the simulator's ``_MODULES``)."""
    return cast(Module, store_of(request).modules[CARRIER])


def _public(s: dict[str, Any]) -> dict[str, Any]:
    """``ServiceInterface``'s getters: the signing key has none."""
    return {k: s[k] for k in ("id", "name", "rates_url", "active")}


def list_services(request: Request) -> Response:
    return reply([_public(s) for s in _module(request).services()])


async def create_service(request: Request) -> Response:
    module = _module(request)
    body = await read_json(request)
    # Magento binds a body key to the argument of its name, camelCase or snake_case
    values = {name: body.get(name, body.get(snake)) for name, snake in (
        ("name", "name"), ("ratesUrl", "rates_url"), ("signingKey", "signing_key"))}
    missing = [k for k, v in values.items() if not isinstance(v, str) or not v]
    if missing:
        raise required(*missing)
    services = module.services()
    made = {"id": max((s["id"] for s in services), default=0) + 1, "name": values["name"],
            "rates_url": values["ratesUrl"], "signing_key": values["signingKey"], "active": True}
    module.save([*services, made])
    return reply(_public(made))


def delete_service(request: Request) -> Response:
    module = _module(request)
    ident = int(request.path_params["id"])
    services = module.services()
    if not any(s["id"] == ident for s in services):
        raise no_such("id", ident)
    module.save([s for s in services if s["id"] != ident])
    return reply(True)


def rate_request(store: MagentoStore, cart: list[tuple[str, float]],
                 destination: dict[str, Any]) -> dict[str, Any]:
    """What the carrier reads of the RateRequest for ``cart`` (sku, qty) shipped to
    ``destination`` (``dest_*`` without the prefix)."""
    items = []
    for sku, qty in cart:
        p = store.product(sku, "default")
        if p is None:
            raise KeyError(sku)
        price = float(p.get("price") or 0)
        items.append({"product_id": p["id"], "sku": p["sku"], "name": p.get("name"), "qty": qty,
                      "price": price, "row_total": round(price * qty, 2), "discount_amount": 0,
                      "tax_amount": 0, "weight": p.get("weight")})
    return {"currency": FACTS["store_config"].get("base_currency_code", "USD"),
            "weight_unit": FACTS["store_config"].get("weight_unit", "lbs"), "store_id": 1,
            "origin": ORIGIN, "destination": destination, "items": items,
            "package_weight": sum(float(i["weight"] or 0) * i["qty"] for i in items),
            "package_value": round(sum(i["row_total"] for i in items), 2),
            "package_value_with_discount": round(sum(i["row_total"] for i in items), 2),
            "package_qty": sum(i["qty"] for i in items)}


async def checkout_rates(store: MagentoStore, client: httpx.AsyncClient,
                         cart: list[tuple[str, float]], destination: dict[str, Any]
                         ) -> list[dict[str, Any]]:
    """The ``anycart`` carrier's rate methods at checkout (none while the carrier is off)."""
    module = module_of(store)
    if module is None or module.config[f"carriers/{CARRIER}/active"] != "1":
        return []
    body = json.dumps(rate_request(store, cart, destination)).encode()
    shown: list[dict[str, Any]] = []
    for service in module.services():
        if not service["active"]:
            continue
        answer = await ask(client, service["rates_url"], body,
                           {SIGNATURE: body_signature(service["signing_key"], body)})
        for m in (answer or {}).get("methods") or []:
            shown.append({**m, "carrier_title": module.config[f"carriers/{CARRIER}/title"],
                          "method": f"{service['id']}_{m['method']}"})
    return shown


__all__ = ["ORIGIN", "Module", "checkout_rates", "create_service", "delete_service",
           "install_module", "list_services", "module_of", "rate_request"]
