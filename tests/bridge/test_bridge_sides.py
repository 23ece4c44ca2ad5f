"""bridge.sides on its own: one side row declaration (table, key, scope, columns) is the
JOIN and SELECT items of the reads and the part of the writes, in the same scope."""

from __future__ import annotations

from anycart.platforms.bridge.sides import Side
from anycart.platforms.bridge.sqlentity import bind
from anycart.platforms.bridge.sqlkit import InsertId
from anycart.platforms.bridge.writes import Part, Writes

TEXT = Side("product_description", "product_id", {"language_id": "lang"}, alias="pd",
            columns=("name", "meta_title"), fallback={"meta_title": "name"})
SHOP = Side("product_shop", "id_product", {"id_shop": "shop"}, alias="ps", defaults={"active": 1})
LANG = Side("product_lang", "id_product", {"id_shop": "shop", "id_lang": "lang"}, alias="pl")


def test_reads_join_it_in_the_calls_scope():
    assert TEXT.join("p.product_id") == ("LEFT JOIN {p}product_description pd ON pd.product_id ="
                                         " p.product_id AND pd.language_id = :lang")
    assert SHOP.join("p.id_product", inner=True) == (
        "JOIN {p}product_shop ps ON ps.id_product = p.id_product AND ps.id_shop = :shop")
    # a second join of the table, under its own alias
    sql, params = bind(LANG.join("ps.id_category_default", alias="dcl"), {"shop": 3, "lang": 2})
    assert sql == ("LEFT JOIN {p}product_lang dcl ON dcl.id_product = ps.id_category_default"
                   " AND dcl.id_shop = ? AND dcl.id_lang = ?") and params == [3, 2]
    assert TEXT.select() == "pd.name, pd.meta_title" and SHOP.select() == ""


def test_writes_add_it_with_its_columns_blank_and_its_scope_bound():
    writes = Writes(main=Part("product", "product_id"), parts=(TEXT,))
    rows = writes.add({}, {"lang": [1, 2]}, {"product_description": {"name": "Tea"}})
    assert [s.sql.split(" (")[0] for s in rows] == [
        "INSERT INTO `{p}product`", *["INSERT INTO `{p}product_description`"] * 2]
    # key, scope, blank columns, the call's; a blank meta title takes the name
    assert list(rows[1].params) == [InsertId(0), 1, "Tea", "Tea"]
    assert list(rows[2].params) == [InsertId(0), 2, "Tea", "Tea"]
    assert TEXT.defaults == {"name": "", "meta_title": ""} and SHOP.defaults == {"active": 1}
    out = writes.update(7, {}, {"lang": 2}, {"product_description": {"name": "N"}})
    assert [(s.sql, list(s.params)) for s in out] == [
        ("UPDATE {p}product_description SET `name` = ? WHERE `product_id` = ? AND"
         " `language_id` = ?", ["N", 7, 2])]
