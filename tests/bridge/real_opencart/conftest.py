"""Each OpenCart release installed once per test session; each test connects a new AnyCart
store to it as docs/bridge.md tells a user (account.cart.add, bridge.download, unzip,
cart.validate), so tests do not share AnyCart state (poll cursors, cached config)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from anycart.platforms.opencart.platform import OpenCart
from anycart.worker.loop import Worker
from tests.bridge.harness import BridgeEnv, connect_bridge_env, disconnect_bridge_env
from tests.bridge.real_opencart.install import (
    PREFIX,
    VERSIONS,
    Store,
    install,
    uninstall,
)
from tests.webhooks.conftest import receiver  # noqa: F401  (a loopback webhook receiver)


class OpenCartEnv(BridgeEnv):
    cart_store: Store


@pytest.fixture(scope="session", params=VERSIONS, ids=lambda v: f"oc{v}")
def store(request, mariadb, tmp_path_factory) -> Iterator[Store]:
    installed = install(request.param, tmp_path_factory.mktemp(f"opencart-{request.param}"),
                        mariadb)
    yield installed
    uninstall(installed)


async def connect(store: Store, tmp_path) -> OpenCartEnv:
    env = await connect_bridge_env(tmp_path, store.site, store.mariadb, store.database,
                                   [OpenCart], prefix=PREFIX, env_class=OpenCartEnv,
                                   poll_interval_s=0.0, webhook_retry_base_s=0.1)
    assert isinstance(env, OpenCartEnv)
    env.cart_store = store
    return env


@pytest.fixture
async def env(store, tmp_path):
    connected = await connect(store, tmp_path)
    yield connected
    await disconnect_bridge_env(connected)


def order_body(email: str, status: str, quantity: int) -> dict:
    """An order.add body for the sample iPhone (product 40, 101.00) billed in Texas."""
    return {"customer_email": email, "order_status": status,
            "bill_first_name": "Ada", "bill_last_name": "Lovelace",
            "bill_address_1": "1 Main St", "bill_city": "Austin", "bill_postcode": "78701",
            "bill_state": "TX", "bill_country": "US",
            "order_item": [{"order_item_id": "40", "order_item_name": "iPhone",
                            "order_item_price": 101.0, "order_item_quantity": quantity}]}


def ok(answer: dict) -> dict:
    assert answer["return_code"] == 0, answer
    return answer["result"]


async def poll_and_deliver(worker: Worker) -> None:
    """With ``poll_interval_s=0`` every worker round polls the store again, so a full
    ``drain()`` makes 50 polls; in three rounds events are polled, delivered and settled."""
    await worker.drain(rounds=4)
