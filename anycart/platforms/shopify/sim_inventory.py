"""Inventory levels: the stock of each inventory item at each location.

Stock lives in inventory levels (item x location); a variant's ``inventory_quantity`` is the
sum over locations and is kept in step whenever a level changes. Levels change through
``inventorySetQuantities`` and through restocking refunds.
"""

from __future__ import annotations

from anycart.sandbox.stock import Stock
from anycart.sandbox.table import Record

from .sim_api import Ctx
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
