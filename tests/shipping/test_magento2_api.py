"""Live shipping rates on Magento 2 (``Magento2Api``) end to end: AnyCart serving a store on
the Magento simulator with the AnyCart module installed, a vendor's callback on a real
loopback server. Create validates the callback with a signed test request and writes the
service through the module's route (its ``carriers/anycart/services`` row, the key derived
from the integration token, never the token); at checkout the simulator plays
``Shipping::collectRates`` (the carrier POSTs the RateRequest to AnyCart, signed), AnyCart
asks the vendor and answers Magento rate methods. Failures count; a forged request is 401."""

from __future__ import annotations

import contextlib
import json

import pytest

from anycart.platforms.magento2_api import shipping as m2
from anycart.platforms.magento2_api.platform import PLATFORMS
from anycart.platforms.magento2_api.sim_shipping import (
    ORIGIN,
    SERVICES,
    checkout_rates,
    install_module,
    module_of,
)
from anycart.platforms.magento2_api.simulator import Magento2Simulator
from anycart.sdk import verify_shipping_request
from anycart.shipping import services as rows
from anycart.shipping.models import RatesAnswer
from tests.platforms.gateway_env import GatewayEnv, open_gateway
from tests.shipping.live import CREATE, WRONG_TYPE, add_service, key_of, live_vendor, signed_rates
from tests.shipping.test_signing import faq_sign
from tests.shipping.vendor import BAD_TYPE, GOOD, Vendor

HOST, TOKEN = "m2.example", "0123456789abcdef0123456789abcdef"
PUBLIC_URL = "https://anycart.example"
TO = {"country_id": "US", "region_code": "AL", "region_id": 1, "postcode": "35005",
      "city": "Adamsville", "street": "24 Sussex Dr.\nSuite 5"}
TAXED = {"packages_rates": [{"package_id": "1", "rates": [
    {"name": "Ground", "code": "ground-1", "total_cost": 7.5, "taxable": True, "tax_value": 1.5},
    {"name": "Air", "code": "air", "total_cost": 19, "taxable": False, "tax_value": 3}]}]}


@contextlib.asynccontextmanager
async def open_env(tmp_path):
    sim = Magento2Simulator()
    sim.shops.add_shop(HOST, TOKEN, size=8, seed=5)
    credentials = {"cart_id": "Magento2Api", "store_url": f"https://{HOST}",
                   "magento_access_token": TOKEN}
    async with open_gateway(tmp_path, sim, PLATFORMS, {HOST: sim.app}, GatewayEnv,
                            public_url=PUBLIC_URL,
                            connect=lambda e: e.add_cart(credentials)) as e:
        yield e


@pytest.fixture
async def store(tmp_path):
    async with open_env(tmp_path) as e, live_vendor(e, Vendor(modes=[GOOD]), PUBLIC_URL):
        e.shop = e.sim.shops.get(HOST)
        install_module(e.shop)
        yield e


def cart(e) -> list[tuple[str, float]]:
    data = e.shop.data.products
    first, second = (data.peek(k) for k in data.sorted_keys()[:2])
    return [(first["sku"], 2), (second["sku"], 1)]


async def test_a_store_without_the_module_is_told_to_install_it(store):
    fresh = Magento2Simulator()
    store.services.http.mount(HOST, fresh.app)
    fresh.shops.add_shop(HOST, TOKEN, size=2)
    r = await add_service(store)
    assert r["return_code"] == 109 and "install the AnyCart module" in r["return_message"], r
    assert rows.count(store.services.db, 1) == 0
    listed = await store.call("basket.live_shipping_service.list")
    assert listed["return_code"] == 109


async def test_create_tests_the_callback_and_writes_the_modules_config(store):
    r = await store.call(CREATE, {"name": "Vendor rates", "callback": store.callback})
    assert r["return_code"] == 0, r
    [(headers, body)] = store.vendor.got
    assert headers["x-shipping-service-test-request"] == "1"
    verify_shipping_request(headers, body, key_of(store))
    canonical = {k.title(): v for k, v in headers.items() if k.startswith("x-shipping-service")}
    assert headers["x-shipping-service-signature"] == faq_sign(canonical, body,
                                                               key_of(store).encode())
    module = module_of(store.shop)
    [service] = json.loads(module.config[SERVICES])
    assert service["rates_url"] == f"{PUBLIC_URL}/shipping/1/rates"
    assert service["name"] == "Vendor rates" and service["signing_key"] == m2.signing_key(TOKEN)
    assert TOKEN not in json.dumps(module.config)  # the access token never written to the store
    assert module.config["carriers/anycart/active"] == "1"
    assert r["result"]["id"] == str(service["id"])
    again = await store.call(CREATE, {"name": "Second", "callback": store.callback})
    assert again["return_code"] == 0, again  # Magento: any number of services
    items = (await store.call("basket.live_shipping_service.list"))["result"][
        "live_shipping_services"]
    assert [i["name"] for i in items] == ["Vendor rates", "Second"]
    assert all(i["callback"] == store.callback for i in items)  # the vendor's, not AnyCart's
    assert items[0]["callback_err_cnt"] == 0 and items[0]["enabled_on_store"] is True
    assert items[0]["additional_fields"]["carrier"] == "anycart"
    gone = await store.call("basket.live_shipping_service.delete", {"id": items[0]["id"]})
    assert gone["return_code"] == 0 and gone["result"] == {"status": True}
    assert [s["name"] for s in json.loads(module.config[SERVICES])] == ["Second"]
    assert rows.get(store.services.db, 1) is None and rows.get(store.services.db, 2)
    missing = await store.call("basket.live_shipping_service.delete", {"id": "999"})
    assert missing["return_code"] == 112
    await store.call("basket.live_shipping_service.delete", {"id": items[1]["id"]})
    assert module.config["carriers/anycart/active"] == "0"  # no service: the carrier off


