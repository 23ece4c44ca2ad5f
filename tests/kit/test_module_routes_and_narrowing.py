"""kit.module_routes (a route of a module the store may lack, answered with the contract's
code) and kit.narrowing (a filter the platform lacks, as the ids it names)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.kit.errors import ErrorMap
from anycart.platforms.kit.module_routes import ModuleRoute
from anycart.platforms.kit.narrowing import narrowed
from tests.kit.calls import call

NO_ROUTE = "Request does not match any route."
RMA = ModuleRoute(ReturnCode.METHOD_NOT_SUPPORTED, "The store has no RMA module.", "match any route")
ANY_404 = ModuleRoute(ReturnCode.INCORRECT_VALUE, "Install the AnyCart module first.")


def _answer(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, json=body, request=httpx.Request("GET", "https://shop.example/x"))


class _Client:
    """Answers every request with ``response``, noting what was allowed through."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.asked: list[tuple[str, str, Any]] = []

    async def request(self, method: str, path: str, **kw: Any) -> httpx.Response:
        self.asked.append((method, path, kw))
        return self.response


async def test_a_store_without_the_module_is_the_declared_code():
    client = _Client(_answer(404, {"message": NO_ROUTE}))
    with pytest.raises(ApiError) as err:
        await RMA.request(client, "GET", "returns/5", params={"a": 1})
    assert (err.value.code, err.value.message) == (ReturnCode.METHOD_NOT_SUPPORTED,
                                                   "The store has no RMA module.")
    assert client.asked == [("GET", "returns/5", {"allow": {404}, "params": {"a": 1}})]
    assert RMA.absent(err.value) and not ANY_404.absent(err.value)


async def test_a_404_of_a_record_is_answered_when_the_module_is_there():
    missing = _answer(404, {"message": "The entity that was requested doesn't exist."})
    assert (await RMA.request(_Client(missing), "GET", "returns/5")).status_code == 404
    found = _answer(200, {"entity_id": 5})
    assert (await RMA.request(_Client(found), "GET", "returns/5")).json() == {"entity_id": 5}
    with pytest.raises(ApiError) as err:  # no marker: every 404 of the route is the module missing
        await ANY_404.request(_Client(missing), "GET", "anycart/services")
    assert err.value.code == ReturnCode.INCORRECT_VALUE


def test_the_rule_answers_the_kits_own_reads_of_the_route():
    errors = ErrorMap("Shop", rules=(RMA.rule(),))
    found = errors.error(_answer(404, {"message": NO_ROUTE}))
    assert found is not None and found.code == ReturnCode.METHOD_NOT_SUPPORTED
    assert found.message == f"Shop error message: {NO_ROUTE} The store has no RMA module."
    assert RMA.absent(found)
    other = errors.error(_answer(404, {"message": "No such entity."}))
    assert other is not None and other.code == ReturnCode.PLATFORM_ERROR


def test_a_filter_answered_as_the_ids_it_names():
    given = call("order.list", 5, 20, return_status="received", store_id="1")
    out = narrowed(given, ("return_status",), "ids", ["7", "3", "7"])
    assert (out.method, out.start, out.count) == ("order.list", 5, 20)
    assert out.params == {"store_id": "1", "ids": "7,3"}
    both = narrowed(call("order.list", ids="3,9", return_status="x"), ("return_status",), "ids", ["7", "3"])
    assert both.params == {"ids": "3"}  # both filters apply


def test_a_filter_naming_no_record_lists_none_not_all():
    out = narrowed(call("product.list", category_id="4", categories_ids="5"),
                   ("category_id", "categories_ids"), "product_ids", [])
    assert out.params == {"product_ids": "0"}
    assert narrowed(call("order.list", ids="1"), (), "ids", ["2"]).params == {"ids": "0"}
