"""sandbox.subscriptions: wildcard topics, a boolean state, and Suspension turning off a
subscription whose deliveries keep failing (BigCommerce's and WooCommerce's rules)."""

from __future__ import annotations

from anycart.sandbox.subscriptions import Subscriptions, Suspension
from anycart.sandbox.table import Table
from anycart.sandbox.webhooks import Delivery


def _hooks() -> Table:
    table = Table()
    table[1] = {"id": 1, "scope": "store/order/*", "destination": "https://a", "on": True}
    table[2] = {"id": 2, "scope": "store/order/created", "destination": "https://b", "on": True}
    table[3] = {"id": 3, "scope": "store/order/created", "destination": "https://c", "on": False}
    table[4] = {"id": 4, "scope": "store/product/*", "destination": "https://d", "on": True}
    return table


def test_wildcards_and_a_boolean_state() -> None:
    subs = Subscriptions(_hooks(), frozenset(), topic="scope", address="destination",
                         fields=None, state="on", live=True, wildcard=True)
    assert [h["id"] for h, _ in subs.to("store/order/created", {"x": 1})] == [1, 2]
    plain = Subscriptions(_hooks(), frozenset(), topic="scope", address="destination",
                          fields=None, state="on", live=True)
    assert [h["id"] for h, _ in plain.to("store/order/created", {})] == [2]


def _delivery(attempts: int, hook: int = 2) -> Delivery:
    return Delivery(hook, "https://b", "t", b"{}", {}, "d", attempts)


def test_given_up_after_its_attempts() -> None:
    table = _hooks()
    policy = Suspension(table, "on", False, attempts=3)
    policy(_delivery(1), 500)
    policy(_delivery(2), None)
    assert table.peek(2)["on"] is True
    policy(_delivery(3), 200)
    assert table.peek(2)["on"] is True and policy.failures[2] == 0
    policy(_delivery(3), 503)
    assert table.peek(2)["on"] is False


def test_failures_in_a_row_past_the_limit_and_a_reset() -> None:
    table = _hooks()
    policy = Suspension(table, "on", False, after=2, ok=range(200, 303))
    for _ in range(3):
        policy(_delivery(1), 500)
    assert policy.failures[2] == 3 and table.peek(2)["on"] is True
    policy(_delivery(1), 302)  # a redirect counts as delivered here
    assert policy.failures[2] == 0
    for _ in range(4):
        policy(_delivery(1), 404)
    assert table.peek(2)["on"] is False and policy.failures[2] == 3