async def test_checkout_rates_flow_through_anycart(store):
    store.vendor.modes = [GOOD, TAXED]
    assert (await add_service(store))["return_code"] == 0
    shown = await checkout_rates(store.shop, store.checkout, cart(store), TO)
    assert [(m["carrier"], m["method"], m["method_title"], m["price"], m["cost"]) for m in shown] \
        == [("anycart", "1_ground_1", "Ground", 7.5, 7.5), ("anycart", "1_air", "Air", 19.0, 19.0)]
    assert shown[0]["tax_value"] == 1.5 and "tax_value" not in shown[1]  # taxable false: none
    assert shown[0]["currency"] == "USD" and shown[0]["carrier_title"] == "Live rates"
    headers, body = store.vendor.got[-1]
    assert headers["x-shipping-service-id"] == "1"
    verify_shipping_request(headers, body, key_of(store))
    [package] = json.loads(body)["packages"]
    assert package["id"] == "1" and package["currency_code"] == "USD"
    assert package["destination"]["country"] == {"code2": "US", "code3": "USA",
                                                 "name": "United States"}
    assert package["destination"]["state"] == {"code": "AL", "name": "Alabama"}
    assert (package["destination"]["address1"], package["destination"]["address2"]) == (
        "24 Sussex Dr.", "Suite 5")
    assert package["origin"]["city"] == ORIGIN["city"]
    assert package["origin"]["state"] == {"code": "TX", "name": "Texas"}
    (first, _), (second, _) = cart(store)
    one, two = package["items"]
    p1 = store.shop.product(first, "default")
    assert (one["product_id"], one["model"], one["quantity"]) == (str(p1["id"]), first, 2)
    assert one["price"] == float(p1["price"]) and one["total_price"] == round(
        float(p1["price"]) * 2, 2)
    assert one["weight_unit"] == "lb" and two["model"] == second
    assert package["additional_fields"]["package_qty"] == 3
    assert package["additional_fields"]["package_value"] == round(
        one["total_price"] + two["total_price"], 2)


async def test_forged_or_malformed_rate_requests_are_refused(store):
    assert (await add_service(store))["return_code"] == 0
    body = json.dumps({"currency": "USD", "destination": {}, "items": []}).encode()
    r = await signed_rates(store, body, "not the token")
    assert r.status_code == 401
    bad = json.dumps({"currency": "USD", "destination": {}, "items": [{"qty": 1}]}).encode()
    r = await signed_rates(store, bad, TOKEN)
    assert r.status_code == 400 and r.json()["return_code"] == 100
    assert rows.get(store.services.db, 1).error_count == 0 and len(store.vendor.got) == 1


async def test_wrong_type_is_refused_and_failures_count(store):
    store.vendor.modes = [BAD_TYPE]
    r = await add_service(store)
    assert r == WRONG_TYPE
    assert module_of(store.shop).services() == []
    store.vendor.modes = [GOOD]
    assert (await add_service(store))["return_code"] == 0
    db = store.services.db
    store.vendor.modes = ["404"]
    store.vendor.got.clear()
    assert await checkout_rates(store.shop, store.checkout, cart(store), TO) == []
    assert len(store.vendor.got) == 1 and rows.get(db, 1).error_count == 1  # 404: no retry
    store.vendor.modes = [TAXED]
    assert len(await checkout_rates(store.shop, store.checkout, cart(store), TO)) == 2
    assert rows.get(db, 1).error_count == 0


def test_every_package_rate_becomes_a_method_and_codes_become_words() -> None:
    answer = RatesAnswer.model_validate({"packages_rates": [
        {"package_id": "1", "rates": []},
        {"package_id": "2", "rates": [{"name": "X", "code": "a b/c", "total_cost": 1}]}]})
    assert m2.magento_rates(answer, "EUR") == {"methods": [
        {"carrier": "anycart", "method": "a_b_c", "method_title": "X", "price": 1.0,
         "cost": 1.0, "currency": "EUR"}]}
