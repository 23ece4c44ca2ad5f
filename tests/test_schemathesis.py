"""schemathesis against the served OpenAPI: generated requests, no 5xx, answers in the contract.

Every operation runs against a real gateway (SQLite, the in-process test platform) with valid
keys, so the generated parameters reach validation and the connector, not just the auth check.
The read operations also run against the Shopify and Shift4Shop simulators, whose mappings build
the addresses, countries and customers the contract's response schemas describe.
"""

from __future__ import annotations

import tempfile
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.registry import PlatformRegistry
from anycart.platforms.shift4shop import platform as s4s_platform
from anycart.platforms.shift4shop.client import RATE_BUDGET as S4S_BUDGET
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.platforms.shopify import platform as shopify_platform
from anycart.platforms.shopify.client import RATE_BUDGET as SHOPIFY_BUDGET
from anycart.platforms.shopify.simulator import ShopifySimulator
from anycart.services import Services, build_services
from anycart.transport.http import RetryPolicy
from anycart.transport.ratelimit import MonotonicClock
from tests.conftest import make_services
from tests.memory_platform import TEST_KEY, TEST_URL, seed_shop

CHECKS = [not_a_server_error, response_schema_conformance]
#: What the simulators are asked: the reads whose answers carry platform-mapped records.
READS = r"^/(cart\.info|(product|category|customer|order)\.(list|info|count|find))\.json$"


def _data_dir() -> str:
    return tempfile.mkdtemp(prefix="anycart-schemathesis-")


def _keys(services: Services, cart_id: str, url: str, credentials: dict[str, Any]) -> dict:
    account, api_key = services.repo.create_account("schemathesis")
    store = services.repo.add_store(account.id, cart_id, url, "schemathesis", credentials)
    return {"x-api-key": api_key, "x-store-key": store.store_key}


def _on_simulator(platforms: list, host: str, app: Any, bucket: str, budget: Any,
                  clock: MonotonicClock) -> Services:
    registry = PlatformRegistry()
    for p in platforms:
        registry.register(p)
    services = build_services(Settings(data_dir=_data_dir()), registry=registry)
    services.http.retry = RetryPolicy(attempts=3, base_delay_s=0.01, max_delay_s=0.05)
    services.http.mount(host, app)
    # the client's bucket runs on the simulator's fast clock (created first, it is the one used)
    services.http.bucket(bucket, budget, clock)
    return services


# -- the test platform: every operation ---------------------------------------------------
_services = make_services(Settings(data_dir=_data_dir()))
seed_shop()
HEADERS = _keys(_services, "PrestashopApi", TEST_URL, {"store_url": TEST_URL,
                                                        "prestashop_webservice_key": TEST_KEY})
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_services))

# -- Shopify simulator: reads ---------------------------------------------------------------
_SHOP, _TOKEN = "schemathesis.myshopify.com", "shpat_00000000000000000000000000000001"
_shopify_clock = MonotonicClock(scale=50)
_shopify_sim = ShopifySimulator(clock=_shopify_clock)
_shopify_sim.shops.add_shop(_SHOP, _TOKEN, size=40, seed=5)
_shopify = _on_simulator(shopify_platform.PLATFORMS, _SHOP, _shopify_sim.app, "shopify:" + _SHOP,
                         SHOPIFY_BUDGET, _shopify_clock)
SHOPIFY_HEADERS = _keys(_shopify, "Shopify", f"https://{_SHOP}",
                        {"store_url": f"https://{_SHOP}", "shopify_access_token": _TOKEN})
shopify_schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(_shopify)).include(path_regex=READS)

# -- Shift4Shop simulator: reads -------------------------------------------------------------
_S4S_URL, _S4S_KEY, _S4S_TOKEN = "https://schemathesis.3dcartstores.com", "pk-1", "token-1"
_s4s_clock = MonotonicClock(scale=50)
_s4s_sim = Shift4ShopSimulator(clock=_s4s_clock)
_s4s_sim.stores.add_store(_S4S_URL, _S4S_KEY, _S4S_TOKEN, size=40, seed=5)
_s4s = _on_simulator(s4s_platform.PLATFORMS, "apirest.3dcart.com", _s4s_sim.app,
                     "shift4shop:" + _S4S_URL, S4S_BUDGET, _s4s_clock)
S4S_HEADERS = _keys(_s4s, "3DCart", _S4S_URL, {"store_url": _S4S_URL,
                                                "3dcart_private_key": _S4S_KEY,
                                                "3dcart_access_token": _S4S_TOKEN})
s4s_schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(_s4s)).include(path_regex=READS)

_settings = settings(max_examples=4, deadline=None, derandomize=True,
                     suppress_health_check=list(HealthCheck))


@schema.parametrize()
@_settings
def test_no_server_error(case):
    case.call_and_validate(headers=HEADERS, checks=CHECKS)


@shopify_schema.parametrize()
@_settings
def test_shopify_reads_conform(case):
    case.call_and_validate(headers=SHOPIFY_HEADERS, checks=CHECKS)


@s4s_schema.parametrize()
@_settings
def test_shift4shop_reads_conform(case):
    case.call_and_validate(headers=S4S_HEADERS, checks=CHECKS)
