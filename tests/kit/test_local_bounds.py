"""Date bounds a platform cannot filter by, applied here (``date_filters(local=True)``): the
runner reads the list and keeps the records within the bounds, for list and count alike; a
bound that is no date is 109 naming it; the parameters are applied (not refused)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit.entities import Entity, Runner, date_filters


def _naive(v: Any) -> datetime:
    return datetime.fromisoformat(str(v).replace("Z", ""))


ROWS = [{"id": i, "changed": f"2024-01-{i:02d}T10:00:00"} for i in range(1, 11)]
CUSTOMER = Entity(name="customer", label="Customer", path="customers", id_field="id",
                  verbs=("list", "count"), mapper=lambda r, _: {"id": str(r["id"])},
                  filters=date_filters(_naive, modified=("changed", "changed"), local=True))


class Rows:
    def __init__(self) -> None:
        self.queries: list[dict] = []

    async def page(self, query: dict, start: int, count: int) -> tuple[list[dict], int | None]:
        self.queries.append(query)
        return ROWS[start:start + count], len(ROWS)

    async def count(self, query: dict) -> int:
        return len(ROWS)


async def test_bounds_kept_here_for_list_and_count():
    rows = Rows()
    runner = Runner(CUSTOMER, rows, cart="Acme")
    page = await runner.list(Call("customer.list", {"modified_from": "2024-01-03 00:00:00",
                                                    "modified_to": "2024-01-05T12:00:00"}, 0, 10))
    assert [c["id"] for c in page.items] == ["3", "4", "5"] and page.total == 3
    assert rows.queries == [{}]  # nothing of the bounds reached the platform's query
    counted = await runner.count(Call("customer.count", {"modified_from": "2024-01-09 00:00:00"}))
    assert counted == {"customers_count": 2}
    assert {"modified_from", "modified_to"} <= CUSTOMER.applied("list")
    with pytest.raises(ApiError) as bad:
        await runner.list(Call("customer.list", {"modified_from": "soon"}, 0, 10))
    assert bad.value.code == 109 and "'modified_from'" in bad.value.message
