"""Live shipping rates on WooCommerce REST end to end: AnyCart serving a store on the
WooCommerce simulator with the connector plugin's ``anycart_live_rates`` method installed,
a vendor's callback on a real loopback server. Create validates the callback with a signed
test request and adds the method to every zone; at checkout the simulator plays the site
(the method POSTs the package to AnyCart, signed), AnyCart asks the vendor and answers
WooCommerce rates. The FAQ's failure rules and the per-service error count."""

from __future__ import annotations

import json

import pytest

from anycart.platforms import woocommerce_shipping as woo
from anycart.platforms.woocommerce_api.sim_shipping import checkout_rates, install_live_rates
from anycart.sdk import verify_shipping_request
from anycart.shipping import services as rows
from anycart.shipping.models import RatesAnswer
from tests.platforms.woocommerce_api.test_connector import PUBLIC_URL, SECRET, open_env
from tests.shipping.live import CREATE, WRONG_TYPE, add_service, key_of, live_vendor, signed_rates
from tests.shipping.test_signing import faq_sign
from tests.shipping.vendor import BAD_TYPE, Vendor

#: The FAQ's WooCommerce answer: a tax value passed, tax off, the store's tax rates.
WOO = {"packages_rates": [{"package_id": "1", "rates": [
    {"name": "Some name", "code": "some_name", "total_cost": 10.56, "taxable": True,
     "tax_value": 2.12},
    {"name": "Some name", "code": "no_tax", "total_cost": 10.56, "taxable": False},
    {"name": "Some name", "code": "store_tax", "total_cost": 10.56, "taxable": True}]}]}
TO = {"country": "US", "state": "AL", "postcode": "35005", "city": "Adamsville",
      "address": "24 Sussex Dr.", "address_2": ""}


@pytest.fixture
async def store(tmp_path):
    async with open_env(tmp_path, 8) as e, live_vendor(e, Vendor(modes=[WOO]), PUBLIC_URL):
        install_live_rates(e.shop)
        yield e


def ours(e) -> list[dict]:
    return [m for m in e.shop.data.zone_methods.values() if m["method_id"] == woo.METHOD_ID]


def cart(e) -> list[tuple[int, int]]:
    first, second = list(e.shop.data.products)[:2]
    return [(first, 2), (second, 1)]


async def test_a_site_without_the_plugin_is_told_to_install_it(store):
    del store.shop.data.shipping_methods[woo.METHOD_ID]
    r = await add_service(store)
    assert r["return_code"] == 109 and "install and activate the AnyCart connector plugin" \
        in r["return_message"], r
    assert rows.count(store.services.db, 1) == 0 and not ours(store)


async def test_create_tests_the_callback_and_adds_the_method_to_every_zone(store):
    zone = store.shop.create("zones", {"name": "Canada", "order": 1})
    r = await store.call(CREATE, {"name": "Vendor rates", "callback": store.callback})
    assert r["return_code"] == 0, r
    [(headers, body)] = store.vendor.got
    assert headers["x-shipping-service-test-request"] == "1"
    assert "x-shipping-service-id" not in headers
    verify_shipping_request(headers, body, key_of(store))
    canonical = {k.title(): v for k, v in headers.items() if k.startswith("x-shipping-service")}
    assert headers["x-shipping-service-signature"] == faq_sign(canonical, body,
                                                               key_of(store).encode())
    methods = ours(store)
    assert zone["id"] in store.shop.data.zones  # every zone the site lists, the new one too
    assert sorted(m["zone_id"] for m in methods) == sorted(store.shop.data.zones)
    for m in methods:
        assert m["settings"]["rates_url"] == f"{PUBLIC_URL}/shipping/1/rates"
        assert m["settings"]["title"] == "Vendor rates"
        assert m["settings"]["signing_key"] == woo.signing_key(SECRET)
        assert SECRET not in json.dumps(m)  # the consumer secret never written to the site
    assert r["result"]["id"] == str(methods[0]["instance_id"])
    # WooCommerce: any number of services
    again = await store.call(CREATE, {"name": "Second", "callback": store.callback})
    assert again["return_code"] == 0, again
    listed = (await store.call("basket.live_shipping_service.list"))["result"]
    items = listed["live_shipping_services"]
    assert [i["name"] for i in items] == ["Vendor rates", "Second"]
    assert all(i["callback"] == store.callback for i in items)
    assert items[0]["additional_fields"]["error_count"] == 0
    assert items[0]["callback_err_cnt"] == 0 and items[0]["enabled_on_store"] is True
    assert len(items[0]["additional_fields"]["zones"]) == 2
    gone = await store.call("basket.live_shipping_service.delete", {"id": items[0]["id"]})
    assert gone["return_code"] == 0 and gone["result"] == {"status": True}
    assert [m["settings"]["title"] for m in ours(store)] == ["Second", "Second"]
    assert rows.get(store.services.db, 1) is None and rows.get(store.services.db, 2)
    missing = await store.call("basket.live_shipping_service.delete", {"id": "999"})
    assert missing["return_code"] == 112


