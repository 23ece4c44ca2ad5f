"""kit.named on a platform shaped unlike Shift4Shop: statuses at ``states`` with nested
``meta.title`` names (a ``code`` when untitled), kept per store, read again on a miss."""

from __future__ import annotations

from typing import Any, cast

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.connector import KitConnector
from anycart.platforms.kit.named import Named

STATES = Named("states", "key", ("meta.title", "code"), "order state")


class Kept:
    """The two KitConnector methods Named uses, over a dict."""

    def __init__(self) -> None:
        self.kept: dict[str, Any] = {}

    async def cached(self, kind: str, loader: Any) -> Any:
        if kind not in self.kept:
            self.kept[kind] = await loader()
        return self.kept[kind]

    def forget(self, kind: str) -> None:
        self.kept.pop(kind, None)


async def test_names_are_read_once_and_again_on_a_miss():
    rows = [{"key": 1, "meta": {"title": "Paid"}}, {"key": 2, "meta": {}, "code": "SHIPPED"},
            {"key": 3, "meta": {"title": ""}}]
    reads: list[str] = []

    async def read(path: str) -> list[dict[str, Any]]:
        reads.append(path)
        return list(rows)

    store = cast(KitConnector, Kept())
    names = await STATES.names(store, read)
    assert names == {"1": "Paid", "2": "SHIPPED", "3": None} and reads == ["states"]
    assert await STATES.names(store, read, wanted={"2"}) == names and reads == ["states"]
    rows.append({"key": 4, "meta": {"title": "Refunded"}})
    again = await STATES.names(store, read, wanted={"4"})
    assert again["4"] == "Refunded" and reads == ["states", "states"]


def test_id_of_takes_an_id_or_a_name():
    names = {"1": "Paid", "2": "SHIPPED", "3": None}
    assert STATES.id_of(names, " 2 ", "order_status") == "2"
    assert STATES.id_of(names, "paid", "order_status") == "1"
    with pytest.raises(ApiError) as bad:
        STATES.id_of(names, "Lost", "status")
    assert bad.value.code == 109
    assert bad.value.message == ("Parameter 'status' is not valid: unknown order state 'Lost'. "
                                 "Known: Paid, SHIPPED, 3.")
