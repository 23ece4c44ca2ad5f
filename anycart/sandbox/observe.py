"""Two small ASGI wrappers simulators share: counting the statuses answered (benchmarks count
429s), and adding headers to every answer below a point of the middleware chain (the API
version served, usage headers computed per request)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _on_start(send: Send, hook: Callable[[Message], None]) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            hook(message)
        await send(message)
    return wrapped


class StatusCounter:
    """``counter[status] += 1`` for every answer."""

    def __init__(self, app: ASGIApp, counter: Counter[int]) -> None:
        self.app, self.counter = app, counter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        def count(message: Message) -> None:
            self.counter[message["status"]] += 1
        await self.app(scope, receive, _on_start(send, count))


class AddHeaders:
    """Append ``headers(scope)`` to every answer (those already set are kept)."""

    def __init__(self, app: ASGIApp, headers: Callable[[Scope], dict[str, str]]) -> None:
        self.app, self.headers = app, headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                 for k, v in self.headers(scope).items()]

        def add(message: Message) -> None:
            present = {k for k, _ in message.get("headers", [])}
            message["headers"] = [*message.get("headers", []),
                                  *((k, v) for k, v in extra if k not in present)]
        await self.app(scope, receive, _on_start(send, add))
