"""Live shipping rates end to end: AnyCart serving a Shopify store on the simulator, a
vendor's callback on a real loopback server. Create validates the callback with a signed
test request; at checkout the simulator plays Shopify (POSTs its CarrierService rate request
to the service's callback_url, which is AnyCart), AnyCart asks the vendor and answers rates.
Each FAQ failure rule, and the per-service error count."""

from __future__ import annotations

import json

import httpx
import pytest

from anycart.platforms.shopify.sim_shop import request_rates
from anycart.sandbox.webhooks import hmac_signature
from anycart.sdk import verify_shipping_request
from anycart.shipping import services as rows
from tests.platforms.shopify.test_connector import PUBLIC_URL, SECRET, open_env
from tests.shipping.live import CREATE, WRONG_TYPE, add_service, key_of, live_vendor
from tests.shipping.test_signing import faq_sign
from tests.shipping.vendor import BAD_TYPE, GOOD, Vendor

#: Shopify's documented CarrierService rate request.
RATE = {"origin": {"country": "CA", "postal_code": "K2P1L4", "province": "ON", "city": "Ottawa",
                   "name": None, "address1": "150 Elgin St.", "address2": "", "phone": None,
                   "company_name": "Jamie D's Emporium"},
        "destination": {"country": "US", "postal_code": "35005", "province": "AL",
                        "city": "Adamsville", "name": "Bob Norman",
                        "address1": "24 Sussex Dr.", "address2": "", "phone": None,
                        "company_name": None},
        "items": [{"name": "Short Sleeve T-Shirt", "sku": "TS-1", "quantity": 2, "grams": 1000,
                   "price": 1999, "vendor": "Jamie D's Emporium", "requires_shipping": True,
                   "taxable": True, "fulfillment_service": "manual", "properties": None,
                   "product_id": 48447225880, "variant_id": 258644705304}],
        "currency": "USD", "locale": "en"}


@pytest.fixture
async def shop(tmp_path):
    async with open_env(tmp_path, 3) as e, live_vendor(e, Vendor(), PUBLIC_URL):
        yield e


async def ask(e, rate=RATE) -> httpx.Response:
    """Shopify's rate request, signed with the app's shared secret, answered as it is."""
    body = json.dumps({"rate": rate}).encode()
    return await e.checkout.post("/shipping/1/rates", content=body, headers={
        "X-Shopify-Hmac-Sha256": hmac_signature(SECRET, body)})


async def test_create_sends_a_signed_test_request_and_points_shopify_at_anycart(shop):
    r = await shop.call(CREATE, {"name": "Vendor rates", "callback": shop.callback})
    assert r["return_code"] == 0, r
    [(headers, body)] = shop.vendor.got
    assert headers["x-shipping-service-test-request"] == "1"
    assert "x-shipping-service-id" not in headers
    verify_shipping_request(headers, body, key_of(shop))  # the SDK's verifier
    canonical = {k.title(): v for k, v in headers.items() if k.startswith("x-shipping-service")}
    assert headers["x-shipping-service-signature"] == faq_sign(canonical, body,
                                                               key_of(shop).encode())
    assert json.loads(body)["packages"][0]["destination"]["city"] == "Adamsville"
    [native] = shop.shop.data.carrier_services.values()
    service = rows.get(shop.services.db, 1)
    assert native["callback_url"] == f"{PUBLIC_URL}/shipping/{service.id}/rates"
    listed = await shop.call("basket.live_shipping_service.list")
    [item] = listed["result"]["live_shipping_services"]
    assert item["callback"] == shop.callback and item["additional_fields"]["error_count"] == 0
    # Shopify: one service per store
    again = await shop.call(CREATE, {"name": "Other", "callback": shop.callback})
    assert again["return_code"] == 109 and "Shopify allows 1" in again["return_message"]
    gone = await shop.call("basket.live_shipping_service.delete", {"id": item["id"]})
    assert gone["return_code"] == 0 and not shop.shop.data.carrier_services
    assert rows.get(shop.services.db, service.id) is None


async def test_checkout_rates_flow_through_anycart(shop):
    assert (await add_service(shop))["return_code"] == 0
    shown = await request_rates(shop.shop, shop.checkout, RATE)
    assert shown == [
        {"service_name": "Some name", "service_code": "some_name", "total_price": "1056",
         "currency": "USD", "description": "Tax included an duties"},
        {"service_name": "Some name 2", "service_code": "some_name2", "total_price": "2059",
         "currency": "USD", "description": "Tax included an duties",
         "min_delivery_date": "2019-05-18 11:01:18 +0000",
         "max_delivery_date": "2019-05-30 00:47:58 +0000"}]
    headers, body = shop.vendor.got[-1]
    assert headers["x-shipping-service-id"] == "1"
    assert "x-shipping-service-test-request" not in headers
    verify_shipping_request(headers, body, key_of(shop))
    [package] = json.loads(body)["packages"]
    assert package["currency_code"] == "USD"
    assert package["destination"]["country"] == {"code2": "US", "code3": "USA",
                                                 "name": "United States"}
    assert package["destination"]["state"] == {"code": "AL", "name": "Alabama"}
    assert package["origin"]["postcode"] == "K2P1L4"
    [item] = package["items"]
    assert (item["price"], item["quantity"], item["total_price"]) == (19.99, 2, 39.98)
    assert (item["weight"], item["weight_unit"], item["model"]) == (1.0, "kg", "TS-1")
    assert item["variant_id"] == "258644705304"


