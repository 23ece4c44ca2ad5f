"""The entity runner on a tiny declared platform, over ``httpx.MockTransport``.

"Tiny" keeps products at ``/api/items`` (offset/limit paging, ``GET items/count``), names
them ``title``/``code``/``cost``/``hidden`` and sorts by ``order=<key> <dir>``. Its connector
is nothing but one declaration and a backend; every contract method below comes from it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import SimpleNamespace
from typing import Any, cast

import httpx
import pytest

from anycart.errors import ApiError
from anycart.model import Product
from anycart.platforms.base import Call, Capabilities, CredentialSpec, Page, Platform
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.backend import RestBackend
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import BY_ID, Entity, Filter, Find, Sort
from anycart.platforms.kit.fields import Field, int_id, negated, number, stock_change
from anycart.storage.repository import StoreRecord
from anycart.transport.http import HttpLayer
from tests.kit.calls import call

HOST = "tiny.example"
STORE = cast(StoreRecord, SimpleNamespace(store_key="tiny-store", store_url=f"https://{HOST}"))

PRODUCT = Entity(
    name="product", label="Product", path="items", id_field="id", model=Product,
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    fields=(
        Field("id", "id"),
        Field("name", "title", param="name"),
        Field("u_model", "code", param="model"),
        Field("description", "body", param="description"),
        Field("price", "cost", number, param="price", write=float),
        Field("quantity", "stock.level", number, param="quantity", write=int),
        Field("avail_view", "hidden", negated, param=("available_for_view", "avail"),
              write=lambda v: not v),
    ),
    filters=(Filter("sku", "code"), Filter(("category_id", "categories_ids"), "cat", int_id, many=True),
             Filter("created_from", "after", lambda v: str(v).replace(" ", "T"))),
    lookup=("product_ids",),
    sort=Sort({"id": "id", "name": "title"}, param="order"),
    find=Find({"name": "q", "id": BY_ID}, default="name", whole_field={"name": "name"}),
    list_find=Find({"name": "q"}, default="name"), unique={"model": "code"},
)


class Server:
    """The platform: records in memory, every request kept for the assertions."""

    def __init__(self) -> None:
        self.items: dict[int, dict[str, Any]] = {
            i: {"id": i, "title": f"Thing {i}" if i != 3 else "Thing 2 deluxe", "code": f"T-{i}",
                "body": "b", "cost": i * 1.5, "stock": {"level": i}, "hidden": i == 4,
                "cat": i % 2, "colour": "red"}
            for i in range(1, 8)}
        self.seen: list[httpx.Request] = []

    def _match(self, q: httpx.QueryParams) -> list[dict[str, Any]]:
        rows = list(self.items.values())
        if "code" in q:
            rows = [r for r in rows if r["code"] == q["code"]]
        if "cat" in q:
            rows = [r for r in rows if str(r["cat"]) in q["cat"].split(",")]
        if "q" in q:
            rows = [r for r in rows if q["q"].lower() in r["title"].lower()]
        key, _, way = q.get("order", "id asc").partition(" ")
        return sorted(rows, key=lambda r: r[key], reverse=way == "desc")

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        parts = request.url.path.split("/")[2:]  # after /api
        q = request.url.params
        if parts == ["items", "count"]:
            return httpx.Response(200, json={"count": len(self._match(q))})
        if parts == ["items"] and request.method == "GET":
            rows = self._match(q)
            offset, limit = int(q.get("offset", 0)), int(q.get("limit", 50))
            return httpx.Response(200, json=rows[offset:offset + limit])
        if parts == ["items"] and request.method == "POST":
            new = {**json.loads(request.content), "id": max(self.items) + 1}
            self.items[new["id"]] = new
            return httpx.Response(201, json=new)
        ident = int(parts[1]) if parts[1].isdecimal() else -1
        if ident not in self.items:
            return httpx.Response(404, json={"message": "no such item"})
        if request.method == "PUT":
            self.items[ident].update(json.loads(request.content))
        elif request.method == "DELETE":
            del self.items[ident]
            return httpx.Response(204)
        return httpx.Response(200, json=self.items[ident])


class TinyConnector(KitConnector):
    cart = "Tiny"
    entities = (PRODUCT,)

    def backend(self, entity: Entity) -> RestBackend:
        client = RestClient(self.http, f"https://{HOST}/api", platform=self.cart)
        return RestBackend(client, entity, "offset", count_path="items/count")


declare(TinyConnector)


class Tiny(Platform):
    cart_id = "Tiny"
    name = "Tiny"
    credentials = CredentialSpec(required=())
    capabilities = Capabilities(page_limit=50)
    connector = TinyConnector


@asynccontextmanager
async def connected(connector: type[KitConnector]) -> AsyncIterator[tuple[Any, Server]]:
    """A store of Tiny served by ``connector`` (a TinyConnector of other declarations)."""
    server = Server()
    http = HttpLayer()
    http.mounts[HOST] = httpx.MockTransport(server)
    platform = type(f"Tiny{connector.__name__}", (Tiny,), {"connector": connector})
    try:
        yield platform.connect(STORE, http), server
    finally:
        await http.aclose()


@pytest.fixture
async def tiny():
    async with connected(TinyConnector) as (connector, server):
        yield cast(TinyConnector, connector), server


async def test_list_count_maps_fields_pages_and_totals(tiny):
    c, server = tiny
    page = await c.product_list(call("product.list", start=2, count=3))
    assert isinstance(page, Page) and page.total == 7
    assert [p["id"] for p in page.items] == ["3", "4", "5"]
    four = page.items[1]
    assert (four["name"], four["u_model"], four["price"], four["quantity"], four["avail_view"]) == (
        "Thing 4", "T-4", 6.0, 4.0, False)
    # keys no field reads are kept, not lost
    assert four["additional_fields"] == {"cat": 0, "colour": "red"}
    listed = next(r for r in server.seen if r.url.path == "/api/items")
    assert (listed.url.params["offset"], listed.url.params["limit"]) == ("2", "3")
    assert (await c.product_count(call("product.count")))["products_count"] == 7


async def test_filter_map_sends_platform_names(tiny):
    c, server = tiny
    counted = await c.product_count(call("product.count", categories_ids="1", sku="T-3"))
    assert counted == {"products_count": 1}
    q = server.seen[-1].url.params
    assert (q["cat"], q["code"]) == ("1", "T-3")
    both = await c.product_list(call("product.list", category_id="0", categories_ids="1"))
    assert both.total == 7 and server.seen[-1].url.params["cat"] == "0,1"
    await c.product_count(call("product.count", created_from="2024-01-02 03:04:05"))
    assert server.seen[-1].url.params["after"] == "2024-01-02T03:04:05"
    with pytest.raises(ApiError) as bad:  # a converter that rejects the value: 109 naming it
        await c.product_count(call("product.count", category_id="abc"))
    assert bad.value.code == 109 and "'category_id'" in bad.value.message
    found = await c.product_list(call("product.list", find_value="deluxe"))
    assert [p["id"] for p in found.items] == ["3"]


async def test_sort_map(tiny):
    c, server = tiny
    page = await c.product_list(call("product.list", sort_by="name", sort_direction="desc", count=2))
    assert [p["name"] for p in page.items] == ["Thing 7", "Thing 6"]
    listed = next(r for r in reversed(server.seen) if r.url.path == "/api/items")
    assert listed.url.params["order"] == "title desc"
    with pytest.raises(ApiError) as bad:
        await c.product_list(call("product.list", sort_by="price"))
    assert bad.value.code == 109 and "'sort_by'" in bad.value.message


async def test_lookup_ids_one_by_one_and_alone(tiny):
    c, _ = tiny
    page = await c.product_list(call("product.list", product_ids="5,2,99"))
    assert [p["id"] for p in page.items] == ["5", "2"] and page.total == 2
    with pytest.raises(ApiError) as mixed:
        await c.product_list(call("product.list", product_ids="5", sku="T-5"))
    assert mixed.value.code == 109 and "'sku'" in mixed.value.message


async def test_info_find(tiny):
    c, _ = tiny
    assert (await c.product_info(call("product.info", id="2")))["name"] == "Thing 2"
    with pytest.raises(ApiError) as missing:
        await c.product_info(call("product.info", id="99"))
    assert missing.value.code == 112 and "Product with id 99" in missing.value.message
    whole = await c.product_find(call("product.find", find_value="thing 2"))
    assert whole["products_count"] == 1 and whole["product"][0]["id"] == "2"
    part = await c.product_find(call("product.find", find_value="thing 2", find_params="any"))
    assert sorted(p["id"] for p in part["product"]) == ["2", "3"]
    by_id = await c.product_find(call("product.find", find_value="6", find_where="id"))
    assert by_id["product"][0]["id"] == "6"
    with pytest.raises(ApiError) as none:
        await c.product_find(call("product.find", find_value="nothing like it"))
    assert (none.value.code, none.value.message) == (112, "Entity not found")
    with pytest.raises(ApiError) as where:
        await c.product_find(call("product.find", find_value="x", find_where="colour"))
    assert where.value.code == 109 and "'find_where'" in where.value.message


async def test_add_update_delete_write_the_field_map(tiny):
    c, server = tiny
    added = await c.product_add(call("product.add", name="New", model="N-1", description="d",
                                     price="9.5", quantity=3, available_for_view=False))
    new = server.items[int(added["product_id"])]
    assert (new["title"], new["code"], new["cost"], new["stock"], new["hidden"]) == (
        "New", "N-1", 9.5, {"level": 3}, True)
    with pytest.raises(ApiError) as taken:  # a model another product has
        await c.product_add(call("product.add", name="Again", model="T-2", description="d", price=1))
    assert (taken.value.code, taken.value.message) == (113, "Product with model T-2 already exists")
    assert await c.product_update(call("product.update", id="2", price=4)) == {"updated_items": 1}
    assert server.items[2]["cost"] == 4.0 and server.items[2]["title"] == "Thing 2"
    with pytest.raises(ApiError) as nothing:  # the contract's defaults are not changes
        await c.product_update(call("product.update", id="2", avail=True))
    assert nothing.value.message == "Nothing to update"
    with pytest.raises(ApiError) as synonyms:
        await c.product_update(call("product.update", id="2", available_for_view=True, avail=False))
    assert synonyms.value.code == 109 and "'avail'" in synonyms.value.message
    with pytest.raises(ApiError) as unknown:
        await c.product_update(call("product.update", id="99", price=1))
    assert unknown.value.code == 112
    assert await c.product_delete(call("product.delete", id="3")) == {"delete_items": 1}
    assert 3 not in server.items
    with pytest.raises(ApiError) as gone:
        await c.product_delete(call("product.delete", id="3"))
    assert gone.value.code == 112


async def test_unmapped_parameter_is_refused_naming_it(tiny):
    c, server = tiny
    before = len(server.seen)
    for method, params in (("product.list", {"manufacturer_id": "3"}),
                           ("product.count", {"brand_name": "x"}),
                           ("product.info", {"id": "1", "store_id": "2"}),
                           ("product.add", {"name": "a", "model": "b", "description": "c",
                                            "price": 1, "weight": 3}),
                           ("product.update", {"id": "1", "gtin": "123"})):
        with pytest.raises(ApiError) as refused:
            await getattr(c, method.replace(".", "_"))(call(method, **params))
        (name,) = set(params) - {"id", "name", "model", "description", "price"}
        assert refused.value.code == 109, method
        assert f"'{name}'" in refused.value.message and "not supported by Tiny" in refused.value.message
    assert len(server.seen) == before  # refused before anything was sent


def test_applied_comes_from_the_declaration():
    applied = TinyConnector.APPLIED
    assert set(applied) == {f"product.{v}" for v in PRODUCT.verbs}
    assert applied["product.list"] == {"sku", "category_id", "categories_ids", "created_from",
                                       "product_ids", "find_value", "find_where", "sort_by",
                                       "sort_direction"}
    assert applied["product.count"] == applied["product.list"] - {"sort_by", "sort_direction"}
    assert applied["product.update"] == {"id", "name", "model", "description", "price",
                                         "quantity", "available_for_view", "avail"}
    assert applied["product.find"] == {"find_value", "find_where", "find_params"}
    assert TinyConnector.serves("product.delete") and not TinyConnector.serves("order.list")


# -- hooks and the less common filters ------------------------------------------------------
ORDER = Entity(
    name="order", label="Order", path="items", id_field="id", model=None, verbs=("list", "count"),
    mapper=lambda r, ctx: {"id": str(r["id"]), "status": ctx["names"][r["cat"]]},
    filters=(Filter(("order_status_ids", "order_status"), "cat", each=True),
             Filter("customer_id", "colour", local=True)),
)
RETURN = Entity(name="return", label="Return", path="items", id_field="id", model=None,
                verbs=("info",), mapper=lambda r, _: {"id": str(r["id"])},
                parents={"order_id": "cat"})
CATEGORY = Entity(
    name="category", label="Category", path="items", id_field="id", model=None,
    verbs=("add",), plural="categories", mapper=lambda r, _: r,
    fields=(Field(None, "title", param="name"),),
    written=lambda params, body: body.update(code="C-" + str(params.get("name"))),
)

#: A delete answered as the contract says for coupons (``{"deleted": "true"}``).
COUPON = Entity(name="cart.coupon", label="Coupon", path="items", id_field="id", model=None,
                verbs=("delete",), deleted_key="deleted", deleted="true", mapper=lambda r, _: r)


class HookedConnector(TinyConnector):
    entities = (ORDER, RETURN, CATEGORY, COUPON)
    async def context(self, entity: Entity, records: list[dict[str, Any]]) -> dict[str, Any]:
        return {"names": {0: "even", 1: "odd"}}

    async def prepare(self, entity: Entity, call: Call) -> Call:
        """Statuses by name: the platform keys them by number."""
        names = {"even": "0", "odd": "1"}
        ids = [names.get(s, s) for s in str(call.params.get("order_status") or "").split(",") if s]
        return Call(call.method, {**call.params, "order_status": ",".join(ids)}, call.start,
                    call.count)


declare(HookedConnector)


@pytest.fixture
async def hooked(tiny):
    _, server = tiny
    connector = HookedConnector(STORE, tiny[0].http, Tiny)
    yield connector, server


async def test_each_filter_is_one_query_per_value_merged_by_id(hooked):
    c, server = hooked
    server.items[2]["colour"] = "blue"
    page = await c.order_list(call("order.list", order_status="odd,even", start=1, count=3))
    assert [o["id"] for o in page.items] == ["2", "3", "4"] and page.total == 7
    assert [o["status"] for o in page.items] == ["even", "odd", "even"]  # the context hook
    cats = sorted(r.url.params["cat"] for r in server.seen if r.url.path == "/api/items")
    assert cats == ["0", "1"]  # one query per status, names turned into ids by prepare
    assert (await c.order_count(call("order.count", order_status_ids="1")))["orders_count"] == 4
    # local: the platform cannot filter by it, the records read are kept by their value
    blue = await c.order_list(call("order.list", customer_id="blue"))
    assert [o["id"] for o in blue.items] == ["2"] and blue.total == 1
    assert (await c.order_count(call("order.count", customer_id="red", order_status="even")))[
        "orders_count"] == 2  # 4 and 6 (2 is blue)


async def test_info_parents_and_written_hook(hooked):
    c, server = hooked
    assert (await c.return_info(call("return.info", id="3", order_id="1")))["id"] == "3"
    with pytest.raises(ApiError) as other:  # record 3 is not in order 0
        await c.return_info(call("return.info", id="3", order_id="0"))
    assert other.value.code == 112 and "Return with id 3" in other.value.message
    added = await c.category_add(call("category.add", name="Shoes"))
    assert server.items[int(added["category_id"])]["code"] == "C-Shoes"
    assert HookedConnector.APPLIED["return.info"] == {"id", "order_id"}
    assert HookedConnector.APPLIED["order.count"] == {"order_status_ids", "order_status",
                                                      "customer_id"}


async def test_a_delete_answers_under_its_declared_key(hooked):
    c, server = hooked
    assert await c.cart_coupon_delete(call("cart.coupon.delete", id="5")) == {"deleted": "true"}
    assert 5 not in server.items and HookedConnector.APPLIED["cart.coupon.delete"] == {"id"}
    with pytest.raises(ApiError) as gone:
        await c.cart_coupon_delete(call("cart.coupon.delete", id="5"))
    assert gone.value.code == 112


def test_stock_change():
    assert stock_change({"increase_quantity": 5, "reduce_quantity": 2}) == 3
    assert stock_change({"quantity": 4}) == 0
    with pytest.raises(ApiError) as both:
        stock_change({"quantity": 4, "reduce_quantity": 1})
    assert both.value.code == 109 and "'quantity'" in both.value.message
