"""BigCommerce's request window planned from its headers: the client's
:class:`~anycart.transport.ratelimit.FixedWindow` (probe first, wait for the reset, a 429
sent again after it), and a 429 storm on the simulator that never reaches the user."""

from __future__ import annotations

import asyncio

import httpx

from anycart.transport.http import HttpLayer, RetryPolicy
from anycart.transport.ratelimit import FixedWindow, MonotonicClock
from tests.kit.test_ratelimit import FakeClock, answer
from tests.platforms.bigcommerce_api.test_connector import API_HOST, HASH, TOKEN, open_env

HEADERS = {"X-Rate-Limit-Requests-Left": "4", "X-Rate-Limit-Requests-Quota": "5",
           "X-Rate-Limit-Time-Window-Ms": "3000", "X-Rate-Limit-Time-Reset-Ms": "2500"}


async def test_the_first_request_probes_the_quota_alone():
    """The plan's quota is a guess until the store answers: nothing else is sent before the
    probe's headers, which then set the window (5 a window here, not the guessed 150)."""
    clock = FakeClock()
    window = FixedWindow(150, 30, clock, probe=True)
    await window.acquire()  # the probe
    second = asyncio.ensure_future(window.acquire())
    await asyncio.sleep(0.01)
    assert not second.done()  # held back until the probe answers
    window.observe(answer(headers=HEADERS))
    await asyncio.wait_for(second, 1)
    assert window.quota == 5 and window.left == 3 and window.window_s == 3.0
    for _ in range(3):
        await window.acquire()
    assert clock.waits == []  # the window's last three
    await window.acquire()
    assert clock.waits == [2.5]  # the fifth waited for the reset the headers announced


async def test_a_probe_that_never_answers_holds_nobody_back_for_long():
    window = FixedWindow(10, 30, FakeClock(), probe=True, probe_timeout_s=0.05)
    await window.acquire()
    await asyncio.wait_for(window.acquire(), 1)  # the guess stands after the timeout
    assert window.left == 8


async def test_a_429_is_sent_again_after_the_reset_it_announces_not_shown():
    clock = FakeClock()
    window = FixedWindow(100, 30, clock)
    statuses = [429, 429, 200]
    seen: list[int] = []

    def handle(request: httpx.Request) -> httpx.Response:
        status = statuses[len(seen)]
        seen.append(status)
        return httpx.Response(status, headers={"X-Rate-Limit-Requests-Left": "0" if status == 429 else "9",
                                               "X-Rate-Limit-Time-Reset-Ms": "1200"})

    layer = HttpLayer(retry=RetryPolicy(attempts=1))  # no retry layer to lean on
    layer.mounts["p.example"] = httpx.MockTransport(handle)
    response = await layer.send(layer.client.build_request("GET", "https://p.example/x"), window)
    assert response.status_code == 200 and seen == [429, 429, 200]
    assert clock.waits == [1.2, 1.2] and window.left == 9


async def test_a_429_storm_never_reaches_the_user(tmp_path):
    """Another app spends the same store's window as fast as it can each time it resets
    (it sends until refused, sleeps until the reset the 429 announces, and again: a 429
    storm, the simulator answers dozens of them); every contract call still answers 0,
    whole, with no 429 and no store error."""
    clock = MonotonicClock(scale=200)  # a 30 s window is 0.15 s
    async with open_env(tmp_path, size=300, quota=12, clock=clock) as env:
        stop = asyncio.Event()
        neighbour_429 = 0

        async def neighbour() -> None:
            nonlocal neighbour_429
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=env.sim.app),
                                         base_url=f"https://{API_HOST}") as http:
                while not stop.is_set():
                    r = await http.get(f"/stores/{HASH}/v3/catalog/brands",
                                       headers={"X-Auth-Token": TOKEN})
                    if r.status_code == 429:
                        neighbour_429 += 1
                        reset_s = int(r.headers["X-Rate-Limit-Time-Reset-Ms"]) / 1000
                        await asyncio.sleep(reset_s / clock.scale)  # then straight back at it

        task = asyncio.create_task(neighbour())
        try:
            pages = [await env.call("product.list", {"start": s, "count": 50, "params": "id,name"})
                     for s in range(0, 300, 50)]
            counts = await asyncio.gather(*(env.call("order.count") for _ in range(6)))
        finally:
            stop.set()
            await task
        assert [p["return_code"] for p in pages] == [0] * 6, [p["return_message"] for p in pages]
        ids = [p["id"] for page in pages for p in page["result"]["product"]]
        assert len(ids) == len(set(ids)) == 300
        assert {c["return_code"] for c in counts} == {0}
        # it was a storm, and the connector's own requests were refused in it too
        assert neighbour_429 >= 5 and env.sim.requests[429] - neighbour_429 >= 3
