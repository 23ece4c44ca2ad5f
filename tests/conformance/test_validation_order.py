"""The gateway's validation in API2Cart's order (issue 14): values, then required-ness, then
lookups; the relaxed required lists; messages word for word as API2Cart's recordings."""

from __future__ import annotations

import pytest

from anycart.contract.catalogue import load_catalogue
from anycart.contract.validation import check_numeric_ids, validate_body, validate_query
from anycart.errors import ApiError
from anycart.platforms.base import NUMERIC_ID_PARAMS

CATALOGUE = load_catalogue()


def answer(fn, *args) -> tuple[int, str]:
    with pytest.raises(ApiError) as err:
        fn(*args)
    return int(err.value.code), err.value.message


def op(name: str):
    found = CATALOGUE.get(name)
    assert found is not None
    return found


def test_values_are_checked_before_anything_missing():
    # EBay/product/add/error-empty-price: the empty price, though model is missing too.
    assert answer(validate_body, op("product.add"), {"name": "x", "description": "d", "price": ""}) == (
        109, "The value of parameter 'price' can not be empty.")
    # EtsyAPIv3/product/add/error-invalid-price: the type, though price is not the last check.
    assert answer(validate_body, op("product.add"), {"name": "x", "price": "test"}) == (
        109, "Parameter 'price' is not valid. The required type of parameter is decimal.")
    # A query value is checked before a missing body parameter of the same call.
    missing: list[str] = []
    with pytest.raises(ApiError) as err:
        validate_query(op("cart.coupon.condition.add"), {"key": ["bogus"]}, missing)
    assert err.value.code == 109


def test_then_the_first_missing_one_in_the_contracts_order():
    assert answer(validate_body, op("product.add"), {}) == (114, "Parameter 'name' is required.")
    assert answer(validate_body, op("product.add"), {"name": "n", "upc": "0123"}) == (
        114, "Parameter 'description' is required.")  # Walmart/product/add/error-only-name


def test_model_is_required_only_by_the_drivers_that_key_products_by_sku():
    body = validate_body(op("product.add"), {"name": "n", "description": "d", "price": 1})
    assert "model" not in body


def test_an_update_never_requires_what_only_a_create_needs():
    body = validate_body(op("order.return.update"), {"return_id": "7"})
    assert body["return_id"] == "7"
    assert answer(validate_body, op("order.return.update"), {}) == (
        114, "Parameter 'return_id' is required.")
    # What an update changes stays required where it is the whole point of the call.
    assert answer(validate_body, op("product.variant.price.update"), {}) == (
        114, "Parameter 'group_prices' is required.")


def test_an_empty_id_naming_the_entity_is_109_a_filter_may_be_empty():
    assert answer(validate_query, op("order.info"), {"order_id": [""]}) == (
        109, "The value of parameter 'order_id' can not be empty.")  # Bol/order/info
    assert validate_query(op("product.list"), {"category_id": [""]})["category_id"] == ""


def test_allowed_values_are_listed_as_api2cart_lists_them():
    code, message = answer(validate_query, op("cart.coupon.condition.add"),
                           {"coupon_id": ["1"], "entity": ["product"], "key": ["bogus"],
                            "operator": ["=="], "value": ["1"]})
    assert (code, message) == (109, "Parameter 'key' is not valid. The required type of "
                               "parameter is string. The following values are allowed: total, "
                               "subtotal, shipping_total, total_quantity, total_weight, country, "
                               "product_id, variant_id, category_id, customer_id, item_price, "
                               "item_total_price, item_quantity, carrier_id.")
    assert ApiError.not_allowed("find_where", ("name",)).message == (
        "Parameter 'find_where' is not valid. The required type of parameter is string. "
        "The following values are allowed: name.")  # Facebook/category/count


def test_a_reference_that_cannot_name_anything_is_not_found_a_number_too_big_is_109():
    assert answer(check_numeric_ids, {"category_id": "test"}, NUMERIC_ID_PARAMS) == (
        112, "Category with category_id test not found")  # Facebook/product/add
    assert answer(check_numeric_ids, {"customer_id": "test"}, NUMERIC_ID_PARAMS) == (
        112, "Customer with customer_id test not found")  # Bricklink/cart/coupon.add
    assert answer(check_numeric_ids, {"parent_id": "x"}, NUMERIC_ID_PARAMS, 2**63 - 1,
                  "Category") == (112, "Category with parent_id x not found")
    assert answer(check_numeric_ids, {"product_ids": "1,abc"}, NUMERIC_ID_PARAMS) == (
        112, "Product with product_ids abc not found")
    code, message = answer(check_numeric_ids, {"product_id": "9" * 30}, NUMERIC_ID_PARAMS)
    assert code == 109 and message.startswith("Parameter 'product_id' is not valid.")
    code, _ = answer(check_numeric_ids, {"since_id": "abc"}, NUMERIC_ID_PARAMS)
    assert code == 109  # a bound, not a reference: a type error


def test_paging_values_are_checked_where_a_method_does_not_page():
    # EtsyAPIv3/product/count/error-invalid-param: count=-1 on a count is 109, then ignored.
    assert answer(validate_query, op("product.count"), {"count": ["-1"]}) == (
        109, "Parameter 'count' is not valid. The required type of parameter is unsigned integer.")
    assert "count" not in validate_query(op("product.count"), {"count": ["5"]})


async def test_an_update_the_driver_could_not_set_names_the_field_not_nothing_to_update(sqlite_env):
    # The memory driver keeps name, price, quantity and description only.
    unset = await sqlite_env.call("product.update", body={"id": "1", "weight": 2})
    assert (unset["return_code"], unset["return_message"]) == (
        109, "Parameter 'weight' is not supported by Memory test platform: the driver cannot "
             "apply it, so it is refused rather than ignored."), unset
    assert (await sqlite_env.call("product.update", body={"id": "1"}))["return_code"] == 110
    assert (await sqlite_env.call("product.update", body={"id": "1", "price": 3}))["return_code"] == 0


def test_an_empty_tracking_number_is_a_value_error_before_any_lookup():
    # Walmart/order/shipment.add/error-empty-tracking-number: the order is not looked up.
    body = {"order_id": "108816631915371", "shipping_method": "Standard",
            "tracking_numbers": [{"carrier_id": "usps", "tracking_number": ""}]}
    assert answer(validate_body, op("order.shipment.add"), body) == (
        109, "Tracking number can not be empty.")
    # A carrier left empty only qualifies the number: not refused here.
    body["tracking_numbers"] = [{"carrier_id": "", "tracking_number": "TRK1"}]
    assert validate_body(op("order.shipment.add"), body)["tracking_numbers"][0][
        "tracking_number"] == "TRK1"
