"""Products, images, combinations and options against a real PrestaShop schema."""

from __future__ import annotations

import base64

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.model import Child, Product, ProductOption

from ..images import PNG
from .conftest import PRODUCTS, call, rows


async def test_list_pages_by_id_with_total(ps):
    first = await call(ps, "product.list", start=0, count=5)
    second = await call(ps, "product.list", start=5, count=5)
    assert first.total == PRODUCTS
    ids = [int(p["id"]) for p in first.items + second.items]
    assert ids == list(range(1, 11))
    for p in first.items:
        Product.model_validate(p)


async def test_list_filters(ps):
    page = await call(ps, "product.list", count=50, product_ids="3,5,7")
    assert [p["id"] for p in page.items] == ["3", "5", "7"] and page.total == 3
    cat = await call(ps, "product.list", count=250, category_id="3")
    assert cat.total and all("3" in p["categories_ids"] for p in cat.items)
    sku = await call(ps, "product.list", sku="PS-000012")
    assert [p["id"] for p in sku.items] == ["12"]
    hidden = await call(ps, "product.list", count=250, avail_view=False)
    assert hidden.items and all(p["avail_view"] is False for p in hidden.items)
    since = await call(ps, "product.list", since_id="295", count=50)
    assert [p["id"] for p in since.items] == ["296", "297", "298", "299", "300"]
    desc = await call(ps, "product.list", count=3, sort_by="id", sort_direction="desc")
    assert [p["id"] for p in desc.items] == [str(PRODUCTS), str(PRODUCTS - 1), str(PRODUCTS - 2)]


async def test_modified_window_matches_the_date_upd_column(ps, raw):
    (pivot,) = rows(raw, "SELECT date_upd FROM {p}product WHERE id_product = 150")[0]
    stamp = pivot.strftime("%Y-%m-%d %H:%M:%S")
    (expected,) = rows(raw, "SELECT COUNT(*) FROM {p}product WHERE date_upd >= %s", pivot)[0]
    page = await call(ps, "product.list", count=250, modified_from=stamp)
    assert page.total == expected
    assert all(p["modified_at"]["value"] >= pivot.strftime("%Y-%m-%dT%H:%M:%S") for p in page.items)
    count = await call(ps, "product.count", modified_from=stamp)
    assert count == {"products_count": expected}


async def test_info_of_a_product_with_combinations_and_images(ps, raw):
    (pid,) = rows(raw, "SELECT p.id_product FROM {p}product p WHERE p.product_type = 'combinations'"
                       " AND EXISTS (SELECT 1 FROM {p}image i WHERE i.id_product = p.id_product)"
                       " ORDER BY p.id_product LIMIT 1")[0]
    product = await call(ps, "product.info", id=str(pid))
    Product.model_validate(product)
    assert product["type"] == "configurable"
    names = sorted(o["name"] for o in product["product_options"])
    assert names == ["Color", "Size"]
    size = next(o for o in product["product_options"] if o["name"] == "Size")
    assert [v["name"] for v in size["option_items"]] == ["S", "M", "L", "XL"]
    assert product["images"][0]["type"] == "base"
    assert product["images"][0]["http_path"].endswith(f"/{product['images'][0]['id']}.jpg")
    children = await call(ps, "product.child_item.list", count=50, product_id=str(pid))
    assert children.total == 8
    child = Child.model_validate(children.items[0])
    assert {c.option_id for c in child.combination} == {"1", "2"}
    info = await call(ps, "product.child_item.info", product_id=str(pid), id=child.id)
    assert info["id"] == child.id and info["parent_id"] == str(pid)
    options = await call(ps, "product.option.list", product_id=str(pid))
    assert options.total == 2 and ProductOption.model_validate(options.items[0])
    every = await call(ps, "product.option.list")
    assert {o["name"] for o in every.items} == {"Size", "Color"}


