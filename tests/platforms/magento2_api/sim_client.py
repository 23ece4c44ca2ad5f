"""The simulator tests' client: one Magento 2 simulator shop, every answer schema-checked."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import httpx

from anycart.platforms.magento2_api.simulator import Magento2Simulator

from .magento_schema import validated_client

#: When a dated test starts: noon of the day the seed is anchored on.
NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@contextlib.asynccontextmanager
async def shop_client(host: str, token: str, size: int, *, bearer: bool = True,
                      now: Callable[[], datetime] | None = None,
                      anchor: datetime | None = None) -> AsyncIterator[httpx.AsyncClient]:
    """A shop of ``size`` products on ``host`` and a :func:`validated_client` on it, sending
    the integration ``token`` as bearer unless ``bearer`` is false (auth tests send their own)."""
    sim = Magento2Simulator(now=now)
    sim.shops.add_shop(host, token, size=size, anchor=anchor)
    async with validated_client(sim.app, f"https://{host}", token if bearer else None) as client:
        yield client


@contextlib.asynccontextmanager
async def dated_client(host: str, token: str, clock: list[datetime]
                       ) -> AsyncIterator[httpx.AsyncClient]:
    """:func:`shop_client` of 40 products seeded as of :data:`NOON`'s day 00:00, on the
    simulator's clock ``clock[0]`` (set back to :data:`NOON`; a test moves it on)."""
    clock[0] = NOON
    async with shop_client(host, token, 40, now=lambda: clock[0],
                           anchor=NOON.replace(hour=0)) as client:
        yield client
