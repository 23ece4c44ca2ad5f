"""The HTTP layer: which requests are retried (issue 12 item 19), the SSRF guard's pinning
(item 20) and ``ANYCART_HTTP_RETRIES`` (item 21a).

Platforms are ``httpx.MockTransport``s that count what reaches them: a mounted one for the
retry rules, the network transport itself for the guard.
"""

from __future__ import annotations

import httpx
import pytest

from anycart.config import Settings
from anycart.services import build_services
from anycart.transport.http import (
    IDEMPOTENT,
    HttpLayer,
    PlatformUnavailable,
    RateLimitTransport,
    RetryPolicy,
    RetryTransport,
    deliver,
)
from anycart.transport.ratelimit import BucketBudget

HOST = "shop.example"
PUBLIC_IP = "93.184.216.34"
FAST = RetryPolicy(attempts=4, base_delay_s=0.001, max_delay_s=0.002)


class Platform:
    """Answers with the scripted outcomes in turn (an exception is raised), then 200."""

    def __init__(self, *outcomes: int | type[Exception]) -> None:
        self.outcomes = list(outcomes)
        self.seen: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request.method)
        outcome = self.outcomes.pop(0) if self.outcomes else 200
        if isinstance(outcome, int):
            return httpx.Response(outcome, json={})
        raise outcome("scripted", request=request)


def mounted(platform: Platform) -> HttpLayer:
    layer = HttpLayer(retry=FAST)
    layer.mounts[HOST] = httpx.MockTransport(platform)
    return layer


async def send(layer: HttpLayer, method: str, **kw) -> httpx.Response:
    return await layer.send(layer.client.build_request(method, f"https://{HOST}/x", json={}), **kw)


# -- item 19: retry only what is safe to repeat -------------------------------------------------
@pytest.mark.parametrize("failure", [503, httpx.ReadTimeout, httpx.RemoteProtocolError])
async def test_a_create_that_may_have_arrived_is_sent_once(failure):
    platform = Platform(failure, failure)
    layer = mounted(platform)
    with pytest.raises(PlatformUnavailable, match="not sent again"):
        await send(layer, "POST")
    assert platform.seen == ["POST"]


@pytest.mark.parametrize("method", ["GET", "HEAD", "PUT", "DELETE"])
@pytest.mark.parametrize("failure", [503, httpx.ReadTimeout])
async def test_idempotent_methods_are_retried(method, failure):
    platform = Platform(failure, failure)
    response = await send(mounted(platform), method)
    assert response.status_code == 200 and platform.seen == [method] * 3


@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.ConnectTimeout, 429])
async def test_a_create_that_never_arrived_is_retried(failure):
    platform = Platform(failure)
    response = await send(mounted(platform), "POST")
    assert response.status_code == 200 and platform.seen == ["POST", "POST"]


async def test_a_post_the_connector_vouches_for_is_retried():
    platform = Platform(503, httpx.ReadTimeout)
    response = await send(mounted(platform), "POST", idempotent=True)
    assert response.status_code == 200 and platform.seen == ["POST"] * 3


async def test_a_put_the_connector_does_not_vouch_for_is_sent_once():
    platform = Platform(503)
    with pytest.raises(PlatformUnavailable, match="not sent again"):
        await send(mounted(platform), "PUT", idempotent=False)
    assert platform.seen == ["PUT"]


async def test_the_idempotent_override_travels_as_a_request_extension():
    """RetryTransport reads it from the request, whoever wraps it: no argument to thread."""
    platform = Platform(503, httpx.ReadTimeout)
    retry = RetryTransport(httpx.MockTransport(platform), FAST)
    request = httpx.Request("POST", f"https://{HOST}/x", json={}, extensions={IDEMPOTENT: True})
    assert (await deliver(retry, request)).status_code == 200 and platform.seen == ["POST"] * 3


async def test_per_store_stacks_share_the_pools_below_them():
    layer = HttpLayer(retry=FAST)
    one, two = (layer.stack(layer.bucket(key, BucketBudget(10, 1))) for key in ("a", "b"))
    assert isinstance(one, RetryTransport) and isinstance(one.inner, RateLimitTransport)
    assert one.inner.inner is two.inner.inner is layer.transport  # type: ignore[attr-defined]
    assert one.inner.limiter is not two.inner.limiter  # type: ignore[attr-defined]
    assert layer.bucket("a", BucketBudget(10, 1)) is one.inner.limiter  # type: ignore[attr-defined]
    await one.aclose()  # a store's stack closing leaves the shared pools open
    assert layer._guarded is layer.transport
    await layer.aclose()


async def test_gateway_answers_106_and_the_store_sees_one_create(tmp_path):
    from tests.platforms.shift4shop.test_connector import API_HOST, close_env, open_env

    env = await open_env(Settings(data_dir=tmp_path), size=5)
    try:
        assert (await env.connect())["return_code"] == 0
        real = env.services.http.mounts[API_HOST]
        creates: list[str] = []

        class Failing(httpx.AsyncBaseTransport):
            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                if request.method == "POST":
                    creates.append(request.url.path)
                    await real.handle_async_request(request)  # the platform applies it...
                    raise httpx.ReadTimeout("answer lost", request=request)  # ...we never hear
                return await real.handle_async_request(request)

        env.services.http.mounts[API_HOST] = Failing()
        before = (await env.call("product.count"))["result"]["products_count"]
        answer = await env.call("product.add", body={"name": "Once", "sku": "ONCE-1", "model": "ONCE-1",
                                                     "price": 1, "description": "d"})
        assert answer["return_code"] == 106, answer
        assert len(creates) == 1
        after = (await env.call("product.count"))["result"]["products_count"]
        assert after == before + 1
    finally:
        await close_env(env)


