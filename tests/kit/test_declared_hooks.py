"""What a kit connector declares instead of writing hooks, on Ledger (tests/kit/ledger.py):
named lists a mapping needs (``contexts``), parameters given by name and sent as ids
(``by_name``, lists, adds and updates alike), more keys of an add's answer, records under
each named parent (``PerParent``), status lists (``NamedStatuses``, ``SeenStatuses``), a
record named by its number (``keys.by_number``), a link found but never created, and child
items read with their parent from their own path (``nested.Under``)."""

from __future__ import annotations

import json
from functools import cached_property
from types import SimpleNamespace
from typing import Any, ClassVar, cast

import httpx
import pytest

from anycart.errors import ApiError
from anycart.platforms.base import Capabilities, CredentialSpec, Platform
from anycart.platforms.kit import named
from anycart.platforms.kit.backend import RestBackend
from anycart.platforms.kit.collection import PerParent
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import Entity, Filter
from anycart.platforms.kit.errors import ErrorMap
from anycart.platforms.kit.fields import Field, number
from anycart.platforms.kit.info import NamedStatuses, SeenStatuses, seen
from anycart.platforms.kit.keys import LinkBy, Ref, by_number
from anycart.platforms.kit.named import Named
from anycart.platforms.kit.nested import Children, Under
from anycart.platforms.kit.pagination import Offset
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.rest import RestClient
from anycart.platforms.kit.serve import attach
from anycart.storage.repository import StoreRecord
from anycart.transport.http import HttpLayer
from tests.kit.calls import call
from tests.kit.ledger import HOST, OUTCOMES, Ledger

STORE = cast(StoreRecord, SimpleNamespace(store_key="ledger-store", store_url=f"https://{HOST}"))
STATUSES = Named("states", "id", ("name",), "order status")
ORDER = Entity(
    name="order", label="Order", path="orders", id_field="id", model=None,
    verbs=("list", "count", "add", "update"), named_by=("order_id",),
    fields=(Field(None, "state", param="order_status", write=int),
            Field(None, "note", param="comment")),
    filters=(Filter("order_status", "state", each=True),),
    mapper=lambda r, ctx: {"id": str(r["id"]), "status": ctx.get("statuses", {}).get(str(r["state"]))},
    added_also={"id": "", "customer_id": "buyer"},
    accepts={"add": frozenset({"customer_email", "is_guest"})},
)

GOODS = Entity(
    name="product", label="Good", path="goods", id_field="id", model=None, verbs=("add",),
    fields=(Field(None, "sku", param="sku"), Field(None, "mpn", param="model"),
            Field(None, "shown", param="available_for_view"), Field(None, "vis", param="visible")),
    mapper=lambda r, _: r, add_from={"sku": "model"}, add_needs=("sku",),
    add_yields={"available_for_view": "visible"}, accepts={"add": frozenset({"manufacturer"})},
)
BRANDS = Entity(name="brand", label="Brand", path="brands", id_field="id", verbs=())
PEOPLE = Entity(name="customer", label="Customer", path="people", id_field="id", verbs=())


class LedgerConnector(KitConnector):
    cart = "Ledger"
    entities = (ORDER, GOODS, BRANDS, PEOPLE)
    contexts: ClassVar = {"order": {"statuses": (STATUSES, "state")}}
    by_name: ClassVar = {"order": {"order_status": STATUSES}}
    links: ClassVar = {
        "product": (LinkBy(Ref("manufacturer_id", ("manufacturer",), "brand", "title", "id"),
                           "brand", "title", create=True),),
        "order": (LinkBy(Ref("customer_id", ("customer_email",), "buyer", "email", "id"),
                         "customer", "email", unless="is_guest"),)}

    @cached_property
    def rest(self) -> RestClient:
        return RestClient(self.http, f"https://{HOST}/v2", platform="Ledger", outcomes=OUTCOMES,
                          error_map=ErrorMap("Ledger", empty=frozenset({404})))

    def backend(self, entity: Entity) -> RestBackend:
        walk = Offset(offset_param="first", limit_param="max", base=1, page_size=50)
        return RestBackend(self.rest, entity, walk, count_query={"tally": 1}, numeric_ids=True,
                           batch=True)


