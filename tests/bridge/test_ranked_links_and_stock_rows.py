"""Link tables that keep an order (``bridge/positions.py``) and stock kept as rows of its own
table (``bridge/stockrows.py``), on real MariaDB tables of a made-up cart."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.positions import RankedLink
from anycart.platforms.bridge.sqlkit import InsertId, insert
from anycart.platforms.bridge.stockrows import StockRows
from tests.bridge.direct import DirectExecutor, scratch

SCHEMA = """
CREATE TABLE t_thing (thing_id INT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(8) NOT NULL) AUTO_INCREMENT = 100;
CREATE TABLE t_shelf_thing (shelf_id INT NOT NULL, thing_id INT NOT NULL, position INT NOT NULL,
  PRIMARY KEY (shelf_id, thing_id));
CREATE TABLE t_stock (stock_id INT AUTO_INCREMENT PRIMARY KEY, thing_id INT NOT NULL,
  store_id INT NOT NULL, units INT NOT NULL, physical INT NOT NULL, grp INT NOT NULL);
"""

SHELVES = RankedLink("shelf_thing", "thing_id", "shelf_id")
STOCK = StockRows("stock", "stock_id", ("units", "physical"), defaults={"grp": 0})


@pytest.fixture
def db(mariadb):
    with scratch(mariadb, "ranked", SCHEMA) as direct:
        yield direct


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def shelf(db: DirectExecutor, sid: int) -> list[tuple[int, int]]:
    return [(r["thing_id"], r["position"]) for r in run(db.select(
        "SELECT thing_id, position FROM {p}shelf_thing WHERE shelf_id = ? ORDER BY position", [sid]))]


def test_a_new_link_goes_last_on_each_shelf_in_the_same_write(db):
    run(db.write(run(SHELVES.appended(db, 1, [10, 20]))))
    run(db.write(run(SHELVES.appended(db, 2, [10]))))
    assert shelf(db, 10) == [(1, 0), (2, 1)] and shelf(db, 20) == [(1, 0)]
    # the new row's id of the same write (an added thing linked as it is inserted)
    statements = [insert("thing", {"sku": "A"}), *run(SHELVES.appended(db, InsertId(0), [20, 20]))]
    written = run(db.write(statements))
    assert shelf(db, 20) == [(1, 0), (written[0].insert_id, 1)]


def test_assign_is_once_replace_keeps_the_places_of_links_kept(db):
    run(db.write(run(SHELVES.appended(db, 1, [10, 20]))))
    run(db.write(run(SHELVES.appended(db, 2, [10, 30]))))
    assert run(SHELVES.assigned(db, 1, 10)) == []
    run(db.write(run(SHELVES.assigned(db, 3, 10))))
    assert shelf(db, 10) == [(1, 0), (2, 1), (3, 2)]
    run(db.write(run(SHELVES.replaced(db, 1, [10, 30]))))
    assert run(SHELVES.linked(db, 1)) == {10, 30}
    assert shelf(db, 10)[0] == (1, 0) and shelf(db, 30) == [(2, 0), (1, 1)] and shelf(db, 20) == []
    run(db.write(run(SHELVES.gathered(db, [7, 8], 20))))
    assert shelf(db, 20) == [(7, 0), (8, 1)]


def test_stock_is_set_changed_or_started(db):
    keys = {"thing_id": 5, "store_id": 1}
    assert run(STOCK.changes(db, keys, {})) == []
    run(db.write(run(STOCK.changes(db, keys, {"increase_quantity": "4"}))))  # no row: one from 0
    run(db.write(run(STOCK.changes(db, keys, {"reduce_quantity": 1, "increase_quantity": 10}))))
    run(db.write(run(STOCK.changes(db, {"thing_id": 5, "store_id": 2}, {"quantity": 7}))))
    found = run(db.select("SELECT thing_id, store_id, units, physical, grp FROM {p}stock ORDER BY store_id"))
    assert found == [{"thing_id": 5, "store_id": 1, "units": 13, "physical": 13, "grp": 0},
                     {"thing_id": 5, "store_id": 2, "units": 7, "physical": 7, "grp": 0}]
    run(db.write(run(STOCK.changes(db, keys, {"quantity": 2, "increase_quantity": 1}))))
    assert run(db.select("SELECT units FROM {p}stock WHERE store_id = 1")) == [{"units": 3}]
    with pytest.raises(ApiError) as err:
        run(STOCK.changes(db, keys, {"increase_quantity": "1.5"}))
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'increase_quantity'" in err.value.message


class _Seen(dict[str, Any]):
    """Parameters that note every name read."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.seen: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.seen.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.seen.add(key)
        return super().__getitem__(key)


def test_stock_changes_read_only_the_parameters_they_declare(db):
    from anycart.platforms.bridge.stockrows import PARAMS

    params = _Seen({"quantity": 3, "increase_quantity": 2, "reduce_quantity": 1, "name": "x"})
    run(STOCK.changes(db, {"thing_id": 9, "store_id": 1}, params))
    assert params.seen == PARAMS
