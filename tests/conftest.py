"""Shared fixtures: a gateway on a real database (SQLite, and PostgreSQL when configured).

PostgreSQL runs when ``ANYCART_TEST_POSTGRES_URL`` is set (``.ci/run`` starts a server and
sets it). Under CI a missing PostgreSQL is an error, not a skip.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.registry import PlatformRegistry
from anycart.services import Services, build_services
from tests.memory_platform import TEST_HOST, TEST_KEY, TEST_URL, MemoryPlatform, seed_shop

# ../shared beside the checkout holds the contract and the recordings.
SHARED = Path(os.environ.get("ANYCART_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))

PG_URL = os.environ.get("ANYCART_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_database():
    """A fresh PostgreSQL database for this test session."""
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("ANYCART_TEST_POSTGRES_URL is not set under CI: PostgreSQL tests must run")
        pytest.skip("PostgreSQL not configured (set ANYCART_TEST_POSTGRES_URL)")
    name = f"anycart_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path) -> Settings:
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_database")
        return Settings(data_dir=tmp_path, database_url=url)
    return Settings(data_dir=tmp_path)


@pytest.fixture
def sqlite_settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path)


def memory_registry() -> PlatformRegistry:
    registry = PlatformRegistry()
    registry.register(MemoryPlatform)
    return registry


async def _no_app(scope, receive, send):  # the memory platform never sends HTTP
    raise RuntimeError("memory platform does not serve HTTP")


def make_services(settings: Settings) -> Services:
    services = build_services(settings, registry=memory_registry())
    services.http.mount(TEST_HOST, _no_app)
    return services


@dataclass
class Env:
    services: Services
    client: httpx.AsyncClient
    api_key: str
    store_key: str

    @property
    def keys(self) -> dict[str, str]:
        return {"api_key": self.api_key, "store_key": self.store_key}

    async def call(self, method: str, params: dict | None = None, body: dict | None = None,
                   http_method: str | None = None) -> dict:
        op = self.services.catalogue.get(method)
        verb = http_method or (op.http_method if op else "GET")
        if body is not None or (op is not None and op.body is not None and verb in ("POST", "PUT")):
            r = await self.client.request(verb, f"/v1.1/{method}.json", params=self.keys,
                                          json=body if body is not None else {**(params or {})})
        else:
            r = await self.client.request(verb, f"/v1.1/{method}.json",
                                          params={**self.keys, **(params or {})})
        assert r.status_code < 500, r.text
        return r.json()


async def make_env(settings: Settings) -> Env:
    services = make_services(settings)
    seed_shop()
    account, api_key = services.repo.create_account("test")
    store = services.repo.add_store(account.id, "PrestashopApi", TEST_URL, "memory",
                                    {"store_url": TEST_URL, "prestashop_webservice_key": TEST_KEY})
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test")
    return Env(services, client, api_key, store.store_key)


async def _env_for(settings: Settings):
    e = await make_env(settings)
    yield e
    await e.client.aclose()
    e.services.db.dispose()


@pytest.fixture
async def env(settings):
    """The gateway on every backend (SQLite, PostgreSQL)."""
    async for e in _env_for(settings):
        yield e


@pytest.fixture
async def sqlite_env(sqlite_settings):
    """The gateway on SQLite only, for tests about the API rather than storage."""
    async for e in _env_for(sqlite_settings):
        yield e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """A real uvicorn server on loopback, in a thread."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(5)