LedgerConnector.handwritten = attach(
    LedgerConnector,
    PerParent("order.transaction.list", Resource("orders/{order_id}/payments", "", suffix=""),
              "order_ids", (Field("id", "id"), Field("amount", "amount", number)), "transactions"),
    NamedStatuses("order.status.list", "cart_order_statuses", STATUSES),
    SeenStatuses("return.status.list", "return_statuses", "order", "state", "label"),
    Children("product.child_item", "_variants", "Child item", ("product_ids", "product_id"),
             "product_id",
             Under("product", "variants", Offset(offset_param="first", limit_param="max", base=1,
                                                 page_size=1)),
             lambda p, v: {"id": v["code"], "parent_id": str(p["id"]), "stock": v["stock"]},
             id_key="code"))
declare(LedgerConnector)


class LedgerPlatform(Platform):
    cart_id = "Ledger"
    name = "Ledger"
    credentials = CredentialSpec(required=())
    capabilities = Capabilities(page_limit=50)
    connector = LedgerConnector


@pytest.fixture
async def ledger():
    server = Ledger()
    server.rows["states"] = {"1": {"id": 1, "name": "New"}, "2": {"id": 2, "name": "Shipped"}}
    server.rows["orders"] = {str(i): {"id": i, "state": 1 + i % 2, "label": f"L{1 + i % 2}"}
                             for i in range(1, 6)}
    server.rows["orders/2/payments"] = {"1": {"id": 1, "amount": "9.5", "card": "visa"}}
    server.rows["people"] = {"7": {"id": 7, "email": "a@b.example"}}
    server.rows["brands"] = {"5": {"id": 5, "title": "acme"}}
    named.CACHE.clear()
    http = HttpLayer()
    http.mounts[HOST] = httpx.MockTransport(server)
    yield cast(Any, LedgerPlatform.connect(STORE, http)), server
    await http.aclose()


async def test_status_names_in_lists_and_by_name_in_filters(ledger):
    c, server = ledger
    page = await c.order_list(call("order.list", order_status="Shipped,1"))
    assert [(o["id"], o["status"]) for o in page.items] == [
        ("1", "Shipped"), ("2", "New"), ("3", "Shipped"), ("4", "New"), ("5", "Shipped")]
    states = sorted(r.url.params["state"] for r in server.seen
                    if r.url.path == "/v2/orders" and "tally" not in r.url.params)
    assert states == ["1", "2"]  # the name sent as its id, one query per value
    reads = [r for r in server.seen if r.url.path == "/v2/states"]
    await c.order_list(call("order.list"))
    assert len([r for r in server.seen if r.url.path == "/v2/states"]) == len(reads)  # kept
    with pytest.raises(ApiError) as err:
        await c.order_count(call("order.count", order_status="Lost"))
    assert err.value.code == 109 and "unknown order status 'Lost'. Known: New, Shipped" \
        in err.value.message


async def test_adds_and_updates_take_names_too_and_answer_more_keys(ledger):
    c, server = ledger
    await c.order_update(call("order.update", order_id="3", order_status="new", comment="hi"))
    assert json.loads(server.seen[-1].content) == {"state": 1, "note": "hi"}
    added = await c.order_add(call("order.add", order_status="Shipped",
                                   customer_email="a@b.example"))
    oid = added["order_id"]
    assert added == {"order_id": oid, "id": oid, "customer_id": "7"}
    assert server.rows["orders"][oid]["state"] == 2
    plain = await c.order_add(call("order.add", order_status="2"))
    assert set(plain) == {"order_id", "id"}  # no buyer: the key is left out
    guest = await c.order_add(call("order.add", order_status="2", customer_email="a@b.example",
                                   is_guest=True))
    assert set(guest) == {"order_id", "id"}  # a guest's order stays unlinked
    nobody = await c.order_add(call("order.add", order_status="2", customer_email="x@y.example"))
    assert set(nobody) == {"order_id", "id"}  # found none: unlinked, none created
    assert set(server.rows["people"]) == {"7"}


async def test_a_link_by_name_is_found_or_created(ledger):
    c, server = ledger
    await c.product_add(call("product.add", sku="S-9", manufacturer="acme"))
    assert json.loads(server.seen[-1].content)[0]["brand"] == 5  # found, none created
    assert set(server.rows["brands"]) == {"5"}
    await c.product_add(call("product.add", sku="S-10", manufacturer="Newco"))
    made = next(k for k, v in server.rows["brands"].items() if v.get("title") == "Newco")
    assert json.loads(server.seen[-1].content)[0]["brand"] == int(made)


