"""A customer's address and an order's address read country and state through one path
(``writes.PLACES``, lookups of :mod:`anycart.platforms.bridge.address`): a state the
country's zones do not hold is 109 naming the parameter it came in, for all three writes,
and nothing is written."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call

from .conftest import run

BILL = {"bill_first_name": "A", "bill_last_name": "B", "bill_address_1": "1 Road",
        "bill_city": "Austin", "bill_postcode": "73301", "bill_country": "US"}


def _refused(oc, method: str, params: dict) -> str:
    with pytest.raises(ApiError) as err:
        run(getattr(oc, method.replace(".", "_"))(Call(method, params)))
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    return err.value.message


def _count(oc, table: str) -> int:
    return int(run(oc.db.select(f"SELECT COUNT(*) AS n FROM {{p}}{table}"))[0]["n"])


def test_unknown_state_is_refused_alike_for_customers_and_orders(oc):
    customers, addresses = _count(oc, "customer"), _count(oc, "address")
    message = _refused(oc, "customer.add", {"email": "narnia@example.com", "address": [
        {"address_book_address1": "1 Road", "address_book_city": "Austin",
         "address_book_country": "US", "address_book_state": "Narnia",
         "address_book_postcode": "1"}]})
    assert "'address_book_state'" in message and "United States" in message
    assert (_count(oc, "customer"), _count(oc, "address")) == (customers, addresses)
    message = _refused(oc, "customer.address.add", {
        "customer_id": "1", "address1": "x", "city": "y", "country": "US", "state": "Narnia",
        "postcode": "1"})
    assert "'state'" in message and "United States" in message
    assert _count(oc, "address") == addresses
    message = _refused(oc, "order.add", {
        "order_status": "1", "customer_email": "a@example.com", "bill_state": "Narnia",
        "order_item": [{"order_item_id": "1", "order_item_quantity": 1, "order_item_price": 1}],
        **BILL})
    assert "'bill_state'" in message and "United States" in message


def test_known_state_by_code_or_name_is_the_same_zone(oc):
    aid = run(oc.customer_address_add(Call("customer.address.add", {
        "customer_id": "1", "address1": "x", "city": "y", "country": "USA", "state": "texas",
        "postcode": "1"})))["id"]
    row = run(oc.db.select("SELECT a.zone_id, z.code FROM {p}address a JOIN {p}zone z ON "
                           "z.zone_id = a.zone_id WHERE a.address_id = ?", [int(aid)]))[0]
    assert row["code"] == "TX"
    assert "'country'" in _refused(oc, "customer.address.add", {
        "customer_id": "1", "address1": "x", "city": "y", "country": "Atlantis", "postcode": "1"})
