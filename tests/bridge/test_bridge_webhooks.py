"""Polled webhooks on bridge carts: a merchant's edit in the cart's own tables (as its admin
panel would make it) and a product added through AnyCart reach a subscriber as signed
webhooks, read through bridge.php."""

from __future__ import annotations

import pytest

from anycart.webhooks.outbox import account_secret
from anycart.webhooks.signing import verify
from anycart.worker.loop import Worker
from tests.bridge.harness import close_bridge_env, open_bridge_env
from tests.bridge.test_carts_through_bridge import Cart
from tests.webhooks.conftest import receiver  # noqa: F401  (a loopback webhook receiver)

#: How each cart's admin records a price change (the seeded stores are on UTC; non-UTC stores:
#: tests/bridge/test_store_time_zones.py).
MERCHANT_EDITS = {
    "opencart": ["UPDATE {p}product SET price = 77.77, date_modified = UTC_TIMESTAMP() "
                 "WHERE product_id = %(id)s"],
    "woocommerce": ["UPDATE {p}postmeta SET meta_value = '77.77' WHERE post_id = %(id)s "
                    "AND meta_key IN ('_price', '_regular_price')",
                    "UPDATE {p}postmeta SET meta_value = '' WHERE post_id = %(id)s "
                    "AND meta_key = '_sale_price'",
                    "UPDATE {p}posts SET post_modified = UTC_TIMESTAMP(), "
                    "post_modified_gmt = UTC_TIMESTAMP() WHERE ID = %(id)s"],
    "prestashop": ["UPDATE {p}product SET price = 77.77, date_upd = UTC_TIMESTAMP() "
                   "WHERE id_product = %(id)s",
                   "UPDATE {p}product_shop SET price = 77.77, date_upd = UTC_TIMESTAMP() "
                   "WHERE id_product = %(id)s"],
}


@pytest.mark.parametrize("cart", [Cart("opencart", "oc_", products=30, customers=5, orders=5),
                                  Cart("woocommerce", "wp_", products=30, customers=5, orders=5),
                                  Cart("prestashop", "ps_", products=30, customers=5, orders=5)],
                         ids=lambda c: c.folder)
async def test_a_merchants_edit_and_an_api_add_arrive_as_signed_webhooks(tmp_path, mariadb,
                                                                           receiver, cart):
    env = await open_bridge_env(tmp_path, mariadb, cart.folder, [cart.platform()], cart.loader(),
                                prefix=cart.prefix, poll_interval_s=0.0,
                                webhook_retry_base_s=0.1)
    try:
        for action in ("update", "add"):
            hook = await env.call("webhook.create", body={
                "entity": "product", "action": action, "callback": receiver.url + "/hook"})
            assert hook["return_code"] == 0, hook
        worker = Worker(env.services)
        await worker.drain()  # the baseline poll: nothing to send yet
        assert receiver.received == []

        listed = await env.call("product.list", {"count": 3, "params": "id"})
        edited = listed["result"]["product"][2]["id"]
        for statement in MERCHANT_EDITS[cart.folder]:
            env.sql(statement.replace("%(id)s", "%s"), [int(edited)])
        added = await env.call("product.add", body={
            "name": "Bridge webhook product", "model": "BW-1", "sku": "BW-1", "price": 5.5,
            "description": "<p>new</p>", "quantity": 3})
        assert added["return_code"] == 0, added
        await worker.drain()

        events = {(r.json["action"], r.json["entity_id"]): r for r in receiver.received}
        assert set(events) == {("update", edited), ("add", added["result"]["product_id"])}
        update = events[("update", edited)]
        assert update.json["data"]["price"] == 77.77
        key = account_secret(env.services.db, env.services.repo.authenticate(env.api_key).id)
        assert verify(key, update.headers, update.body)
    finally:
        await close_bridge_env(env)
