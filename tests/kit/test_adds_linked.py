"""kit.keys.AddsLinked: an add that links the record it makes to another one by id (a new
brand made a product's), over a small in-memory platform."""

from __future__ import annotations

from typing import Any

import pytest

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import Field
from anycart.platforms.kit.keys import AddsLinked

BRAND = Entity(name="product.brand", label="Brand", path="brands", id_field="id", verbs=(),
               fields=(Field(None, "name", param="manufacturer"), Field(None, "title", param="meta_title")))
PRODUCT = Entity(name="product", label="Product", path="products", id_field="id", verbs=())


class Records:
    def __init__(self, rows: dict[str, dict[str, Any]]) -> None:
        self.rows = rows

    async def create(self, body: dict[str, Any]) -> str:
        ident = str(100 + len(self.rows))
        self.rows[ident] = dict(body)
        return ident

    async def update(self, ident: str, body: dict[str, Any]) -> None:
        if ident not in self.rows:
            raise ApiError.not_found("Product", ident)
        self.rows[ident].update(body)


class Store:
    entities = (BRAND, PRODUCT)

    def __init__(self) -> None:
        self.tables = {"brands": Records({}), "products": Records({"7": {"id": 7}})}

    def backend(self, entity: Entity) -> Records:
        return self.tables[entity.path]

    def entity(self, name: str) -> Entity:
        return next(e for e in self.entities if e.name == name)


MAKER = AddsLinked("product.manufacturer.add", BRAND, "product", "brand_id", "manufacturer_id",
                   required=("manufacturer",))


def test_applied_are_the_field_map_the_link_and_the_required():
    (_, applied), = MAKER.methods().values()
    assert applied == {"manufacturer", "meta_title", "product_id"}


async def test_the_new_record_is_linked_to_the_one_named():
    store = Store()
    made = await MAKER.run(store, Call("product.manufacturer.add", {"manufacturer": "Acme", "product_id": "7"}))
    assert made == {"manufacturer_id": "100"}
    assert store.tables["brands"].rows["100"] == {"name": "Acme"}
    assert store.tables["products"].rows["7"] == {"id": 7, "brand_id": 100}  # the id by convert
    alone = await MAKER.run(store, Call("product.manufacturer.add", {"manufacturer": "Solo"}))
    assert alone == {"manufacturer_id": "101"} and "brand_id" not in store.tables["products"].rows.get("101", {})
    with pytest.raises(ApiError) as missing:
        await MAKER.run(store, Call("product.manufacturer.add", {"meta_title": "x"}))
    assert missing.value.code == 114 and len(store.tables["brands"].rows) == 2  # nothing made