async def test_checkout_rates_flow_through_anycart(store):
    assert (await add_service(store))["return_code"] == 0
    shown = await checkout_rates(store.shop, store.checkout, cart(store), TO)
    assert [(r["id"], r["label"], r["cost"], r["taxes"]) for r in shown] == [
        ("anycart_live_rates:some_name", "Some name", 10.56, [2.12]),
        ("anycart_live_rates:no_tax", "Some name", 10.56, False),
        ("anycart_live_rates:store_tax", "Some name", 10.56, "")]
    assert shown[0]["meta_data"] == {"code": "some_name", "currency": "USD"}
    headers, body = store.vendor.got[-1]
    assert headers["x-shipping-service-id"] == "1"
    verify_shipping_request(headers, body, key_of(store))
    [package] = json.loads(body)["packages"]
    assert package["currency_code"] == "USD"
    assert package["destination"]["country"] == {"code2": "US", "code3": "USA",
                                                 "name": "United States"}
    assert package["destination"]["state"] == {"code": "AL", "name": "Alabama"}
    assert package["destination"]["address1"] == "24 Sussex Dr."
    assert package["origin"]["city"] == "San Francisco"
    (first, _), (second, _) = cart(store)
    products = store.shop.data.products
    one, two = package["items"]
    assert (one["product_id"], one["quantity"], one["model"]) == (
        str(first), 2, products[first]["sku"])
    assert one["price"] == float(products[first]["price"])
    assert one["total_price"] == round(float(products[first]["price"]) * 2, 2)
    assert (one["weight"], one["weight_unit"]) == (float(products[first]["weight"]), "kg")
    assert two["product_id"] == str(second) and two["quantity"] == 1
    assert package["additional_fields"]["cart_subtotal"] == round(
        one["total_price"] + two["total_price"], 2)


async def test_a_destination_outside_every_zone_asks_no_service(store):
    assert (await add_service(store))["return_code"] == 0
    asked = len(store.vendor.got)
    assert await checkout_rates(store.shop, store.checkout, cart(store),
                                {**TO, "country": "FR", "state": ""}) == []
    assert len(store.vendor.got) == asked


async def test_forged_rate_request_is_refused(store):
    assert (await add_service(store))["return_code"] == 0
    body = json.dumps({"currency": "USD", "packages": []}).encode()
    r = await signed_rates(store, body, "not the secret")
    assert r.status_code == 401 and len(store.vendor.got) == 1


async def test_a_malformed_package_is_400_and_not_the_services_fault(store):
    assert (await add_service(store))["return_code"] == 0
    body = json.dumps({"currency": "USD", "packages": [{"contents": "x"}]}).encode()
    r = await signed_rates(store, body, SECRET)
    assert r.status_code == 400 and r.json()["return_code"] == 100
    line = {"product_id": 1, "quantity": 1, "line_total": 5, "weight": "heavy"}
    body = json.dumps({"currency": "USD", "packages": [
        {"contents": {"k": line}, "destination": {"country": "US"}}]}).encode()
    r = await signed_rates(store, body, SECRET)
    assert r.status_code == 400 and r.json()["return_code"] == 100
    assert rows.get(store.services.db, 1).error_count == 0 and len(store.vendor.got) == 1


async def test_wrong_type_is_refused_with_the_faq_message_after_one_retry(store):
    store.vendor.modes = [BAD_TYPE]
    r = await add_service(store)
    assert r == WRONG_TYPE
    assert len(store.vendor.got) == 2 and not ours(store)


async def test_failures_count_and_show_no_rates_and_a_success_resets(store):
    assert (await add_service(store))["return_code"] == 0
    db = store.services.db
    store.vendor.modes = ["404"]
    store.vendor.got.clear()
    assert await checkout_rates(store.shop, store.checkout, cart(store), TO) == []
    assert len(store.vendor.got) == 1 and rows.get(db, 1).error_count == 1  # 404: no retry
    store.vendor.modes = ["slow"]
    assert await checkout_rates(store.shop, store.checkout, cart(store), TO) == []
    assert rows.get(db, 1).error_count == 2
    store.vendor.modes = [WOO]
    assert len(await checkout_rates(store.shop, store.checkout, cart(store), TO)) == 3
    assert rows.get(db, 1).error_count == 0


def test_empty_rates_give_an_empty_package() -> None:
    answer = RatesAnswer.model_validate({"packages_rates": [
        {"package_id": "1", "rates": []}, {"package_id": "2", "rates": []}]})
    assert woo.woo_rates(answer, "EUR") == {"packages": [
        {"package_id": "1", "rates": []}, {"package_id": "2", "rates": []}]}


def test_two_woocommerce_packages_are_two_faq_packages() -> None:
    line = {"product_id": 5, "variation_id": 9, "quantity": 3, "line_total": 30,
            "line_tax": 6, "line_subtotal": 36, "name": "Cap", "sku": "C-1", "weight": "",
            "length": "10", "width": "", "height": "2"}
    native = woo.WooRateRequest.model_validate({"currency": "EUR", "origin": {"country": "DE"},
        "packages": [{"contents": {"k1": line}, "destination": {"country": "FR"}},
                     {"contents": [line], "destination": {"country": "GB"}}]})
    first, second = woo.unified(native).packages
    assert (first.id, second.id) == ("1", "2")
    assert (first.destination.country.code3, second.destination.country.code3) == ("FRA", "GBR")
    [item] = first.items
    assert (item.variant_id, item.price, item.tax_value, item.tax_percent) == ("9", 10, 6, 20)
    assert item.discount_amount == 6 and item.weight is None
    assert item.additional_fields == {"dimensions_unit": "cm", "height": 2.0, "width": None,
                                      "length": 10.0}
