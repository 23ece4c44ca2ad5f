"""Fields of Shift4Shop's client models mapped into the contract: price levels as
``group_price``, the second to fourth image as ``images``, the card paid with as the payment
method (masked), the RMA period in ``additional_fields``."""

from __future__ import annotations

import json

from anycart.platforms.shift4shop.seed import PRICE_LEVELS


async def test_price_levels_are_group_prices_of_the_groups_paying_them(s4s):
    env = s4s
    raw = env.store.data.products.get(7)
    info = await env.call("product.info", {"id": "7", "params": "force_all"})
    assert info["return_code"] == 0, info
    groups = {g["CustomerGroupID"]: g["PriceLevel"] for g in env.store.data.customer_groups.values()}
    expected = {str(gid): raw[f"PriceLevel{level}"] for gid, level in groups.items() if level}
    got = {g["group_id"]: g["price"] for g in info["result"]["group_price"]}
    assert got == expected and len(got) == len(PRICE_LEVELS)
    assert got[str(next(g for g, lv in groups.items() if lv == 1))] == round(
        raw["SKUInfo"]["Price"] * PRICE_LEVELS[1], 2)
    extra = info["result"]["additional_fields"]
    assert not any(k.startswith("AdditionalImage") for k in extra), extra
    # the levels stay the store's too (one no group pays included), with their Hide flags
    assert extra["PriceLevel1"] == raw["PriceLevel1"] and extra["PriceLevel10"] == 0.0
    assert extra["PriceLevel1Hide"] is False
    # a group moved to another level pays that level's price (the levels are read again)
    from anycart.platforms.kit import named

    named.CACHE.clear()
    env.store.data.customer_groups.materialize(2)["PriceLevel"] = 0
    again = await env.call("product.info", {"id": "7", "params": "group_price"})
    assert "2" not in {g["group_id"] for g in again["result"]["group_price"]}


async def test_group_price_names_and_level_names_are_kept_apart(s4s):
    """Customer group names and price levels are read from one list: neither replaces the
    other (customer.info names the group, product.info prices it)."""
    env = s4s
    cust = next(c for c in env.store.data.customers.values() if c["CustomerGroupID"] == 2)
    for _ in range(2):
        product = await env.call("product.info", {"id": "3", "params": "group_price"})
        customer = await env.call("customer.info", {"id": str(cust["CustomerID"]),
                                                    "params": "group"})
        assert customer["result"]["group"] == [{"id": "2", "name": "Wholesale"}], customer
        assert "2" in {g["group_id"] for g in product["result"]["group_price"]}, product


async def test_second_to_fourth_images_and_rma_period(s4s):
    env = s4s
    info = await env.call("product.info", {"id": "7", "params": "images,additional_fields"})
    images = {i["id"]: i for i in info["result"]["images"]}
    raw = env.store.data.products.get(7)  # 7 % 4 == 3: all three extra images
    for n in (2, 3, 4):
        assert images[f"image{n}"]["http_path"] == raw[f"AdditionalImageFile{n}"] != ""
        assert images[f"image{n}"]["alt"] == raw[f"AdditionalImageCaption{n}"]
        assert images[f"image{n}"]["type"] == "additional"
    assert info["result"]["additional_fields"]["RMAMaxPeriod"] == raw["RMAMaxPeriod"] == "30"
    none = await env.call("product.info", {"id": "8", "params": "images"})  # 8 % 4 == 0
    assert not any(i["id"].startswith("image") for i in none["result"]["images"])


async def test_the_card_paid_with_is_masked_and_never_its_code(s4s):
    env = s4s
    raw = env.store.data.orders.materialize(3)
    raw.update(CardNumber="4111111111111234", CardVerification="737")  # even if unmasked
    env.store.data.orders.touched()
    info = await env.call("order.info", {"order_id": "3", "params": "force_all"})
    assert info["return_code"] == 0, info
    pay = info["result"]["payment_method"]
    assert pay["name"] == "Credit Card"
    assert pay["additional_fields"] == {"card_brand": "Visa", "card_last_four": "1234"}
    text = json.dumps(info)
    assert "4111111111111234" not in text and '"737"' not in text, text
    extra = info["result"]["additional_fields"]
    assert not {"CardNumber", "CardVerification", "CardType"} & set(extra), extra
    seeded = await env.call("order.info", {"order_id": "4", "params": "payment_method"})
    masked = env.store.data.orders.get(4)["CardNumber"]
    assert masked.startswith("*") and seeded["result"]["payment_method"][
        "additional_fields"]["card_last_four"] == masked[-4:]
