"""kit.push.SignedPush (a platform's signed native webhooks) and kit.info.one_store."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any, cast

import pytest

from anycart.events import PushRejected
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import Field
from anycart.platforms.kit.info import one_store
from anycart.platforms.kit.push import Pushing, SignedPush, declared, signature
from anycart.storage.repository import StoreRecord

PUSH = SignedPush("shop_secret", "X-Shop-Hmac", "X-Shop-Topic",
                  {"items/create": ("product", "add"), "items/delete": ("product", "delete")},
                  lambda entity, record: {"id": str(record["id"]), "name": record.get("title")})


def _store(secret: str | None = "s3cret") -> StoreRecord:
    return cast(StoreRecord, SimpleNamespace(credentials={"shop_secret": secret} if secret else {}))


def _push(body: Any, topic: str = "items/create", key: str = "s3cret") -> tuple[dict, bytes]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return {"x-shop-hmac": signature(key, raw).decode(), "x-shop-topic": topic}, raw


def test_a_signed_push_is_one_unified_event():
    headers, body = _push({"id": 7, "title": "Seven", "extra": 1})
    [event] = PUSH.read(_store(), headers, body)
    assert (event.entity, event.action, event.entity_id) == ("product", "add", "7")
    assert event.data == {"id": "7", "name": "Seven"}
    [gone] = PUSH.read(_store(), *_push({"id": 7, "title": "x"}, "items/delete"))
    assert gone.data == {"id": "7"}  # a delete carries the id only
    assert PUSH.read(_store(), *_push({"id": 7}, "carts/update")) == []  # not subscribed


@pytest.mark.parametrize(("store", "push", "reason"), [
    (_store(None), _push({"id": 1}), "no shop_secret"),
    (_store(), _push({"id": 1}, key="other"), "X-Shop-Hmac does not match"),
    (_store(), _push(b"{not json"), "not JSON"),
    (_store(), _push({"name": "no id"}), "no record id"),
])
def test_a_push_that_does_not_check_out_is_refused(store, push, reason):
    with pytest.raises(PushRejected, match=reason):
        PUSH.read(store, *push)


def test_a_tampered_body_is_refused():
    headers, body = _push({"id": 1, "title": "a"})
    with pytest.raises(PushRejected):
        PUSH.read(_store(), headers, body.replace(b'"a"', b'"b"'))


def test_one_store_is_store_1_with_root_category_0():
    info = one_store("Plat", "Shop", "https://shop.example", "REST v2", currency="EUR",
                     timezone="Europe/Paris", email="o@shop.example", extra={"plan": "basic"})
    [store] = info["stores_info"]
    assert (store["store_id"], store["root_category_id"], store["default"]) == ("1", "0", True)
    assert store["currency"] == {"id": "EUR", "iso3": "EUR"}
    assert store["store_owner_info"] == {"email": "o@shop.example"}
    assert info["additional_fields"] == {"platform": "Plat", "plan": "basic"}
    bare = one_store("Plat", "Shop", "https://shop.example", "v1")["stores_info"][0]
    assert "currency" not in bare and bare["store_owner_info"] == {}


PINGED = SignedPush("shop_secret", "X-Shop-Hmac", "X-Shop-Topic", PUSH.topics, PUSH.unified,
                    ping=b"hook_id=")


class Shop(Pushing):
    cart_id = "Shop"
    push = PINGED


def test_a_ping_is_acknowledged_and_a_pushing_platform_reads_through_its_push():
    assert Shop.read_push(_store(), {}, b"hook_id=7") == []  # unsigned, no topic: a ping
    assert Shop.read_push(_store(None), {}, b"hook_id=7") == []  # checked before any secret
    [event] = Shop.read_push(_store(), *_push({"id": 7, "title": "Seven"}))
    assert (event.entity, event.action, event.entity_id) == ("product", "add", "7")
    with pytest.raises(PushRejected):  # a topic header makes it a push like any other
        Shop.read_push(_store(), {"x-shop-topic": "items/create"}, b"hook_id=7")
    with pytest.raises(PushRejected):  # a platform without pings takes no such exception
        PUSH.read(_store(), {}, b"hook_id=7")


def test_declared_entities_unify_their_pushed_records():
    items = Entity(name="product", label="Item", path="items", id_field="id", model=None,
                   mapper=lambda r, _: {"id": str(r["id"]), "name": r.get("title")})
    people = Entity(name="customer", label="Person", path="people", id_field="id", model=None,
                    fields=(Field("id", "id"),), mapper=lambda r, _: {"id": "c" + str(r["id"])})
    unify = declared((items, people))
    assert unify("product", {"id": 7, "title": "Seven"}) == {"id": "7", "name": "Seven"}
    assert unify("customer", {"id": 7}) == {"id": "c7"}
    with pytest.raises(KeyError):  # an entity no declaration reads: the topic map is wrong
        unify("order", {"id": 7})