async def test_add_info_update_delete(ps, raw):
    added = await call(ps, "product.add", name="Forest Mug", model="MUG-FOREST", price=12.5,
                       description="<p>A mug.</p>", quantity=40, categories_ids="3,4",
                       weight=0.4, meta_title="Mug")
    pid = added["product_id"]
    info = await call(ps, "product.info", id=pid)
    assert (info["name"], info["u_sku"], info["price"], info["quantity"]) == \
        ("Forest Mug", "MUG-FOREST", 12.5, 40.0)
    assert sorted(info["categories_ids"]) == ["3", "4"] and info["avail_view"] is True
    # the base row, its shop row, a lang row per language and a stock row, as PrestaShop has
    assert rows(raw, "SELECT COUNT(*) FROM {p}product_lang WHERE id_product = %s", pid)[0][0] == 2
    assert rows(raw, "SELECT id_shop, price FROM {p}product_shop WHERE id_product = %s", pid) == \
        [(1, 12.5)]

    done = await call(ps, "product.update", id=pid, name="Forest Mug XL", price=14,
                      increase_quantity=5, categories_ids="5", avail=True, on_sale=False)
    assert done == {"updated_items": 1}
    info = await call(ps, "product.info", id=pid)
    assert (info["name"], info["price"], info["quantity"], info["categories_ids"]) == \
        ("Forest Mug XL", 14.0, 45.0, ["5"])
    assert rows(raw, "SELECT id_category_default FROM {p}product WHERE id_product = %s", pid) == [(5,)]

    assert await call(ps, "product.delete", id=pid) == {"delete_items": 1}
    with pytest.raises(ApiError) as err:
        await call(ps, "product.info", id=pid)
    assert err.value.code == ReturnCode.NOT_FOUND
    for table in ("product_shop", "product_lang", "stock_available", "category_product"):
        assert rows(raw, f"SELECT COUNT(*) FROM {{p}}{table} WHERE id_product = %s", pid) == [(0,)]


async def test_update_without_changes_is_110_and_defaults_change_nothing(ps):
    with pytest.raises(ApiError) as err:
        await call(ps, "product.update", id="23", avail=True, on_sale=False, is_virtual=False)
    assert err.value.code == ReturnCode.UPDATE_PARAMS_MISSING


async def test_image_add_writes_the_file_and_delete_removes_it(ps):
    added = await call(ps, "product.image.add", product_id="2", type="base",
                       image_name="front.png", content=PNG, label="Front")
    path = added["image_path"]
    assert path == "img/p/" + "/".join(added["id"]) + f"/{added['id']}.jpg"
    assert (ps.root / path).read_bytes() == base64.b64decode(PNG)
    info = await call(ps, "product.info", id="2")
    covers = [i for i in info["images"] if i["type"] == "base"]
    assert [c["id"] for c in covers] == [added["id"]] and covers[0]["alt"] == "Front"
    assert await call(ps, "product.image.delete", product_id="2", id=added["id"]) == {"deleted": "true"}
    assert not (ps.root / path).exists()
    info = await call(ps, "product.info", id="2")
    assert added["id"] not in [i["id"] for i in info["images"]]


async def test_injection_is_stored_as_data(ps, raw):
    evil = "x'); DROP TABLE ps_product; --"
    pid = (await call(ps, "product.add", name=evil, model="EVIL-1", price=1,
                      description=evil))["product_id"]
    assert (await call(ps, "product.info", id=pid))["name"] == evil
    found = await call(ps, "product.list", find_value="DROP TABLE", find_where="name")
    assert [p["id"] for p in found.items] == [pid]
    assert rows(raw, "SELECT COUNT(*) FROM {p}product")[0][0] >= PRODUCTS


