"""Assembling a simulator app: errors rendered in the platform's shape, middleware in order.

``render(SimError) -> Response`` is the one place a simulator says what its error answers look
like; router 404/405 and every :class:`~anycart.sandbox.errors.SimError` (and so
:class:`~anycart.sandbox.errors.Invalid`) raised by a handler go through it. The
:class:`ErrorMiddleware` sits innermost, right around the routes, so that headers added by the
middlewares around it (rate-limit usage...) reach error answers too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import SimError

Render = Callable[[SimError], Response]


def empty(err: SimError) -> Response:
    """The default renderer: the status, the headers, no body."""
    return Response(status_code=err.status, headers=err.headers)


def as_sim_error(exc: Exception) -> SimError | None:
    if isinstance(exc, SimError):
        return exc
    if isinstance(exc, HTTPException):
        return SimError(exc.status_code, headers=dict(exc.headers or {}))
    return None


class ErrorMiddleware:
    """Render SimError and router HTTPExceptions raised below it."""

    def __init__(self, app: ASGIApp, render: Render = empty) -> None:
        self.app, self.render = app, render

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except (SimError, HTTPException) as exc:
            err = as_sim_error(exc)
            if started or err is None:
                raise
            await self.render(err)(scope, receive, send)


class NormalizePath:
    """Platforms whose router ignores empty path segments (ASP.NET, many PHP front
    controllers): ``/a//b/`` is served as ``/a/b``."""

    _SLASHES = re.compile(r"/{2,}")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = self._SLASHES.sub("/", scope["path"]).rstrip("/") or "/"
            if path != scope["path"]:
                scope = {**scope, "path": path, "raw_path": quote(path).encode()}
        await self.app(scope, receive, send)


def api(routes: Sequence[BaseRoute], *, render: Render = empty,
        middleware: Sequence[Middleware] = ()) -> Router:
    """A router for ``routes`` behind ``middleware`` (outermost first: tenant, auth, rate
    limit, failures), errors rendered innermost. Mount it, or serve it as the whole app."""
    return Router(list(routes), redirect_slashes=False,
                  middleware=[*middleware, Middleware(ErrorMiddleware, render=render)])


def simulator_app(routes: Sequence[BaseRoute], *, render: Render = empty,
                  middleware: Sequence[Middleware] = (), state: dict[str, Any] | None = None,
                  ) -> Starlette:
    """The Starlette app: ``routes`` (Routes and Mounts of :func:`api` routers), app-level
    ``middleware``, and 404/405/SimError answers outside any mount rendered by ``render``."""

    async def handle(request: Request, exc: Exception) -> Response:
        err = as_sim_error(exc)
        assert err is not None
        return render(err)

    app = Starlette(routes=list(routes), middleware=list(middleware),
                    exception_handlers={HTTPException: handle, SimError: handle})
    app.router.redirect_slashes = False
    for key, value in (state or {}).items():
        setattr(app.state, key, value)
    return app
