"""kit.options on Crate (tests/kit/crate.py): options kept as product ``attributes`` with
``terms``, written only by a PUT of the whole product list, unlike Shift4Shop's option sets."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.options import APPLIED, Options
from tests.kit.calls import call, code

from .crate import OPTIONS, VARIANTS, Server, Store


@pytest.fixture
async def crate():
    server = Server()
    async with httpx.AsyncClient(transport=httpx.MockTransport(server),
                                 base_url="https://crate.example") as client:
        yield Options(OPTIONS, Store(client), "Crate", VARIANTS.combined), server


def puts(server: Server) -> list[Any]:
    return [body for method, _, _, body in server.seen if method == "PUT"]


async def test_list_maps_sets_values_and_combinations(crate):
    options, _ = crate
    page = await options.list(call("product.option.list", product_id="1"))
    assert page.total == 2
    colour, size = page.items
    assert (colour["id"], colour["product_option_id"], colour["name"], colour["type"],
            colour["required"], colour["description"], colour["sort_order"]) == (
        "11", "11", "Colour", "select", True, "Pick a colour", 1)
    assert size["type"] == "checkbox" and size["required"] is False
    assert [(v["name"], v["is_default"], v["price"], v["type_price"]) for v in colour["option_items"]] == [
        ("Red", True, 1.5, "percent"), ("Blue", False, 0.0, "percent")]
    assert colour["used_in_combination"] and colour["available"]
    # keys nothing reads stay, in additional fields; the product is named there
    assert colour["additional_fields"] == {"product_id": "1", "visible": "yes"}
    assert colour["option_items"][0]["additional_fields"] == {"swatch": "red"}
    alone = await options.list(call("product.option.list", product_id="4"))
    assert not alone.items[0]["used_in_combination"]  # product 4 has no variations
    assert await code(options.list(call("product.option.list", product_id="77"))) == 112


async def test_list_across_products_reads_page_by_page(crate):
    options, server = crate
    page = await options.list(call("product.option.list", start=1, count=2))
    assert [o["id"] for o in page.items] == ["12", "21"] and page.total is None
    reads = [q["page"] for m, path, q, _ in server.seen if path == "/products"]
    assert reads == ["1"]  # products 1-2 hold one set past the page: no more read
    whole = await options.list(call("product.option.list", count=50))
    assert [o["id"] for o in whole.items] == ["11", "12", "21", "22", "41"] and whole.total == 5


async def test_add_writes_one_new_set_with_its_values_in_order(crate):
    options, server = crate
    answer = await options.add(call("product.option.add", product_id="3", name="Fit",
                                     type="option_type_select", description="How it sits",
                                     values=[{"value": "Slim"}, {"value": "Wide", "is_default": True}],
                                     option_values="Loose", default_option_value="Baggy"))
    new = server.products[3]["attributes"][0]
    assert puts(server)[-1] == {"attributes": [{
        "title": "Fit", "widget": "pick", "must": False, "rank": 0, "help": "How it sits",
        "terms": [{"label": n, "order": i, "preset": d} for i, (n, d) in enumerate(
            [("Slim", False), ("Wide", True), ("Loose", False), ("Baggy", True)], 1)]}]}
    assert answer == {"option_id": str(new["attr_id"]), "product_option_id": str(new["attr_id"]),
                      "product_value_ids": ",".join(str(t["term_id"]) for t in new["terms"])}
    assert await code(options.add(call("product.option.add", product_id="3", name="X",
                                       type="option_type_date"))) == 109
    assert await code(options.add(call("product.option.add", product_id="3", name="X",
                                       type="option_type_select",
                                       values=[{"value": "A"}, {"value": "a"}]))) == 109
    assert await code(options.add(call("product.option.add", product_id="3",
                                       type="option_type_select"))) == 114


async def test_assign_copies_a_set_of_another_product(crate):
    options, server = crate
    answer = await options.assign(call("product.option.assign", product_id="5", option_id="11",
                                       option_values="Blue,101", required=True))
    copy = server.products[5]["attributes"][0]
    assert answer == {"product_option_id": str(copy["attr_id"])} and copy["attr_id"] != 11
    assert [t["label"] for t in copy["terms"]] == ["Blue", "Red"] and copy["must"] is True
    assert all(t["term_id"] not in (101, 102) for t in copy["terms"])  # new values, new ids
    assert copy["help"] == "Pick a colour"  # the rest of the set is copied
    assert await code(options.assign(call("product.option.assign", product_id="1",
                                          option_id="11"))) == 113
    assert await code(options.assign(call("product.option.assign", product_id="5",
                                          option_id="9999999"))) == 112  # cannot be an id
    before = len(server.seen)
    assert await code(options.assign(call("product.option.assign", product_id="5",
                                          option_id="abc"))) == 112
    assert len(server.seen) == before + 1  # only the product was read, no scan
    assert await code(options.assign(call("product.option.assign", product_id="5",
                                          option_id="11", option_values="Pink"))) == 112


async def test_value_add_rewrites_the_whole_set(crate):
    options, server = crate
    answer = await options.value_add(call("product.option.value.add", product_id="1",
                                          option_id="11", option_value="Gold", is_default=True))
    terms = server.products[1]["attributes"][0]["terms"]
    assert [(t["label"], t["preset"], t["order"]) for t in terms] == [
        ("Red", False, 1), ("Blue", False, 2), ("Gold", True, 3)]
    assert answer == {"option_value_id": str(terms[-1]["term_id"])}
    sent = puts(server)[-1]["attributes"]
    assert [a["attr_id"] for a in sent] == [11, 12]  # the other set went back untouched
    assert sent[1] == server.products[1]["attributes"][1]
    assert await code(options.value_add(call("product.option.value.add", product_id="1",
                                             option_id="11", option_value="gold"))) == 113
    assert await code(options.value_add(call("product.option.value.add", product_id="1",
                                             option_id="99", option_value="Z"))) == 112
    assert await code(options.value_add(call("product.option.value.add", product_id="1",
                                             option_id="11"))) == 114


async def test_value_update_renames_or_reprices_one_value(crate):
    options, server = crate
    base = {"product_id": "1", "option_id": "11"}
    assert await options.value_update(call("product.option.value.update", **base,
                                           option_value_id="102", display_value="Navy",
                                           price=2)) == {"updated_items": 1}
    terms = server.products[1]["attributes"][0]["terms"]
    assert [(t["label"], t["delta"]) for t in terms] == [("Red", "1.5"), ("Navy", 2)]
    assert await code(options.value_update(call("product.option.value.update", **base,
                                                option_value_id="102", option_value="red"))) == 113
    assert await code(options.value_update(call("product.option.value.update", **base,
                                                option_value_id="102"))) == 110
    assert await code(options.value_update(call("product.option.value.update", **base,
                                                option_value_id="5", price=1))) == 112
    with pytest.raises(ApiError) as stock:
        await options.value_update(call("product.option.value.update", **base,
                                        option_value_id="102", quantity=3))
    assert stock.value.code == 109 and "Crate keeps stock per variant" in stock.value.message


def test_every_served_method_names_what_it_applies():
    assert set(APPLIED) == {"product.option.list", "product.option.add", "product.option.assign",
                            "product.option.value.add", "product.option.value.update"}
    assert "option_value_id" in APPLIED["product.option.value.update"]
