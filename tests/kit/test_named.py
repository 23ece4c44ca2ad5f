"""kit.named on a platform shaped unlike Shift4Shop: statuses at ``states`` with nested
``meta.title`` names (a ``code`` when untitled), kept per store, read again on a miss."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest

from anycart.errors import ApiError
from anycart.platforms.base import Connector
from anycart.platforms.kit import named
from anycart.platforms.kit.named import Named

STATES = Named("states", "key", ("meta.title", "code"), "order state")


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Connector:
    """A connector as Named keys its lists: the cart and the store."""
    monkeypatch.setattr(named, "CACHE", {})
    return cast(Connector, SimpleNamespace(platform=SimpleNamespace(cart_id="Crate"),
                                           store=SimpleNamespace(store_url="https://A.example")))


async def test_names_are_read_once_and_again_on_a_miss(store):
    rows = [{"key": 1, "meta": {"title": "Paid"}}, {"key": 2, "meta": {}, "code": "SHIPPED"},
            {"key": 3, "meta": {"title": ""}}]
    reads: list[str] = []

    async def read(path: str) -> list[dict[str, Any]]:
        reads.append(path)
        return list(rows)

    names = await STATES.names(store, read)
    assert names == {"1": "Paid", "2": "SHIPPED", "3": None} and reads == ["states"]
    assert await STATES.names(store, read, wanted={"2"}) == names and reads == ["states"]
    rows.append({"key": 4, "meta": {"title": "Refunded"}})
    again = await STATES.names(store, read, wanted={"4"})
    assert again["4"] == "Refunded" and reads == ["states", "states"]
    other = cast(Connector, SimpleNamespace(platform=store.platform,
                                            store=SimpleNamespace(store_url="https://b.example")))
    await STATES.names(other, read)  # another store keeps its own
    assert reads == ["states"] * 3


async def test_names_are_read_again_once_old(store, monkeypatch):
    reads: list[str] = []

    async def read(path: str) -> list[dict[str, Any]]:
        reads.append(path)
        return [{"key": 1, "code": "NEW"}]

    await STATES.names(store, read)
    await STATES.names(store, read)
    monkeypatch.setattr(named, "TTL_S", 0.0)
    assert await STATES.names(store, read) == {"1": "NEW"} and reads == ["states"] * 2


def test_id_of_takes_an_id_or_a_name():
    names = {"1": "Paid", "2": "SHIPPED", "3": None}
    assert STATES.id_of(names, " 2 ", "order_status") == "2"
    assert STATES.id_of(names, "paid", "order_status") == "1"
    with pytest.raises(ApiError) as bad:
        STATES.id_of(names, "Lost", "status")
    assert bad.value.code == 109
    assert bad.value.message == ("Parameter 'status' is not valid: unknown order state 'Lost'. "
                                 "Known: Paid, SHIPPED, 3.")


async def test_two_lists_read_from_one_path_are_kept_apart(store):
    """Customer groups' names and their price levels come from one path: each is kept as
    it was read, neither answers for the other."""
    rows = [{"key": 1, "code": "RETAIL", "level": 0}, {"key": 2, "code": "TRADE", "level": 1}]
    reads: list[str] = []

    async def read(path: str) -> list[dict[str, Any]]:
        reads.append(path)
        return list(rows)

    by_code = Named("states", "key", ("code",), "group")
    by_level = Named("states", "key", ("level",), "group")
    assert await by_code.names(store, read) == {"1": "RETAIL", "2": "TRADE"}
    assert await by_level.names(store, read) == {"1": None, "2": 1}
    assert await by_code.names(store, read) == {"1": "RETAIL", "2": "TRADE"}
    assert reads == ["states", "states"]
