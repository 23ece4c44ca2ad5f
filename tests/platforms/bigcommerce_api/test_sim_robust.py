"""No input reaches a 500, and every answer to it fits BigCommerce's files: every path the
simulator serves, every verb, with bodies of the wrong shape and query values that do not
parse (the answers are checked by :mod:`.bc_schema` as they are sent)."""

from __future__ import annotations

import httpx

from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator

from .bc_schema import checked_client

PATHS = [
    '/v3/catalog/products',
    '/v3/catalog/products/3',
    '/v3/catalog/products/3/variants',
    '/v3/catalog/products/3/variants/4',
    '/v3/catalog/products/3/options',
    '/v3/catalog/products/3/options/1',
    '/v3/catalog/products/5/modifiers',
    '/v3/catalog/products/5/modifiers/1',
    '/v3/catalog/products/3/images',
    '/v3/catalog/products/3/images/3',
    '/v3/catalog/products/2/custom-fields',
    '/v3/catalog/products/2/custom-fields/1',
    '/v3/catalog/categories',
    '/v3/catalog/categories/2',
    '/v3/catalog/brands',
    '/v3/catalog/brands/1',
    '/v3/catalog/variants',
    '/v3/catalog/trees',
    '/v3/catalog/trees/1/categories',
    '/v3/catalog/trees/categories',
    '/v3/customers',
    '/v3/customers/addresses',
    '/v3/hooks',
    '/v3/hooks/1',
    '/v2/orders',
    '/v2/orders/2',
    '/v2/orders/count',
    '/v2/orders/2/products',
    '/v2/orders/2/products/2',
    '/v2/orders/2/shipping_addresses',
    '/v2/orders/2/shipping_addresses/2',
    '/v2/orders/1/shipments',
    '/v2/orders/1/shipments/1',
    '/v2/orders/1/shipments/count',
    '/v2/order_statuses',
    '/v2/order_statuses/1',
]
BODIES: list[bytes | None] = [
    None,
    b'',
    b'null',
    b'[]',
    b'{}',
    b'[{}]',
    b'[1]',
    b'"x"',
    b'{bad',
    b'{"name": 5, "price": "x", "parent_id": "a", "email": 3, "customer_id": "z", '
    b'"items": [{"order_product_id": "x"}], "products": "x", "billing_address": 5, '
    b'"option_values": [1], "scope": 5, "destination": 7, "headers": 5, "images": [5], '
    b'"variants": "x"}',
    b'[{"id": "x", "email": 5, "category_id": "x", "name": 3, "customer_id": 1, "country_code": 5}]',
    b'{"products":[{"product_id":"x","quantity":"y"}],"billing_address":{}}',
    b'{"products":[{"name":"a","quantity":1, "price_inc_tax":"abc"}],"billing_address":{"email":"x"}}',
    b'{"status_id": "x"}',
    b'{"status_id": 99}',
    b'{"order_address_id": 1, "items": [5]}',
    b'{"order_address_id": 1, "items": "x"}',
    b'{"option_values": [{"label": 5}], "display_name": "x", "type": "dropdown"}',
    b'{"sku":"q","option_values":[{"option_id":"x"}]}',
    b'{"custom_url": "x", "url": 5}',
]
PARAMS: list[dict[str, str]] = [
    {},
    {'page': 'x'},
    {'limit': '-1'},
    {'sort': 'x'},
    {'sort': 'id:sideways'},
    {'include': 'variants,bogus'},
    {'include_fields': ',,'},
    {'id:in': ''},
    {'date_modified:min': '2020-13-45'},
    {'min_date_created': 'Tue, 99 Foo'},
    {'min_total': 'nan'},
    {'categories:in': 'x'},
    {'email:in': ''},
    {'tree_id:in': 'x'},
    {'category_id:in': 'x'},
    {'is_deleted': 'maybe'},
    {'page': '0'},
    {'limit': '0'},
]


async def test_no_input_is_a_500_and_every_answer_fits_the_schema() -> None:
    sim = BigCommerceSimulator()
    sim.shops.add_shop("h", "t", size=12, quota=10**6)
    seen: set[int] = set()
    async with checked_client(sim.app, "t") as http:
        for path in PATHS:
            for method in ("GET", "POST", "PUT", "DELETE"):
                for body in BODIES if method in ("POST", "PUT") else [None]:
                    for query in PARAMS if method in ("GET", "DELETE") else [{}]:
                        r = await http.request(method, "/stores/h" + path, content=body,
                                               params=query)
                        assert r.status_code < 500, (method, path, body, query, r.text)
                        seen.add(r.status_code)
    assert {200, 201, 202, 204, 400, 404, 405, 422} <= seen


async def test_the_checker_refuses_an_answer_off_the_schema() -> None:
    """The check is not vacuous: a product whose price is a string is caught."""
    sim = BigCommerceSimulator()
    store = sim.shops.add_shop("h", "t", size=2)
    store.data.products[1]["price"] = "12.00"
    async with checked_client(sim.app, "t") as http:
        try:
            await http.get("/stores/h/v3/catalog/products/1")
        except AssertionError as err:
            assert "price" in str(err)
        else:
            raise AssertionError("an answer off the schema passed")
    assert isinstance(http, httpx.AsyncClient)


def test_the_request_check_refuses_a_write_off_the_schema() -> None:
    """A write the simulator took is held to the request schema of BigCommerce's files."""
    from .bc_schema import check_request

    check_request("POST", "/stores/h/v3/catalog/brands", b'{"name": "Ok"}')
    for method, path, body in (
            ("POST", "/stores/h/v3/customers/addresses", b'[{"customer_id": 1}]'),
            ("POST", "/stores/h/v3/catalog/products", b'{"name": "X", "price": "1"}'),
            ("POST", "/stores/h/v2/orders/1/shipments", b'{"items": "x"}')):
        try:
            check_request(method, path, body)
        except AssertionError:
            continue
        raise AssertionError(f"{method} {path} {body!r} passed")
