"""The two exceptions simulator code raises; the app turns both into answers.

:class:`SimError` is an HTTP answer (status, optional body and headers) raised from anywhere in
a handler. :class:`Invalid` is a value that does not bind (a bad filter, a field of the wrong
type): a 400 that names the parameter, whose body the simulator's renderer decides (Shift4Shop
sends none, Shopify ``{"errors": {param: message}}``).
"""

from __future__ import annotations

from typing import Any


class SimError(Exception):
    """Answer ``status`` with ``body`` (None: the renderer's default) and ``headers``."""

    def __init__(self, status: int, body: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body
        self.headers = headers or {}


class Invalid(SimError, ValueError):
    """A request value that cannot be bound: 400, naming ``param`` when known."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(400)
        self.message = message
        self.param = param

    def __str__(self) -> str:
        return f"{self.param}: {self.message}" if self.param else self.message
