"""bridge.specials: ``Specials.params`` names every parameter a special-price write reads
(what the drivers' applied sets take from it): each one changes the statements, another
parameter does not."""

from __future__ import annotations

import asyncio
from typing import Any

from anycart.platforms.bridge.specials import Specials

GROUP = Specials("product_special", "product_id", "customer_group_id = :group",
                 lambda ctx: {"customer_group_id": ctx["group"]}, day=True, ordered=True)


def _plan(params: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    out = asyncio.run(GROUP.statements(None, 7, params, {"group": 1}, adding=True))  # type: ignore[arg-type]
    return [(s.sql, list(s.params)) for s in out]


def test_params_are_what_a_special_price_write_reads():
    assert Specials.params == {"special_price", "sprice_create", "sprice_expire"}
    base = {"special_price": 5}
    given = {"special_price": 6, "sprice_create": "2030-01-01", "sprice_expire": "2030-02-01"}
    for name in Specials.params:
        assert _plan({**base, name: given[name]}) != _plan(base), name
    assert _plan({**base, "name": "x", "price": 9, "sprice_note": "y"}) == _plan(base)
