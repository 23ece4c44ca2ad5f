"""bridge.namedstatuses on its own: statuses listed through their names' table (a status
without a name in the language still listed), retired ones kept out, a status by id or name
resolved, 109 naming the parameter and the listing method otherwise."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.namedstatuses import NamedStatuses

STATES = NamedStatuses("order_state", "id_order_state", "order_status", "order.status.list",
                       lang="id_lang", where="s.deleted = 0", read=lambda v: v)


class Db:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows, self.seen = rows, []

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        self.seen.append((sql, list(params)))
        return self.rows


def test_listed_through_the_names_table_without_retired_ones():
    db = Db([{"id": 1, "name": "Paid"}, {"id": 2, "name": None}])
    assert asyncio.run(STATES.listed(db, 3)) == [{"id": "1", "name": "Paid"}, {"id": "2", "name": None}]
    assert db.seen == [("SELECT s.`id_order_state` AS id, sl.`name` AS name FROM {p}order_state s"
                        " LEFT JOIN {p}order_state_lang sl ON sl.`id_order_state` ="
                        " s.`id_order_state` AND sl.`id_lang` = ? WHERE s.deleted = 0"
                        " ORDER BY s.`id_order_state`", [3])]


def test_resolved_by_id_or_name_else_109_naming_the_parameter_and_listing():
    db = Db([{"id": 4, "name": "Shipped"}])
    assert asyncio.run(STATES.resolve(db, " shipped ", 1)) == 4
    sql, params = db.seen[0]
    assert "WHERE s.deleted = 0 AND (s.`id_order_state` = ? OR sl.`name` = ?)" in sql
    assert params == [1, -1, "shipped"]
    asyncio.run(STATES.resolve(db, "4", 1))
    assert db.seen[1][1] == [1, 4, "4"]
    with pytest.raises(ApiError) as err:
        asyncio.run(STATES.resolve(Db([]), "Lost", 1))
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    assert "'order_status'" in err.value.message and "order.status.list" in err.value.message
    plain = NamedStatuses("order_return_state", "id_order_return_state", "status", "return.status.list",
                          lang="id_lang")
    assert " WHERE " not in plain._sql()
