"""Issue 12, item 8: a direct SQL edit that leaves the modification date alone.

Polling reads ``modified_from``, so by default such an edit produces no webhook (docs/webhooks.md
says so). A subscription with ``change_detection=checksum`` (an AnyCart extension) makes the
poller list the entity in full and diff every record's hash: the edit is delivered, including
one made before the option was switched on."""

from __future__ import annotations

import re

import pytest

from anycart.worker.loop import Worker
from tests.bridge.harness import close_bridge_env, open_bridge_env
from tests.bridge.test_carts_through_bridge import Cart
from tests.webhooks.conftest import receiver  # noqa: F401  (a loopback webhook receiver)

#: A price change as a bulk-edit tool or a hand-written UPDATE makes it: no date touched.
SILENT_EDITS = {
    "opencart": ["UPDATE {p}product SET price = %(price)s WHERE product_id = %(id)s"],
    "prestashop": ["UPDATE {p}product SET price = %(price)s WHERE id_product = %(id)s",
                   "UPDATE {p}product_shop SET price = %(price)s WHERE id_product = %(id)s"],
    "woocommerce": [("UPDATE {p}postmeta SET meta_value = %(price)s WHERE post_id = %(id)s "
                     "AND meta_key IN ('_price', '_regular_price')"),
                    ("UPDATE {p}postmeta SET meta_value = '' WHERE post_id = %(id)s "
                     "AND meta_key = '_sale_price'")],
}


@pytest.mark.parametrize("cart", [Cart("opencart", "oc_", products=20, customers=2, orders=2),
                                  Cart("prestashop", "ps_", products=20, customers=2, orders=2),
                                  Cart("woocommerce", "wp_", products=20, customers=2, orders=2)],
                         ids=lambda c: c.folder)
async def test_an_edit_without_a_date_arrives_only_with_checksum_detection(
        tmp_path, mariadb, receiver, cart):
    env = await open_bridge_env(tmp_path, mariadb, cart.folder, [cart.platform()], cart.loader(),
                                prefix=cart.prefix, poll_interval_s=0.0,
                                webhook_retry_base_s=0.1)

    def silent_edit(pid: str, price: str) -> None:
        values = {"id": int(pid), "price": price}
        for statement in SILENT_EDITS[cart.folder]:
            names = re.findall(r"%\((\w+)\)s", statement)
            env.sql(re.sub(r"%\(\w+\)s", "%s", statement), [values[n] for n in names])

    try:
        bad = await env.call("webhook.create", body={
            "entity": "product", "action": "update", "callback": receiver.url + "/hook",
            "change_detection": "sometimes"})
        assert bad["return_code"] == 109 and "change_detection" in bad["return_message"], bad
        hook = await env.call("webhook.create", body={
            "entity": "product", "action": "update", "callback": receiver.url + "/hook"})
        assert hook["return_code"] == 0, hook
        hook_id = hook["result"]["id"]
        worker = Worker(env.services)
        await worker.drain()  # the baseline poll
        ids = [p["id"] for p in (await env.call("product.list", {"count": 3, "params": "id"}))
               ["result"]["product"]]

        # By default (modification time) the edit is invisible to polling: documented.
        silent_edit(ids[1], "61.5")
        await worker.drain()
        assert receiver.received == []

        switched = await env.call("webhook.update", body={"id": hook_id,
                                                          "change_detection": "checksum"})
        assert switched["return_code"] == 0, switched
        listed = await env.call("webhook.list", {"ids": str(hook_id), "params": "force_all"})
        assert listed["result"]["webhook"][0]["additional_fields"]["change_detection"] == "checksum"
        await worker.drain()  # the full diff finds the edit made before the switch too
        silent_edit(ids[2], "62.5")
        await worker.drain()

        got = {r.json["entity_id"]: r.json["data"]["price"] for r in receiver.received}
        assert got == {ids[1]: 61.5, ids[2]: 62.5}, [r.json for r in receiver.received]
    finally:
        await close_bridge_env(env)
