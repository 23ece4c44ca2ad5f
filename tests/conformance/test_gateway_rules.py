"""The gateway's rules behind API2Cart's recorded answers, on real connectors (the Shopify
and Shift4Shop simulators as ``tests/conformance/stores.py`` builds them): a scope the driver
cannot apply does not hide a 112, nor a refused parameter a missing parent, a shipment's info
names the shipment, a ``find_where`` outside the fields searched lists them in API2Cart's
words, a parameter the driver cannot apply is refused before anything missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conformance.stores import STORES, Store


async def call(store: Store, method: str, **query: Any) -> dict[str, Any]:
    r = await store.client.get(f"/v1.1/{method}.json", params={**store.keys, **query})
    answer: dict[str, Any] = r.json()
    return answer


@pytest.fixture(params=["Shopify", "Shift4Shop"])
async def store(request: pytest.FixtureRequest, tmp_path: Path):
    async with STORES[request.param](tmp_path, None) as s:  # type: ignore[arg-type]
        yield s


async def test_an_order_not_in_the_store_is_112_whatever_store_id_names(store: Store) -> None:
    # AmazonSP/order/info/error-not-found, TikTokShop/order/info/error-not-found: a record the
    # whole store lacks is in none of its stores; the single-store driver's refusal of
    # store_id would hide that.
    answer = await call(store, "order.info", order_id="997888", store_id="939343")
    assert (answer["return_code"], answer["return_message"]) == (
        112, "Order with id 997888 not found")


async def test_an_order_the_store_has_keeps_the_refusal_of_store_id(store: Store) -> None:
    orders = (await call(store, "order.list", count=1, params="id"))["result"]["order"]
    answer = await call(store, "order.info", order_id=orders[0]["id"], store_id="939343")
    assert answer["return_code"] == 109
    assert answer["return_message"].startswith("Parameter 'store_id' is not supported by ")


async def test_a_shipment_info_names_the_shipment_even_when_its_order_is_missing(
        store: Store) -> None:
    # TikTokShop/order/shipment.info/error-not-found
    answer = await call(store, "order.shipment.info", order_id="578978096837134766",
                        id="572590963682934173")
    assert (answer["return_code"], answer["return_message"]) == (
        112, "Shipment with id 572590963682934173 not found")


async def test_find_where_outside_the_fields_searched_lists_them(store: Store) -> None:
    # Facebook/category/count/error-invalid-find-where
    answer = await call(store, "category.count", find_value="x", find_where="bogus")
    assert answer["return_code"] == 109
    assert answer["return_message"].startswith(
        "Parameter 'find_where' is not valid. The required type of parameter is string. "
        "The following values are allowed: ")



async def test_a_parameter_the_driver_cannot_apply_is_refused_before_anything_missing(
        store: Store) -> None:
    # AmazonSP/product/add/error-invalid-asin: API2Cart checks the asin's value before the
    # missing name; on a cart that cannot apply an asin at all, that value check is the 109.
    r = await store.client.post("/v1.1/product.add.json", params=store.keys,
                                json={"sku": "x", "asin": "qwer", "price": 99.9, "quantity": 1})
    answer = r.json()
    assert answer["return_code"] == 109
    assert answer["return_message"].startswith("Parameter 'asin' is not supported by ")
    # Without one, what is missing is answered as before.
    r = await store.client.post("/v1.1/product.add.json", params=store.keys,
                                json={"sku": "x", "price": 99.9, "quantity": 1})
    assert (r.json()["return_code"], r.json()["return_message"]) == (
        114, "Parameter 'name' is required.")


async def post(store: Store, method: str, body: dict[str, Any]) -> dict[str, Any]:
    r = await store.client.post(f"/v1.1/{method}.json", params=store.keys, json=body)
    answer: dict[str, Any] = r.json()
    return answer


async def test_a_refused_parameter_does_not_hide_that_the_parent_is_missing(
        tmp_path: Path) -> None:
    # Bol/order/shipment.add/error-order-item-not-found on a driver that cannot apply `items`
    # (PrestaShop's webservice ships the whole order): the order is not in the store, 112.
    async with STORES["PrestashopApi"](tmp_path, None) as store:  # type: ignore[arg-type]
        items = [{"order_product_id": "999999999", "quantity": 1}]
        answer = await post(store, "order.shipment.add", {"order_id": "424242", "items": items})
        assert (answer["return_code"], answer["return_message"]) == (
            112, "Order with id 424242 not found")
        # An order the store has: the refusal stands, naming the parameter.
        orders = (await call(store, "order.list", count=1, params="id"))["result"]["order"]
        answer = await post(store, "order.shipment.add", {"order_id": orders[0]["id"],
                                                          "items": items})
        assert answer["return_code"] == 109
        assert answer["return_message"].startswith("Parameter 'items' is not supported by ")


@pytest.mark.parametrize("platform", ["BigcommerceApi", "Magento2Api"])
async def test_a_cart_that_counts_shipped_lines_refuses_more_in_api2carts_words(
        platform: str, tmp_path: Path) -> None:
    # Bol/order/shipment.add/error-all-items-shipped (113), .../error-quantity-over-available
    # (107): both carts refuse a shipment beyond what each line has left.
    async with STORES[platform](tmp_path, None) as store:  # type: ignore[arg-type]
        orders = (await call(store, "order.list", count=12, params="force_all"))["result"]["order"]
        order = next(o for o in orders if all(
            not (li.get("additional_fields") or {}).get("qty_shipped")
            and not (li.get("additional_fields") or {}).get("quantity_shipped")
            for li in o["order_products"]))
        line = order["order_products"][0]
        over = int(line["quantity"]) + 3
        answer = await post(store, "order.shipment.add", {"order_id": order["id"], "items": [
            {"order_product_id": line["order_product_id"], "quantity": over}]})
        assert (answer["return_code"], answer["return_message"]) == (107, (
            f"The specified quantity = {over} of order_product_id = {line['order_product_id']} "
            "is larger than are available for the shipment. Available quantity for the "
            f"shipment is {int(line['quantity'])}.")), answer
        assert (await post(store, "order.shipment.add", {"order_id": order["id"]}))[
            "return_code"] == 0
        again = await post(store, "order.shipment.add", {"order_id": order["id"]})
        assert (again["return_code"], again["return_message"]) == (
            113, "All items have been already shipped or cancelled for this order.")
