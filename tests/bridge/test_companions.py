"""bridge.companions on its own: a row with its store and language rows inserted in one
write (keyed by the new id), and updated only where columns are given, with languages per
store or not."""

from __future__ import annotations

from anycart.platforms.bridge.companions import Companions
from anycart.platforms.bridge.sqlkit import InsertId

SHOP = Companions("product", "id_product", "product_shop", "product_lang", "id_shop", "id_lang",
                  lang_per_store=True)
CART = Companions("product", "product_id", "product_to_store", "product_description")


def test_inserts_key_every_companion_by_the_new_row():
    rows = SHOP.inserts({"price": 1}, 3, {"active": 1}, {"name": "A"}, [1, 2], at=2)
    assert [s.sql.split(" (")[0] for s in rows] == [
        "INSERT INTO `{p}product`", "INSERT INTO `{p}product_shop`", "INSERT INTO `{p}product_lang`",
        "INSERT INTO `{p}product_lang`"]
    assert list(rows[1].params) == [InsertId(2), 3, 1]
    assert list(rows[3].params) == [InsertId(2), 3, 2, "A"]
    plain = CART.inserts({}, 0, {}, {"name": "B"}, [5])
    assert "store_id" not in plain[2].sql and list(plain[2].params) == [InsertId(0), 5, "B"]


def test_updates_only_where_columns_are_given():
    out = SHOP.updates(7, 3, 2, {"price": 2}, {}, {"name": "N"})
    assert [(s.sql, list(s.params)) for s in out] == [
        ("UPDATE {p}product SET `price` = ? WHERE id_product = ?", [2, 7]),
        ("UPDATE {p}product_lang SET `name` = ? WHERE id_product = ? AND id_shop = ? AND id_lang = ?",
         ["N", 7, 3, 2])]
    out = CART.updates(7, 0, 1, {}, {"x": 1}, {"name": "N"})
    assert [(s.sql, list(s.params)) for s in out] == [
        ("UPDATE {p}product_to_store SET `x` = ? WHERE product_id = ? AND store_id = ?", [1, 7, 0]),
        ("UPDATE {p}product_description SET `name` = ? WHERE product_id = ? AND language_id = ?",
         ["N", 7, 1])]
    assert SHOP.updates(7, 3, 2, {}, {}, {}) == []
