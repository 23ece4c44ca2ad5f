"""kit.backend.RestBackend and kit.outcomes on Ledger (tests/kit/ledger.py): a list that
answers its count when asked (``count_query``), records answered as lists of one, numeric
ids, creates sent as arrays whose id comes from the per-item outcomes, failed items 107."""

from __future__ import annotations

import dataclasses
import json

import httpx
import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.backend import RestBackend, numeric_id
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.outcomes import ItemStatus
from anycart.platforms.kit.pagination import Offset
from tests.kit.ledger import ledger as _ledger

GOODS = Entity(name="product", label="Good", path="goods", id_field="id", verbs=())


@pytest.fixture
async def ledger():
    async for pair in _ledger():
        rest, server = pair
        walk = Offset(offset_param="first", limit_param="max", base=1, page_size=2)
        yield RestBackend(rest, GOODS, walk, count_query={"tally": 1}, count_field="total",
                          numeric_ids=True, batch=True), server


async def test_pages_with_the_count_the_list_answers(ledger):
    goods, server = ledger
    items, total = await goods.page({}, 1, 3)
    assert [g["id"] for g in items] == [2, 3, 4] and total == 5  # "Total", case aside
    asked = [dict(r.url.params) for r in server.seen]
    assert {"tally": "1"} in asked and {"first": "2", "max": "2"} in asked
    assert await goods.count({"sku": "G-3"}) == 1
    assert await goods.count({"sku": "none"}) == 1 - 1
    assert await goods.read({"sku": "none"}) == []  # the platform's 404: no records
    assert (await goods.first({"sku": "G-4"}) or {})["id"] == 4
    assert await goods.first({"sku": "none"}) is None


async def test_one_record_is_a_list_of_one_and_ids_are_numbers(ledger):
    goods, server = ledger
    assert (await goods.get("3") or {})["sku"] == "G-3"
    assert await goods.get("99") is None
    before = len(server.seen)
    assert await goods.get("abc") is None and await goods.get("0") is None
    assert len(server.seen) == before  # never sent
    with pytest.raises(ApiError) as err:
        await goods.update("x1", {"sku": "y"})
    assert err.value.code == 112 and err.value.message == "Good with id x1 not found"
    assert numeric_id(" 7 ") and not numeric_id("-7") and not numeric_id("7a")


async def test_one_record_is_read_in_the_scope_named(ledger):
    """``get_scope``: ``get`` goes through the client of that scope (a store view's), the
    lists through the backend's own."""
    goods, _ = ledger
    named: list[object] = []

    async def scopes(scope: object) -> object:
        named.append(scope)
        return goods.client
    scoped = dataclasses.replace(goods, scopes=scopes, get_scope="2")
    assert (await scoped.get("3") or {})["sku"] == "G-3" and named == ["2"]
    await scoped.read({}, 0, 1)
    assert named == ["2"]  # a list is not read in it
    assert await dataclasses.replace(goods, get_scope="2").get("3")  # no scopes: the client's own


async def test_create_sends_an_array_and_reads_the_id_from_its_outcome(ledger):
    goods, server = ledger
    ident = await goods.create({"sku": "NEW"})
    assert json.loads(server.seen[-1].content) == [{"sku": "NEW"}]
    assert server.rows["goods"][ident]["sku"] == "NEW"
    await goods.update(ident, {"price": 1})
    assert json.loads(server.seen[-1].content) == {"price": 1}  # an update is one record
    await goods.delete(ident)
    assert ident not in server.rows["goods"]
    with pytest.raises(ApiError) as gone:
        await goods.delete(ident)
    assert gone.value.code == 112
    named = dataclasses.replace(goods, entity=dataclasses.replace(GOODS, missing="good_id"))
    for write in (named.delete(ident), named.update("x1", {"sku": "y"})):  # the 404, the id
        with pytest.raises(ApiError) as missing:
            await write
        assert missing.value.message.startswith("Good with good_id ") and missing.value.code == 112


async def test_a_failed_item_is_107_naming_it(ledger):
    goods, _ = ledger
    with pytest.raises(ApiError) as bad:
        await goods.create({"bad": True})
    assert bad.value.code == 107
    assert bad.value.message == ("Ledger error message: Partial update: failed items: "
                                 "id None (HTTP 422: bad item).")
    with pytest.raises(ApiError) as no:
        await goods.update("2", {"bad": True})
    assert no.value.code == 107 and "id 2 (HTTP 400: no)" in no.value.message
    _, server = ledger  # reads are records, not outcomes: never checked as such
    server.rows["goods"]["2"]["code"] = "500"
    assert (await goods.client.request("GET", "goods/2")).json()[0]["code"] == "500"


def _answer(status: int, body: object) -> httpx.Response:
    return httpx.Response(status, json=body, request=httpx.Request("PUT", "https://x/y"))


def test_item_status_reads_outcomes_where_they_are_declared():
    s4s = ItemStatus("Shift4Shop")  # the defaults: a body that is the list of outcomes
    done = _answer(200, [{"Key": "CatalogID", "Value": "7", "Status": "201"}])
    assert s4s.check(done) is done and s4s.created(done) == "7"
    with pytest.raises(ApiError) as partial:  # the platform's partial status, no item failed
        s4s.check(_answer(206, [{"Key": "CatalogID", "Value": "7", "Status": "200"}]))
    assert partial.value.message.endswith("failed items: some items.")
    assert s4s.created(_answer(200, {"not": "a list"})) is None
    assert s4s.entries(httpx.Response(200, content=b"not json")) == []
    no_status = ItemStatus("Other", items="data.items", value="id", partial=None)
    answer = _answer(200, {"data": {"items": [{"id": ""}, {"id": 12}]}})
    assert no_status.check(answer) is answer and no_status.created(answer) == "12"
