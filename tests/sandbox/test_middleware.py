"""Tenant, auth, rate-limit and failure middleware, each on its own and in their order."""

from __future__ import annotations

import base64

import httpx
import pytest
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from anycart.sandbox import (
    AuthMiddleware,
    Basic,
    FailureInjection,
    FailureMiddleware,
    FixedWindow,
    HeaderToken,
    RateLimitMiddleware,
    Resource,
    TenantMiddleware,
    api,
    basic_credentials,
    tenant_of,
)
from anycart.sandbox.limits import BucketBudget, LeakyBucket, bucket_usage
from anycart.sandbox.tenants import host_key


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


class Store(FailureInjection):
    def __init__(self, name: str, clock: Clock, capacity: int = 3) -> None:
        super().__init__()
        self.name = name
        self.token = f"tok-{name}"
        self.bucket = LeakyBucket(BucketBudget(capacity, 1), clock)


def _whoami(request: Request) -> Response:
    return JSONResponse({"store": tenant_of(request).name})


ROUTES = Resource("/me", {"GET": _whoami}).routes()


def _client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim")


def _deny(request: Request) -> Response:
    return JSONResponse({"error": "denied"}, 401)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def stores(clock: Clock) -> dict[str, Store]:
    return {"a": Store("a", clock), "b": Store("b", clock)}


async def test_header_token_finds_the_tenant_and_checks_its_credential(stores) -> None:
    check = HeaderToken("X-Key", "X-Token", tenant=lambda r: stores.get(r.headers.get("x-store")),
                        accepts=lambda s, key, token: key == "k" and token == s.token)
    app = api(ROUTES, middleware=[Middleware(AuthMiddleware, check=check, deny=_deny)])
    async with _client(app) as c:
        good = {"X-Store": "b", "x-key": "k", "X-Token": "tok-b"}
        assert (await c.get("/me", headers=good)).json() == {"store": "b"}
        other_case = {"x-store": "b", "X-KEY": "k", "x-token": "tok-b"}
        assert (await c.get("/me", headers=other_case)).json() == {"store": "b"}
        for bad in ({**good, "X-Token": "tok-a"}, {**good, "X-Store": "zz"},
                    {"X-Store": "b", "X-Key": "k"}, {}):
            r = await c.get("/me", headers=bad)
            assert r.status_code == 401 and r.json() == {"error": "denied"}
        # auth runs before routing: an unknown path without credentials is a 401 too
        assert (await c.get("/nothing")).status_code == 401
        assert (await c.get("/nothing", headers=good)).status_code == 404


async def test_basic_auth_after_a_tenant_middleware(stores) -> None:
    def find(request: Request) -> Store | None:
        return stores.get(request.headers.get("host", "").split(".")[0])

    check = Basic(accepts=lambda s, user, password: (user, password) == (s.name, "pw"))
    challenge = {"WWW-Authenticate": 'Basic realm="shop"'}
    app = api(ROUTES, middleware=[
        Middleware(TenantMiddleware, find=find, missing=lambda: Response(status_code=404)),
        Middleware(AuthMiddleware, check=check,
                   deny=lambda r: JSONResponse({"error": "denied"}, 401, headers=challenge))])
    auth = "Basic " + base64.b64encode(b"a:pw").decode()
    async with _client(app) as c:
        assert (await c.get("http://a.shop/me", headers={"Authorization": auth})).json() == {
            "store": "a"}
        denied = await c.get("http://b.shop/me", headers={"Authorization": auth})
        assert denied.status_code == 401 and denied.headers["www-authenticate"] == 'Basic realm="shop"'
        assert (await c.get("http://a.shop/me")).status_code == 401  # no credentials
        r = await c.get("http://zz.shop/me", headers={"Authorization": auth})
        assert r.status_code == 404
    assert basic_credentials(auth) == ("a", "pw")
    assert basic_credentials("Basic !!!") is None and basic_credentials("Bearer x") is None
    assert basic_credentials("Basic " + base64.b64encode(b"nocolon").decode()) is None


def _limited(stores, clock, headers=None):
    check = HeaderToken("X-Store", accepts=lambda s, name: True,
                        tenant=lambda r: stores.get(r.headers.get("x-store")))
    return api(ROUTES, middleware=[
        Middleware(AuthMiddleware, check=check, deny=_deny),
        Middleware(RateLimitMiddleware, limiter=lambda s: s.bucket,
                   deny=lambda b: JSONResponse({"errors": "slow down"}, 429,
                                               headers={"Retry-After": f"{b.retry_after():.1f}"}),
                   headers=headers),
        Middleware(FailureMiddleware, render=lambda status: JSONResponse({"failed": status},
                                                                         status))])


