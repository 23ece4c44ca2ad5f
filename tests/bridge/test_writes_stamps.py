"""bridge.writes' modification times on update: a part's own column (PrestaShop's
``product_shop.date_upd``) is set with the main row's, and only when something is written; a
modification time the write gives itself (a call's ``modified_time``) is kept, not replaced."""

from __future__ import annotations

from anycart.platforms.bridge.clock import using_zone, zone_named
from anycart.platforms.bridge.writes import Part, Writes

ROWS = Writes(main=Part("product", "id_product"), modified="date_upd", parts=(
    Part("product_shop", "id_product", {"id_shop": "shop"}, modified="date_upd"),
    Part("product_lang", "id_product", {"id_shop": "shop", "id_lang": "lang"})))
CTX = {"shop": 1, "lang": 2}


def _sql(statements):
    return [(s.sql, list(s.params)) for s in statements]


def test_the_part_is_stamped_with_the_main_row():
    with using_zone(zone_named("UTC")):
        out = _sql(ROWS.update(7, {}, CTX, {"product_lang": {"name": "N"}}))
    assert [sql for sql, _ in out] == [
        "UPDATE {p}product SET `date_upd` = ? WHERE `id_product` = ?",
        "UPDATE {p}product_shop SET `date_upd` = ? WHERE `id_product` = ? AND `id_shop` = ?",
        "UPDATE {p}product_lang SET `name` = ? WHERE `id_product` = ? AND `id_shop` = ? AND"
        " `id_lang` = ?"]
    assert out[0][1][0] == out[1][1][0]  # one moment for both
    # a part's own values stay beside its stamp
    shop = _sql(ROWS.update(7, {}, CTX, {"product_shop": {"price": 3}}))[1]
    assert shop[0].startswith("UPDATE {p}product_shop SET `date_upd` = ?, `price` = ?")
    assert shop[1][1:] == [3, 7, 1]


def test_nothing_written_nothing_stamped_unless_touched():
    assert ROWS.update(7, {}, CTX, {}) == []
    touched = _sql(ROWS.update(7, {}, CTX, {}, touch=True))
    assert [sql.split(" SET")[0] for sql, _ in touched] == ["UPDATE {p}product", "UPDATE {p}product_shop"]


def test_a_given_modification_time_wins():
    out = _sql(ROWS.update(7, {}, CTX, {"product": {"date_upd": "2024-01-02 03:04:05", "price": 1}}))
    assert out[0] == ("UPDATE {p}product SET `date_upd` = ?, `price` = ? WHERE `id_product` = ?",
                      ["2024-01-02 03:04:05", 1, 7])
