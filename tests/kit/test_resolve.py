"""Records a call names by another key than their id, on the Tiny platform
(tests/kit/test_entities.py): ``Entity.named_by`` (``order_id`` or ``id``) and a connector's
``resolvers`` (a record found by id or by its code), so info and update come from the
declaration and an update writes the record found, by its own id."""

from __future__ import annotations

from typing import Any, ClassVar

import httpx
import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.connector import declare
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import Field
from anycart.transport.http import HttpLayer
from tests.kit.test_entities import STORE, Server, Tiny, TinyConnector, call

ORDER = Entity(name="order", label="Order", path="items", id_field="id", verbs=("info", "update"),
               named_by=("order_id", "id"), fields=(Field(None, "body", param="comment"),),
               mapper=lambda r, _: {"id": str(r["id"]), "code": r["code"]})


class Coded(TinyConnector):
    entities = (ORDER,)
    resolvers: ClassVar[dict[str, str]] = {"order": "by_code"}

    async def by_code(self, key: str) -> dict[str, Any]:
        if key.isdecimal():
            return await self.runner_class(ORDER, self.backend(ORDER), cart=self.cart).one(key)
        found, _ = await self.backend(ORDER).page({"code": key}, 0, 1)
        if not found:
            raise ApiError.not_found("Order", key)
        return found[0]


declare(Coded)


class CodedPlatform(Tiny):
    connector = Coded


@pytest.fixture
async def coded():
    server = Server()
    http = HttpLayer()
    http.mounts["tiny.example"] = httpx.MockTransport(server)
    yield CodedPlatform.connect(STORE, http), server
    await http.aclose()


def test_named_by_is_what_info_and_update_apply():
    assert {"order_id", "id"} <= Coded.APPLIED["order.info"]
    assert Coded.APPLIED["order.update"] == {"order_id", "comment"}


async def test_info_by_either_name_through_the_resolver(coded):
    c, _ = coded
    assert (await c.order_info(call("order.info", order_id="T-3")))["id"] == "3"
    assert (await c.order_info(call("order.info", id="5")))["code"] == "T-5"
    with pytest.raises(ApiError) as differing:
        await c.order_info(call("order.info", order_id="T-3", id="5"))
    assert differing.value.code == 109
    with pytest.raises(ApiError) as none:
        await c.order_info(call("order.info"))
    assert none.value.code == 114 and "'order_id'" in none.value.message
    with pytest.raises(ApiError) as unknown:
        await c.order_info(call("order.info", order_id="T-99"))
    assert unknown.value.code == 112


async def test_update_writes_the_record_found_by_its_own_id(coded):
    c, server = coded
    assert await c.order_update(call("order.update", order_id="T-4", comment="hi")) == {
        "updated_items": 1}
    assert server.items[4]["body"] == "hi"
    assert server.seen[-1].method == "PUT" and server.seen[-1].url.path == "/api/items/4"