async def test_records_under_each_named_parent(ledger):
    c, _ = ledger
    found = await c.order_transaction_list(call("order.transaction.list", order_ids="2,3,x"))
    assert found == {"transactions_count": 1, "transactions": [
        {"id": "1", "amount": 9.5, "additional_fields": {"card": "visa"}}]}  # 3: none (404)
    assert LedgerConnector.APPLIED["order.transaction.list"] == {"order_ids"}


async def test_status_lists(ledger):
    c, _ = ledger
    listed = await c.order_status_list(call("order.status.list"))
    assert listed["cart_order_statuses"] == [{"id": "1", "name": "New"},
                                             {"id": "2", "name": "Shipped"}]
    carried = await c.return_status_list(call("return.status.list"))
    assert carried["return_statuses"] == [{"id": "1", "name": "L1"}, {"id": "2", "name": "L2"}]
    assert seen([{"s": 2, "n": "b"}, {"s": 1}, {"s": 2, "n": "c"}, {}], "s", "n") == [
        ("1", ""), ("2", "b")]


async def test_by_number_and_a_link_never_created(ledger):
    c, server = ledger
    server.rows["orders"]["4"].update(number="1004", prefix="AB-")
    orders = c.backend(ORDER)
    assert (await by_number(orders, "4", "Order", "number", "prefix"))["id"] == 4
    assert (await by_number(orders, "AB-1004", "Order", "number", "prefix"))["id"] == 4
    assert (await by_number(orders, "1004", "Order", "number", "prefix"))["id"] == 4
    with pytest.raises(ApiError) as none:
        await by_number(orders, "XY-1004", "Order", "number", "prefix")
    assert none.value.message == "Order with id XY-1004 not found"
    buyer = Ref("customer_id", ("customer_email",), "buyer", "email", "id")

    async def found(email: str) -> list[dict[str, Any]]:
        return [{"id": 3, "email": "A@B.example"}]

    linked = await buyer.link({}, {"customer_email": "a@b.example"}, found)
    assert linked == {"buyer": 3}
    assert await buyer.link({}, {"customer_email": "c@d.example"}, found) == {}


async def test_an_add_fills_what_it_left_out_and_needs(ledger):
    c, server = ledger
    await c.product_add(call("product.add", model="M-1", available_for_view=True))
    assert json.loads(server.seen[-1].content) == [{"sku": "M-1", "mpn": "M-1", "shown": True}]
    await c.product_add(call("product.add", sku="S-2", model="M-2", visible="nowhere",
                             available_for_view=True))  # the contract's default gives way
    assert json.loads(server.seen[-1].content) == [{"sku": "S-2", "mpn": "M-2", "vis": "nowhere"}]
    await c.product_add(call("product.add", sku="S-3", visible="nowhere",
                             available_for_view=False))  # given: it stays
    assert json.loads(server.seen[-1].content)[0]["shown"] is False
    before = len(server.seen)
    with pytest.raises(ApiError) as missing:
        await c.product_add(call("product.add", visible="everywhere"))
    assert missing.value.code == 114 and "'sku'" in missing.value.message
    assert len(server.seen) == before


async def test_children_read_with_their_parent_from_their_own_path(ledger):
    c, server = ledger
    server.rows["goods"]["1"]["variants"] = ["1,2", "3"]  # the parent's summary lists some
    server.rows["goods/1/variants"]["3"] = {"code": "3", "stock": 0}
    server.rows["goods/2/variants"] = {"9": {"code": "9", "stock": 1}}  # listed nowhere in 2
    page = await c.product_child_item_list(call("product.child_item.list", product_ids="1,2"))
    assert page.items == [{"id": "1,2", "parent_id": "1", "stock": 3},
                          {"id": "3", "parent_id": "1", "stock": 0}] and page.total == 2
    reads = [r.url.path for r in server.seen if "variants" in r.url.path]
    assert reads == ["/v2/goods/1/variants"] * 3  # one a page, the empty one ends; none of 2
    found = await c.product_child_item_info(call("product.child_item.info", id="3", product_id="1"))
    assert found["stock"] == 0
    with pytest.raises(ApiError) as gone:
        await c.product_child_item_list(call("product.child_item.list", product_ids="99"))
    assert (gone.value.code, gone.value.message) == (112, "Good with id 99 not found")
