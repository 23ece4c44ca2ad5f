"""The simulator tests' client: one Magento 2 simulator shop, every answer schema-checked."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import datetime

import httpx

from anycart.platforms.magento2_api.simulator import Magento2Simulator

from .magento_schema import validated_client


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
