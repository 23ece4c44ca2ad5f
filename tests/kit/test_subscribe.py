"""kit.subscribe on Shelf: subscriptions keyed ``scope``/``destination`` with
``{"isActive": true}``, topics read from the platform's SignedPush declaration."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest

from anycart.errors import ApiError
from anycart.platforms.base import Platform
from anycart.platforms.kit.connector import KitConnector
from anycart.platforms.kit.push import SignedPush
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.subscribe import Subscriptions
from tests.kit.shelf import shelf as _shelf

PUSH = SignedPush("shelf_secret", "X-Shelf-Sig", "X-Shelf-Scope",
                  {"store/product/updated": ("product", "update"),
                   "store/order/created": ("order", "add")},
                  lambda entity, record: record)
HOOKS = Subscriptions(Resource("hooks", "data", "data", wrap="", suffix=""), PUSH, "Shelf",
                      topic="scope", address="destination", extra={"isActive": True})
KEYED = {"shelf_secret": "k"}


@pytest.fixture
async def shelf():
    async for pair in _shelf():
        yield pair


async def test_subscribes_once_per_topic_and_address(shelf):
    c, server = shelf
    await HOOKS.subscribe(c.rest, KEYED, "order", "add", "https://me.example/in")
    assert json.loads(server.seen[-1].content) == {
        "scope": "store/order/created", "destination": "https://me.example/in", "isActive": True}
    await HOOKS.subscribe(c.rest, KEYED, "order", "add", "https://me.example/in")  # kept
    await HOOKS.subscribe(c.rest, KEYED, "order", "add", "https://other.example/in")
    await HOOKS.subscribe(c.rest, KEYED, "product", "update", "https://me.example/in")
    assert sorted((h["scope"], h["destination"]) for h in server.rows["hooks"].values()) == [
        ("store/order/created", "https://me.example/in"),
        ("store/order/created", "https://other.example/in"),
        ("store/product/updated", "https://me.example/in")]


@pytest.mark.parametrize("credentials", [{}, {"shelf_secret": ""}])
async def test_a_store_without_the_push_secret_is_refused_first(shelf, credentials):
    c, server = shelf
    with pytest.raises(ApiError) as refused:
        await HOOKS.subscribe(c.rest, credentials, "order", "add", "https://me.example/in")
    assert refused.value.code == 114 and "'shelf_secret'" in refused.value.message
    assert server.seen == []


def test_topic_of_reads_the_push_topics():
    assert HOOKS.topic_of("product", "update") == "store/product/updated"
    with pytest.raises(KeyError):
        HOOKS.topic_of("product", "delete")


#: A platform whose list is matched here, which signs with the secret it is given and pauses
#: subscriptions: a paused one is turned back on, not doubled.
SIGNED = Subscriptions(Resource("hooks", "data", "data", wrap="", suffix=""), PUSH, "Shelf",
                       topic="scope", address="destination", extra={"isActive": True},
                       match_here=True, secret_key="secret",
                       active=("isActive", True))


async def test_matched_here_signed_and_revived(shelf):
    c, server = shelf
    await SIGNED.subscribe(c.rest, KEYED, "order", "add", "https://me.example/in")
    assert json.loads(server.seen[-1].content) == {
        "scope": "store/order/created", "destination": "https://me.example/in", "isActive": True,
        "secret": "k"}
    assert "scope" not in str(server.seen[-2].url)  # the list read whole, not filtered there
    [hook] = server.rows["hooks"].values()
    hook["isActive"] = False  # the platform paused it
    await SIGNED.subscribe(c.rest, KEYED, "order", "add", "https://me.example/in")
    assert [h["isActive"] for h in server.rows["hooks"].values()] == [True]
    await SIGNED.subscribe(c.rest, KEYED, "product", "update", "https://me.example/in")
    assert len(server.rows["hooks"]) == 2


class HookedShelf(KitConnector):
    """A kit connector declaring its subscriptions (``hooks``) over the Shelf client."""

    cart = "Shelf"
    hooks: ClassVar = HOOKS

    def __init__(self, rest: Any) -> None:
        store = SimpleNamespace(store_key="s", store_url="https://shelf.example", credentials=KEYED)
        super().__init__(store, rest.http, Platform)  # type: ignore[arg-type]
        self.rest = rest


async def test_a_kit_connector_subscribes_through_its_hooks_what_they_push(shelf):
    c, server = shelf
    connector = HookedShelf(c.rest)
    assert HOOKS.pushes("order", "add") and not HOOKS.pushes("category", "add")
    await connector.subscribe_native("category", "add", "https://me.example/in")  # polled only
    assert server.seen == []
    await connector.subscribe_native("order", "add", "https://me.example/in")
    assert [(h["scope"], h["destination"]) for h in server.rows["hooks"].values()] == [
        ("store/order/created", "https://me.example/in")]
    with pytest.raises(NotImplementedError):  # a connector declaring none subscribes nothing
        await type("Quiet", (HookedShelf,), {"hooks": None})(c.rest).subscribe_native(
            "order", "add", "https://me.example/in")
