"""The three contract methods of live shipping services (``basket.live_shipping_service.*``),
named once for the methods layer (:mod:`anycart.methods.shipping`) and for every platform that
keeps services on the store (WooCommerce REST and bridge, Magento 2): the parameters each
applies, its 112, and the declaration a platform's three coroutines are served by."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError, ReturnCode

CREATE, LIST, DELETE = (f"basket.live_shipping_service.{v}" for v in ("create", "list", "delete"))

#: The parameters each method applies (the driver's guard): the same on every platform, as the
#: store keeps only a name and a callback.
APPLIED: dict[str, frozenset[str]] = {CREATE: frozenset({"name", "callback"}),
                                      LIST: frozenset({"start", "count"}),
                                      DELETE: frozenset({"id"})}

#: ``run(connector, call)``, as :data:`anycart.platforms.kit.serve.Run` (a layer above).
Run = Callable[[Any, Any], Awaitable[Any]]


def not_found(ident: str) -> ApiError:
    """The 112 for a service id the store does not have."""
    return ApiError(ReturnCode.NOT_FOUND, f"Live shipping service with id {ident} not found")


@dataclass(frozen=True)
class StoreServices:
    """A platform's three coroutines, declared for :func:`anycart.platforms.kit.serve.attach`."""

    create: Run
    listed: Run
    delete: Run

    def methods(self) -> dict[str, tuple[Run, frozenset[str]]]:
        return {CREATE: (self.create, APPLIED[CREATE]), LIST: (self.listed, APPLIED[LIST]),
                DELETE: (self.delete, APPLIED[DELETE])}
