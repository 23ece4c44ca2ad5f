"""Issue 12 items 4 and 21c: what OpenCart accepts it applies (special prices, keys inside
lists). That every other contract parameter is refused with 109 naming it, for every method
of the three bridge carts, is ``tests/bridge/test_params_audit.py``."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode

from .conftest import run
from .test_driver import call, code_of


def specials(oc, pid):
    return run(oc.db.select("SELECT customer_group_id, priority, price, date_start, date_end FROM "
                            "{p}product_special WHERE product_id = ?", [int(pid)]))


def test_special_price_is_written_as_the_admin_writes_it(oc):
    pid = call(oc, "product.add", {"name": "On Sale", "model": "s", "price": 20, "special_price": 15,
                                   "sprice_create": "2025-01-01", "sprice_expire": "2099-12-31"})["product_id"]
    assert specials(oc, pid) == [{"customer_group_id": 1, "priority": 0, "price": "15.0000",
                                  "date_start": "2025-01-01", "date_end": "2099-12-31"}]
    info = call(oc, "product.info", {"id": pid})
    assert info["additional_fields"]["special_price"] == 15.0 and info["on_sale"] is True
    call(oc, "product.update", {"id": pid, "special_price": 12})
    assert [(r["price"], r["date_start"], r["date_end"]) for r in specials(oc, pid)] == [
        ("12.0000", "0000-00-00", "0000-00-00")]
    call(oc, "product.update", {"id": pid, "special_price": 0})
    assert specials(oc, pid) == []
    assert code_of(oc, "product.update", {"id": pid, "sprice_expire": "2030-01-01"}) == ReturnCode.INCORRECT_VALUE
    assert code_of(oc, "product.add", {"name": "x", "model": "x", "price": 1, "special_price": 1,
                                       "sprice_create": "2030-01-02",
                                       "sprice_expire": "2030-01-01"}) == ReturnCode.INCORRECT_VALUE


def test_store_zero_and_defaults_are_not_refused(oc):
    assert call(oc, "product.list", {"store_id": "0", "count": 1}).total > 0
    assert call(oc, "product.info", {"id": "1", "disable_cache": True})["id"] == "1"


def test_customer_modified_filters_are_refused(oc):
    # OpenCart's customer table has no modification column (3.0.4.1 and 4.0.2.3 DDL): the
    # filters used to bound the creation date instead.
    for method in ("customer.list", "customer.count"):
        with pytest.raises(ApiError) as err:
            call(oc, method, {"modified_from": "2024-01-01 00:00:00"})
        assert err.value.code == ReturnCode.INCORRECT_VALUE and "'modified_from'" in err.value.message
    assert call(oc, "customer.count", {"created_from": "2000-01-01 00:00:00"})["customers_count"] > 0


def test_keys_inside_lists_are_applied_or_refused(oc):
    # customer.add addresses use the contract's address_book_* keys; the one marked default is.
    cid = call(oc, "customer.add", {"email": "book@example.com", "address": [
        {"address_book_address1": "1 First St", "address_book_city": "Austin",
         "address_book_country": "US", "address_book_state": "TX", "address_book_postcode": "73301"},
        {"address_book_address1": "2 Second St", "address_book_city": "Miami", "address_book_country": "US",
         "address_book_state": "FL", "address_book_postcode": "33101", "address_book_default": True}]})["customer_id"]
    book = call(oc, "customer.info", {"id": cid})["address_book"]
    assert [(a["address1"], a["city"], a["state"]["code"], a["default"]) for a in book] == [
        ("1 First St", "Austin", "TX", False), ("2 Second St", "Miami", "FL", True)]
    refused = [
        ("customer.add", {"email": "x@example.com", "address": [{"address_book_phone": "1"}]},
         "address[0][address_book_phone]"),
        ("order.add", {"order_item": [{"order_item_id": "3", "order_item_weight": 2}]},
         "order_item[0][order_item_weight]"),
        ("order.add", {"order_item": [{"order_item_id": "3", "order_item_option": [
            {"order_item_option_name": "Size", "order_item_option_price": 2}]}]},
         "order_item[0][order_item_option][0][order_item_option_price]"),
        ("order.shipment.add", {"order_id": "1", "tracking_numbers": [
            {"tracking_number": "1Z", "tracking_link": "x"}]}, "tracking_numbers[0][tracking_link]"),
    ]
    for method, params, name in refused:
        with pytest.raises(ApiError) as err:
            call(oc, method, params)
        assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message, method
    # Defaults inside items are not "given" (order_item_tax 0).
    assert call(oc, "order.add", {
        "order_status": "Pending", "customer_email": "d@example.com", "is_guest": True,
        "bill_first_name": "A", "bill_last_name": "B", "bill_address_1": "1 St", "bill_city": "Austin",
        "bill_postcode": "73301", "bill_country": "US", "bill_state": "TX",
        "order_item": [{"order_item_id": "3", "order_item_quantity": 1, "order_item_price": 2,
                        "order_item_tax": 0, "order_item_price_includes_tax": False}]})["order_id"]


def test_one_tracking_number_per_opencart_shipment(oc):
    with pytest.raises(ApiError) as err:
        call(oc, "order.shipment.add", {"order_id": "1", "tracking_numbers": [
            {"tracking_number": "A"}, {"tracking_number": "B"}]})
    if oc.version.startswith("4"):  # 4.0 has no shipment table at all
        assert err.value.code == ReturnCode.METHOD_NOT_SUPPORTED
    else:
        assert err.value.code == ReturnCode.INCORRECT_VALUE and "'tracking_numbers'" in err.value.message
