"""kit.catalog on Ledger (tests/kit/ledger.py): a product's option sets, variants and pictures
at paths of their own, as the option, variant and image stores; 404s name the product or
the child that is missing; the methods Served declares over it."""

from __future__ import annotations

import json

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit import images, options, variants
from anycart.platforms.kit.backend import RestBackend
from anycart.platforms.kit.catalog import Catalog, Served
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.images import Gallery
from anycart.platforms.kit.options import OptionSets
from anycart.platforms.kit.pagination import Offset
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.variants import Variants
from tests.kit.ledger import ledger as _ledger

GOODS = Entity(name="product", label="Good", path="goods", id_field="id", verbs=())


def _under(kind: str, label: str, **more: object) -> Resource:
    return Resource("goods/{product_id}/" + kind, "", label=label, parent="Good", suffix="",
                    **more)  # type: ignore[arg-type]


@pytest.fixture
async def catalog():
    async for rest, server in _ledger():
        walk = Offset(offset_param="first", limit_param="max", base=1, page_size=2)
        goods = RestBackend(rest, GOODS, walk, count_query={"tally": 1}, numeric_ids=True,
                            batch=True)
        yield Catalog(goods, _under("sets", "Option set"),
                      _under("variants", "Variant", safe=",", named="{product_id}-{ident}"),
                      _under("pictures", "Picture"), values="choices"), server


async def test_products(catalog):
    c, server = catalog
    assert c.page_size == 2
    assert (await c.product("2"))["sku"] == "G-2" and await c.get("9") is None
    with pytest.raises(ApiError) as err:
        await c.product("9")
    assert err.value.message == "Good with id 9 not found"
    assert [g["id"] for page in [p async for p in c.products({})] for g in page] == [1, 2, 3, 4, 5]
    assert [g["id"] for g in await c.by_sku("G-3")] == [3]
    await c.put_product("3", {"price": 1.5})
    assert server.rows["goods"]["3"]["price"] == 1.5


async def test_option_sets_and_pictures_are_created_as_arrays(catalog):
    c, server = catalog
    set_id = await c.add_set("1", {"name": "Size"})
    assert json.loads(server.seen[-1].content) == [{"name": "Size"}]
    await c.put_values("1", set_id, [{"name": "S"}])
    assert (await c.read_set("1", set_id) or {})["choices"] == [{"name": "S"}]
    assert await c.read_set("1", "777") is None
    pic = await c.add_image("2", {"file": "a.png"})
    await c.put_image("2", pic, {"file": "b.png"})
    assert server.rows["goods/2/pictures"][pic]["file"] == "b.png"
    with pytest.raises(ApiError) as no_good:
        await c.add_set("9", {"name": "Size"})
    assert no_good.value.message == "Good with id 9 not found"


async def test_a_variant_404_names_the_good_or_the_variant(catalog):
    c, server = catalog
    await c.put("1", "1,2", {"stock": 5})
    assert server.seen[-1].url.path == "/v2/goods/1/variants/1,2"  # its code kept as it is
    assert server.rows["goods/1/variants"]["1,2"]["stock"] == 5
    with pytest.raises(ApiError) as unknown:
        await c.put("1", "9,9", {"stock": 5})
    assert unknown.value.message == "Variant with id 1-9,9 not found"
    with pytest.raises(ApiError) as no_good:
        await c.put("9", "1,2", {"stock": 5})
    assert no_good.value.message == "Good with id 9 not found"


def test_served_declares_the_image_option_and_child_item_methods():
    sets = OptionSets(sets="sets", set_id="id", set_name="name", set_type="type",
                      set_sort="sort", set_required="required", values="choices",
                      value_id="id", value_name="name", value_sort="sort",
                      value_default="default", value_price="price", product_id="id",
                      types={"option_type_select": "list"})
    kids = Variants(items="variants", code="code", product_id="id", product_sku="sku",
                    options=sets)
    gallery = Gallery(items="pictures", id="id", file="file", caption="alt", sort="sort")
    served = Served(lambda c: c, gallery, sets, kids, "Ledger").methods()
    assert set(served) == {*images.VERBS, *options.VERBS, *variants.VERBS}
    assert served["product.variant.update"][1] == kids.applied()["product.variant.update"]
