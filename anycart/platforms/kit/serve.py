"""Declared contract methods given to a connector class: each declaration (:mod:`.links`,
:mod:`.uploads`) answers ``{method: (run, applied)}``; :func:`attach` writes one coroutine
per method running ``run(connector, call)`` and answers what each applies, for ``declare``'s
guard (:func:`~.connector.declare`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from anycart.platforms.base import Call

Run = Callable[[Any, Call], Awaitable[Any]]
Methods = Mapping[str, tuple[Run, frozenset[str]]]


def attach(cls: type, methods: Methods) -> dict[str, frozenset[str]]:
    for name, (run, _) in methods.items():
        setattr(cls, name.replace(".", "_"), _handler(name, run))
    return {name: applied for name, (_, applied) in methods.items()}


def _handler(name: str, run: Run) -> Any:
    async def handler(self: Any, call: Call) -> Any:
        return await run(self, call)

    handler.__name__ = handler.__qualname__ = name.replace(".", "_")
    handler.__doc__ = f"{name}, run from its declaration."
    return handler
