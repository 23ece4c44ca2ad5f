"""The schema check itself can fail: a wrong answer, an undocumented status, a success for
an operation Magento lacks are all refused; operations are told apart by literal segments
(``orders/items`` is not ``orders/{id}``) and by method."""

from __future__ import annotations

import pytest

from .magento_schema import require_schema, schema

require_schema()


def test_answers_off_the_schema_are_refused() -> None:
    s = schema()
    good = {"sku": "A", "price": 5.0, "extension_attributes": {"website_ids": [1]}}
    assert s.check("GET", "/rest/V1/products/A", 200, good) == "GET /V1/products/{sku} 200"
    for bad in ({"price": 5.0}, {"sku": "A", "price": "5"},
                {"sku": "A", "extension_attributes": {"website_ids": "1"}}):
        with pytest.raises(AssertionError):
            s.check("GET", "/rest/default/V1/products/A", 200, bad)
    with pytest.raises(AssertionError):
        s.check("GET", "/rest/V1/nothing/here", 200, {})
    with pytest.raises(AssertionError):
        s.check("GET", "/rest/V1/products", 200, {"items": []})  # no total_count
    with pytest.raises(AssertionError):
        s.check("GET", "/rest/V1/products/A", 404, {"parameters": []})  # no message


def test_operations_are_found_by_literal_segments_and_method() -> None:
    s = schema()
    assert s.operation("/V1/orders/items", "get")[0] == "/V1/orders/items"  # type: ignore[index]
    assert s.operation("/V1/orders/7", "get")[0] == "/V1/orders/{id}"  # type: ignore[index]
    assert s.operation("/V1/categories/list", "get")[0] == "/V1/categories/list"  # type: ignore[index]
    assert s.operation("/V1/customers/search", "post") is None
    assert s.check("POST", "/rest/V1/customers/search", 404,
                   {"message": "Request does not match any route."}) == "POST no route 404"


def test_errors_in_both_real_parameter_shapes() -> None:
    s = schema()
    s.check("GET", "/rest/V1/customers/9", 404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "customerId", "fieldValue": 9}})
    s.check("POST", "/rest/V1/products", 400, {"message": "%1", "parameters": ["sku"]})
    with pytest.raises(AssertionError):
        s.check("POST", "/rest/V1/products", 400, {"message": "x", "parameters": "sku"})
