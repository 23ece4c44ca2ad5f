"""Declared contract methods given to a connector class: each declaration (:mod:`.links`,
:mod:`.uploads`, :mod:`.parts`, :mod:`.collection`) answers ``methods()``, ``{method: (run,
applied)}``; :func:`attach` writes one coroutine per method running ``run(connector, call)``
and answers what each applies, for ``declare``'s guard (:func:`~.connector.declare`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

from anycart.platforms.base import Call

Run = Callable[[Any, Call], Awaitable[Any]]
Methods = Mapping[str, tuple[Run, frozenset[str]]]


class Declared(Protocol):
    def methods(self) -> Methods: ...


def attach(cls: type, *declared: Declared) -> dict[str, frozenset[str]]:
    applied: dict[str, frozenset[str]] = {}
    for declaration in declared:
        for name, (run, names) in declaration.methods().items():
            if name in applied:
                raise TypeError(f"{name} is declared twice")
            setattr(cls, name.replace(".", "_"), _handler(name, run))
            applied[name] = names
    return applied


def _handler(name: str, run: Run) -> Any:
    async def handler(self: Any, call: Call) -> Any:
        return await run(self, call)

    handler.__name__ = handler.__qualname__ = name.replace(".", "_")
    handler.__doc__ = f"{name}, run from its declaration."
    return handler
