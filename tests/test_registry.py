"""Platforms register through the ``anycart.platforms`` entry points."""

from __future__ import annotations

import logging
from importlib.metadata import EntryPoint, entry_points

import pytest

from anycart.platforms.registry import ENTRY_POINT_GROUP, default_registry, registry_from
from tests.memory_platform import MemoryPlatform

PLATFORMS = (MemoryPlatform,)  # what a separate package's entry point would name


def _point(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)


def test_the_installed_distribution_declares_its_nine_platforms() -> None:
    names = {p.name for p in entry_points(group=ENTRY_POINT_GROUP)}
    assert {"shift4shop", "shopify", "opencart", "woocommerce", "prestashop", "woocommerce_api",
            "bigcommerce_api", "magento2_api", "prestashop_api"} <= names
    assert [p.cart_id for p in default_registry()] == [
        "3DCart", "3DCartApi", "BigcommerceApi", "Magento2Api", "Opencart14", "Prestashop",
        "PrestashopApi", "Shopify", "Woocommerce", "WoocommerceApi"]


def test_another_package_adds_a_platform_by_entry_point_alone() -> None:
    registry = registry_from([_point("memory", "tests.test_registry:PLATFORMS"),
                              _point("opencart", "anycart.platforms.opencart.platform:PLATFORMS")])
    assert registry.get("PrestashopApi") is MemoryPlatform
    assert "Opencart14" in registry


def test_a_broken_plug_in_is_logged_and_the_others_still_load(caplog) -> None:
    with caplog.at_level(logging.ERROR, "anycart.platforms"):
        registry = registry_from([_point("broken", "tests.no_such_module:PLATFORMS"),
                                  _point("memory", "tests.test_registry:PLATFORMS")])
    assert [p.cart_id for p in registry] == ["PrestashopApi"]
    assert "'broken'" in caplog.text and "tests.no_such_module" in caplog.text


def test_two_platforms_claiming_one_cart_id_is_refused() -> None:
    class Other(MemoryPlatform):
        pass

    registry = registry_from([_point("memory", "tests.test_registry:PLATFORMS")])
    with pytest.raises(ValueError, match="PrestashopApi is declared twice"):
        registry.register(Other)
