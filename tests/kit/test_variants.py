"""kit.variants on Crate (tests/kit/crate.py): variations keyed ``"<term>|<term>"``, child
ids ``"<product>:<key>"``, SKUs as the product SKU plus a ``tail``, written back whole."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import httpx
import pytest

from anycart.platforms.kit.entities import Filter
from anycart.platforms.kit.variants import ChildItems, sku_prefixes
from tests.kit.calls import call, code

from .crate import VARIANTS, Server, Store


async def _gather(aws: Any) -> list[Any]:
    return list(await asyncio.gather(*aws))


@pytest.fixture
async def crate():
    server = Server()
    async with httpx.AsyncClient(transport=httpx.MockTransport(server),
                                 base_url="https://crate.example") as client:
        yield ChildItems(VARIANTS, Store(client), "Crate", _gather,
                         filters=(Filter("created_from", "after", lambda v: str(v)[:10]),),
                         parse=lambda v: datetime.fromisoformat(str(v)) if v else None), server


def test_sku_prefixes_are_the_product_skus_a_variant_sku_can_extend():
    assert sku_prefixes("TEE-LONG/Green/L") == ["TEE-LONG/Green/L", "TEE-LONG/Green",
                                                 "TEE-LONG", "TEE"]
    assert sku_prefixes("A-B-C-D", most=2) == ["A-B-C-D", "A-B-C"]
    assert sku_prefixes("PLAIN") == ["PLAIN"]


async def test_a_variation_maps_to_a_child(crate):
    items, server = crate
    page = await items.list(call("product.child_item.list", product_id="1"))
    assert page.total == 4
    red_m = page.items[1]
    assert (red_m["id"], red_m["parent_id"], red_m["sku"], red_m["name"]) == (
        "1:101|152", "1", "TEE/Red/M", "Product 1 /Red/M")
    assert [(c["option_id"], c["option_value_id"]) for c in red_m["combination"]] == [
        ("11", "101"), ("12", "152")]
    assert (red_m["inventory_level"], red_m["cost_price"], red_m["gtin"]) == (3, 2.5, "B101152")
    # what no field reads stays in additional fields (the consumed date does not)
    assert red_m["additional_fields"] == {"key": "101|152", "tail": "/Red/M"}
    assert VARIANTS.combined(server.products[1]) == {"101", "102", "151", "152"}


async def test_list_by_product_by_sku_or_across_products(crate):
    items, server = crate
    both = await items.list(call("product.child_item.list", product_ids="2,1", find_value="blue"))
    assert [c["id"] for c in both.items] == ["1:102|151", "1:102|152"] and both.total == 2
    server.seen.clear()
    by_sku = await items.list(call("product.child_item.list", sku="TEE-LONG/Green/L"))
    assert [c["sku"] for c in by_sku.items] == ["TEE-LONG/Green/L"]
    asked = sorted(q["sku"] for _, _, q, _ in server.seen)
    assert asked == ["TEE", "TEE-LONG", "TEE-LONG/Green", "TEE-LONG/Green/L"]  # one each
    server.seen.clear()
    later = await items.list(call("product.child_item.list", created_from="2024-01-02", count=50))
    assert [c["parent_id"] for c in later.items] == ["2"] and later.total == 1
    assert {q.get("after") for _, _, q, _ in server.seen} == {"2024-01-02"}  # sent to products
    dated = await items.list(call("product.child_item.list", product_id="1",
                                  created_to="2023-12-31"))
    assert dated.items == []  # applied here, on the children's dates
    assert await code(items.list(call("product.child_item.list", find_value="x",
                                      find_where="colour"))) == 109


async def test_info_and_find(crate):
    items, _ = crate
    info = await items.info(call("product.child_item.info", product_id="1", id="1:102|152"))
    assert info["sku"] == "TEE/Blue/M"
    bare = await items.info(call("product.child_item.info", product_id="1", id="102|152"))
    assert bare["id"] == "1:102|152"
    assert await code(items.info(call("product.child_item.info", product_id="1",
                                      id="1:9|9"))) == 112
    assert await code(items.info(call("product.child_item.info", product_id="77",
                                      id="77:1"))) == 112
    whole = await items.find(call("product.child_item.find", find_value="TEE/Red/S"))
    assert [c["id"] for c in whole["children"]] == ["1:101|151"]
    part = await items.find(call("product.child_item.find", find_value="TEE/Red",
                                 find_params="any"))
    assert [c["id"] for c in part["children"]] == ["1:101|151", "1:101|152"]
    by_id = await items.find(call("product.child_item.find", find_value="2:201|251",
                                  find_where="id"))
    assert [c["sku"] for c in by_id["children"]] == ["TEE-LONG/Green/L"]
    assert await code(items.find(call("product.child_item.find", find_value="NOPE"))) == 112
    assert await code(items.find(call("product.child_item.find", find_value="x:1",
                                      find_where="id"))) == 109


async def test_variant_update_writes_fields_sku_suffix_and_stock_changes(crate):
    items, server = crate
    vid = "1:102|151"
    assert await items.update(call("product.variant.update", id=vid, cost_price=4,
                                   sku="TEE/Navy/S")) == {"updated_items": 1}
    row = server.products[1]["variations"][2]
    assert (row["cost"], row["tail"], row["on_hand"]) == ("4", "/Navy/S", 3)
    assert server.products[1]["variations"][0]["tail"] == "/Red/S"  # the others untouched
    await items.update(call("product.variant.update", id="102|151", product_id="1",
                            increase_quantity=5, reduce_quantity=1))
    assert server.products[1]["variations"][2]["on_hand"] == 7
    await items.update(call("product.variant.update", id=vid, quantity=2))
    assert server.products[1]["variations"][2]["on_hand"] == 2
    assert await code(items.update(call("product.variant.update", id=vid, quantity=2.5))) == 109
    assert await code(items.update(call("product.variant.update", id=vid,
                                        reduce_quantity=0.5))) == 109  # whole units only
    assert await code(items.update(call("product.variant.update", id=vid, sku="MUG/1"))) == 109
    assert await code(items.update(call("product.variant.update", id=vid, quantity=1,
                                        increase_quantity=1))) == 109
    assert await code(items.update(call("product.variant.update", id="1:9|9",
                                        increase_quantity=1))) == 112
    assert await code(items.update(call("product.variant.update", id=vid))) == 110


def test_applied_follows_the_field_map():
    applied = VARIANTS.applied()
    assert applied["product.variant.update"] == {"id", "product_id", "increase_quantity",
                                                 "reduce_quantity", "sku", "quantity",
                                                 "cost_price", "gtin"}
    assert {"product_ids", "sku", "find_value", "created_to"} <= applied["product.child_item.list"]
