"""Limits and what the gateway shows of itself (issue 12, items 13, 15, 16, 17).

13: request bodies are bounded (``ANYCART_MAX_BODY_BYTES``) without reading past the bound;
15: id lists are capped and platform fan-out is bounded per store; 16: keys sent as query
parameters never reach a log line in clear, uvicorn's access log included; 17: unknown paths
and verbs answer the contract envelope.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from anycart.config import Settings
from anycart.contract.validation import MAX_IDS
from anycart.http.app import create_app
from anycart.redact import redact, uvicorn_log_config
from anycart.transport import fanout
from tests.conftest import free_port, make_env


def _product(i: int) -> dict:
    """A product as a real catalog sends one: 16 KB of HTML description, images, meta."""
    return {"name": f"Product {i} " + "x" * 80, "model": f"M-{i:06d}", "sku": f"SKU-{i:06d}",
            "price": 19.99, "quantity": 5, "description": "<p>" + "Lorem ipsum " * 1360 + "</p>",
            "short_description": "<p>" + "short " * 150 + "</p>",
            "meta_title": "t" * 70, "meta_description": "d" * 160,
            "image_url": f"https://cdn.example.com/p/{i}/0.jpg",
            "additional_image_urls": [f"https://cdn.example.com/p/{i}/{n}.jpg" for n in range(8)]}


# -- 13: body size -------------------------------------------------------------------------

async def test_a_full_batch_fits_the_default_body_limit(sqlite_env):
    body = json.dumps({"payload": [_product(i) for i in range(250)]}).encode()
    limit = Settings().max_body_bytes
    assert 4_000_000 < len(body) < limit  # the default is sized from this body
    r = await sqlite_env.client.post("/v1.1/product.add.batch.json", params=sqlite_env.keys,
                                     content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["return_code"] == 0, r.text[:300]


async def test_a_body_over_the_limit_is_refused_unread(tmp_path):
    env = await make_env(Settings(data_dir=tmp_path, max_body_bytes=100_000,
                                  embedded_worker=False))
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:  # chunked: no Content-Length to go by
        nonlocal sent
        for _ in range(1000):
            sent += 10_000
            yield b" " * 10_000

    try:
        r = await env.client.post("/v1.1/product.add.json", params=env.keys, content=chunks())
        assert r.status_code == 413
        assert r.json() == {"return_code": 100, "result": {}, "return_message":
                            "Incorrect API request: the body is larger than 100000 bytes "
                            "(the server's ANYCART_MAX_BODY_BYTES)."}
        assert sent <= 110_000  # stopped at the limit, not after 10 MB
        ok = await env.client.post("/v1.1/product.add.json", params=env.keys, json={"name": "a"})
        assert ok.status_code == 200 and ok.json()["return_code"] != 100
    finally:
        await env.client.aclose()
        env.services.db.dispose()


def test_a_declared_length_over_the_limit_is_answered_before_the_body(tmp_path):
    from tests.conftest import make_services

    services = make_services(Settings(data_dir=tmp_path, max_body_bytes=1000,
                                      embedded_worker=False))
    server = uvicorn.Server(uvicorn.Config(create_app(services), host="127.0.0.1",
                                           port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.02)
        with socket.create_connection(("127.0.0.1", server.config.port), timeout=5) as s:
            # Claims 10 GB and sends none of it: the answer must come anyway.
            s.sendall(b"POST /v1.1/product.add.json?api_key=x HTTP/1.1\r\nHost: t\r\n"
                      b"Content-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n")
            head = b""
            while b'"result"' not in head:
                chunk = s.recv(65536)
                if not chunk:
                    break
                head += chunk
        head = head.decode()
        assert head.startswith("HTTP/1.1 413"), head
        assert '"return_code":100' in head
    finally:
        server.should_exit = True
        thread.join(5)
        services.db.dispose()


# -- 15: id lists and fan-out --------------------------------------------------------------

async def test_id_lists_are_capped(sqlite_env):
    too_many = ",".join(str(i) for i in range(1, MAX_IDS + 2))
    for method, name in (("product.list", "product_ids"), ("order.list", "order_ids"),
                         ("customer.list", "ids"), ("order.list", "order_status_ids")):
        answer = await sqlite_env.call(method, {name: too_many})
        assert answer["return_code"] == 109, answer
        assert answer["return_message"] == (f"Parameter '{name}' must not contain more than "
                                            f"{MAX_IDS} items."), answer
    listed = await sqlite_env.call("product.list", {"product_ids": too_many.rsplit(",", 1)[0]})
    assert listed["return_code"] == 0, listed


class _InFlight:
    """ASGI middleware counting the simulator's concurrent requests."""

    def __init__(self, app) -> None:
        self.app, self.now, self.peak, self.total = app, 0, 0, 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        self.now += 1
        self.total += 1
        self.peak = max(self.peak, self.now)
        try:
            await asyncio.sleep(0.005)  # a platform takes time to answer
            await self.app(scope, receive, send)
        finally:
            self.now -= 1


