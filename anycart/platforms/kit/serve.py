"""Declared contract methods given to a connector class: each declaration (:mod:`.links`,
:mod:`.images`, :mod:`.parts`, :mod:`.collection`, :mod:`.nested`) answers ``methods()``,
``{method: (run, applied)}``; :func:`attach` writes one coroutine per method running
``run(connector, call)`` and answers what each applies, for ``declare``'s guard
(:func:`~.connector.declare`). :class:`PerStore` declares the methods of an object the
connector builds for the call (:mod:`.images`, :mod:`.options`, :mod:`.variants`,
:mod:`.shipments`: a declaration over the store's requests)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class PerStore:
    """``make(connector)``: the object serving the call; ``verbs``: contract method -> its
    coroutine taking the call; ``applied``: what each method applies."""

    make: Callable[[Any], Any]
    verbs: Mapping[str, str]
    applied: Mapping[str, frozenset[str]]

    def methods(self) -> Methods:
        return {m: (self._run(verb), self.applied[m]) for m, verb in self.verbs.items()}

    def _run(self, verb: str) -> Run:
        async def run(connector: Any, call: Call) -> Any:
            return await getattr(self.make(connector), verb)(call)
        return run
