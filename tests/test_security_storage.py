"""Tenancy, secrets at rest and the SSRF guard, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.memory_platform import TEST_KEY, TEST_URL, seed_shop


async def test_product_list_works(env):
    body = await env.call("product.list", {"count": 5})
    assert body["return_code"] == 0
    assert body["result"]["products_count"] == 30
    assert [p["id"] for p in body["result"]["product"]] == ["1", "2", "3", "4", "5"]


async def test_headers_work_as_well_as_query_parameters(env):
    r = await env.client.get("/v1.1/product.count.json",
                             headers={"x-api-key": env.api_key, "x-store-key": env.store_key})
    assert r.json()["return_code"] == 0


async def test_bad_api_key_and_store_key(env):
    r = await env.client.get("/v1.1/product.count.json", params={"api_key": "nope", "store_key": env.store_key})
    assert r.json()["return_code"] == 2 and r.json()["return_message"] == "Incorrect API Key"
    r = await env.client.get("/v1.1/product.count.json", params={"api_key": env.api_key, "store_key": "nope"})
    assert r.json()["return_code"] == 101


async def test_other_account_cannot_see_or_touch_the_store(env):
    _, other_key = env.services.repo.create_account("intruder")
    for method, verb in (("product.list", "GET"), ("cart.info", "GET"), ("cart.delete", "DELETE"),
                         ("product.delete", "DELETE")):
        r = await env.client.request(verb, f"/v1.1/{method}.json",
                                     params={"api_key": other_key, "store_key": env.store_key, "id": "1"})
        assert r.json()["return_code"] == 101, (method, r.json())
    r = await env.client.get("/v1.1/account.cart.list.json", params={"api_key": other_key})
    assert r.json()["result"] == {"carts_count": 0, "carts": []}
    # The owner still has the store and its data.
    assert (await env.call("product.info", {"id": "1"}))["return_code"] == 0


async def test_credentials_are_not_readable_from_the_raw_database(env):
    with env.services.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM stores")).fetchall()
        accounts = conn.execute(text("SELECT * FROM accounts")).fetchall()
    dump = repr(rows) + repr(accounts)
    assert rows, "the store row exists"
    assert TEST_KEY not in dump
    assert TEST_KEY.encode().hex() not in dump
    assert env.api_key not in dump  # only the api_key's hash is stored
    # ... and yet the gateway can use them.
    assert (await env.call("cart.validate"))["result"] == {"status": "valid"}


async def test_key_file_lives_outside_the_database(env):
    key_file = env.services.settings.resolved_secret_key_file
    assert key_file.exists()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://localhost/shop",
                                 "http://169.254.169.254/latest", "http://10.1.2.3", "http://[::1]/"])
async def test_private_store_url_is_refused_by_default(sqlite_env, url):
    r = await sqlite_env.client.post("/v1.1/account.cart.add.json", params={"api_key": sqlite_env.api_key},
                                     json={"cart_id": "PrestashopApi", "store_url": url,
                                           "prestashop_webservice_key": TEST_KEY})
    body = r.json()
    assert body["return_code"] == 109
    assert "store_url" in body["return_message"] and "ANYCART_ALLOW_PRIVATE_NETWORKS" in body["return_message"]
    assert TEST_KEY not in r.text


async def test_account_cart_add_validates_and_detects_duplicates(env):
    def add(body):
        return env.client.post("/v1.1/account.cart.add.json", params={"api_key": env.api_key}, json=body)
    r = await add({"cart_id": "PrestashopApi", "store_url": TEST_URL})
    assert r.json()["return_code"] == 114
    assert r.json()["return_message"] == "Parameter 'prestashop_webservice_key' is required."
    r = await add({"cart_id": "NoSuchCart", "store_url": TEST_URL})
    assert r.json()["return_code"] == 109 and "cart_id" in r.json()["return_message"]
    r = await add({"cart_id": "Shopify", "store_url": TEST_URL, "shopify_access_token": "x"})
    assert r.json()["return_code"] == 107 and "Shopify" in r.json()["return_message"]
    other = "https://other.memory.test"
    seed_shop(other)
    env.services.http.mount("other.memory.test", env.services.http.mounts["shop.memory.test"])
    r = await add({"cart_id": "PrestashopApi", "store_url": other, "prestashop_webservice_key": "wrong"})
    assert r.json()["return_code"] == 107 and "wrong" not in r.json()["return_message"]
    r = await add({"cart_id": "PrestashopApi", "store_url": other, "prestashop_webservice_key": "wrong",
                   "verify": False})
    assert r.json()["return_code"] == 0  # verify=false stores without checking, as API2Cart does
    r = await add({"cart_id": "PrestashopApi", "store_url": TEST_URL, "prestashop_webservice_key": TEST_KEY})
    assert r.json()["return_code"] == 8  # already added by the fixture
    carts = (await env.client.get("/v1.1/account.cart.list.json", params={"api_key": env.api_key})).json()
    assert carts["result"]["carts_count"] == 2


async def test_account_config_update_and_cart_delete(env):
    r = await env.client.put("/v1.1/account.config.update.json",
                             params={**env.keys, "custom_label": "renamed"})
    assert r.json()["return_code"] == 0 and r.json()["result"]["updated_items"] == 1
    carts = (await env.client.get("/v1.1/account.cart.list.json", params={"api_key": env.api_key})).json()
    assert carts["result"]["carts"][0]["custom_label"] == "renamed"
    r = await env.client.delete("/v1.1/cart.delete.json", params=env.keys)
    assert r.json()["result"] == {"store": "deleted"}
    assert (await env.call("product.list"))["return_code"] == 101


async def test_supported_platforms_and_methods(env):
    r = await env.client.get("/v1.1/account.supported_platforms.json", params={"api_key": env.api_key})
    platforms = r.json()["result"]["supported_platforms"]
    assert platforms[0]["cart_id"] == "PrestashopApi"
    assert platforms[0]["params"]["required"] == [["store_url", "prestashop_webservice_key"]]
    methods = (await env.call("cart.methods"))["result"]["method"]
    assert "product.list" in methods and "product.review.list" not in methods
