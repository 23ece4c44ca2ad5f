"""Client-side limiters on a fake clock: how long each waits, and what each learns from the
platform's answers (headers, 429, GraphQL cost)."""

from __future__ import annotations

import httpx

from anycart.transport.http import HttpLayer, RetryPolicy
from anycart.transport.ratelimit import BucketBudget, ClientBucket, CostBucket, FixedWindow, Limiter


class FakeClock:
    """Time moves only when a limiter waits; the waits are recorded."""

    def __init__(self) -> None:
        self.t = 0.0
        self.waits: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.waits.append(round(seconds, 6))
        self.t += seconds


def answer(status: int = 200, headers: dict[str, str] | None = None, json: object = None
           ) -> httpx.Response:
    return httpx.Response(status, headers=headers, json=json if json is not None else {},
                          request=httpx.Request("GET", "https://p.example/x"))


async def test_leaky_bucket_waits_for_the_leak_and_learns_the_call_limit_header():
    clock = FakeClock()
    bucket = ClientBucket(BucketBudget(capacity=6, leak_per_s=2), clock, margin=2,
                          level_header="X-Shopify-Shop-Api-Call-Limit")
    for _ in range(4):
        await bucket.acquire()
    assert clock.waits == []
    await bucket.acquire()  # the fifth waits for one drop to leak: 0.5 s at 2/s
    assert clock.waits == [0.5]
    clock.t += 10  # idle: empty again
    bucket.observe(answer(headers={"X-Shopify-Shop-Api-Call-Limit": "4/6"}))  # others spent it
    assert bucket.level == 4
    await bucket.acquire()
    assert clock.waits == [0.5, 0.5]
    bucket.observe(answer(429, {"Retry-After": "2"}))  # full, plus the 2 s it asked for
    assert bucket.level == 4 + 2 * 2


async def test_fixed_window_waits_for_the_reset_the_headers_announce():
    clock = FakeClock()
    window = FixedWindow(quota=3, window_s=30, clock=clock)
    await window.acquire()
    window.observe(answer(headers={"X-Rate-Limit-Requests-Left": "1",
                                   "X-Rate-Limit-Requests-Quota": "150",
                                   "X-Rate-Limit-Time-Window-Ms": "30000",
                                   "X-Rate-Limit-Time-Reset-Ms": "4000"}))
    assert window.quota == 150 and window.left == 1  # the platform's count wins when lower
    await window.acquire()
    assert clock.waits == []
    await window.acquire()  # none left: wait until the window resets, 4 s from the answer
    assert clock.waits == [4.0] and window.left == 149
    window.observe(answer(429, {"X-Rate-Limit-Time-Reset-Ms": "1500"}))
    await window.acquire()
    assert clock.waits == [4.0, 1.5]


async def test_cost_bucket_spends_query_cost_and_restores_by_the_throttle_status():
    clock = FakeClock()
    points = CostBucket(maximum=100, restore_per_s=10, clock=clock, expected_cost=10)
    await points.acquire()
    points.observe(answer(json={"data": {}, "extensions": {"cost": {
        "requestedQueryCost": 52, "actualQueryCost": 12,
        "throttleStatus": {"maximumAvailable": 1000, "currentlyAvailable": 30,
                           "restoreRate": 50}}}}))
    assert points.maximum == 1000 and points.expected_cost == 52
    await points.acquire()  # 52 wanted, 30 there: (52 - 30) / 50 = 0.44 s
    assert clock.waits == [0.44]
    assert round(points.available, 6) == 0
    points.observe(answer(json={"errors": "not json cost"}))  # nothing learned, no failure
    assert points.expected_cost == 52


async def test_rate_limit_transport_acquires_per_attempt_and_observes_each_answer():
    clock = FakeClock()
    window = FixedWindow(quota=100, window_s=30, clock=clock)
    seen = 0

    def handle(request: httpx.Request) -> httpx.Response:
        nonlocal seen
        seen += 1
        if seen == 1:
            return httpx.Response(429, headers={"Retry-After": "0",
                                                "X-Rate-Limit-Time-Reset-Ms": "2000"})
        return httpx.Response(200, headers={"X-Rate-Limit-Requests-Left": "7"})

    layer = HttpLayer(retry=RetryPolicy(attempts=3, base_delay_s=0.001, max_delay_s=0.001))
    layer.mounts["p.example"] = httpx.MockTransport(handle)
    response = await layer.send(layer.client.build_request("GET", "https://p.example/x"), window)
    assert response.status_code == 200 and seen == 2
    assert clock.waits == [2.0]  # the retry waited for the window the 429 announced
    assert window.left == 7
    assert isinstance(window, Limiter) and layer.limiter("k", lambda: window) is window


async def test_a_throttled_graphql_query_waits_for_its_points_and_is_sent_again():
    clock = FakeClock()
    points = CostBucket(maximum=1000, restore_per_s=50, clock=clock, expected_cost=10)
    sent = 0

    def handle(request: httpx.Request) -> httpx.Response:
        nonlocal sent
        sent += 1
        cost = {"requestedQueryCost": 50, "throttleStatus": {
            "maximumAvailable": 1000, "currentlyAvailable": 10 if sent == 1 else 960,
            "restoreRate": 50}}
        if sent == 1:
            return httpx.Response(200, json={"errors": [{"message": "Throttled", "extensions": {
                "code": "THROTTLED"}}], "extensions": {"cost": cost}})
        return httpx.Response(200, json={"data": {"shop": {}}, "extensions": {"cost": cost}})

    layer = HttpLayer()
    layer.mounts["p.example"] = httpx.MockTransport(handle)
    request = layer.client.build_request("POST", "https://p.example/graphql.json", json={"query": "{shop{id}}"})
    response = await layer.send(request, points, idempotent=True)
    assert response.json()["data"] == {"shop": {}} and sent == 2
    assert clock.waits == [0.8]  # (50 wanted - 10 left) / 50 a second
    assert not points.refused(response)
