"""bridge.specials on its own, declared two ways (PrestaShop's shop-wide specific price with
DATETIME windows that dates alone move; OpenCart's group special with DATE windows, in
order, that dates alone may not name)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.specials import Specials
from anycart.platforms.bridge.sqlkit import InsertId

SHOP = Specials("specific_price", "id_product", "id_shop IN (0, :shop) AND id_cart = 0",
                lambda ctx: {"id_shop": ctx["shop"], "id_cart": 0}, start="from", end="to",
                no_date="0000-00-00 00:00:00", moves=True)
GROUP = Specials("product_special", "product_id", "customer_group_id = :group",
                 lambda ctx: {"customer_group_id": ctx["group"], "priority": 0}, day=True,
                 ordered=True)


class Db:
    def __init__(self, has: bool) -> None:
        self.has, self.seen = has, []

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        self.seen.append((sql, list(params)))
        return [{"1": 1}] if self.has else []


def plan(spec: Specials, params: dict[str, Any], adding: bool = False, has: bool = True,
         ident: Any = 7) -> list[tuple[str, list[Any]]]:
    out = asyncio.run(spec.statements(Db(has), ident, params, {"shop": 2, "group": 1}, adding))
    return [(s.sql, list(s.params)) for s in out]


def test_a_price_replaces_the_special_in_scope_with_its_window_end_before_start():
    out = plan(SHOP, {"special_price": "4.5", "sprice_create": "2030-01-01 10:00:00"})
    assert out[0] == ("DELETE FROM {p}specific_price WHERE id_product = ? AND id_shop IN (0, ?)"
                      " AND id_cart = 0", [7, 2])
    sql, params = out[1]
    assert sql.index("`to`") < sql.index("`from`")  # bridge.php reads a bare `from`, as last
    assert params == [2, 0, 7, 4.5, "0000-00-00 00:00:00", "2030-01-01 10:00:00"]
    added = plan(SHOP, {"special_price": 3}, adding=True, ident=InsertId(0))
    assert len(added) == 1 and added[0][1][2] == InsertId(0)  # no DELETE for a new product
    assert [s for s, _ in plan(SHOP, {"special_price": 0})] == [out[0][0]]  # 0 removes it


def test_dates_alone_move_the_window_of_the_special_there_is_or_are_refused():
    assert plan(SHOP, {"sprice_expire": "2031-01-01 00:00:00"}) == [
        ("UPDATE {p}specific_price SET `to` = ? WHERE id_product = ? AND id_shop IN (0, ?) AND"
         " id_cart = 0", ["2031-01-01 00:00:00", 7, 2])]
    for spec, has, adding in ((SHOP, False, False), (SHOP, True, True), (GROUP, True, False)):
        with pytest.raises(ApiError) as err:
            plan(spec, {"sprice_create": "2031-01-01 00:00:00"}, adding=adding, has=has)
        assert err.value.code == ReturnCode.INCORRECT_VALUE and "'sprice_create'" in err.value.message
    assert plan(SHOP, {}) == [] and plan(GROUP, {"special_price": ""}) == []


def test_date_windows_keep_the_day_and_an_ordered_window_refuses_an_end_before_its_start():
    out = plan(GROUP, {"special_price": 2, "sprice_create": "2030-05-06 07:08:09"})
    assert out[1][1] == [1, 0, 7, 2.0, "0000-00-00", "2030-05-06"]
    with pytest.raises(ApiError) as err:
        plan(GROUP, {"special_price": 2, "sprice_create": "2030-05-06", "sprice_expire": "2030-05-01"})
    assert "'sprice_expire'" in err.value.message
    with pytest.raises(ApiError) as err:
        plan(GROUP, {"special_price": -1})
    assert "'special_price'" in err.value.message


def test_a_read_selects_the_rows_a_write_scopes():
    assert SHOP.select("id_product, price", " ORDER BY id_shop") == (
        "SELECT id_product, price FROM {p}specific_price WHERE id_product IN (??) AND"
        " id_shop IN (0, :shop) AND id_cart = 0 ORDER BY id_shop")
