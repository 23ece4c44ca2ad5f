"""Failure injection: a tenant's next requests answer an error, so tests see retries.

``store.inject_failure(503, times=2)`` queues the failure; :class:`FailureMiddleware` (placed
after auth and the rate limiter, as on the real platforms) answers it with the simulator's
own ``render(status)`` body instead of running the handler.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from .tenants import tenant_of


@dataclass
class Failure:
    status: int
    times: int


@dataclass
class FailureInjection:
    """Queued failures of one tenant (a store class may inherit or hold one)."""

    failures: list[Failure] = field(default_factory=list)

    def inject_failure(self, status: int = 500, times: int = 1) -> None:
        self.failures.append(Failure(status, times))

    def take_failure(self) -> int | None:
        if not self.failures:
            return None
        f = self.failures[0]
        f.times -= 1
        if f.times <= 0:
            self.failures.pop(0)
        return f.status


class FailureMiddleware:
    """Answer ``render(status)`` while the tenant has an injected failure queued."""

    def __init__(self, app: ASGIApp, render: Callable[[int], Response],
                 failures: Callable[[Any], FailureInjection] = lambda t: t) -> None:
        self.app, self.render, self.failures = app, render, failures

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        tenant = tenant_of(Request(scope)) if scope["type"] == "http" else None
        status = self.failures(tenant).take_failure() if tenant is not None else None
        if status is None:
            await self.app(scope, receive, send)
            return
        await self.render(status)(scope, receive, send)