async def test_shift4shop_fan_out_is_bounded_per_store(tmp_path):
    from tests.platforms.shift4shop.test_connector import API_HOST, close_env, open_env

    env = await open_env(Settings(data_dir=tmp_path, embedded_worker=False), scale=5000, size=300)
    try:
        assert (await env.connect())["return_code"] == 0
        counter = _InFlight(env.sim.app)
        env.services.http.mount(API_HOST, counter)
        ids = ",".join(str(i) for i in range(1, MAX_IDS + 1))
        answers = await asyncio.gather(*(env.call("product.list", {"product_ids": ids,
                                                                   "count": 250})
                                          for _ in range(2)))
        for answer in answers:
            assert answer["return_code"] == 0, answer
            assert len(answer["result"]["product"]) == 250
        assert counter.total >= 2 * MAX_IDS
        # Two calls of 250 ids each: never more than PER_STORE requests at once for the store.
        assert 1 < counter.peak <= fanout.PER_STORE, counter.peak
    finally:
        await close_env(env)


async def test_fan_out_failure_cancels_the_rest():
    started, finished = [], []

    async def job(i: int) -> int:
        started.append(i)
        if i == 3:
            raise ValueError("platform said no")
        await asyncio.sleep(0.05)
        finished.append(i)
        return i

    with pytest.raises(ValueError, match="platform said no"):
        await fanout.gather("store", (job(i) for i in range(50)))
    await asyncio.sleep(0.1)
    assert len(started) <= fanout.PER_STORE + 1 and finished == []
    assert await fanout.gather("store", (job(i) for i in (1, 2))) == [1, 2]


# -- 16: secrets out of the logs -----------------------------------------------------------

def test_redact_masks_keys_tokens_secrets_and_passwords():
    line = ('127.0.0.1:5 - "GET /v1.1/product.list.json?api_key=AK123&store_key=SK456&count=5'
            '&shopify_access_token=shpat_1&password=hunter2&x=1 HTTP/1.1" 200')
    out = redact(line)
    for secret in ("AK123", "SK456", "shpat_1", "hunter2"):
        assert secret not in out
    assert "count=5" in out and "x=1" in out and "api_key=***" in out
    assert redact('{"3dcart_private_key": "abc", "name": "n"}') == \
        '{"3dcart_private_key": "***", "name": "n"}'
    assert "s3cr3t" not in redact("headers: x-api-key: s3cr3t")


def test_access_log_of_a_real_server_has_no_keys(tmp_path):
    from tests.conftest import make_services

    records: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    services = make_services(Settings(data_dir=tmp_path, embedded_worker=False))
    _, api_key = services.repo.create_account("logs")
    config = uvicorn.Config(create_app(services), host="127.0.0.1", port=free_port(),
                            log_config=uvicorn_log_config(), log_level="info", access_log=True)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    capture = Capture()
    try:
        while not server.started:
            time.sleep(0.02)
        for name in ("uvicorn.access", "anycart"):
            logging.getLogger(name).addHandler(capture)
        url = f"http://127.0.0.1:{config.port}/v1.1/cart.list.json"
        httpx.get(url, params={"api_key": api_key, "store_key": "STOREKEY-123",
                               "my_token": "TOK-9"})
        logging.getLogger("anycart.test").warning("store_url=https://x?password=%s", "pw-77")
        deadline = time.monotonic() + 5
        while not any("cart.list" in r for r in records) and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        for name in ("uvicorn.access", "anycart"):
            logging.getLogger(name).removeHandler(capture)
        server.should_exit = True
        thread.join(5)
        services.db.dispose()
    access = [r for r in records if "cart.list" in r]
    assert access, records
    text = "\n".join(records)
    for secret in (api_key, "STOREKEY-123", "TOK-9", "pw-77"):
        assert secret not in text, text
    assert "api_key=***" in access[0] and "store_key=***" in access[0]
    # uvicorn's own handlers carry the filter too (records from other loggers propagate).
    handlers = uvicorn_log_config()["handlers"]
    assert all("redact" in h["filters"] for h in handlers.values())
    assert getattr(logging.getLogRecordFactory(), "redacts", False)


# -- 17: 404 and 405 in the envelope -------------------------------------------------------

@pytest.mark.parametrize("verb, path, status, code, text", [
    ("GET", "/nothing/here", 404, 3, "Unknown path '/nothing/here'"),
    ("GET", "/v1.1/product.list.xml", 404, 3, "Method 'product.list.xml' not found."),
    ("PATCH", "/v1.1/product.list.json", 405, 100, "HTTP method PATCH is not allowed"),
    ("OPTIONS", "/v1.1/product.list.json", 405, 100, "HTTP method OPTIONS is not allowed"),
    ("POST", "/openapi.json", 405, 100, "HTTP method POST is not allowed"),
])
async def test_unknown_paths_and_verbs_answer_the_envelope(sqlite_env, verb, path, status, code,
                                                           text):
    r = await sqlite_env.client.request(verb, path, params=sqlite_env.keys)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"return_code", "return_message", "result"}, body
    assert body["return_code"] == code and body["result"] == {}
    assert text in body["return_message"], body
    if status == 405:
        assert r.headers["allow"]


async def test_head_is_answered_405_without_a_body(sqlite_env):
    r = await sqlite_env.client.head("/v1.1/product.list.json", params=sqlite_env.keys)
    assert r.status_code == 405 and r.headers["allow"]
