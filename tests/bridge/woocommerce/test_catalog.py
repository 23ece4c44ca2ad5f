"""Products, variants, options, images and categories against a seeded WooCommerce schema."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.model import Category, Child, Product
from anycart.platforms.base import Call

from ..images import PNG, PNG_BYTES, b64, png_bytes

INJECTION = "x'); DROP TABLE wp_posts; --"


async def call(conn, method: str, start: int = 0, count: int = 10, **params):
    return await getattr(conn, method.replace(".", "_"))(Call(method, params, start=start, count=count))


async def test_store_info(woo):
    info = await woo.store_info({})
    assert info == {"name": "Northwind Goods", "email": "owner@northwind.example",
                    "currency": {"id": "USD", "iso3": "USD"}}


async def test_product_list_pages_in_id_order_with_total(woo):
    first = await call(woo, "product.list", 0, 5)
    second = await call(woo, "product.list", 5, 5)
    ids = [int(p["id"]) for p in first.items + second.items]
    assert ids == sorted(ids) and len(set(ids)) == 10
    assert first.total == second.total == (await call(woo, "product.count"))["products_count"] == 60
    for p in first.items:
        Product.model_validate(p)


async def test_product_list_filters(woo):
    some = await call(woo, "product.list", 0, 3)
    ids = ",".join(p["id"] for p in some.items)
    assert [p["id"] for p in (await call(woo, "product.list", product_ids=ids)).items] == ids.split(",")
    assert (await call(woo, "product.list", sku="NW-00002")).items[0]["u_sku"] == "NW-00002"
    cat = some.items[0]["categories_ids"][0]
    in_cat = await call(woo, "product.list", 0, 100, category_id=cat)
    assert in_cat.total and all(cat in p["categories_ids"] for p in in_cat.items)
    variable = await call(woo, "product.list", 0, 100, type="variable")
    assert variable.total and all(p["type"] == "variable" for p in variable.items)
    desc = await call(woo, "product.list", 0, 3, sort_by="name", sort_direction="desc")
    names = [p["name"] for p in desc.items]
    assert names == sorted(names, reverse=True)


async def test_product_list_modified_from_comes_from_post_modified(woo):
    everything = (await call(woo, "product.list", 0, 100)).items
    stamps = sorted(p["modified_at"]["value"] for p in everything)
    pivot = stamps[len(stamps) // 2]
    later = await call(woo, "product.list", 0, 100, modified_from=pivot)
    assert later.total == sum(1 for s in stamps if s >= pivot)
    assert all(p["modified_at"]["value"] >= pivot for p in later.items)


async def test_variable_product_info_has_options_images_and_children(woo):
    variable = (await call(woo, "product.list", 0, 1, type="variable")).items[0]
    info = await call(woo, "product.info", id=variable["id"])
    Product.model_validate(info)
    assert {o["name"] for o in info["product_options"]} == {"Color", "Size"}
    assert info["images"] and info["images"][0]["type"] == "base"
    assert info["images"][0]["http_path"].startswith("https://shop.example.com/wp-content/uploads/")
    children = await call(woo, "product.child_item.list", 0, 50, product_id=variable["id"])
    assert children.total >= 4
    child = children.items[0]
    Child.model_validate(child)
    option_ids = {o["id"] for o in info["product_options"]}
    value_ids = {v["id"] for o in info["product_options"] for v in o["option_items"]}
    assert {c["option_id"] for c in child["combination"]} <= option_ids
    assert {c["option_value_id"] for c in child["combination"]} <= value_ids
    again = await call(woo, "product.child_item.info", product_id=variable["id"], id=child["id"])
    assert again["sku"] == child["sku"]
    options = await call(woo, "product.option.list", product_id=variable["id"])
    assert options.total == 2
    assert (await call(woo, "product.option.list")).total == 2


async def test_product_add_info_update_delete(woo, tmp_path):
    added = await call(woo, "product.add", name="Test Kettle", model="KET-1", description="Boils.",
                       short_description="Steel.", price=19.5, quantity=7, weight=1.2, categories_ids="11,12",
                       visible="catalog")
    pid = added["product_id"]
    info = await call(woo, "product.info", id=pid)
    assert (info["description"], info["short_description"]) == ("Boils.", "Steel.")
    assert (info["name"], info["u_sku"], info["price"], info["quantity"]) == ("Test Kettle", "KET-1", 19.5, 7)
    assert sorted(info["categories_ids"]) == ["11", "12"] and info["additional_fields"]["visibility"] == "catalog"
    assert (await call(woo, "product.list", sku="KET-1")).total == 1
    assert (await call(woo, "product.update", id=pid, price=25, special_price=20, quantity=0,
                       name="Kettle II"))["updated_items"] == 1
    info = await call(woo, "product.info", id=pid)
    assert (info["name"], info["price"], info["on_sale"], info["in_stock"]) == ("Kettle II", 25, True, False)
    image = await call(woo, "product.image.add", product_id=pid, type="base", image_name="kettle.png",
                       content=PNG)
    path = image["image_path"].split("https://shop.example.com/", 1)[1]
    assert (tmp_path / path).read_bytes() == PNG_BYTES
    extra = await call(woo, "product.image.add", product_id=pid, type="additional", image_name="side.png",
                       content=b64(png_bytes(color="blue")))
    info = await call(woo, "product.info", id=pid)
    assert [i["id"] for i in info["images"]] == [image["id"], extra["id"]]
    assert (await call(woo, "product.image.delete", product_id=pid, id=image["id"]))["deleted"] == "true"
    assert not (tmp_path / path).exists()
    assert [i["id"] for i in (await call(woo, "product.info", id=pid))["images"]] == [extra["id"]]
    assert (await call(woo, "product.delete", id=pid))["delete_items"] == 1
    with pytest.raises(ApiError) as err:
        await call(woo, "product.info", id=pid)
    assert err.value.code == ReturnCode.NOT_FOUND


async def test_product_add_rejects_duplicate_sku_and_unknown_category(woo):
    with pytest.raises(ApiError) as err:
        await call(woo, "product.add", name="Dup", model="NW-00001", description="", price=1)
    assert err.value.code == ReturnCode.ALREADY_EXISTS
    with pytest.raises(ApiError) as err:
        await call(woo, "product.add", name="X", model="NEW-X", description="", price=1, categories_ids="99999")
    assert err.value.code == ReturnCode.NOT_FOUND


async def test_failed_write_leaves_nothing(woo, raw):
    # the lookup row (last statement) refuses an SKU over 100 characters: the post goes too
    with pytest.raises(ApiError) as err:  # the contract's answer, not a driver crash
        await call(woo, "product.add", name="Atomic Lamp", model="S" * 150, description="", price=3)
    assert err.value.code in (ReturnCode.INCORRECT_VALUE, ReturnCode.BRIDGE_RESPONSE_ERROR), err.value
    with raw.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM wp_posts WHERE post_title = %s", ["Atomic Lamp"])
        assert cur.fetchone()[0] == 0
        cur.execute("SELECT COUNT(*) FROM wp_postmeta WHERE meta_value = %s", ["S" * 150])
        assert cur.fetchone()[0] == 0


async def test_sql_injection_is_stored_as_data(woo, raw):
    added = await call(woo, "product.add", name=INJECTION, model="INJ-1", description=INJECTION, price=1)
    assert (await call(woo, "product.info", id=added["product_id"]))["name"] == INJECTION
    found = await call(woo, "product.list", find_value=INJECTION, find_where="name")
    assert [p["id"] for p in found.items] == [added["product_id"]]
    with raw.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM wp_posts")
        assert cur.fetchone()[0] > 60
    category = await call(woo, "category.add", name=INJECTION)
    assert (await call(woo, "category.info", id=category["category_id"]))["name"] == INJECTION


@pytest.mark.parametrize("method,params,code", [
    ("product.info", {"id": "999999"}, ReturnCode.NOT_FOUND),
    ("product.info", {"id": "abc"}, ReturnCode.NOT_FOUND),
    ("product.list", {"product_ids": "1,x"}, ReturnCode.INCORRECT_VALUE),
    ("product.list", {"sort_by": "colour"}, ReturnCode.INCORRECT_VALUE),
    ("product.list", {"status": "gone"}, ReturnCode.INCORRECT_VALUE),
    ("product.list", {"modified_from": "yesterday-ish"}, ReturnCode.INCORRECT_VALUE),
    ("product.update", {"id": "999999", "name": "x"}, ReturnCode.NOT_FOUND),
    ("product.add", {"price": 1}, ReturnCode.REQUIRED_PARAM_MISSING),
    ("category.list", {"modified_from": "2024-01-01"}, ReturnCode.INCORRECT_VALUE),
    ("category.info", {"id": "424242"}, ReturnCode.NOT_FOUND),
    ("product.find", {"find_value": "nothing like this"}, ReturnCode.NOT_FOUND),
])
async def test_bad_params_and_unknown_ids(woo, method, params, code):
    with pytest.raises(ApiError) as err:
        await call(woo, method, **params)
    assert err.value.code == code


async def test_product_update_nothing_to_update(woo):
    pid = (await call(woo, "product.list", 0, 1)).items[0]["id"]
    with pytest.raises(ApiError) as err:
        await call(woo, "product.update", id=pid)
    assert err.value.code == ReturnCode.UPDATE_PARAMS_MISSING


async def test_categories_crud_and_assignment(woo):
    listed = await call(woo, "category.list", 0, 50)
    assert listed.total == (await call(woo, "category.count"))["categories_count"] >= 13
    for c in listed.items:
        Category.model_validate(c)
    children = await call(woo, "category.list", 0, 50, parent_id="14")
    assert children.total == 3 and {c["parent_id"] for c in children.items} == {"14"}
    added = await call(woo, "category.add", name="Garden", parent_id="21", sort_order=4)
    cid = added["category_id"]
    info = await call(woo, "category.info", id=cid)
    assert (info["name"], info["parent_id"], info["sort_order"], info["seo_url"]) == ("Garden", "21", 4, "garden")
    assert (await call(woo, "category.add", name="Garden"))["category_id"] != cid
    await call(woo, "category.update", id=cid, name="Garden & Patio", description="Outside.")
    assert (await call(woo, "category.find", find_value="Garden & Patio"))["category"][0]["id"] == cid
    pid = (await call(woo, "product.list", 0, 1)).items[0]["id"]
    await call(woo, "category.assign", category_id=cid, product_id=pid)
    assert cid in (await call(woo, "product.info", id=pid))["categories_ids"]
    assert (await call(woo, "category.info", id=cid))["additional_fields"]["product_count"] == 1
    await call(woo, "category.unassign", category_id=cid, product_id=pid)
    assert cid not in (await call(woo, "product.info", id=pid))["categories_ids"]
    assert (await call(woo, "category.delete", id=cid))["delete_items"] is True
    with pytest.raises(ApiError) as err:
        await call(woo, "category.assign", category_id=cid, product_id=pid)
    assert err.value.code == ReturnCode.NOT_FOUND


async def test_visible_filters_by_the_visibility_terms(woo):
    # visible is applied (it was accepted and ignored): each value lists the products whose
    # product_visibility terms say so, and the four values partition the catalogue.
    every = (await call(woo, "product.list", 0, 250)).items
    by_value = {v: (await call(woo, "product.list", 0, 250, visible=v)).items
                for v in ("catalog", "search", "hidden")}
    hidden = by_value["hidden"]
    assert hidden and {p["additional_fields"]["visibility"] for p in hidden} == {"hidden"}
    assert all(p["avail_view"] is False for p in hidden)
    for value, items in by_value.items():
        assert {p["additional_fields"]["visibility"] for p in items} <= {value}
        assert (await call(woo, "product.count", visible=value))["products_count"] == len(items)
    assert len(every) == (await call(woo, "product.count", visible="everywhere"))["products_count"]
    shown = [p for p in every if p["additional_fields"]["visibility"] in by_value]
    assert len(shown) == sum(len(items) for items in by_value.values())
    with pytest.raises(ApiError) as err:
        await call(woo, "product.list", visible="nowhere")
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'visible'" in err.value.message


@pytest.mark.parametrize("method,params,name", [
    ("product.add", {"name": "X", "price": 1, "categories_ids": "11", "category_id": "12"}, "category_id"),
    ("product.update", {"id": "1", "available_for_view": True, "avail": False}, "avail"),
    ("customer.update", {"id": "2", "group_id": "customer", "group": "subscriber"}, "group"),
    ("order.add", {"customer_email": "a@example.test", "order_status": "processing", "bill_first_name": "A",
                   "bill_last_name": "B", "bill_address_1": "1 St", "bill_city": "C", "bill_postcode": "1",
                   "bill_country": "DE", "order_item": [{"order_item_id": "1"}], "discount": 1,
                   "coupon_discount": 2}, "coupon_discount"),
])
async def test_two_names_for_one_value_given_differently_are_refused(woo, method, params, name):
    with pytest.raises(ApiError) as err:
        await call(woo, method, **params)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message
