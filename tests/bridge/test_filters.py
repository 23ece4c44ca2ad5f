"""bridge.filters on their own: one-record ids (112 for a non-id), since_id, and AllOf's
union of a parameter and its aliases."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.filters import AllOf, above, eq_id, id_of, items
from anycart.platforms.bridge.sqlkit import Where


def applied(spec: Any, name: str, params: dict[str, Any], conn: Any = None) -> Where:
    w = Where()
    asyncio.run(spec.apply(w, conn, name, params, {"lang": 3}))
    return w


def test_an_id_naming_one_record_is_112_when_it_is_no_id():
    assert id_of("Customer")(" 7 ") == 7
    w = applied(eq_id("o.id_customer", "Customer"), "customer_id", {"customer_id": "7"})
    assert (w.clauses, w.params) == (["o.id_customer = ?"], [7])
    w = applied(above("p.id", "Product"), "since_id", {"since_id": 5})
    assert (w.clauses, w.params) == (["p.id > ?"], [5])
    with pytest.raises(ApiError) as err:
        applied(eq_id("o.id_customer", "Customer"), "customer_id", {"customer_id": "x"})
    assert err.value.code == ReturnCode.NOT_FOUND and "Customer" in err.value.message


def test_all_of_unites_the_parameter_and_its_aliases_then_resolves():
    seen: list[Any] = []

    async def resolve(conn: Any, values: Any, ctx: dict[str, Any]) -> list[int]:
        seen.append((values, ctx["lang"]))
        return [{"paid": 2, "new": 1}.get(v) or int(v) for v in values]

    spec = AllOf("o.state IN (??)", aliases=("order_status_ids",), resolve=resolve)
    w = applied(spec, "order_status", {"order_status": "paid", "order_status_ids": "1, 5,"})
    assert (w.clauses, w.params) == (["o.state IN (?, ?, ?)"], [2, 1, 5])
    assert seen == [(["paid", "1", " 5"], 3)]
    w = applied(spec, "order_status", {"order_status_ids": ["new"]})
    assert w.params == [1]
    assert applied(spec, "order_status", {"order_status": "", "x": "1"}).clauses == []
    assert spec.names("order_status") == ("order_status", "order_status_ids")


def test_all_of_converts_before_resolving_and_items_skip_blanks():
    spec = AllOf("t.id IN (??)", lambda vs: [int(v) * 10 for v in vs], aliases=("ids",))
    assert applied(spec, "id", {"id": 1, "ids": "2"}).params == [10, 20]
    assert items("a,,b, ") == ["a", "b"] and items([1, " ", 2]) == [1, 2]
