"""Locations, inventory items and inventory levels.

Stock lives in inventory levels (item x location); a variant's ``inventory_quantity`` is the
sum over locations and is kept in step whenever a level changes. Levels change through
``inventory_levels/set.json`` and ``adjust.json`` (bodies are not wrapped in a resource key),
through orders that ask to decrement stock, and through restocking refunds. Locations are
read-only over REST, as on Shopify.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.responses import Response

from anycart.sandbox.crud import Query, ints, not_found, reply, required_int
from anycart.sandbox.errors import Invalid, SimError
from anycart.sandbox.query import project
from anycart.sandbox.stock import Stock
from anycart.sandbox.table import Record
from anycart.sandbox.values import check, money_error

from .sim_api import Crud, Ctx, common, listing
from .sim_store import RECORDS, ShopData

MAX_ITEM_IDS = 50  # inventory_item_ids per inventory_levels request
_ITEM_FIELDS = ("cost", "country_code_of_origin", "province_code_of_origin",
                "harmonized_system_code", "tracked", "country_harmonized_system_codes")


def level_record(item_id: int, location_id: int, available: int | None, updated_at: str) -> Record:
    return RECORDS["inventory_level"].make(inventory_item_id=item_id, location_id=location_id,
                                           available=available, updated_at=updated_at)


def levels_of(data: ShopData, ctx: Ctx | None = None) -> Stock:
    """The shop's stock; with a request, a change mirrors the total into the variant and
    (unless the level was removed) fires ``inventory_levels/update``."""
    def changed(item_id: int, level: Record | None, stamp: str) -> None:
        _sync_variant(data, item_id, stamp)
        if level is not None and ctx is not None:
            ctx.shop.fire("inventory_levels/update", level)
    return Stock(data.inventory_levels, data.locations.sorted_keys, level_record,
                 on_change=changed)


def _sync_variant(data: ShopData, item_id: int, stamp: str) -> None:
    """Mirror the level total into the variant (and touch the product's ``updated_at``)."""
    found = data.find_item(item_id)
    if found is None:
        return
    product = data.products[found[0]]
    for v in product["variants"]:
        if v["inventory_item_id"] == item_id:
            v["old_inventory_quantity"] = v["inventory_quantity"]
            v["inventory_quantity"] = levels_of(data).total(item_id)
            v["updated_at"] = stamp
    product["updated_at"] = stamp
    data.products.changed()


def adjust_level(ctx: Ctx, item_id: int, location_id: int, delta: int) -> Record:
    return levels_of(ctx.data, ctx).adjust(item_id, location_id, delta, ctx.shop.stamp())


# -- inventory levels ---------------------------------------------------------------------
def _level_query(ctx: Ctx, params: Any) -> Query:
    item_ids = ints(params, "inventory_item_ids")
    location_ids = ints(params, "location_ids")
    if not item_ids and not location_ids:
        raise SimError(422, {"errors": "Inventory item ids or location ids must be present"})
    if item_ids and len(item_ids) > MAX_ITEM_IDS:
        raise SimError(422, {"errors": f"Inventory item ids can't exceed {MAX_ITEM_IDS} items"})
    query = common({k: v for k, v in params.items() if k == "updated_at_min"},
                   dates=("updated_at",))
    locations = ctx.data.locations.sorted_keys()
    if location_ids:
        wanted = set(location_ids)
        query.preds.append(lambda r: r["location_id"] in wanted)
        locations = [lid for lid in locations if lid in wanted]
    if item_ids:
        query.candidates = sorted((iid, lid) for iid in set(item_ids) for lid in locations)
    return query


LEVELS = Crud("inventory_levels", "inventory_level", _level_query)
LOCATIONS = Crud("locations", "location", listing())


def levels(ctx: Ctx) -> Response:
    """``inventory_levels.json`` (GET, DELETE) and ``inventory_levels/{action}.json``."""
    if ctx.method == "GET":
        return LEVELS.list(ctx)
    return _delete_level(ctx) if ctx.method == "DELETE" else _post_level(ctx)


def _post_level(ctx: Ctx) -> Response:
    action = ctx.path.rsplit("/", 1)[1]
    body = ctx.json_body()
    location_id = required_int(body, "location_id")
    item_id = required_int(body, "inventory_item_id")
    if location_id not in ctx.data.locations:
        raise not_found()
    if ctx.data.find_item(item_id) is None:
        raise SimError(422, {"errors": ["Inventory item does not exist"]})
    stock = levels_of(ctx.data, ctx)
    if action == "set":
        level = stock.set(item_id, location_id, required_int(body, "available"), ctx.shop.stamp())
    elif action == "adjust":
        delta = required_int(body, "available_adjustment")
        if not stock.stocked(item_id, location_id):
            raise SimError(422, {"errors": ["Inventory item is not stocked at the location"]})
        level = stock.adjust(item_id, location_id, delta, ctx.shop.stamp())
    else:  # connect
        return reply({"inventory_level": stock.connect(item_id, location_id, ctx.shop.stamp())},
                     201)
    return reply({"inventory_level": level})


def _delete_level(ctx: Ctx) -> Response:
    key = (required_int(ctx.params, "inventory_item_id"), required_int(ctx.params, "location_id"))
    if not levels_of(ctx.data, ctx).remove(*key, ctx.shop.stamp()):
        raise not_found()
    return reply(None, 204)


# -- inventory items ----------------------------------------------------------------------
def item_record(data: ShopData, item_id: int) -> Record | None:
    found = data.find_item(item_id)
    if found is None:
        return None
    v = found[1]
    cost = str((Decimal(v["price"]) * Decimal("0.45")).quantize(Decimal("0.01")))
    given = {k: v[k] for k in ("sku", "created_at", "updated_at", "requires_shipping")}
    return RECORDS["inventory_item"].make(
        given | {"id": item_id, "cost": cost, "tracked": v["inventory_management"] == "shopify"}
        | data.inventory_items.get(item_id, {}))


def items(ctx: Ctx) -> Response:
    """``inventory_items.json?ids=`` and ``inventory_items/{id}.json`` (GET, PUT)."""
    if "id" in ctx.args:
        return _get_item(ctx) if ctx.method == "GET" else _put_item(ctx)
    ids = ints(ctx.params, "ids")
    if not ids:
        raise Invalid("Required parameter missing or invalid", "ids")
    if len(ids) > 100:
        raise SimError(422, {"errors": "ids can't exceed 100 items"})
    items = [item_record(ctx.data, i) for i in sorted(set(ids))]
    return reply({"inventory_items": [project(i, ctx.fields) for i in items if i is not None]})


def _get_item(ctx: Ctx) -> Response:
    record = item_record(ctx.data, ctx.args["id"])
    if record is None:
        raise not_found()
    return reply({"inventory_item": project(record, ctx.fields)})


def _put_item(ctx: Ctx) -> Response:
    item_id = ctx.args["id"]
    if item_record(ctx.data, item_id) is None:
        raise not_found()
    body = ctx.payload("inventory_item")
    changes = {name: body[name] for name in _ITEM_FIELDS if name in body}
    if changes.get("cost") is not None:
        errors: dict[str, list[str]] = {}
        changes["cost"] = money_error(errors, "cost", changes["cost"])
        check(errors)
    extra = ctx.data.inventory_items.setdefault(item_id, {})
    extra.update(changes)
    if "sku" in body:
        found = ctx.data.find_item(item_id)
        assert found is not None
        for v in ctx.data.products[found[0]]["variants"]:
            if v["inventory_item_id"] == item_id:
                v["sku"] = str(body["sku"] or "")
        ctx.data.products.changed()
    extra["updated_at"] = ctx.shop.stamp()
    return reply({"inventory_item": item_record(ctx.data, item_id)})
