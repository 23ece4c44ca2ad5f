"""PrestaShop pushes nothing: AnyCart polls the webservice by ``date_upd`` (``filter[date_upd]``
with ``date=1``) and delivers what changed. Products and orders added and updated, by AnyCart
or by the shop itself (an order made at the checkout), fire their webhooks."""

from __future__ import annotations

import httpx

from anycart.worker.loop import Worker
from tests.conftest import LiveServer
from tests.platforms.prestashop_api.test_connector import HOST, KEY, env, ok  # noqa: F401
from tests.webhooks.receiver import Receiver

#: A cart and the order a payment module makes of it at the checkout (the shop's side).
CART = (b"<prestashop><cart><id_currency>1</id_currency><id_lang>1</id_lang><id_customer>1</id_customer>"
        b"<id_address_delivery>1</id_address_delivery><id_address_invoice>1</id_address_invoice>"
        b"<id_carrier>2</id_carrier><associations><cart_rows><cart_row><id_product>1</id_product>"
        b"<id_product_attribute>0</id_product_attribute><id_address_delivery>1</id_address_delivery>"
        b"<quantity>1</quantity></cart_row></cart_rows></associations></cart></prestashop>")
ORDER = ("<prestashop><order><id_address_delivery>1</id_address_delivery>"
         "<id_address_invoice>1</id_address_invoice><id_cart>{cart}</id_cart><id_currency>1</id_currency>"
         "<id_lang>1</id_lang><id_customer>1</id_customer><id_carrier>2</id_carrier>"
         "<module>ps_checkpayment</module><payment>Check</payment><total_paid>10</total_paid>"
         "<total_paid_real>10</total_paid_real><total_products>10</total_products>"
         "<total_products_wt>10</total_products_wt><conversion_rate>1</conversion_rate>"
         "<current_state>1</current_state></order></prestashop>")


def _poll_now(env) -> None:
    from sqlalchemy import update

    from anycart.storage.models import PollState, utcnow

    with env.services.db.session() as s:
        s.execute(update(PollState).values(next_poll_at=utcnow()))


async def _subscribe(env, server, *pairs: tuple[str, str]) -> None:
    for entity, action in pairs:
        ok(await env.call("webhook.create", body={"entity": entity, "action": action,
                                                  "callback": f"{server.url}/hook", "fields": "id"}))


async def test_product_and_order_changes_are_polled(env):
    receiver = Receiver()
    with LiveServer(receiver.app) as server:
        await _subscribe(env, server, ("product", "add"), ("product", "update"),
                         ("order", "add"), ("order", "update"))
        await Worker(env.services).drain()  # the baseline: nothing yet
        assert receiver.delivered() == []
        added = ok(await env.call("product.add", {"name": "Polled", "model": "P-1", "description": "d",
                                                  "price": 3}))["product_id"]
        ok(await env.call("product.update", {"id": 2, "price": 99}))
        ok(await env.call("order.update", {"order_id": 3, "order_status": 5}))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=env.sim.app),
                                     base_url=f"https://{HOST}") as shop:
            cart = await shop.post("/api/carts", params={"output_format": "JSON"}, content=CART,
                                   auth=(KEY, ""))
            assert cart.status_code == 201, cart.text
            made = await shop.post("/api/orders", params={"output_format": "JSON"}, auth=(KEY, ""),
                                   content=ORDER.format(cart=cart.json()["cart"]["id"]).encode())
        assert made.status_code == 201, made.text
        order_id = str(made.json()["order"]["id"])
        _poll_now(env)
        await Worker(env.services).drain()
        got = {(d.json["entity"], d.json["action"], d.json["data"]["id"]) for d in receiver.delivered()}
        assert got == {("product", "add", added), ("product", "update", "2"),
                       ("order", "update", "3"), ("order", "add", order_id)}
