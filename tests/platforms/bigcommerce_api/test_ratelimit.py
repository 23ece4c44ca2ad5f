"""BigCommerce's request window planned from its headers: the client's
:class:`~anycart.transport.ratelimit.FixedWindow` (probe first, wait for the reset, a 429
sent again after it), and a 429 storm on the simulator that never reaches the user."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from anycart.transport.http import HttpLayer, RetryPolicy
from anycart.transport.ratelimit import FixedWindow, MonotonicClock
from tests.kit.test_ratelimit import FakeClock, answer
from tests.platforms.bigcommerce_api.test_connector import ok, open_env

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


async def test_a_guess_below_the_stores_quota_holds_nothing_back():
    """A Pro store's 450 a window, guessed as a Standard plan's 150: after the probe, the
    store's own count is the plan (no wait at the guessed 150th request)."""
    clock = FakeClock()
    window = FixedWindow(150, 30, clock, probe=True)
    await window.acquire()
    window.observe(answer(headers={**HEADERS, "X-Rate-Limit-Requests-Quota": "450",
                                   "X-Rate-Limit-Requests-Left": "449"}))
    for _ in range(400):
        await window.acquire()
    assert clock.waits == [] and window.left == 49
    window.observe(answer(headers={**HEADERS, "X-Rate-Limit-Requests-Quota": "450",
                                   "X-Rate-Limit-Requests-Left": "60"}))
    assert window.left == 49  # the platform's larger count misses requests in flight


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
    """Two AnyCart processes serve the same store (each with its own plan of the window,
    neither knowing what the other spends) on a tight quota: their plans are wrong at the
    end of every window, and the simulator answers a storm of 429s; every contract call of
    both still answers 0, whole, with no 429 and no store error."""
    clock = MonotonicClock(scale=200)  # a 30 s window is 0.15 s

    async def work(env: Any) -> list[dict]:
        pages = [await env.call("product.list", {"start": s, "count": 50, "params": "id,name"})
                 for s in range(0, 300, 50)]
        orders = await env.call("order.list", {"count": 40, "params": "force_all"})  # 80 more
        return [*pages, *await asyncio.gather(*(env.call("order.count") for _ in range(6))), orders]

    async with open_env(tmp_path / "a", size=300, quota=8, clock=clock) as one, \
            open_env(tmp_path / "b", clock=clock, sim=one.sim) as two:
        answers = await asyncio.gather(work(one), work(two))
        for mine in answers:
            assert [a["return_code"] for a in mine] == [0] * len(mine), [a["return_message"] for a in mine]
            ids = [p["id"] for page in mine[:6] for p in page["result"]["product"]]
            assert len(ids) == len(set(ids)) == 300
            assert len(ok(mine[-1])["order"]) == 40 and all(o["order_products"] for o in mine[-1]["result"]["order"])
        assert one.sim.requests[429] >= 10  # it was a storm (the plans missed the other's)
