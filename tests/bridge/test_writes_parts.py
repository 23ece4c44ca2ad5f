"""bridge.writes' parts on their own: a row with its store and language rows inserted in one
write (keyed by the new id, one language row per language given as a list), and updated only
where columns are given, with languages per store or not (PrestaShop's ``_shop``/``_lang``
rows, OpenCart's ``product_to_store``/``product_description``)."""

from __future__ import annotations

from anycart.platforms.bridge.sqlkit import InsertId
from anycart.platforms.bridge.writes import Part, Writes

SHOP = Writes(main=Part("product", "id_product"), parts=(
    Part("product_shop", "id_product", {"id_shop": "shop"}),
    Part("product_lang", "id_product", {"id_shop": "shop", "id_lang": "lang"})))
CART = Writes(main=Part("product", "product_id"), parts=(
    Part("product_to_store", "product_id", {"store_id": "shop"}),
    Part("product_description", "product_id", {"language_id": "lang"})))


def test_inserts_key_every_part_by_the_new_row_one_per_language():
    rows = SHOP.add({}, {"shop": 3, "lang": [1, 2]}, {
        "product": {"price": 1}, "product_shop": {"active": 1}, "product_lang": {"name": "A"}}, at=2)
    assert [s.sql.split(" (")[0] for s in rows] == [
        "INSERT INTO `{p}product`", "INSERT INTO `{p}product_shop`", "INSERT INTO `{p}product_lang`",
        "INSERT INTO `{p}product_lang`"]
    assert list(rows[1].params) == [InsertId(2), 3, 1]
    assert list(rows[2].params) == [InsertId(2), 3, 1, "A"]
    assert list(rows[3].params) == [InsertId(2), 3, 2, "A"]
    plain = CART.add({}, {"shop": 0, "lang": [5]}, {"product_description": {"name": "B"}})
    assert "store_id" not in plain[2].sql and list(plain[2].params) == [InsertId(0), 5, "B"]
    # a single value: one row
    one = CART.add({}, {"shop": 0, "lang": 4}, {})
    assert len(one) == 3 and list(one[2].params) == [InsertId(0), 4]


def test_updates_only_where_columns_are_given():
    out = SHOP.update(7, {}, {"shop": 3, "lang": 2}, {"product": {"price": 2},
                                                      "product_lang": {"name": "N"}})
    assert [(s.sql, list(s.params)) for s in out] == [
        ("UPDATE {p}product SET `price` = ? WHERE `id_product` = ?", [2, 7]),
        ("UPDATE {p}product_lang SET `name` = ? WHERE `id_product` = ? AND `id_shop` = ? AND"
         " `id_lang` = ?", ["N", 7, 3, 2])]
    out = CART.update(7, {}, {"shop": 0, "lang": 1}, {"product_to_store": {"x": 1},
                                                      "product_description": {"name": "N"}})
    assert [(s.sql, list(s.params)) for s in out] == [
        ("UPDATE {p}product_to_store SET `x` = ? WHERE `product_id` = ? AND `store_id` = ?", [1, 7, 0]),
        ("UPDATE {p}product_description SET `name` = ? WHERE `product_id` = ? AND `language_id` = ?",
         ["N", 7, 1])]
    assert SHOP.update(7, {}, {"shop": 3, "lang": 2}, {}) == []
