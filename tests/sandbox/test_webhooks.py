"""The simulators' webhook emitter: signature, determinism, retries until 2xx, giving up."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime

import httpx

from anycart.sandbox.webhooks import Emitter, flush_all, hmac_signature, hmac_signer

SECRET = "shpss_secret"
AT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def _receiver(statuses: list[int | Exception]) -> tuple[httpx.AsyncClient, list[httpx.Request]]:
    got: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        got.append(request)
        outcome = statuses.pop(0) if statuses else 200
        if isinstance(outcome, Exception):
            raise outcome
        return httpx.Response(outcome)

    return httpx.AsyncClient(transport=httpx.MockTransport(answer)), got


def _emitter(source: str = "a.myshopify.com", **kw: object) -> Emitter:
    secret = {"value": SECRET}
    return Emitter(hmac_signer("X-Shopify-Hmac-Sha256", lambda: secret["value"]),
                   source=source, now=lambda: AT, **kw)  # type: ignore[arg-type]


def test_shopify_signature_is_base64_hmac_sha256_of_the_body() -> None:
    body = b'{"id":1}'
    want = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    assert hmac_signature(SECRET, body) == want
    assert hmac_signature(SECRET, body, encoding="hex") == \
        hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    item = _emitter().emit("https://x.example/h", "products/create", {"id": 1, "t": "é"},
                           headers={"X-Shopify-Topic": "products/create"})
    assert item.body == json.dumps({"id": 1, "t": "é"}, separators=(",", ":")).encode()
    assert item.headers["X-Shopify-Hmac-Sha256"] == hmac_signature(SECRET, item.body)
    assert item.headers["Content-Type"] == "application/json"
    assert item.headers["X-Shopify-Topic"] == "products/create"


def test_secret_is_read_when_signing() -> None:
    secret = {"value": "one"}
    em = Emitter(hmac_signer("X-Sig", lambda: secret["value"]), source="s")
    first = em.emit("https://x.example", "t", {})
    secret["value"] = "two"
    second = em.emit("https://x.example", "t", {})
    assert first.headers["X-Sig"] == hmac_signature("one", b"{}")
    assert second.headers["X-Sig"] == hmac_signature("two", b"{}")


def test_ids_and_timestamps_are_deterministic() -> None:
    a, b, other = _emitter(), _emitter(), _emitter("b.myshopify.com")
    ids_a = [a.next_id() for _ in range(3)]
    assert ids_a == [b.next_id() for _ in range(3)]
    assert len(set(ids_a)) == 3 and other.next_id() != ids_a[0]
    assert a.timestamp() == "2025-06-01T12:00:00Z"


async def test_kept_until_2xx_with_the_same_id_and_body() -> None:
    client, got = _receiver([500, httpx.ConnectError("down")])
    em = _emitter()
    item = em.emit("https://x.example/h", "orders/create", {"id": 9}, subscription=4)
    assert await em.flush(client) == [("https://x.example/h", "orders/create", 500)]
    assert await em.flush(client) == [("https://x.example/h", "orders/create", None)]
    assert em.queue == [item] and item.attempts == 2 and item.statuses == [500, None]
    assert await em.flush(client) == [("https://x.example/h", "orders/create", 200)]
    assert em.queue == [] and item.webhook_id == 4 and item.payload() == {"id": 9}
    assert [r.content for r in got] == [item.body] * 3
    assert {r.headers["x-shopify-hmac-sha256"] for r in got} == \
        {hmac_signature(SECRET, item.body)}
    assert await em.flush(client) == []
    await client.aclose()


async def test_given_up_after_max_attempts() -> None:
    client, got = _receiver([503, 503, 503])
    em = _emitter(max_attempts=2)
    em.emit("https://x.example/1", "t", {"n": 1})
    em.emit("https://x.example/2", "t", {"n": 2})
    await em.flush(client)  # 503, 503
    assert len(em.queue) == 2 and em.failed == []
    outcomes = await em.flush(client)  # 503, then 200
    assert [s for _, _, s in outcomes] == [503, 200]
    assert em.queue == [] and [d.address for d in em.failed] == ["https://x.example/1"]
    assert len(got) == 4
    await client.aclose()


async def test_flush_all_flushes_every_emitter_in_turn() -> None:
    client, got = _receiver([500])
    a, b = _emitter(), _emitter("b.myshopify.com")
    a.emit("https://x.example/a", "t", {})
    b.emit("https://x.example/b", "t", {})
    assert await flush_all([a, b], client) == [("https://x.example/a", "t", 500),
                                               ("https://x.example/b", "t", 200)]
    assert len(a.queue) == 1 and b.queue == [] and len(got) == 2
    await client.aclose()


async def test_each_attempt_is_told_and_a_delivery_may_carry_its_own_signer() -> None:
    client, _ = _receiver([500, 200])
    seen: list[tuple[int, int | None]] = []
    em = Emitter(hmac_signer("X-Sig", lambda: "shared"), source="s",
                 attempted=lambda d, status: seen.append((d.subscription, status)))
    own = em.emit("https://x.example/1", "t", {}, subscription=1,
                  signer=lambda body: {"X-Own": hmac_signature("mine", body)})
    shared = em.emit("https://x.example/2", "t", {}, subscription=2)
    assert own.headers["X-Own"] == hmac_signature("mine", b"{}") and "X-Sig" not in own.headers
    assert shared.headers["X-Sig"] == hmac_signature("shared", b"{}")
    await flush_all([em], client)
    assert seen == [(1, 500), (2, 200)]
    await client.aclose()


async def test_a_raw_body_is_sent_as_it_is_with_the_given_content_type() -> None:
    client, got = _receiver([])
    em = _emitter()
    item = em.emit("https://x.example/p", "ping", None, raw=b"webhook_id=3",
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert item.body == b"webhook_id=3"
    await em.flush(client)
    assert got[0].content == b"webhook_id=3"
    assert got[0].headers["content-type"] == "application/x-www-form-urlencoded"
    await client.aclose()