async def test_a_write_failing_half_way_leaves_nothing(ps, raw):
    before = rows(raw, "SELECT COUNT(*) FROM {p}product")[0][0]
    with pytest.raises(ApiError) as err:  # product_lang.name is varchar(128): refused first
        await call(ps, "product.add", name="n" * 200, model="LONG", price=1, description="d")
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    # a statement the database refuses after the product rows went in: all rolled back
    orig = ps.db.write

    async def failing(statements):
        from anycart.platforms.bridge.sqlkit import Statement
        return await orig([*statements, Statement("INSERT INTO {p}product (id_product) VALUES (?)", [1])])
    ps.db.write = failing
    with pytest.raises(ApiError) as err:  # the database's refusal, in the contract's terms
        await call(ps, "product.add", name="Half", model="HALF", price=1, description="d")
    assert err.value.code == ReturnCode.BRIDGE_RESPONSE_ERROR and "sql_error" in err.value.message
    ps.db.write = orig
    assert rows(raw, "SELECT COUNT(*) FROM {p}product")[0][0] == before
    assert rows(raw, "SELECT COUNT(*) FROM {p}product_lang WHERE name = 'Half'") == [(0,)]


async def test_errors(ps):
    for method, params, code in (
            ("product.info", {"id": "999999"}, ReturnCode.NOT_FOUND),
            ("product.info", {"id": "abc"}, ReturnCode.NOT_FOUND),
            ("product.list", {"product_ids": "1,x"}, ReturnCode.INCORRECT_VALUE),
            ("product.list", {"sort_by": "colour"}, ReturnCode.INCORRECT_VALUE),
            ("product.list", {"created_from": "yesterday-ish"}, ReturnCode.INCORRECT_VALUE),
            ("product.add", {"model": "M", "price": 1}, ReturnCode.REQUIRED_PARAM_MISSING),
            ("product.add", {"name": "N", "model": "M", "price": -1}, ReturnCode.INCORRECT_VALUE),
            ("product.add", {"name": "N", "model": "M", "price": 1, "categories_ids": "9999"},
             ReturnCode.NOT_FOUND),
            ("product.find", {"find_value": "zzz-nothing"}, ReturnCode.NOT_FOUND),
            ("product.child_item.info", {"product_id": "1", "id": "99999"}, ReturnCode.NOT_FOUND),
            ("product.image.delete", {"product_id": "1", "id": "99999"}, ReturnCode.NOT_FOUND)):
        with pytest.raises(ApiError) as err:
            await call(ps, method, **params)
        assert err.value.code == code, (method, params, err.value.message)


async def test_special_price_is_a_shop_wide_specific_price(ps, raw):
    # Issue 12 item 4: special_price and its window were accepted and written nowhere.
    added = await call(ps, "product.add", name="Sale Mug", model="MUG-SALE", price=20,
                       special_price=15.5, sprice_create="2030-01-01 00:00:00",
                       sprice_expire="2030-02-01 00:00:00")
    pid = int(added["product_id"])
    found = rows(raw, "SELECT price, reduction, reduction_type, id_customer, id_group,"
                      " from_quantity, `from`, `to` FROM {p}specific_price WHERE id_product = %s", pid)
    assert len(found) == 1
    price, reduction, kind, customer, group, from_qty, start, end = found[0]
    assert (float(price), float(reduction), kind, customer, group, from_qty) == (15.5, 0, "amount", 0, 0, 1)
    assert str(start).startswith("2030-01-01") and str(end).startswith("2030-02-01")
    info = await call(ps, "product.info", id=str(pid))
    assert info["special_price"]["value"] == 15.5
    assert info["special_price"]["avail"] is False  # the window has not opened yet
    assert info["special_price"]["expired_at"]["value"].startswith("2030-02-01")

    await call(ps, "product.update", id=str(pid), special_price=12, sprice_create="2020-01-01 00:00:00",
               sprice_expire="2099-01-01 00:00:00")
    info = await call(ps, "product.info", id=str(pid))
    assert info["special_price"]["value"] == 12 and info["special_price"]["avail"] is True
    assert rows(raw, "SELECT COUNT(*) FROM {p}specific_price WHERE id_product = %s", pid) == [(1,)]
    await call(ps, "product.update", id=str(pid), sprice_expire="2098-01-01 00:00:00")
    (end,), = rows(raw, "SELECT `to` FROM {p}specific_price WHERE id_product = %s", pid)
    assert str(end).startswith("2098-01-01")
    await call(ps, "product.update", id=str(pid), special_price=0)
    assert rows(raw, "SELECT COUNT(*) FROM {p}specific_price WHERE id_product = %s", pid) == [(0,)]
    assert "special_price" not in await call(ps, "product.info", id=str(pid))
    with pytest.raises(ApiError) as err:
        await call(ps, "product.update", id=str(pid), sprice_expire="2098-01-01 00:00:00")
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "sprice_expire" in err.value.message
    await call(ps, "product.delete", id=str(pid))


