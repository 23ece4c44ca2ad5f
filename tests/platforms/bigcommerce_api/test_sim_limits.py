"""The request window BigCommerce documents: a quota per 30 s per store, the four
``X-Rate-Limit-*`` headers on every answer, 429 with the same headers once the quota is spent,
the quota restored when the window resets; and injected 5xx answers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator

from .bc_schema import checked_client

HASH, TOKEN = "limits1", "tok"
V3, V2 = f"/stores/{HASH}/v3", f"/stores/{HASH}/v2"
HEADERS = ("X-Rate-Limit-Requests-Left", "X-Rate-Limit-Requests-Quota",
           "X-Rate-Limit-Time-Window-Ms", "X-Rate-Limit-Time-Reset-Ms")


class ManualClock:
    """Platform time that moves only when the test says."""

    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sim(clock: ManualClock) -> BigCommerceSimulator:
    sim = BigCommerceSimulator(clock)
    sim.shops.add_shop(HASH, TOKEN, size=5, quota=4)
    sim.shops.add_shop("pro1", TOKEN, size=5, plan="pro")
    sim.shops.add_shop("plus1", TOKEN, size=5)
    return sim


@pytest.fixture
async def http(sim: BigCommerceSimulator) -> AsyncIterator[httpx.AsyncClient]:
    async with checked_client(sim.app, TOKEN) as client:
        yield client


async def test_every_answer_carries_the_window_headers(http: httpx.AsyncClient,
                                                       clock: ManualClock) -> None:
    first = await http.get(f"{V3}/catalog/products")
    assert [first.headers[h] for h in HEADERS] == ["3", "4", "30000", "30000"]
    clock.advance(10)
    missing = await http.get(f"{V3}/catalog/products/999")  # an error answer too
    assert missing.status_code == 404
    assert missing.headers["X-Rate-Limit-Requests-Left"] == "2"
    assert missing.headers["X-Rate-Limit-Time-Reset-Ms"] == "20000"
    orders = await http.get(f"{V2}/orders")
    assert orders.headers["X-Rate-Limit-Requests-Left"] == "1"


async def test_the_quota_spent_is_429_until_the_window_resets(
        http: httpx.AsyncClient, clock: ManualClock, sim: BigCommerceSimulator) -> None:
    for _ in range(4):
        assert (await http.get(f"{V3}/catalog/products")).status_code == 200
    clock.advance(5)
    refused = await http.get(f"{V3}/catalog/products")
    assert refused.status_code == 429
    assert refused.json() == {"status": 429, "title": "Too many requests",
                              "type": refused.json()["type"]}
    assert [refused.headers[h] for h in HEADERS] == ["0", "4", "30000", "25000"]
    v2 = await http.get(f"{V2}/orders")
    assert v2.status_code == 429 and v2.json()[0]["status"] == 429
    clock.advance(25)
    again = await http.get(f"{V3}/catalog/products")
    assert again.status_code == 200 and again.headers["X-Rate-Limit-Requests-Left"] == "3"
    assert sim.requests[429] == 2


async def test_the_quota_follows_the_plan(http: httpx.AsyncClient) -> None:
    pro = await http.get("/stores/pro1/v3/catalog/brands")
    plus = await http.get("/stores/plus1/v3/catalog/brands")
    assert pro.headers["X-Rate-Limit-Requests-Quota"] == "450"
    assert plus.headers["X-Rate-Limit-Requests-Quota"] == "150"


async def test_unauthenticated_requests_do_not_spend_the_quota(
        sim: BigCommerceSimulator, http: httpx.AsyncClient) -> None:
    async with checked_client(sim.app, "wrong") as stranger:
        for _ in range(6):
            assert (await stranger.get(f"{V3}/catalog/products")).status_code == 401
    assert (await http.get(f"{V3}/catalog/products")).headers[
        "X-Rate-Limit-Requests-Left"] == "3"


async def test_an_injected_failure_answers_its_status(sim: BigCommerceSimulator,
                                                      http: httpx.AsyncClient) -> None:
    sim.inject_failure(HASH, 503, times=2)
    for path in (f"{V3}/catalog/products", f"{V2}/orders"):
        r = await http.get(path)
        assert r.status_code == 503
    assert (await http.get(f"{V3}/catalog/products")).status_code == 200
