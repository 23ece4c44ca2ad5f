"""One bridge store, end to end: MariaDB database -> cart files + bridge.php under ``php -S``
-> AnyCart's HTTP API (in-process ASGI) with the store added and its bridge downloaded.

    env = await open_bridge_env(tmp_path, mariadb, "opencart", [OpenCart], load)
    answer = await env.call("product.list", {"count": 5})
    await close_bridge_env(env)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.base import Platform
from anycart.platforms.registry import PlatformRegistry
from anycart.services import build_services
from anycart.transport.http import RetryPolicy
from tests.bridge.mariadb import MariaDb
from tests.bridge.site import PhpServer, install_bridge, write_cart_files
from tests.platforms.gateway_env import GatewayEnv

#: (pymysql connection, table prefix) -> None: creates the cart's tables and rows.
Loader = Callable[[Any, str], None]


class BridgeEnv(GatewayEnv):
    site: PhpServer
    root: Path
    database: str
    prefix: str
    mariadb: MariaDb

    def store(self):
        account = self.services.repo.authenticate(self.api_key)
        return self.services.repo.get_store(account.id, self.store_key)

    async def download(self, **params: Any) -> httpx.Response:
        return await self.client.get("/v1.1/bridge.download.file", params={
            "api_key": self.api_key, "store_key": self.store_key, **params})

    def sql(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Read the cart's database directly (what a test checks the bridge wrote)."""
        import pymysql

        with self.mariadb.connect(self.database) as conn, \
                conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute(statement.replace("{p}", self.prefix), list(params))
            return list(cur.fetchall())


async def open_bridge_env(tmp_path: Path, mariadb: MariaDb, cart: str,
                          platforms: Sequence[type[Platform]], load: Loader, *,
                          cart_id: str | None = None, prefix: str = "oc_",
                          version: str | None = None, workers: int = 2,
                          **settings: Any) -> BridgeEnv:
    database = mariadb.create_database(cart)
    with mariadb.connect(database) as conn:
        load(conn, prefix)
    root = tmp_path / "store"
    root.mkdir()
    write_cart_files(root, cart, mariadb, database, prefix, version)
    return await connect_bridge_env(tmp_path, PhpServer(root, workers=workers), mariadb,
                                    database, platforms, cart_id=cart_id, prefix=prefix,
                                    **settings)


async def connect_bridge_env(tmp_path: Path, site: PhpServer, mariadb: MariaDb, database: str,
                             platforms: Sequence[type[Platform]], *, cart_id: str | None = None,
                             prefix: str = "oc_", env_class: type[BridgeEnv] = BridgeEnv,
                             **settings: Any) -> BridgeEnv:
    """Connect a served store as docs/bridge.md tells a user: account.cart.add,
    bridge.download, unzip into the store root, cart.validate."""
    registry = PlatformRegistry()
    for platform in platforms:
        registry.register(platform)
    # The store is on 127.0.0.1, which AnyCart refuses unless the operator allows it.
    services = build_services(Settings(data_dir=tmp_path / "anycart", allow_private_networks=True,
                                       embedded_worker=False, **settings), registry=registry)
    services.http.retry = RetryPolicy(attempts=3, base_delay_s=0.02, max_delay_s=0.2)
    _, api_key = services.repo.create_account("bridge-tests")
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test", timeout=60)
    env = env_class(None, services, client, api_key)
    env.mariadb, env.database, env.prefix = mariadb, database, prefix
    env.root, env.site = site.root, site
    added = await env.call("account.cart.add", body={
        "cart_id": cart_id or platforms[0].cart_id, "store_url": env.site.url, "verify": False})
    assert added["return_code"] == 0, added
    env.store_key = added["result"]["store_key"]
    download = await env.download()
    assert download.status_code == 200, download.text
    install_bridge(env.root, download.content)
    valid = await env.call("cart.validate")
    assert valid["return_code"] == 0, valid
    return env


async def disconnect_bridge_env(env: BridgeEnv) -> None:
    """Close AnyCart's side only (the store and its database stay)."""
    await env.client.aclose()
    await env.services.http.aclose()
    env.services.db.dispose()


async def close_bridge_env(env: BridgeEnv) -> None:
    env.site.stop()
    await disconnect_bridge_env(env)
    env.mariadb.drop_database(env.database)
