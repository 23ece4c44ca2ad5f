"""order.add end to end: AnyCart's HTTP API (the contract's validation and defaults) -> the
WooCommerce driver -> the real bridge.php -> MariaDB, in both order storages."""

from __future__ import annotations

import pytest

from anycart.platforms.woocommerce import seed
from anycart.platforms.woocommerce.platform import WooCommerce
from tests.bridge.harness import close_bridge_env, open_bridge_env


@pytest.fixture(params=["legacy", "hpos"])
async def env(request, tmp_path, mariadb):
    hpos = request.param == "hpos"

    def load(conn, prefix: str) -> None:
        seed.apply_schema(conn, prefix)
        seed.load(conn, prefix, products=20, customers=6, orders=5, hpos=hpos)

    e = await open_bridge_env(tmp_path, mariadb, "woocommerce", [WooCommerce], load, prefix="wp_")
    e.hpos = hpos
    yield e
    await close_bridge_env(e)


async def test_order_add_through_the_bridge(env):
    product = env.sql("SELECT ID FROM {p}posts WHERE post_type = 'product' AND post_status = 'publish' "
                      "ORDER BY ID LIMIT 1")[0]["ID"]
    user = env.sql("SELECT ID, user_email FROM {p}users WHERE ID = 2")[0]
    body = {"order_status": "processing", "customer_email": user["user_email"], "bill_first_name": "Ada",
            "bill_last_name": "Lovelace", "bill_address_1": "1 Engine St", "bill_city": "Austin",
            "bill_postcode": "73301", "bill_state": "TX", "bill_country": "US", "shipping_price": 4,
            "order_shipping_method": "Flat rate", "comment": "Robert'); DROP TABLE {p}posts; --",
            "order_item": [{"order_item_id": str(product), "order_item_name": "Thing", "order_item_price": 9.5,
                            "order_item_quantity": 2, "order_item_tax": 10}]}
    answer = await env.call("order.add", body=body)
    assert answer["return_code"] == 0, answer
    oid = answer["result"]["order_id"]
    assert answer["result"]["customer_id"] == str(user["ID"])

    info = await env.call("order.info", {"order_id": oid, "params": "force_all"})
    assert info["return_code"] == 0, info
    order = info["result"]
    assert order["status"]["id"] == "wc-processing" and order["customer"]["id"] == str(user["ID"])
    assert order["comment"] == body["comment"]
    assert [(p["product_id"], p["quantity"], p["price"]) for p in order["order_products"]] == [(str(product), 2, 9.5)]
    assert (order["totals"]["subtotal"], order["totals"]["tax"], order["totals"]["total"]) == (19.0, 1.9, 24.9)

    table = "{p}wc_orders WHERE id" if env.hpos else "{p}posts WHERE post_type = 'shop_order' AND ID"
    assert env.sql(f"SELECT COUNT(*) AS n FROM {table} = %s", [oid])[0]["n"] == 1
    assert env.sql("SELECT status FROM {p}wc_order_stats WHERE order_id = %s", [oid])[0]["status"] == "wc-processing"
    assert len(env.sql("SELECT * FROM {p}wc_order_product_lookup WHERE order_id = %s", [oid])) == 1
    assert env.sql("SELECT COUNT(*) AS n FROM {p}posts")[0]["n"] > 20

    # refusals come back in the contract's codes, with nothing written
    before = env.sql("SELECT COUNT(*) AS n FROM {p}woocommerce_order_items")[0]["n"]
    for change, code in (({"order_status": "lost"}, 109), ({"bill_country": "ZZ"}, 109),
                         ({"order_item": [{"order_item_id": "999999", "order_item_name": "x", "order_item_price": 1,
                                           "order_item_quantity": 1}]}, 112)):
        refused = await env.call("order.add", body={**body, **change})
        assert refused["return_code"] == code, refused
    assert env.sql("SELECT COUNT(*) AS n FROM {p}woocommerce_order_items")[0]["n"] == before
