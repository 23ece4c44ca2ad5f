"""kit.info: the contract's shapes of cart.info and of a status list."""

from __future__ import annotations

from anycart.platforms.kit.info import FixedStatuses, one_store, statuses
from tests.kit.calls import call


def test_a_status_list_keeps_the_order_given():
    assert statuses("return_statuses", [("2", "Open"), ("1", None)]) == {
        "return_statuses": [{"id": "2", "name": "Open"}, {"id": "1", "name": None}],
        "additional_fields": {}, "custom_fields": {}}
    assert statuses("cart_order_statuses", iter(()))["cart_order_statuses"] == []


def test_one_store_is_store_1_with_what_the_platform_says():
    info = one_store("Crate", "Shop", "https://crate.example", "v2", currency="EUR",
                     extra={"plan": "basic"})
    (store,) = info["stores_info"]
    assert (store["store_id"], store["currency"], store["store_owner_info"]) == (
        "1", {"id": "EUR", "iso3": "EUR"}, {})
    assert info["additional_fields"] == {"platform": "Crate", "plan": "basic"}


async def test_fixed_statuses_are_the_same_in_every_store():
    fixed = FixedStatuses("order.status.list", "cart_order_statuses",
                          {"on-hold": "On hold", "done": "Completed"}, frozenset({"x"}))
    (run, applied), = fixed.methods().values()
    assert applied == {"x"} and list(fixed.methods()) == ["order.status.list"]
    answer = await run(None, call("order.status.list"))
    assert answer["cart_order_statuses"] == [{"id": "on-hold", "name": "On hold"},
                                             {"id": "done", "name": "Completed"}]
