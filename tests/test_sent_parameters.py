"""A write applies what the client sent, even a value equal to the contract's default.

``product.update avail=true`` re-enables a disabled product on every platform serving it
(it answered 110 "Nothing to update": a value equal to the default counted as not sent).
A body shaped as a generated SDK sends it (every defaulted parameter present) is the one
case the wire cannot tell apart, and it leaves what its defaults name untouched
(docs/return-codes.md, "Values equal to a default").
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

from anycart.config import Settings
from anycart.contract.catalogue import load_catalogue
from tests.bridge.harness import close_bridge_env, open_bridge_env
from tests.bridge.mariadb import mariadb  # noqa: F401  (session fixture of the bridge carts)

HOSTED = ["Shift4Shop", "Shopify", "WoocommerceApi"]
#: Hosted platforms whose product.update cannot set availability (109 for ``avail``).
NO_AVAIL = {"Shopify", "WoocommerceApi"}
BRIDGED = ["opencart", "woocommerce", "prestashop"]


@contextlib.asynccontextmanager
async def _hosted(name: str, tmp_path: Any) -> Any:
    if name == "Shift4Shop":
        from tests.platforms.shift4shop.test_connector import close_env, open_env
        e = await open_env(Settings(data_dir=tmp_path))
        answer = await e.connect()
        assert answer["return_code"] == 0, answer
        try:
            yield e
        finally:
            await close_env(e)
    elif name == "Shopify":
        from tests.platforms.shopify.test_connector import open_env as shopify
        async with shopify(tmp_path, 5) as e:
            yield e
    else:
        from tests.platforms.woocommerce_api.test_connector import open_env as woo
        async with woo(tmp_path) as e:
            yield e


@contextlib.asynccontextmanager
async def _bridged(folder: str, tmp_path: Any, db: Any) -> Any:
    import importlib
    platform = importlib.import_module(f"anycart.platforms.{folder}.platform").PLATFORMS[0]
    seed = importlib.import_module(f"anycart.platforms.{folder}.seed")
    prefix = {"opencart": "oc_", "woocommerce": "wp_", "prestashop": "ps_"}[folder]

    def load(conn: Any, p: str) -> None:
        seed.apply_schema(conn, p)
        seed.load(conn, p, products=6, customers=3, orders=2)

    e = await open_bridge_env(tmp_path, db, folder, [platform], load, prefix=prefix)
    try:
        yield e
    finally:
        await close_bridge_env(e)


async def _open(request: Any, tmp_path: Any) -> Any:
    if request.param in HOSTED:
        return _hosted(request.param, tmp_path)
    return _bridged(request.param, tmp_path, request.getfixturevalue("mariadb"))


@pytest.fixture(params=[n for n in HOSTED if n not in NO_AVAIL] + BRIDGED)
async def env(request, tmp_path):
    async with await _open(request, tmp_path) as e:
        yield e


@pytest.fixture(params=sorted(NO_AVAIL))
async def refusing(request, tmp_path):
    async with await _open(request, tmp_path) as e:
        yield e


def ok(answer: dict) -> dict:
    assert answer["return_code"] == 0, answer
    return answer["result"]


async def _product(env: Any) -> str:
    """A product the seed left visible and for sale."""
    listed = ok(await env.call("product.list", {"count": 6, "params": "id,avail_view,avail_sale"}))
    return next(str(p["id"]) for p in listed["product"] if False not in _shown(p))


async def _info(env: Any, pid: str) -> dict:
    return ok(await env.call("product.info", {"id": pid, "params": "id,price,avail_view,avail_sale"}))


def _shown(info: dict) -> tuple[Any, Any]:
    return info["avail_view"], info["avail_sale"]


def _sdk_body(method: str) -> dict[str, Any]:
    """Every body default of ``method``, as a generated API2Cart SDK sends it on each call."""
    op = load_catalogue().get(method)
    assert op is not None and op.body is not None
    return {k: s["default"] for k, s in op.body["properties"].items()
            if isinstance(s, dict) and "default" in s}


async def test_avail_true_re_enables_a_disabled_product(env):
    pid = await _product(env)
    shown = _shown(await _info(env, pid))
    ok(await env.call("product.update", body={"id": pid, "avail": False}))
    off = _shown(await _info(env, pid))
    assert off != shown and False in off
    ok(await env.call("product.update", body={"id": pid, "avail": True}))
    assert _shown(await _info(env, pid)) == shown
    # the query-string form of the call is the same call
    ok(await env.call("product.update", body={"id": pid, "avail": False}))
    ok(await env.call("product.update", {"id": pid, "avail": "true"}))
    assert _shown(await _info(env, pid)) == shown


async def test_an_sdk_shaped_update_leaves_what_its_defaults_name(env):
    """An SDK sends ``avail=true`` with every other default on a price change: the disabled
    product stays disabled and only the price changes; no 109 for the defaults either."""
    pid = await _product(env)
    ok(await env.call("product.update", body={"id": pid, "avail": False}))
    off = _shown(await _info(env, pid))
    ok(await env.call("product.update", body={**_sdk_body("product.update"), "id": pid,
                                              "price": 7.25}))
    after = await _info(env, pid)
    assert after["price"] == 7.25 and _shown(after) == off


async def test_avail_true_alone_is_refused_where_not_applied(refusing):
    """A platform that cannot set availability names ``avail`` (109) when it is all a call
    sends, rather than "Nothing to update"; the SDK-shaped call is not refused for it."""
    pid = await _product(refusing)
    answer = await refusing.call("product.update", body={"id": pid, "avail": True})
    assert answer["return_code"] == 109 and "'avail'" in answer["return_message"], answer
    ok(await refusing.call("product.update", body={**_sdk_body("product.update"), "id": pid,
                                                   "price": 7.25}))
    assert (await _info(refusing, pid))["price"] == 7.25
