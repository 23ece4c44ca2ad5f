"""kit.serve: PerStore methods built per call from the connector, attached with what they apply."""

from __future__ import annotations

import pytest

from anycart.platforms.base import Call
from anycart.platforms.kit.serve import PerStore, attach


class Counter:
    def __init__(self, store: str) -> None:
        self.store = store

    async def count(self, call: Call) -> dict[str, str]:
        return {"store": self.store, "seen": str(call.params.get("n"))}


COUNTS = PerStore(lambda c: Counter(c.store), {"thing.count": "count"},
                  {"thing.count": frozenset({"n"})})


async def test_a_per_store_method_runs_on_the_object_the_connector_builds():
    class Host:
        def __init__(self, store: str) -> None:
            self.store = store

    assert attach(Host, COUNTS) == {"thing.count": frozenset({"n"})}
    one, two = Host("a"), Host("b")
    assert await one.thing_count(Call("thing.count", {"n": 3})) == {"store": "a", "seen": "3"}  # type: ignore[attr-defined]
    assert (await two.thing_count(Call("thing.count", {})))["store"] == "b"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        attach(Host, COUNTS, COUNTS)  # one method declared twice
