"""The simulator's collections answer as WooCommerce's v3 controllers do: paging with
``X-WP-Total``/``X-WP-TotalPages``/``Link`` and ``per_page`` at most 100, filters and order,
batch endpoints of at most 100 items, writes with WooCommerce's rules, and ``WP_Error``
bodies with WooCommerce's codes."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from anycart.platforms.woocommerce_api.sim_resources import RESOURCES
from anycart.platforms.woocommerce_api.sim_store import WooShop
from anycart.platforms.woocommerce_api.simulator import WooSimulator

HOST, KEY, SECRET = "api.example", "ck_api", "cs_api"
ANCHOR = datetime(2025, 6, 1, tzinfo=UTC)
SIZE = 250


@pytest.fixture
def sim() -> WooSimulator:
    sim = WooSimulator()
    sim.shops.add_shop(HOST, KEY, SECRET, size=SIZE, anchor=ANCHOR)
    return sim


@pytest.fixture
def shop(sim: WooSimulator) -> WooShop:
    found = sim.shops.get(HOST)
    assert found is not None
    return found


@pytest.fixture
async def http(sim: WooSimulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url=f"https://{HOST}/wp-json/wc/v3",
                                 auth=(KEY, SECRET)) as client:
        yield client


def error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    body: dict[str, Any] = r.json()
    assert (r.status_code, body["code"], body["data"]["status"]) == (status, code, status), \
        r.text
    assert isinstance(body["message"], str) and body["message"]
    return body


async def test_paging_past_100(http: httpx.AsyncClient) -> None:
    seen: list[int] = []
    for page in (1, 2, 3):
        r = await http.get("/products", params={"per_page": 100, "page": page})
        assert r.status_code == 200
        assert (r.headers["X-WP-Total"], r.headers["X-WP-TotalPages"]) == (str(SIZE), "3")
        rels = {part.split('rel="')[1].rstrip('"'): part for part in r.headers["Link"].split(", ")}
        assert ("prev" in rels) == (page > 1) and ("next" in rels) == (page < 3)
        if page < 3:
            assert f"page={page + 1}" in rels["next"] and "per_page=100" in rels["next"]
        seen += [p["id"] for p in r.json()]
    assert len(seen) == SIZE == len(set(seen))
    r = await http.get("/products", params={"per_page": 100, "page": 4})
    assert r.status_code == 200 and r.json() == [] and r.headers["X-WP-Total"] == str(SIZE)


@pytest.mark.parametrize("params", [{"per_page": 101}, {"per_page": 0}, {"page": 0},
                                    {"page": "two"}, {"order": "up"}, {"orderby": "colour"},
                                    {"after": "yesterday"}])
async def test_bad_list_parameters(http: httpx.AsyncClient, params: dict[str, Any]) -> None:
    body = error(await http.get("/products", params=params), 400, "rest_invalid_param")
    assert list(body["data"]["params"]) == list(params)


async def test_order_filters_and_fields(http: httpx.AsyncClient, shop: WooShop) -> None:
    default = [p["date_created"] for p in (await http.get("/products")).json()]
    assert default == sorted(default, reverse=True)  # orderby=date, order=desc
    ids = [p["id"] for p in (await http.get("/products", params={
        "orderby": "id", "order": "asc", "per_page": 20})).json()]
    assert ids == sorted(ids)
    sku = shop.data.products.peek(ids[3])["sku"]
    assert [p["id"] for p in (await http.get("/products", params={"sku": sku})).json()] \
        == [ids[3]]
    picked = (await http.get("/products", params={"include": f"{ids[5]},{ids[1]}",
                                                   "orderby": "include"})).json()
    assert [p["id"] for p in picked] == [ids[5], ids[1]]
    only = (await http.get(f"/products/{ids[0]}", params={"_fields": "id,name"})).json()
    assert set(only) == {"id", "name"}
    variable = (await http.get("/products", params={"type": "variable", "per_page": 100}))
    assert int(variable.headers["X-WP-Total"]) == SIZE // 4
    assert all(p["type"] == "variable" and p["variations"] for p in variable.json())
    cat = shop.data.products.peek(ids[0])["categories"][0]["id"]
    assert all(cat in [c["id"] for c in p["categories"]] for p in (await http.get(
        "/products", params={"category": cat})).json())


async def test_date_windows(http: httpx.AsyncClient, shop: WooShop) -> None:
    first = sorted(shop.data.products.peek(k)["date_created"] for k in shop.data.products)
    middle = first[SIZE // 2]
    r = await http.get("/products", params={"after": middle, "per_page": 1})
    assert int(r.headers["X-WP-Total"]) == sum(1 for d in first if d > middle)
    r = await http.get("/products", params={"before": middle, "per_page": 1})
    assert int(r.headers["X-WP-Total"]) == sum(1 for d in first if d < middle)
    pid = shop.data.products.sorted_keys()[0]
    assert (await http.put(f"/products/{pid}", json={"name": "Renamed"})).status_code == 200
    r = await http.get("/products", params={"modified_after": first[-1]})
    assert [p["id"] for p in r.json()] == [pid]


async def test_batch_limit_and_items(http: httpx.AsyncClient, shop: WooShop) -> None:
    too_many = {"create": [{"name": f"P{i}"} for i in range(60)],
                "update": [{"id": 1, "name": "x"}] * 41}
    error(await http.post("/products/batch", json=too_many), 413,
          "woocommerce_rest_request_entity_too_large")
    keys = list(shop.data.products.sorted_keys())
    r = await http.post("/products/batch", json={
        "create": [{"name": "Batch one", "regular_price": "5.00"}],
        "update": [{"id": keys[0], "sale_price": "1.00"}, {"id": 999999, "name": "nobody"}],
        "delete": [keys[1]]})
    assert r.status_code == 200
    out = r.json()
    assert out["create"][0]["price"] == "5.00" and out["update"][0]["on_sale"] is True
    assert out["update"][1]["error"]["code"] == "woocommerce_rest_product_invalid_id"
    assert out["delete"][0]["id"] == keys[1] and keys[1] not in shop.data.products
    exactly = {"create": [{"name": f"B{i}"} for i in range(100)]}
    assert len((await http.post("/products/batch", json=exactly)).json()["create"]) == 100


async def test_error_shapes(http: httpx.AsyncClient, shop: WooShop) -> None:
    error(await http.get("/products/999999"), 404, "woocommerce_rest_product_invalid_id")
    error(await http.get("/orders/999999"), 404, "woocommerce_rest_shop_order_invalid_id")
    error(await http.get("/customers/999999"), 404, "woocommerce_rest_invalid_id")
    error(await http.get("/products/categories/999999"), 404, "woocommerce_rest_term_invalid")
    error(await http.get("/nothing/here"), 404, "rest_no_route")
    error(await http.delete("/products"), 404, "rest_no_route")
    error(await http.post("/products", content=b"{not json",
                          headers={"content-type": "application/json"}), 400,
          "rest_invalid_json")
    body = error(await http.post("/products", json={"name": "N", "regular_price": 12}), 400,
                 "rest_invalid_param")
    assert body["data"]["params"] == {"regular_price": "regular_price is not of type string."}
    error(await http.post("/products", json={"name": "N", "type": "bundle"}), 400,
          "rest_invalid_param")
    taken = shop.data.products.peek(shop.data.products.sorted_keys()[0])["sku"]
    error(await http.post("/products", json={"name": "Dup", "sku": taken}), 400,
          "product_invalid_sku")
    email = shop.data.customers.peek(shop.data.customers.sorted_keys()[0])["email"]
    error(await http.post("/customers", json={"email": email}), 400,
          "registration-error-email-exists")
    body = error(await http.post("/customers", json={"first_name": "No"}), 400,
                 "rest_missing_callback_param")
    assert body["data"]["params"] == ["email"]


async def test_delete_trash_and_force(http: httpx.AsyncClient, shop: WooShop) -> None:
    pid = shop.data.products.sorted_keys()[0]
    r = await http.delete(f"/products/{pid}")
    assert r.status_code == 200 and r.json()["status"] == "trash"
    assert pid not in [p["id"] for p in (await http.get("/products", params={
        "include": str(pid)})).json()]
    error(await http.delete(f"/products/{pid}"), 410, "woocommerce_rest_already_trashed")
    assert (await http.delete(f"/products/{pid}", params={"force": "true"})).json()["id"] == pid
    error(await http.get(f"/products/{pid}"), 404, "woocommerce_rest_product_invalid_id")
    cid = shop.data.customers.sorted_keys()[0]
    error(await http.delete(f"/customers/{cid}"), 501, "woocommerce_rest_trash_not_supported")
    assert (await http.delete(f"/customers/{cid}", params={"force": "true"})).status_code == 200


async def test_variations_belong_to_their_product(http: httpx.AsyncClient,
                                                  shop: WooShop) -> None:
    parent = next(k for k in shop.data.products if shop.data.products.peek(k)["variations"])
    other = next(k for k in shop.data.products if k != parent)
    vid = shop.data.products.peek(parent)["variations"][0]
    assert (await http.get(f"/products/{parent}/variations/{vid}")).json()["id"] == vid
    error(await http.get(f"/products/{other}/variations/{vid}"), 404,
          "woocommerce_rest_product_variation_invalid_id")
    error(await http.get("/products/999999/variations"), 404,
          "woocommerce_rest_product_invalid_id")
    r = await http.post(f"/products/{parent}/variations", json={
        "regular_price": "2.00", "attributes": [{"name": "Color", "option": "Blue"}]})
    assert r.status_code == 201
    assert r.json()["id"] in (await http.get(f"/products/{parent}")).json()["variations"]


async def test_orders_lines_totals_refunds_notes(http: httpx.AsyncClient,
                                                 shop: WooShop) -> None:
    pid = next(k for k in shop.data.products if shop.data.products.peek(k)["type"] == "simple")
    price = float(shop.data.products.peek(pid)["price"])
    r = await http.post("/orders", json={
        "set_paid": True, "billing": {"first_name": "Ada", "country": "DE", "email": "a@x.de"},
        "line_items": [{"product_id": pid, "quantity": 2}],
        "shipping_lines": [{"method_id": "flat_rate", "method_title": "Flat", "total": "5.00"}],
        "fee_lines": [{"name": "Wrap", "total": "1.50"}]})
    assert r.status_code == 201, r.text
    order = r.json()
    assert order["status"] == "processing" and order["date_paid"]
    assert order["line_items"][0]["subtotal"] == f"{2 * price:.2f}"
    assert order["total"] == f"{2 * price + 6.5:.2f}" and order["total_tax"] == "0.00"
    error(await http.post("/orders", json={"line_items": [{"product_id": 999999}]}), 400,
          "woocommerce_rest_invalid_product_id")
    error(await http.post("/orders", json={"coupon_lines": [{"code": "nope"}]}), 400,
          "woocommerce_rest_invalid_coupon")
    oid, total = order["id"], float(order["total"])
    error(await http.post(f"/orders/{oid}/refunds", json={"amount": f"{total + 1:.2f}"}), 500,
          "woocommerce_rest_cannot_create_order_refund")
    error(await http.post(f"/orders/{oid}/refunds", json={"amount": "0"}), 400,
          "woocommerce_rest_invalid_order_refund")
    r = await http.post(f"/orders/{oid}/refunds", json={"amount": f"{total:.2f}",
                                                        "reason": "gone"})
    assert r.status_code == 201 and r.json()["amount"] == f"{total:.2f}"
    after = (await http.get(f"/orders/{oid}")).json()
    assert after["status"] == "refunded" and after["refunds"][0]["total"] == f"-{total:.2f}"
    r = await http.post(f"/orders/{oid}/notes", json={"note": "Shipped", "customer_note": True})
    assert r.status_code == 201 and r.json()["customer_note"] is True
    nid = r.json()["id"]
    assert [n["id"] for n in (await http.get(f"/orders/{oid}/notes")).json()] == [nid]
    error(await http.delete(f"/orders/{oid}/notes/{nid}"), 501,
          "woocommerce_rest_trash_not_supported")
    assert (await http.delete(f"/orders/{oid}/notes/{nid}?force=true")).status_code == 200


async def test_coupon_codes_are_lower_case_and_one_coupons(http: httpx.AsyncClient,
                                                           shop: WooShop) -> None:
    """``wc_format_coupon_code`` lower-cases a code (a coupon made as "Spring25" is applied
    as "SPRING25" too); the REST controller refuses a code a coupon outside the trash has."""
    r = await http.post("/coupons", json={"code": " Spring&amp;25 ", "amount": "5",
                                          "discount_type": "fixed_cart"})
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["code"] == shop.data.coupons.peek(made["id"])["code"] == "spring&25"
    for again in ("SPRING&25", "spring&amp;25"):
        error(await http.post("/coupons", json={"code": again}), 400,
              "woocommerce_rest_coupon_code_already_exists")
    pid = next(k for k in shop.data.products if shop.data.products.peek(k)["type"] == "simple")
    r = await http.post("/orders", json={"line_items": [{"product_id": pid, "quantity": 1}],
                                         "coupon_lines": [{"code": "SPRING&25"}]})
    assert r.status_code == 201, r.text
    assert r.json()["discount_total"] == "5.00"
    # a trashed coupon's code is free again, and no order can use the trashed coupon
    trashed = await http.delete(f"/coupons/{made['id']}")
    assert trashed.status_code == 200 and "status" not in trashed.json()
    error(await http.delete(f"/coupons/{made['id']}"), 410, "woocommerce_rest_already_trashed")
    listed = (await http.get("/coupons", params={"per_page": 100})).json()
    assert made["id"] not in {c["id"] for c in listed}
    error(await http.post("/orders", json={"line_items": [{"product_id": pid, "quantity": 1}],
                                           "coupon_lines": [{"code": "spring&25"}]}), 400,
          "woocommerce_rest_invalid_coupon")
    r = await http.post("/coupons", json={"code": "SPRING&25", "amount": "1"})
    assert r.status_code == 201 and r.json()["code"] == "spring&25"
    renamed = await http.put(f"/coupons/{r.json()['id']}", json={"code": "Save10"})
    error(renamed, 400, "woocommerce_rest_coupon_code_already_exists")  # the seeded one's


async def test_order_update_changes_lines_by_id(http: httpx.AsyncClient, shop: WooShop) -> None:
    oid = shop.data.orders.sorted_keys()[0]
    before = (await http.get(f"/orders/{oid}")).json()
    line = before["line_items"][0]
    r = await http.put(f"/orders/{oid}", json={"line_items": [{"id": line["id"],
                                                                "quantity": 5}],
                                               "status": "completed"})
    after = r.json()
    changed = next(ln for ln in after["line_items"] if ln["id"] == line["id"])
    assert changed["quantity"] == 5 and len(after["line_items"]) == len(before["line_items"])
    assert after["status"] == "completed" and after["date_completed"]
    assert after["date_modified_gmt"] >= before["date_modified_gmt"]
    error(await http.put(f"/orders/{oid}", json={"status": "shipped"}), 400,
          "rest_invalid_param")


async def test_meta_data_updates_by_key(http: httpx.AsyncClient, shop: WooShop) -> None:
    pid = shop.data.products.sorted_keys()[0]
    r = await http.put(f"/products/{pid}", json={"meta_data": [
        {"key": "_origin", "value": "api"}, {"key": "_extra", "value": "1"}]})
    meta = {m["key"]: m for m in r.json()["meta_data"]}
    assert meta["_origin"]["value"] == "api" and meta["_extra"]["id"] > 0
    r = await http.put(f"/products/{pid}", json={"meta_data": [{"key": "_extra",
                                                                "value": None}]})
    assert "_extra" not in {m["key"] for m in r.json()["meta_data"]}


async def test_terms_zones_and_status(http: httpx.AsyncClient, shop: WooShop) -> None:
    names = [c["name"] for c in (await http.get("/products/categories")).json()]
    assert names == sorted(names)  # orderby=name, order=asc
    r = await http.post("/products/categories", json={"name": "Garden"})
    assert r.status_code == 201 and r.json()["slug"] == "garden"
    zone = shop.data.zones.sorted_keys()[0]
    r = await http.put(f"/shipping/zones/{zone}/locations", json=[{"code": "CA"}])
    assert [loc["code"] for loc in r.json()] == ["CA"]
    methods = (await http.get(f"/shipping/zones/{zone}/methods")).json()
    assert {m["method_id"] for m in methods} == {"flat_rate", "free_shipping"}
    r = await http.post("/taxes/classes", json={"name": "Books Rate"})
    assert r.status_code == 201 and r.json()["slug"] == "books-rate"
    assert (await http.delete("/taxes/classes/books-rate?force=true")).status_code == 200
    status = (await http.get("/system_status")).json()
    assert status["environment"]["home_url"] == f"https://{HOST}"


async def test_paid_order_takes_stock_and_cancel_gives_it_back(http: httpx.AsyncClient,
                                                               shop: WooShop) -> None:
    pid = next(k for k in shop.data.products if shop.data.products.peek(k)["manage_stock"])
    before = (await http.get(f"/products/{pid}")).json()
    r = await http.post("/orders", json={"set_paid": True,
                                         "line_items": [{"product_id": pid, "quantity": 3}]})
    assert r.status_code == 201 and r.headers["Location"].endswith(f"/orders/{r.json()['id']}")
    taken = (await http.get(f"/products/{pid}")).json()
    assert taken["stock_quantity"] == before["stock_quantity"] - 3
    assert taken["total_sales"] == before["total_sales"] + 3
    await http.put(f"/orders/{r.json()['id']}", json={"status": "cancelled"})
    back = (await http.get(f"/products/{pid}")).json()
    assert (back["stock_quantity"], back["total_sales"]) == \
        (before["stock_quantity"], before["total_sales"])


async def test_dates_must_be_date_times_and_slugs_unique(http: httpx.AsyncClient) -> None:
    error(await http.get("/orders", params={"after": "2025-01-01"}), 400, "rest_invalid_param")
    assert (await http.get("/orders", params={"after": "2025-01-01T00:00:00"})).status_code \
        == 200
    first = (await http.post("/products", json={"name": "Same Name"})).json()
    second = (await http.post("/products", json={"name": "Same Name"})).json()
    assert (first["slug"], second["slug"]) == ("same-name", "same-name-2")


async def test_deletes_take_their_children(http: httpx.AsyncClient, shop: WooShop) -> None:
    parent = next(k for k in shop.data.products if shop.data.products.peek(k)["variations"])
    first, *rest = shop.data.products.peek(parent)["variations"]
    await http.delete(f"/products/{parent}/variations/{first}", params={"force": "true"})
    assert (await http.get(f"/products/{parent}")).json()["variations"] == rest
    await http.delete(f"/products/{parent}", params={"force": "true"})
    assert not any(shop.data.variations.peek(k)["parent_id"] == parent
                   for k in shop.data.variations)


async def test_injected_failures_answer_wordpress_fatal_error(
        http: httpx.AsyncClient, sim: WooSimulator) -> None:
    sim.inject_failure(HOST, 503, times=2)
    for _ in range(2):
        r = await http.get("/products")
        assert r.status_code == 503 and r.json()["code"] == "internal_server_error"
    assert (await http.get("/products")).status_code == 200


async def test_attributes_named_by_id_get_their_name(http: httpx.AsyncClient,
                                                     shop: WooShop) -> None:
    color = shop.data.attributes.sorted_keys()[0]
    r = await http.post("/products", json={"name": "Tee", "type": "variable", "attributes": [
        {"id": color, "variation": True, "options": ["Black"]}, {"name": "Fit", "options": ["Slim"]}]})
    assert [(a["id"], a["name"]) for a in r.json()["attributes"]] == [(color, "Color"), (0, "Fit")]
    r = await http.post(f"/products/{r.json()['id']}/variations",
                        json={"attributes": [{"id": color, "option": "Black"}]})
    assert r.json()["attributes"] == [{"id": color, "name": "Color", "option": "Black"}]


async def test_line_and_batch_items_are_type_checked(http: httpx.AsyncClient) -> None:
    body = error(await http.post("/orders", json={"line_items": [
        {"product_id": 1, "quantity": "many"}]}), 400, "rest_invalid_param")
    assert body["data"]["params"] == {
        "line_items": "line_items[0][quantity] is not of type integer."}
    r = await http.post("/products/batch", json={"update": [7]})
    assert r.status_code == 200 and r.json()["update"][0]["error"]["code"] == "rest_invalid_param"


async def test_dates_written_in_the_shops_zone_or_gmt(http: httpx.AsyncClient) -> None:
    r = await http.post("/orders", json={"date_created": "2025-03-01T10:00:00"})
    assert (r.json()["date_created"], r.json()["date_created_gmt"]) == \
        ("2025-03-01T10:00:00", "2025-03-01T13:00:00")  # the simulated shop is at UTC-3
    r = await http.put(f"/orders/{r.json()['id']}", json={"date_paid_gmt": "2025-03-02T00:00:00"})
    assert (r.json()["date_paid"], r.json()["date_paid_gmt"]) == \
        ("2025-03-01T21:00:00", "2025-03-02T00:00:00")
    body = error(await http.post("/orders", json={"date_created": "March 1st"}), 400,
                 "rest_invalid_param")
    assert body["data"]["params"] == {"date_created": "Invalid date."}


JUNK: list[Any] = [None, 1, -1, 1.5, "x", "", True, [], {}, [1], [{}], {"a": 1}, [None]]


async def test_junk_bodies_are_refused_not_crashing(http: httpx.AsyncClient,
                                                    shop: WooShop) -> None:
    """Every collection, given bodies of wrong types (lines and lists too), answers 2xx or a
    WP_Error 4xx, as WooCommerce's schema validation does; only an over-large refund is the
    500 WooCommerce itself answers."""
    rnd = random.Random(7)
    for res in RESOURCES:
        parent = str(shop.data.table(res.parent[0]).sorted_keys()[0]) if res.parent else ""
        path = res.path.replace("{parent:int}", parent)
        keys = list(shop.data.table(res.table).sorted_keys())
        fields = [*shop.template(res.template), "line_items", "meta_data", "images"]
        for _ in range(25):
            body = {k: rnd.choice(JUNK) for k in rnd.sample(fields, 4)}
            if rnd.random() < 0.5:
                body["line_items"] = [{k: rnd.choice(JUNK) for k in ("id", "product_id",
                                                                       "quantity", "key")}]
            for method, url in (("POST", path), ("PUT", f"{path}/{keys[0]}" if keys else None),
                                ("POST", f"{path}/batch")):
                if url is not None:
                    sent = {"create": [body], "update": [body]} if url.endswith("batch") else body
                    r = await http.request(method, url, json=sent)
                    assert r.status_code < 500 or "refund" in r.text, (method, url, sent, r.text)
                    assert r.status_code < 300 or {"code", "message", "data"} <= set(r.json())


async def test_line_values_are_sanitized_like_the_schema(http: httpx.AsyncClient,
                                                         shop: WooShop) -> None:
    pid = next(k for k in shop.data.products if shop.data.products.peek(k)["type"] == "simple")
    r = await http.post("/orders", json={"line_items": [{"product_id": str(pid),
                                                          "quantity": "2.0"}]})
    assert r.status_code == 201, r.text
    line = r.json()["line_items"][0]
    assert (line["product_id"], line["quantity"]) == (pid, 2)


async def test_order_search_looks_in_address_values(http: httpx.AsyncClient,
                                                    shop: WooShop) -> None:
    email = shop.data.orders.peek(shop.data.orders.sorted_keys()[0])["billing"]["email"]
    found = (await http.get("/orders", params={"search": email})).json()
    assert found and all(o["billing"]["email"] == email for o in found)
    assert (await http.get("/orders", params={"search": "first_name"})).json() == []


async def test_parameters_a_route_does_not_take_are_ignored(http: httpx.AsyncClient) -> None:
    """WordPress ignores what a route does not declare: customers take no date window, an
    attribute list no paging or order."""
    everyone = (await http.get("/customers", params={"per_page": 100})).headers["X-WP-Total"]
    r = await http.get("/customers", params={"after": "2999-01-01T00:00:00", "per_page": 100})
    assert r.headers["X-WP-Total"] == everyone
    r = await http.get("/products/attributes", params={"orderby": "nonsense", "search": "zz"})
    assert r.status_code == 200 and len(r.json()) == 1 and "X-WP-Total" not in r.headers


async def test_a_category_images_gmt_dates_are_utc_whatever_the_clocks_zone() -> None:
    """The image's ``date_created_gmt`` is UTC even when the clock answers in another zone."""
    moment = datetime(2025, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=5)))
    sim = WooSimulator(now=lambda: moment)
    sim.shops.add_shop(HOST, KEY, SECRET, size=5, anchor=ANCHOR)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url=f"https://{HOST}/wp-json/wc/v3",
                                 auth=(KEY, SECRET)) as http:
        r = await http.post("/products/categories", json={
            "name": "Lamps", "image": {"src": "https://img.example/lamp.png"}})
    assert r.status_code == 201, r.text
    image = r.json()["image"]
    assert image["date_created_gmt"] == image["date_modified_gmt"] == "2025-06-01T07:00:00"
    assert image["date_created"] == "2025-06-01T04:00:00"  # the shop's own zone, UTC-3