async def test_leaky_bucket_per_tenant_answers_429_with_headers(stores, clock) -> None:
    app = _limited(stores, clock, headers=lambda b: {"X-Call-Limit": f"{round(b.level)}/3"})
    async with _client(app) as c:
        a, b = {"X-Store": "a"}, {"X-Store": "b"}
        got = [(await c.get("/me", headers=a)).headers["x-call-limit"] for _ in range(3)]
        assert got == ["1/3", "2/3", "3/3"]
        r = await c.get("/me", headers=a)
        assert r.status_code == 429 and r.json() == {"errors": "slow down"}
        assert r.headers["retry-after"] == "1.0" and r.headers["x-call-limit"] == "3/3"
        assert (await c.get("/me", headers=b)).status_code == 200  # buckets are per tenant
        assert (await c.get("/nothing", headers=b)).headers["x-call-limit"] == "2/3"  # 404 too
        clock.t += 1.0
        assert (await c.get("/me", headers=a)).status_code == 200
        assert (await c.get("/me", headers=a)).status_code == 429


def test_fixed_window_resets_at_the_window_edge() -> None:
    clock = Clock()
    w = FixedWindow(2, 10.0, clock)
    assert w.try_acquire() and w.try_acquire() and not w.try_acquire()
    clock.t = 7.5
    assert w.remaining == 0 and w.retry_after() == pytest.approx(2.5)
    assert w.headers() == {"X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "0",
                           "X-RateLimit-Reset": "3"}
    clock.t = 10.0
    assert w.remaining == 2 and w.try_acquire() and w.remaining == 1


def test_fixed_window_counts_like_the_client_window() -> None:
    """One count on both sides (``transport.ratelimit.Window``): a window opens with the first
    request after the last one closed, so the client's wait matches the simulator's reset."""
    from anycart.transport.ratelimit import Window
    clock = Clock()
    w = FixedWindow(1, 10.0, clock)
    assert isinstance(w, Window) and w.try_acquire() and not w.try_acquire()
    clock.t = 13.0  # idle past the edge: the next window runs 13..23
    assert w.try_acquire() and not w.try_acquire()
    assert w.retry_after() == pytest.approx(10.0) and w.headers()["X-RateLimit-Reset"] == "10"
    clock.t = 22.9
    assert not w.try_acquire()
    clock.t = 23.0
    assert w.try_acquire()


async def test_fixed_window_in_the_middleware(clock) -> None:
    class WStore(Store):
        def __init__(self) -> None:
            super().__init__("w", clock)
            self.bucket = FixedWindow(1, 60, clock)  # type: ignore[assignment]

    app = _limited({"w": WStore()}, clock, headers=lambda w: w.headers())
    async with _client(app) as c:
        ok = await c.get("/me", headers={"X-Store": "w"})
        assert ok.status_code == 200 and ok.headers["x-ratelimit-remaining"] == "0"
        r = await c.get("/me", headers={"X-Store": "w"})
        assert r.status_code == 429 and r.headers["x-ratelimit-reset"] == "60"


async def test_injected_failures_come_after_auth_and_the_limiter(stores, clock) -> None:
    app = _limited(stores, clock)
    stores["a"].inject_failure(503, times=2)
    stores["a"].inject_failure(500)
    async with _client(app) as c:
        assert (await c.get("/me")).status_code == 401  # unauthenticated: nothing consumed
        assert len(stores["a"].failures) == 2
        statuses = [(await c.get("/me", headers={"X-Store": "a"})).status_code for _ in range(3)]
        assert statuses == [503, 503, 500]
        assert (await c.get("/me", headers={"X-Store": "a"})).status_code == 429  # bucket of 3
        clock.t += 5
        r = await c.get("/me", headers={"X-Store": "a"})
        assert r.status_code == 200 and stores["a"].take_failure() is None
    s = stores["b"]
    s.inject_failure(502, times=1)
    assert s.take_failure() == 502 and s.take_failure() is None


def test_bucket_usage_header_rounds_up_within_the_capacity(clock) -> None:
    bucket = LeakyBucket(BucketBudget(capacity=40, leak_per_s=2), clock)
    usage = bucket_usage("X-Call-Limit")
    assert usage(bucket) == {"X-Call-Limit": "0/40"}
    for _ in range(3):
        bucket.try_acquire()
    assert usage(bucket) == {"X-Call-Limit": "3/40"}


def test_host_key_names_one_tenant_however_spelled() -> None:
    assert {host_key(h) for h in ("Demo.MyShopify.com", "https://demo.myshopify.com/admin",
                                  "demo.myshopify.com:443", "http://demo.myshopify.com.")} \
        == {"demo.myshopify.com"}
