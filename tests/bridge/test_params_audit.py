"""Issue 12 item 4, the class: every contract method a bridge driver (OpenCart, PrestaShop,
WooCommerce) serves declares the parameters it applies (``<cart>/params.py``, wrapped by
``platforms.applied.guard``), and each other contract parameter given is refused with 109
naming it before the store is touched. One mechanism, one set of call controls."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from anycart.contract.catalogue import load_catalogue
from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import NEUTRAL, PAGING
from anycart.platforms.base import Call
from anycart.platforms.opencart import params as oc_params
from anycart.platforms.opencart.platform import OpenCart
from anycart.platforms.prestashop import params as ps_params
from anycart.platforms.prestashop.platform import PrestaShop
from anycart.platforms.woocommerce import params as wc_params
from anycart.platforms.woocommerce.platform import WooCommerce
from anycart.storage.repository import StoreRecord

CARTS = {"opencart": (OpenCart, oc_params), "prestashop": (PrestaShop, ps_params),
         "woocommerce": (WooCommerce, wc_params)}


def _served(platform):
    return [op for op in load_catalogue() if platform.connector.serves(op.name)]


@pytest.mark.parametrize("cart", sorted(CARTS))
def test_every_served_method_declares_what_it_applies(cart):
    platform, params = CARTS[cart]
    assert sorted(op.name for op in _served(platform)) == sorted(params.APPLIED)
    for method in params.APPLIED:  # guard() wrapped the handler
        assert hasattr(getattr(platform.connector, platform.connector.handler_name(method)),
                       "__wrapped__"), method


def _unapplied():
    for cart, (platform, params) in sorted(CARTS.items()):
        for op in _served(platform):
            names = [p.name for p in op.params] + list((op.body or {}).get("properties") or {})
            for name in sorted(set(names)):
                if name not in params.APPLIED[op.name] | PAGING | NEUTRAL:
                    yield cart, op.name, name


@pytest.fixture(scope="module")
def bare():
    """Drivers with no database: the refusal comes before anything is read."""
    out = {}
    for cart, (platform, _) in CARTS.items():
        store = StoreRecord(id=1, account_id=1, store_key="k", cart_id=platform.cart_id,
                            store_url="https://shop.example", label=cart, credentials={},
                            created_at=datetime.now(UTC))
        conn = platform.connect(store, http=None)
        conn.version = "3.0.4.1"
        out[cart] = conn
    return out


def _call(conn, method, params):
    handler = getattr(conn, conn.handler_name(method))
    return asyncio.run(handler(Call(method, params, start=0, count=10)))


UNAPPLIED = sorted(set(_unapplied()))


def test_the_call_controls_are_decided_once():
    # idempotency_key is the gateway's for webhook.create only: a cart write refuses it on
    # every cart (PrestaShop and WooCommerce used to accept and ignore it).
    for cart in CARTS:
        assert (cart, "product.add", "idempotency_key") in UNAPPLIED
        assert (cart, "order.add", "idempotency_key") in UNAPPLIED
    # lang_id is applied only by a driver that reads it (PrestaShop), store_id likewise.
    assert ("prestashop", "product.list", "lang_id") not in UNAPPLIED
    assert ("woocommerce", "product.list", "lang_id") in UNAPPLIED
    assert ("opencart", "order.list", "store_id") not in UNAPPLIED
    assert ("woocommerce", "order.list", "store_id") in UNAPPLIED


@pytest.mark.parametrize("cart,method,name", UNAPPLIED)
def test_a_parameter_not_applied_is_refused_naming_it(bare, cart, method, name):
    value = "7" if name != "store_id" else "3"
    with pytest.raises(ApiError) as err:
        _call(bare[cart], method, {name: value})
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    assert f"'{name}'" in err.value.message


@pytest.mark.parametrize("cart", sorted(CARTS))
@pytest.mark.parametrize("value", [False, "false"])
def test_clear_cache_false_is_what_every_driver_does(bare, cart, value):
    # No driver clears a storefront cache: "do not clear" passes the guard (the handler then
    # fails on the missing database, which proves the guard let it through).
    with pytest.raises(Exception) as err:
        _call(bare[cart], "product.add", {"clear_cache": value})
    assert "clear_cache" not in str(err.value)


@pytest.mark.parametrize("cart", sorted(CARTS))
def test_reads_apply_what_their_declarations_map(cart):
    # The reads of every cart are SqlEntity declarations: what list/count/info/find apply is
    # what the declaration maps (filters, dates, sort, find vocabulary), nothing listed apart,
    # and each generated handler is the guarded one the connector serves.
    platform, params = CARTS[cart]
    assert platform.connector.entities
    for entity in platform.connector.entities:
        for method, names in entity.applied().items():
            assert params.APPLIED[method] == names, method
            handler = getattr(platform.connector, platform.connector.handler_name(method))
            assert hasattr(handler, "__wrapped__"), method
