"""Polled webhooks of a Magento 2 store (Open Source pushes none): AnyCart reads products,
customers and orders by ``updated_at`` (``modified_from`` as searchCriteria ``gteq``) and
delivers what changed since the baseline: a product added and changed through AnyCart, an
order placed on the storefront (straight into the simulator) and one changed, a customer."""

from __future__ import annotations

from anycart.platforms.magento2_api.sim_sales import place_order

from .test_connector import Env, env, ok, products  # noqa: F401 - env is the fixture


def _poll_now(env: Env) -> None:
    from sqlalchemy import update

    from anycart.storage.models import PollState, utcnow

    with env.services.db.session() as s:
        s.execute(update(PollState).values(next_poll_at=utcnow()))


async def test_polled_webhooks_fire_for_product_and_order_changes(env):
    from anycart.worker.loop import Worker
    from tests.conftest import LiveServer
    from tests.webhooks.receiver import Receiver

    receiver = Receiver()
    with LiveServer(receiver.app) as server:
        for entity, action in (("product", "add"), ("product", "update"), ("order", "add"),
                               ("order", "update"), ("customer", "update")):
            ok(await env.call("webhook.create", body={"entity": entity, "action": action,
                                                      "callback": server.url + "/hook",
                                                      "fields": "id"}))
        await Worker(env.services).drain()  # the baseline: no events
        assert receiver.received == []
        added = ok(await env.call("product.add", body={"name": "Polled", "sku": "POLL-1", "price": 3,
                                                       "description": "d"}))
        pid = str(products(env)[0]["id"])
        ok(await env.call("product.update", body={"id": pid, "price": 99}))
        cid = str(env.shop.data.customers.sorted_keys()[-1])
        ok(await env.call("customer.update", body={"id": cid, "first_name": "Polled"}))
        order = env.shop.data.orders.peek(env.shop.data.orders.sorted_keys()[0])
        ok(await env.call("order.update", {"order_id": str(order["entity_id"]), "comment": "Seen"}))
        customer = env.shop.data.customers.peek(env.shop.data.customers.sorted_keys()[0])
        simple = next(p for p in products(env) if p["type_id"] == "simple")
        placed = place_order(env.shop, [(simple, 1.0, None)], customer, customer["addresses"][0])
        _poll_now(env)
        await Worker(env.services).drain()
        got = sorted((d.json["entity"], d.json["action"], d.json["data"]["id"])
                     for d in receiver.delivered())
        assert got == sorted([("product", "add", added["product_id"]), ("product", "update", pid),
                              ("order", "add", str(placed["entity_id"])),
                              ("order", "update", str(order["entity_id"])),
                              ("customer", "update", cid)])
        # nothing changed since: the next poll delivers nothing more
        _poll_now(env)
        await Worker(env.services).drain()
        assert len(receiver.delivered()) == len(got)


