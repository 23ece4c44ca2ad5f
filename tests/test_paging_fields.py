"""Paging (start/count, page_cursor) and field selection (params, exclude, response_fields)."""

from __future__ import annotations


async def test_page_cursor_walks_every_product_once(sqlite_env):
    seen, body = [], await sqlite_env.call("product.list", {"count": 7})
    assert body["pagination"]["previous"] is None
    while True:
        seen += [p["id"] for p in body["result"]["product"]]
        cursor = body["pagination"]["next"]
        if not cursor:
            break
        body = await sqlite_env.call("product.list", {"page_cursor": cursor})
        assert body["pagination"]["previous"]
    assert seen == [str(i) for i in range(1, 31)]


async def test_cursor_keeps_the_filters_of_the_first_page(sqlite_env):
    first = await sqlite_env.call("product.list", {"count": 2, "category_id": "2"})
    ids = [p["id"] for p in first["result"]["product"]]
    second = await sqlite_env.call("product.list", {"page_cursor": first["pagination"]["next"]})
    both = ids + [p["id"] for p in second["result"]["product"]]
    assert all(int(i) % 5 == 1 for i in both)  # category 2 holds products with i % 5 == 1


async def test_bad_cursor_and_counts(sqlite_env):
    for params in ({"page_cursor": ""}, {"page_cursor": "garbage!"}):
        body = await sqlite_env.call("product.list", params)
        assert body["return_code"] == 109 and "page_cursor" in body["return_message"]
    assert (await sqlite_env.call("product.list", {"count": 251}))["return_code"] == 109
    body = await sqlite_env.call("product.list", {"count": 0})
    assert len(body["result"]["product"]) == 10  # count=0: the default page size
    body = await sqlite_env.call("product.list", {"start": 28, "count": 10})
    assert [p["id"] for p in body["result"]["product"]] == ["29", "30"]
    assert body["pagination"]["next"] is None


async def test_params_default_force_all_and_exclude(sqlite_env):
    default = (await sqlite_env.call("product.info", {"id": "3"}))["result"]
    assert set(default) == {"id", "name", "description", "price", "categories_ids"}
    everything = (await sqlite_env.call("product.info", {"id": "3", "params": "force_all"}))["result"]
    assert everything["u_sku"] == "SKU-0003" and everything["additional_fields"] == {"memory_flag": False}
    trimmed = (await sqlite_env.call("product.info", {"id": "3", "params": "force_all",
                                                      "exclude": "description,additional_fields"}))["result"]
    assert "description" not in trimmed and "additional_fields" not in trimmed and "u_sku" in trimmed


async def test_response_fields_nested_selection(sqlite_env):
    body = await sqlite_env.call("order.list", {
        "response_fields": "{return_code,pagination,result{order{id,customer{email},totals{total}}}}"})
    order = body["result"]["order"][0]
    assert order == {"id": "1", "customer": {"email": "customer1@example.com"}, "totals": {"total": 10.0}}
    assert set(body) == {"return_code", "return_message", "pagination", "result"}
    star = await sqlite_env.call("product.info", {"id": "1", "response_fields": "{result{*}}"})
    assert star["result"]["u_sku"] == "SKU-0001"
    bad = await sqlite_env.call("cart.info", {"response_fields": "{}"})
    assert bad["return_code"] == 109 and "response_fields" in bad["return_message"]


async def test_sdk_defaults_are_all_accepted(sqlite_env):
    """Generated SDKs send every default; none of them may be refused."""
    op = sqlite_env.services.catalogue.get("product.list")
    defaults = {p.name: (str(p.default).lower() if isinstance(p.default, bool) else p.default)
                for p in op.params if p.default is not None}
    body = await sqlite_env.call("product.list", defaults)
    assert body["return_code"] == 0, body
    assert len(body["result"]["product"]) == 10


async def test_a_signed_cursor_s_filters_are_validated_again(sqlite_env):
    """The HMAC proves this server made a cursor, not that its filters still hold (a cursor
    outlives a deployment whose contract changed): each filter is checked again as the query
    string it stands for, and a filter the method lacks, or a bad value, is 109."""
    from anycart.methods.paging import encode_cursor

    key = sqlite_env.services.gateway._cursor_key
    good = encode_cursor("product.list", 0, 2, {"category_id": "2"}, key)
    body = await sqlite_env.call("product.list", {"page_cursor": good})
    assert body["return_code"] == 0 and all(int(p["id"]) % 5 == 1 for p in body["result"]["product"])
    for filters, named in (({"no_such_filter": "1"}, "no_such_filter"),
                           ({"created_from": "yesterday-ish"}, "created_from"),
                           ({"store_key": "someone-else"}, "page_cursor")):
        body = await sqlite_env.call("product.list",
                                     {"page_cursor": encode_cursor("product.list", 0, 2, filters, key)})
        assert body["return_code"] == 109, (filters, body)
        assert "page_cursor" in body["return_message"] and named in body["return_message"]
