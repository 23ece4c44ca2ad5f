"""Issue 12 item 4, the class: every contract method a PrestaShop or WooCommerce driver serves
applies each parameter the contract lets a client send, or refuses it with 109. A handler
either runs ``applied.served`` (which refuses what is not in its applied set) or reads
every non-control parameter of its method itself."""

from __future__ import annotations

import inspect

import pytest

from anycart.contract.catalogue import load_catalogue
from anycart.platforms.applied import CALL_CONTROLS
from anycart.platforms.prestashop.platform import PrestaShop
from anycart.platforms.woocommerce.platform import WooCommerce


@pytest.mark.parametrize("platform", [PrestaShop, WooCommerce], ids=["prestashop", "woocommerce"])
def test_every_handler_applies_or_refuses_each_parameter(platform):
    connector = platform.connector
    unguarded = {}
    for op in load_catalogue():
        if not connector.serves(op.name):
            continue
        source = inspect.getsource(getattr(connector, connector.handler_name(op.name)))
        if "served(call" in source:
            continue
        names = {p.name for p in op.params} | set(((op.body or {}).get("properties") or {}))
        unread = sorted(n for n in names - CALL_CONTROLS if f'"{n}"' not in source)
        if unread:
            unguarded[op.name] = unread
    assert unguarded == {}
