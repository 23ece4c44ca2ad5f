"""A fresh OpenCart database per test module (3.0.x and 4.0.x schema) and the driver on it;
``env``: AnyCart's HTTP API on the real bridge.php over a small store of each release."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from anycart.platforms.bridge.files import LocalFiles
from anycart.platforms.opencart import seed
from anycart.platforms.opencart.platform import OpenCart
from anycart.platforms.opencart.seed import apply_schema, load
from anycart.storage.repository import StoreRecord
from tests.bridge.direct import DirectExecutor
from tests.bridge.harness import close_bridge_env, open_bridge_env
from tests.bridge.schema_check import SchemaCheckedExecutor

PREFIX = "oc_"
VERSIONS = {"3": "3.0.3.8", "4": "4.0.2.3"}


@pytest.fixture(scope="module", params=sorted(VERSIONS))
def oc_database(request, mariadb):
    name = mariadb.create_database(f"oc{request.param}")
    with mariadb.connect(name) as conn:
        apply_schema(conn, PREFIX, version=request.param)
        load(conn, PREFIX, products=300, customers=60, orders=80, seed=7)
    yield mariadb, name, request.param
    mariadb.drop_database(name)


@pytest.fixture
def oc(oc_database, tmp_path):
    mariadb, name, version = oc_database
    store = StoreRecord(id=1, account_id=1, store_key="k", cart_id="Opencart14",
                        store_url="https://shop.example", label="oc", credentials={},
                        created_at=datetime.now(UTC))
    conn = OpenCart.connect(store, http=None)
    direct = DirectExecutor(host=mariadb.host, port=mariadb.port, user=mariadb.user,
                            password=mariadb.password, database=name, prefix=PREFIX)
    # No column outside the release's own DDL (schema.sql for 3.x, schema4.sql for 4.0.x).
    schema = Path(seed.__file__).with_name("schema4.sql" if version == "4" else "schema.sql")
    conn.db = SchemaCheckedExecutor(direct, schema)
    conn.files = LocalFiles(tmp_path)
    conn.version = VERSIONS[version]
    conn.root = tmp_path
    yield conn
    conn.db.close()


@pytest.fixture(params=sorted(VERSIONS))
async def env(request, tmp_path, mariadb):
    def loader(conn, prefix):
        apply_schema(conn, prefix, version=request.param)
        load(conn, prefix, products=40, customers=12, orders=15)

    e = await open_bridge_env(tmp_path, mariadb, "opencart", [OpenCart], loader,
                              version=VERSIONS[request.param])
    yield e
    await close_bridge_env(e)


def run(coro):
    return asyncio.run(coro)
