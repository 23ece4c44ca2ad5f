"""``basket.live_shipping_service.create/list/delete`` on Magento 2: a service is one entry of
the AnyCart module's ``carriers/anycart/services`` (:mod:`.shipping`), through the module's
route ``/V1/anycart/shipping-services`` (GET the list without signing keys, POST ``{name,
ratesUrl, signingKey}``, DELETE ``/:id``). A store without the module has no such route (404):
create says to install it rather than passing Magento's bare 404 on.
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.kit.fields import int_id
from anycart.platforms.kit.local import paged
from anycart.platforms.kit.module_routes import ModuleRoute
from anycart.shipping.service_methods import StoreServices, not_found
from anycart.shipping.store_requests import signing_key

from .shipping import CARRIER, CREDENTIAL

Record = dict[str, Any]
PATH = "anycart/shipping-services"
#: The module's route: a store without the module has none (109 saying to install it).
MODULE = ModuleRoute(ReturnCode.INCORRECT_VALUE, "The store has no AnyCart live rates carrier: "
                     "install the AnyCart module (anycart plugin build magento2; bin/magento "
                     "setup:upgrade) and grant the integration its API resource Live shipping "
                     "services first.")


async def _services(c: Any) -> list[Record]:
    return list((await MODULE.request(c.rest, "GET", PATH)).json() or [])


async def create(c: Any, call: Call) -> Record:
    await _services(c)  # the module is there before anything is written
    made = await c.rest.request("POST", PATH, json={
        "name": call.params["name"], "ratesUrl": call.params["callback"],
        "signingKey": signing_key(str(c.store.credentials[CREDENTIAL]))})
    return {"id": str(made.json()["id"])}


async def listed(c: Any, call: Call) -> Any:
    return paged([{"id": str(s["id"]), "name": s.get("name"), "callback": s.get("rates_url"),
                   "enabled_on_store": bool(s.get("active")), "additional_fields": {"carrier": CARRIER}}
                  for s in await _services(c)], call)


async def delete(c: Any, call: Call) -> Record:
    ident = str(call.require("id"))
    if not any(str(s["id"]) == ident for s in await _services(c)):
        raise not_found(ident)
    await c.rest.request("DELETE", f"{PATH}/{int_id(ident)}")
    return {"status": True}


SERVICES = StoreServices(create, listed, delete)