async def test_forged_shopify_request_is_refused(shop):
    assert (await add_service(shop))["return_code"] == 0
    r = await shop.checkout.post("/shipping/1/rates", json={"rate": RATE},
                                 headers={"X-Shopify-Hmac-Sha256": "Zm9yZ2Vk"})
    assert r.status_code == 401 and len(shop.vendor.got) == 1


async def test_wrong_type_is_refused_with_the_faq_message_after_one_retry(shop):
    shop.vendor.modes = [BAD_TYPE]
    r = await add_service(shop)
    assert r == WRONG_TYPE
    assert len(shop.vendor.got) == 2  # 200 with an invalid body: waited, asked once more
    assert not shop.shop.data.carrier_services


async def test_empty_answer_is_asked_again_once(shop):
    shop.vendor.modes = ["empty", GOOD]
    r = await add_service(shop)
    assert r["return_code"] == 0, r
    assert len(shop.vendor.got) == 2


async def test_404_is_not_retried(shop):
    shop.vendor.modes = ["404"]
    r = await add_service(shop)
    assert r["return_code"] == 109 and "404" in r["return_message"]
    assert len(shop.vendor.got) == 1


async def test_no_answer_in_time(shop):
    shop.vendor.modes = ["slow"]
    r = await add_service(shop)
    assert r["return_code"] == 109
    assert r["return_message"] == f"Callback {shop.callback} did not respond within 0.5 sec"
    assert len(shop.vendor.got) == 1


async def test_error_count_resets_on_success_and_turns_the_service_off(shop):
    assert (await add_service(shop))["return_code"] == 0
    db = shop.services.db
    shop.vendor.modes = ["404"]
    shop.vendor.got.clear()
    assert await request_rates(shop.shop, shop.checkout, RATE) == []
    assert rows.get(db, 1).error_count == 1
    shop.vendor.modes = [GOOD]
    shop.vendor.got.clear()
    assert len(await request_rates(shop.shop, shop.checkout, RATE)) == 2
    assert rows.get(db, 1).error_count == 0
    shop.vendor.modes = ["404"]
    shop.vendor.got.clear()
    for n in (1, 2, 3):
        r = await ask(shop)
        assert r.status_code == 502 and r.json()["return_code"] == 109
        assert rows.get(db, 1).error_count == n
    assert rows.get(db, 1).active is False  # the limit (3) reached
    r = await ask(shop)
    assert r.status_code == 404 and len(shop.vendor.got) == 3


async def test_callback_on_a_private_network_is_refused(shop):
    shop.services.settings.allow_private_networks = False
    r = await add_service(shop)
    assert r["return_code"] == 109 and "callback" in r["return_message"]
    assert not shop.vendor.got


async def test_a_deleted_service_is_not_asked_again(shop):
    r = await add_service(shop)
    assert r["return_code"] == 0
    assert (await ask(shop)).status_code == 200  # read once, then kept for the next ones
    gone = await shop.call("basket.live_shipping_service.delete", {"id": str(r["result"]["id"])})
    assert gone["return_code"] == 0
    asked = len(shop.vendor.got)
    assert (await ask(shop)).status_code == 404 and len(shop.vendor.got) == asked


async def test_a_malformed_rate_request_is_400_and_not_the_services_fault(shop):
    assert (await add_service(shop))["return_code"] == 0
    body = json.dumps({"rate": {"items": "x"}}).encode()
    r = await shop.checkout.post("/shipping/1/rates", content=body, headers={
        "X-Shopify-Hmac-Sha256": hmac_signature(SECRET, body)})
    assert r.status_code == 400 and r.json()["return_code"] == 100
    assert rows.get(shop.services.db, 1).error_count == 0 and len(shop.vendor.got) == 1
    r = await shop.checkout.post("/shipping/99/rates", content=body)
    assert r.status_code == 404


async def test_a_store_without_the_shared_secret_cannot_take_a_service(shop):
    account = shop.services.repo.authenticate(shop.api_key)
    store = shop.services.repo.get_store(account.id, shop.store_key)
    shop.services.repo.update_store(account.id, shop.store_key, credentials={
        k: v for k, v in store.credentials.items() if k != "shopify_shared_secret"})
    r = await add_service(shop)
    assert r["return_code"] == 109 and "shopify_shared_secret" in r["return_message"], r
    assert not shop.vendor.got and not shop.shop.data.carrier_services
