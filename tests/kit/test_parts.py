"""kit.parts on Shelf: products whose first ``sku`` holds code, amount and stock; skus at their
own path ``skus/<id>`` (``productId`` naming the product); stock per warehouse set at
``levels`` (``warehouseId``/``itemRef``/``level``), warehouses ``enabled`` or not."""

from __future__ import annotations

import json
from typing import Any, ClassVar

import pytest

from anycart.errors import ApiError
from anycart.model import Child, Product
from anycart.platforms.kit.entities import Entity, Runner
from anycart.platforms.kit.fields import Field, number, writable
from anycart.platforms.kit.parts import Levels, Part
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.serve import attach
from tests.kit.calls import call
from tests.kit.shelf import Connector
from tests.kit.shelf import shelf as _shelf

PRODUCT = Entity(name="product", label="Product", path="products", id_field="id", model=Product,
                 verbs=("add", "update"), fields=(Field("name", "title", param="name"),))
SKU = Entity(name="product.child_item", label="Child item", path="skus", id_field="id",
             model=Child, verbs=(),
             fields=(Field("sku", "code", param="sku"),
                     Field("price", "amount", number, param="price", write=float),
                     Field("quantity", "onHand", number, param="quantity", write=int)))


def _shelved(name: str) -> Resource:
    return Resource(name, "data", "data", wrap="", suffix="", label=name.title())


FIRST = Part(PRODUCT, SKU, writable(SKU.fields), "skus", _shelved("skus"),
             ("product_id", "productId"), "product.variant", required=("name",), stock="onHand",
             levels=Levels(_shelved("warehouses"), _shelved("levels"), "itemRef",
                           location="warehouseId", amount="level", active="enabled"))


class Backend:
    """The parent's records on Shelf, for the entity runner."""

    def __init__(self, c: Connector) -> None:
        self.c, self.records = c, _shelved("products")

    async def create(self, body: dict[str, Any]) -> str:
        return str((await self.records.add(self.c.rest, body))["id"])

    async def update(self, ident: str, body: dict[str, Any]) -> None:
        await self.records.change(self.c.rest, ident, body)

    async def get(self, ident: str) -> dict[str, Any] | None:
        found = await self.c.rest.get_json(f"products/{ident}")
        return found["data"] if found else None


class Shop(Connector):
    same_as_default: ClassVar[dict[str, set[str]]] = {}

    def runner(self, entity: Entity) -> Runner:
        return Runner(entity, Backend(self), cart="Shelf")  # type: ignore[arg-type]


APPLIED = attach(Shop, FIRST)


@pytest.fixture
async def shop():
    async for c, server in _shelf():
        server.rows["products"][1] = {"id": 1, "title": "Mug", "skus": [
            {"id": 11, "productId": 1, "itemRef": "I-11", "code": "M"}]}
        server.rows["skus"] = {11: dict(server.rows["products"][1]["skus"][0]),
                               12: {"id": 12, "productId": 2, "itemRef": "I-12"}}
        server.rows["warehouses"] = {5: {"id": 5, "enabled": False}, 6: {"id": 6}}
        yield Shop(c.rest), server


def sent(server, path: str) -> list[dict]:
    return [json.loads(r.content) for r in server.seen if r.url.path == "/api/" + path
            and r.method in ("POST", "PUT")]


def test_applied_is_both_field_maps():
    assert APPLIED["product.add"] >= {"name", "sku", "price", "quantity"}
    assert APPLIED["product.update"] >= {"id", "name", "sku", "price"}
    assert APPLIED["product.variant.update"] == {"id", "product_id", "sku", "price", "quantity"}


async def test_add_puts_the_child_in_the_parent_body(shop):
    c, server = shop
    added = await c.product_add(call("product.add", name="Cup", sku="C", price="2.5"))
    new = server.rows["products"][int(added["product_id"])]
    assert new["title"] == "Cup" and new["skus"] == [{"code": "C", "amount": 2.5}]
    plain = await c.product_add(call("product.add", name="Bare"))
    assert "skus" not in server.rows["products"][int(plain["product_id"])]
    with pytest.raises(ApiError) as nameless:
        await c.product_add(call("product.add", sku="X"))
    assert nameless.value.code == 114 and "'name'" in nameless.value.message


async def test_update_writes_the_parent_and_its_first_child_apart(shop):
    c, server = shop
    assert await c.product_update(call("product.update", id="1", name="Big mug", price=3,
                                       quantity=7)) == {"updated_items": 1}
    assert server.rows["products"][1]["title"] == "Big mug"
    assert sent(server, "skus/11") == [{"id": 11, "amount": 3.0}]  # no stock in the body
    # stock at the first enabled warehouse, as an absolute level
    assert sent(server, "levels") == [{"warehouseId": 6, "itemRef": "I-11", "level": 7}]
    server.rows["products"][2] = {"id": 2, "title": "Empty", "skus": []}
    with pytest.raises(ApiError) as childless:
        await c.product_update(call("product.update", id="2", sku="Z"))
    assert childless.value.message == "Skus of product with id 2 not found"
    with pytest.raises(ApiError) as nothing:
        await c.product_update(call("product.update", id="1"))
    assert nothing.value.code == 110


async def test_one_child_by_id_checked_against_its_parent(shop):
    c, server = shop
    await c.product_variant_update(call("product.variant.update", id="12", sku="S12"))
    assert server.rows["skus"][12]["code"] == "S12"
    with pytest.raises(ApiError) as elsewhere:
        await c.product_variant_update(call("product.variant.update", id="12", product_id="1",
                                            sku="S"))
    assert elsewhere.value.code == 112 and elsewhere.value.message == "Skus with id 12 not found"
    with pytest.raises(ApiError) as unknown:
        await c.product_variant_update(call("product.variant.update", id="99", sku="S"))
    assert unknown.value.message == "Skus with id 99 not found"


async def test_no_enabled_warehouse_is_a_platform_error(shop):
    c, server = shop
    server.rows["warehouses"] = {5: {"id": 5, "enabled": False}}
    with pytest.raises(ApiError) as none:
        await c.product_variant_update(call("product.variant.update", id="11", quantity=1))
    assert none.value.code == 107 and "no active location" in none.value.message
    assert sent(server, "levels") == []
