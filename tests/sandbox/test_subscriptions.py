"""Webhook subscriptions: topic and address checks, one per topic and address, who a topic
goes to and with which fields; declared once Shopify-like and once WooCommerce-like
(``delivery_url``, plain http taken, no field lists, own texts)."""

from __future__ import annotations

from anycart.sandbox.subscriptions import Subscriptions
from anycart.sandbox.table import Table

SHOP_TOPICS = frozenset({"orders/create", "products/update"})


def _shop() -> Subscriptions:
    table = Table()
    table[1] = {"id": 1, "topic": "orders/create", "address": "https://a.example/h",
                "fields": []}
    table[2] = {"id": 2, "topic": "products/update", "address": "https://b.example/h",
                "fields": ["id", "title"]}
    table[3] = {"id": 3, "topic": "orders/create", "address": "https://c.example/h",
                "fields": ["id"]}
    return Subscriptions(table, SHOP_TOPICS)


def test_topic_and_address_errors() -> None:
    subs = _shop()
    assert subs.errors({"topic": "orders/create", "address": "https://x.example"}) == {}
    assert subs.errors({"topic": "", "address": "http://x.example"}) == {
        "topic": ["can't be blank"], "address": ["protocol http:// is not supported"]}
    assert subs.errors({"topic": "carts/eaten", "address": "nowhere"}) == {
        "topic": ["Invalid topic specified: carts/eaten. Topics allowed: orders/create, "
                  "products/update"], "address": ["is invalid"]}


def test_one_subscription_per_topic_and_address() -> None:
    subs = _shop()
    errors: dict[str, list[str]] = {}
    subs.duplicate({"topic": "orders/create", "address": "https://a.example/h"}, None, errors)
    assert errors == {"address": ["for this topic has already been taken"]}
    errors = {}
    subs.duplicate({"topic": "orders/create", "address": "https://a.example/h"}, 1, errors)
    subs.duplicate({"topic": "products/update", "address": "https://a.example/h"}, None, errors)
    assert errors == {}  # itself, or another topic


def test_a_topic_goes_to_its_subscribers_cut_to_their_fields() -> None:
    subs = _shop()
    payload = {"id": 7, "title": "T", "note": "n"}
    assert [(h["id"], body) for h, body in subs.to("orders/create", payload)] == [
        (1, payload), (3, {"id": 7})]
    assert [(h["id"], body) for h, body in subs.to("products/update", payload)] == [
        (2, {"id": 7, "title": "T"})]
    assert list(subs.to("customers/create", payload)) == []


def test_a_second_declaration_woocommerce_like() -> None:
    table = Table()
    table[9] = {"id": 9, "topic": "order.created", "delivery_url": "http://shop.test/h",
                "fields": ["ignored"]}
    woo = Subscriptions(table, frozenset({"order.created", "order.updated"}),
                        address="delivery_url", fields=None, allow_http=True,
                        blank="rest_missing_callback_param",
                        unknown="Invalid topic {topic}", taken="already registered")
    assert woo.errors({"topic": "order.created", "delivery_url": "http://shop.test/h"}) == {}
    assert woo.errors({"topic": "order.deleted", "delivery_url": ""}) == {
        "topic": ["Invalid topic order.deleted"], "delivery_url": ["can't be blank"]}
    assert woo.errors({"delivery_url": "http://x.test"}) == {
        "topic": ["rest_missing_callback_param"]}
    errors: dict[str, list[str]] = {}
    woo.duplicate({"topic": "order.created", "delivery_url": "http://shop.test/h"}, None, errors)
    assert errors == {"delivery_url": ["already registered"]}
    payload = {"id": 1, "status": "processing"}
    assert [body for _, body in woo.to("order.created", payload)] == [payload]  # no field cut


def test_only_live_subscriptions_are_sent_to_when_a_state_field_is_declared() -> None:
    table = Table()
    table[1] = {"id": 1, "topic": "order.created", "delivery_url": "u1", "status": "paused"}
    table[2] = {"id": 2, "topic": "order.created", "delivery_url": "u2", "status": "active"}
    woo = Subscriptions(table, frozenset({"order.created"}), address="delivery_url",
                        fields=None, state="status")
    assert [h["id"] for h, _ in woo.to("order.created", {"id": 5})] == [2]
    every = Subscriptions(table, frozenset({"order.created"}), fields=None)
    assert [h["id"] for h, _ in every.to("order.created", {"id": 5})] == [1, 2]
