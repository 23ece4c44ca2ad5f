"""``find_where`` names where a list's ``find_value`` is searched: given alone it applies to
nothing, so the runner refuses it (109 naming it) for every declaration with a list find,
rather than listing everything. Over the tiny platform of :mod:`tests.kit.test_entities`."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError
from tests.kit.test_entities import call, tiny  # noqa: F401  (fixture)


@pytest.mark.parametrize("method", ["product.list", "product.count"])
async def test_find_where_without_find_value_is_refused(tiny, method):
    c, server = tiny
    handler = getattr(c, method.replace(".", "_"))
    with pytest.raises(ApiError) as refused:
        await handler(call(method, find_where="name"))
    assert refused.value.code == 109 and "'find_where'" in refused.value.message
    assert server.seen == []  # refused before anything was read


async def test_find_where_with_find_value_filters(tiny):
    c, server = tiny
    page = await c.product_list(call("product.list", find_where="name", find_value="deluxe"))
    assert [p["id"] for p in page.items] == ["3"]
    assert server.seen[-1].url.params["q"] == "deluxe"