# -- item 20: connect to the checked address -------------------------------------------------
class Rebinding:
    """A DNS server that answers a public address first, then loopback (DNS rebinding)."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked = 0

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked += 1
        return [self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]]


class Network:
    """The network transport: connects where the URL says, resolving a name the way a socket
    connect would (through the same DNS), and records where it went."""

    def __init__(self, dns: Rebinding, refuse: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.dns = dns
        self.refuse = refuse
        self.requests: list[httpx.Request] = []
        self.connected: list[str] = []
        self.pools = 0

    def factory(self) -> httpx.AsyncBaseTransport:
        self.pools += 1
        return httpx.MockTransport(self.handle)

    async def handle(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        address = host if host[0].isdigit() or ":" in host else (await self.dns(host, 443))[0]
        if address in self.refuse:
            raise httpx.ConnectError("connection refused", request=request)
        self.requests.append(request)
        self.connected.append(address)
        return httpx.Response(200, json={})


def guarded(dns: Rebinding, network: Network) -> HttpLayer:
    return HttpLayer(retry=FAST, resolver=dns, network=network.factory)


async def test_rebinding_cannot_reach_loopback():
    dns = Rebinding(PUBLIC_IP, "127.0.0.1")
    network = Network(dns)
    layer = guarded(dns, network)
    response = await layer.send(layer.client.build_request("GET", f"https://{HOST}:8443/p"))
    assert response.status_code == 200
    assert network.connected == [PUBLIC_IP]  # not a second lookup's 127.0.0.1
    await layer.aclose()


async def test_second_request_after_rebinding_is_refused():
    dns = Rebinding(PUBLIC_IP, "127.0.0.1")
    network = Network(dns)
    layer = guarded(dns, network)
    await layer.send(layer.client.build_request("GET", f"https://{HOST}/p"))
    with pytest.raises(PlatformUnavailable, match=r"127\.0\.0\.1"):
        await layer.send(layer.client.build_request("GET", f"https://{HOST}/p"))
    assert network.connected == [PUBLIC_IP]


async def test_pinned_request_keeps_host_and_sni():
    dns = Rebinding(PUBLIC_IP)
    network = Network(dns)
    layer = guarded(dns, network)
    response = await layer.client.post(f"https://{HOST}:8443/admin/x.json?a=1", json={"k": 1})
    assert response.status_code == 200
    assert str(response.request.url) == f"https://{HOST}:8443/admin/x.json?a=1"
    [seen] = network.requests
    assert seen.url.host == PUBLIC_IP and seen.url.port == 8443
    assert seen.url.raw_path == b"/admin/x.json?a=1"
    assert seen.headers["host"] == f"{HOST}:8443"
    assert seen.extensions["sni_hostname"] == HOST
    assert seen.content == b'{"k":1}'
    plain = await layer.client.get(f"http://{HOST}/p")
    assert plain.status_code == 200
    assert network.requests[-1].headers["host"] == HOST
    assert "sni_hostname" not in network.requests[-1].extensions


async def test_hosts_sharing_an_address_do_not_share_connections():
    dns = Rebinding(PUBLIC_IP)
    network = Network(dns)
    layer = guarded(dns, network)
    for host in ("a.example", "b.example", "a.example"):
        await layer.client.get(f"https://{host}/p")
    assert network.pools == 2  # a TLS connection verified for a.example never carries b's
    await layer.aclose()


async def test_next_checked_address_is_tried_when_one_refuses():
    async def two(host: str, port: int) -> list[str]:
        return ["151.101.1.69", PUBLIC_IP]

    network = Network(Rebinding(PUBLIC_IP), refuse={"151.101.1.69"})
    layer = HttpLayer(retry=FAST, resolver=two, network=network.factory)
    response = await layer.client.get(f"https://{HOST}/p")
    assert response.status_code == 200 and network.connected == [PUBLIC_IP]


# -- item 21a: ANYCART_HTTP_RETRIES ------------------------------------------------------------
@pytest.mark.parametrize("retries", [0, 2])
async def test_http_retries_setting_bounds_attempts(tmp_path, retries):
    services = build_services(Settings(data_dir=tmp_path, http_retries=retries))
    layer = services.http
    layer.retry.base_delay_s = layer.retry.max_delay_s = 0.001
    platform = Platform(*[503] * 10)
    layer.mounts[HOST] = httpx.MockTransport(platform)
    response = await send(layer, "GET")
    assert response.status_code == 503 and platform.seen == ["GET"] * (retries + 1)
    services.db.dispose()


async def test_least_recently_used_pool_is_closed_past_the_cap(monkeypatch):
    import asyncio

    from anycart.transport import http as http_module

    monkeypatch.setattr(http_module, "_MAX_POOLS", 2)
    dns = Rebinding(PUBLIC_IP)
    network = Network(dns)
    closed: list[int] = []

    def factory() -> httpx.AsyncBaseTransport:
        transport = network.factory()
        number = network.pools

        async def aclose() -> None:
            closed.append(number)
        transport.aclose = aclose  # type: ignore[method-assign]
        return transport

    layer = HttpLayer(retry=FAST, resolver=dns, network=factory)
    for host in ("a.example", "b.example", "a.example", "c.example"):
        await layer.client.get(f"https://{host}/p")
    await asyncio.sleep(0)
    assert closed == [2]  # b.example's pool: a.example was used after it
    await layer.aclose()
    assert sorted(closed) == [1, 2, 3]