@pytest.mark.parametrize("method,params,name", [
    ("product.add", {"name": "X", "model": "X-1", "price": 1, "tier_prices": [{"price": 1}]}, "tier_prices"),
    ("product.add", {"name": "X", "model": "X-2", "price": 1, "stores_ids": "1,2"}, "stores_ids"),
    ("product.add", {"name": "X", "model": "X-3", "price": 1, "backorder_status": "allow"}, "backorder_status"),
    ("product.update", {"id": "1", "manufacturer": "Acme"}, "manufacturer"),
    ("product.update", {"id": "1", "tags": "a,b"}, "tags"),
    ("product.add", {"name": "X", "model": "X-4", "sku": "Y-4", "price": 1}, "model"),
    ("product.update", {"id": "1", "gtin": "4006381333931", "ean": "4006381333948"}, "ean"),
])
async def test_parameters_it_cannot_store_are_refused_by_name(ps, raw, method, params, name):
    before = rows(raw, "SELECT COUNT(*), MAX(date_upd) FROM {p}product")
    with pytest.raises(ApiError) as err:
        await call(ps, method, **params)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message
    assert rows(raw, "SELECT COUNT(*), MAX(date_upd) FROM {p}product") == before


async def test_url_and_image_paths_are_the_storefront_s_own(ps, raw):
    # Issue 12 item 7: url was null and http_path relative. The seed shop serves
    # https://shop.example.test/ with friendly URLs in two languages (Link::getProductLink).
    (pid, ean), = rows(raw, "SELECT p.id_product, p.ean13 FROM {p}product p WHERE EXISTS (SELECT 1"
                            " FROM {p}image i WHERE i.id_product = p.id_product) ORDER BY p.id_product"
                            " LIMIT 1")
    (rewrite, cat), = rows(raw, "SELECT pl.link_rewrite, cl.link_rewrite FROM {p}product_shop ps"
                                " JOIN {p}product_lang pl ON pl.id_product = ps.id_product AND pl.id_lang = 1"
                                " JOIN {p}category_lang cl ON cl.id_category = ps.id_category_default"
                                " AND cl.id_lang = 1 WHERE ps.id_product = %s", pid)
    product = await call(ps, "product.info", id=str(pid))
    tail = f"-{ean}" if ean else ""
    assert product["url"] == f"https://shop.example.test/en/{cat}/{pid}-{rewrite}{tail}.html"
    image = product["images"][0]
    digits = "/".join(image["id"])
    assert image["http_path"] == f"https://shop.example.test/img/p/{digits}/{image['id']}.jpg"
    french = await call(ps, "product.info", id=str(pid), lang_id="2")
    assert french["url"].startswith("https://shop.example.test/fr/")


async def test_url_without_friendly_urls(ps, raw):
    from anycart.platforms.prestashop.mapping import Storefront

    front = Storefront("https://shop.example.test/", False, {1: "en/", 2: "fr/"})
    assert front.product_url({"id_product": 7}, 2) == (
        "https://shop.example.test/index.php?id_product=7&controller=product&id_lang=2")


def test_special_price_is_absent_not_null_when_there_is_none():
    # The contract's SpecialPrice is not nullable (response_schema_conformance).
    from anycart.model import Product, SpecialPrice

    assert "special_price" not in Product(id="1").to_wire()
    assert Product(id="1", special_price=SpecialPrice(value=2.0, avail=True)).to_wire()[
        "special_price"] == {"value": 2.0, "avail": True, "additional_fields": {}, "custom_fields": {}}
