"""The runner's write hooks on the Tiny platform (tests/kit/test_entities.py): a declared
``stock`` takes increase/reduce_quantity on update, read from the stored record, and the
connector's ``complete`` finishes a body with what needs the platform (a brand's name linked
as its id by a ``kit.keys.Ref``)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, cast

import pytest

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.collection import UpdateAdds
from anycart.platforms.kit.connector import declare
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.keys import Ref
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.serve import attach
from tests.kit.calls import call

from .test_entities import PRODUCT, TinyConnector, connected

BRAND = Ref("manufacturer_id", ("manufacturer", "brand_name"), "brand.id", "name", "id", str)
STOCKED = dataclasses.replace(
    PRODUCT, stock="stock.level",
    accepts={v: frozenset({"manufacturer", "brand_name"}) for v in ("add", "update")})
BRANDS = [{"id": 4, "name": "Acme"}]


class Stocked(TinyConnector):
    entities = (STOCKED,)

    async def complete(self, entity: Entity, call: Call, body: dict[str, Any]) -> dict[str, Any]:
        async def create(brand: str) -> str:
            BRANDS.append({"id": 5, "name": brand})
            return "5"

        async def found(brand: str) -> list[dict[str, Any]]:
            return BRANDS

        return await BRAND.link(body, call.params, found, create)


declare(Stocked)


@pytest.fixture
async def stocked():
    BRANDS[:] = [{"id": 4, "name": "Acme"}]
    async with connected(Stocked) as (connector, server):
        yield cast(Stocked, connector), server


async def test_stock_changes_apply_to_the_stored_stock(stocked):
    c, server = stocked
    assert await c.product_update(call("product.update", id="3", increase_quantity=5,
                                       reduce_quantity=1)) == {"updated_items": 1}
    assert server.items[3]["stock"] == {"level": 7}
    puts = [json.loads(r.content) for r in server.seen if r.method == "PUT"]
    assert puts == [{"stock": {"level": 7.0}}]
    with pytest.raises(ApiError) as both:
        await c.product_update(call("product.update", id="3", quantity=1, increase_quantity=1))
    assert both.value.code == 109
    with pytest.raises(ApiError) as missing:
        await c.product_update(call("product.update", id="99", increase_quantity=1))
    assert missing.value.code == 112
    assert {"increase_quantity", "reduce_quantity"} <= Stocked.APPLIED["product.update"]
    assert "increase_quantity" not in Stocked.APPLIED["product.add"]


async def test_complete_links_a_name_as_its_id_on_add_and_update(stocked):
    c, server = stocked
    await c.product_update(call("product.update", id="2", brand_name="ACME"))
    assert server.items[2]["brand"] == {"id": "4"}
    added = await c.product_add(call("product.add", name="New", model="N-1", price=1,
                                     manufacturer="Zeta"))
    assert server.items[int(added["product_id"])]["brand"] == {"id": "5"}
    assert BRANDS[-1]["name"] == "Zeta"
    with pytest.raises(ApiError) as both:
        BRAND.name({"manufacturer": "Acme", "manufacturer_id": "4"})
    assert both.value.code == 109 and "'manufacturer'" in both.value.message
    with pytest.raises(ApiError) as differing:
        BRAND.name({"manufacturer": "Acme", "brand_name": "Zeta"})
    assert differing.value.code == 109


#: Models of Tiny's own: an add names one of them, an update may name any.
CHOOSY = dataclasses.replace(PRODUCT, add_choices={"model": ("T-8", "T-9")}, unique={})


class Choosy(TinyConnector):
    entities = (CHOOSY,)


declare(Choosy)


async def test_an_add_takes_only_the_declared_choices_an_update_any():
    async with connected(Choosy) as (c, server):
        for bad in ({"model": "X-1"}, {}):
            with pytest.raises(ApiError) as refused:
                await c.product_add(call("product.add", name="N", price=1, **bad))
            assert (refused.value.code, refused.value.message) == (
                109, "Parameter 'model' is not valid. The required type of parameter is one of "
                "T-8, T-9.")
        assert not [r for r in server.seen if r.method == "POST"]  # refused before any write
        added = await c.product_add(call("product.add", name="N", price=1, model="T-9"))
        assert server.items[int(added["product_id"])]["code"] == "T-9"
        await c.product_update(call("product.update", id="2", model="X-1"))
        assert server.items[2]["code"] == "X-1"


class Noting(TinyConnector):
    """A product's ``comment`` also written as a note record under it (``items/<id>/notes``)."""

    @property
    def rest(self) -> RestClient:
        return self.backend(PRODUCT).client


Noting.handwritten = attach(Noting, UpdateAdds(
    PRODUCT, "comment", Resource("items/{id}/notes", "", wrap="", suffix="", parent="Product"),
    lambda text: {"text": str(text), "private": True}))
declare(Noting)


async def test_an_update_parameter_added_as_a_record_under_the_one_named():
    async with connected(Noting) as (c, server):
        assert Noting.APPLIED["product.update"] == TinyConnector.APPLIED["product.update"] | {"comment"}
        assert await c.product_update(call("product.update", id="2", comment="Fragile")) == {
            "updated_items": 1}
        [note] = server.seen  # no changes beside it: no update sent
        assert (note.method, note.url.path, json.loads(note.content)) == (
            "POST", "/api/items/2/notes", {"text": "Fragile", "private": True})
        await c.product_update(call("product.update", id="2", comment="Again", price=3))
        assert [r.method for r in server.seen[1:]] == ["POST", "PUT"] and server.items[2]["cost"] == 3
        with pytest.raises(ApiError) as nothing:  # without it, the declared update as it is
            await c.product_update(call("product.update", id="2"))
        assert nothing.value.message == "Nothing to update"
        with pytest.raises(ApiError) as unknown:
            await c.product_update(call("product.update", id="99", comment="x"))
        assert (unknown.value.code, unknown.value.message) == (112, "Product with id 99 not found")
