"""``basket.live_shipping_service.*``: a service is the connector plugin's ``anycart_live_rates``
method (:mod:`anycart.platforms.woocommerce_shipping`) added to every shipping zone, so rates
are asked wherever the customer is. Its id is the instance id in the first zone; instances
of one service share ``rates_url`` (how list groups and delete finds them). Without the
plugin create says to install it, not WooCommerce's bare 404.
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.kit.local import paged
from anycart.platforms.kit.module_routes import ModuleRoute
from anycart.platforms.woocommerce_shipping import METHOD_ID, named, service, services
from anycart.shipping.service_methods import StoreServices
from anycart.shipping.store_requests import signing_key

Record = dict[str, Any]

#: Without the plugin WooCommerce's bare 404 of its method is the plugin missing.
PLUGIN = ModuleRoute(ReturnCode.INCORRECT_VALUE, "The store has no AnyCart live rates "
                     "shipping method: install and activate the AnyCart connector plugin "
                     "(anycart plugin build woocommerce) first.")


async def _instances(rest: Any) -> list[Record]:
    """The plugin's instances in every zone, in zone order."""
    found: list[Record] = []
    for zone in await rest.get_json("shipping/zones") or []:
        for m in await rest.get_json(f"shipping/zones/{zone['id']}/methods") or []:
            if m.get("method_id") == METHOD_ID:  # a setting answered {"value": ...}, or as written
                found.append({"zone_id": zone["id"], "instance_id": m["instance_id"],
                              "enabled": bool(m.get("enabled")), "settings": {
                                  k: v.get("value") if isinstance(v, dict) else v
                                  for k, v in (m.get("settings") or {}).items()}})
    return found


async def create(c: Any, call: Call) -> Record:
    await PLUGIN.request(c.rest, "GET", f"shipping_methods/{METHOD_ID}")
    zones = await c.rest.get_json("shipping/zones") or []
    if not zones:
        raise ApiError(ReturnCode.INCORRECT_VALUE, "The store has no shipping zone to offer "
                       "the service in: add one (WooCommerce > Settings > Shipping) first.")
    body = {"method_id": METHOD_ID, "enabled": True, "settings": {
        "title": call.params["name"], "rates_url": call.params["callback"],
        "signing_key": signing_key(c.store.credentials["wc_consumer_secret"])}}
    made: list[Record] = []
    try:
        for zone in zones:
            r = await c.rest.request("POST", f"shipping/zones/{zone['id']}/methods", json=body)
            made.append({**r.json(), "zone_id": zone["id"]})
    except BaseException:
        await _remove(c.rest, made)
        raise
    return {"id": str(made[0]["instance_id"])}


async def listed(c: Any, call: Call) -> Any:
    return paged([service(group) for group in services(await _instances(c.rest))], call)


async def _remove(rest: Any, instances: list[Record]) -> None:
    for m in instances:
        await rest.request("DELETE", f"shipping/zones/{m['zone_id']}/methods/{m['instance_id']}",
                           params={"force": True}, allow={404})


async def delete(c: Any, call: Call) -> Record:
    await _remove(c.rest, named(await _instances(c.rest), str(call.require("id"))))
    return {"status": True}


SERVICES = StoreServices(create, listed, delete)
