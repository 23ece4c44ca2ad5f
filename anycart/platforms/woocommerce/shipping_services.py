"""``basket.live_shipping_service.*`` through the bridge, kept as WooCommerce keeps a zone's
method (the same service as over REST, :mod:`anycart.platforms.woocommerce_shipping`): a
``woocommerce_shipping_zone_methods`` row in every zone (and zone 0, which has no row of its
own) with its settings option (``title``, ``rates_url`` and a ``signing_key`` derived from the
bridge's secret), which the connector plugin's method reads at checkout. The id is the
instance in the first zone; the instances of one service share ``rates_url``.
"""

from __future__ import annotations

from typing import Any

from anycart.platforms.base import Call, Page
from anycart.platforms.bridge.phpserial import dumps, loads
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert
from anycart.platforms.bridge.wordpress import marks
from anycart.platforms.kit.local import paged
from anycart.platforms.woocommerce_shipping import METHOD_ID, named, service, services
from anycart.shipping.service_methods import APPLIED, StoreServices
from anycart.shipping.store_requests import signing_key

Record = dict[str, Any]
_OPTION = f"woocommerce_{METHOD_ID}_%s_settings"


async def zone_methods(conn: Any, where: str, params: list[Any], order: str) -> list[Record]:
    """The zones' shipping methods ``where`` picks (``zone_id``, ``instance_id``,
    ``method_id``, ``enabled``), each with its ``settings``: its
    ``woocommerce_<method>_<instance>_settings`` option ({} when it has none)."""
    rows: list[Record] = await conn.db.select(
        "SELECT zone_id, instance_id, method_id, is_enabled FROM {p}woocommerce_shipping_zone_methods "
        f"WHERE {where} ORDER BY {order}", params)
    names = [f"woocommerce_{r['method_id']}_{r['instance_id']}_settings" for r in rows]
    options = {o["option_name"]: o["option_value"] for o in await conn.db.select(
        f"SELECT option_name, option_value FROM {{p}}options WHERE option_name IN ({marks(names)})",
        names)} if rows else {}
    for r, name in zip(rows, names, strict=True):
        settings = loads(options.get(name))
        r.update(enabled=bool(int(r["is_enabled"])), settings=settings if isinstance(settings, dict) else {})
    return rows


async def _instances(conn: Any) -> list[Record]:
    """Our instances in every zone, with their settings."""
    return await zone_methods(conn, "method_id = ?", [METHOD_ID], "zone_id, instance_id")


async def create(conn: Any, call: Call) -> Record:
    zones = [0, *(int(r["zone_id"]) for r in await conn.db.select(
        "SELECT zone_id FROM {p}woocommerce_shipping_zones ORDER BY zone_order, zone_id"))]
    last = {int(r["zone_id"]): int(r["n"] or 0) for r in await conn.db.select(
        "SELECT zone_id, MAX(method_order) AS n FROM {p}woocommerce_shipping_zone_methods "
        "GROUP BY zone_id")}
    settings = dumps({"title": str(call.params["name"]), "rates_url": str(call.params["callback"]),
                      "signing_key": signing_key(str(conn.store.credentials["bridge_secret"]))})
    statements: list[Statement] = []
    for zone in zones:
        at = len(statements)
        statements += [
            insert("woocommerce_shipping_zone_methods", {
                "zone_id": zone, "method_id": METHOD_ID, "method_order": last.get(zone, 0) + 1,
                "is_enabled": 1}),
            Statement("INSERT INTO {p}options (option_name, option_value, autoload) VALUES "
                      "(CONCAT(?, ?, ?), ?, 'yes')",
                      [f"woocommerce_{METHOD_ID}_", InsertId(at), "_settings", settings])]
    done = await conn.db.write(statements)
    return {"id": str(done[0].insert_id)}


async def listed(conn: Any, call: Call) -> Page:
    return paged([service(group) for group in services(await _instances(conn))], call)


async def delete(conn: Any, call: Call) -> Record:
    ids = [int(m["instance_id"]) for m in named(await _instances(conn), str(call.require("id")))]
    names = [_OPTION % i for i in ids]
    await conn.db.write([
        Statement("DELETE FROM {p}woocommerce_shipping_zone_methods WHERE instance_id IN "
                  f"({marks(ids)})", ids),
        Statement(f"DELETE FROM {{p}}options WHERE option_name IN ({marks(names)})", names)])
    return {"status": True}


SERVICES = StoreServices(create, listed, delete)
__all__ = ["APPLIED", "SERVICES", "create", "delete", "listed"]
