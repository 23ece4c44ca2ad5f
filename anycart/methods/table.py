"""The methods AnyCart serves itself, whatever the store's platform: one explicit table.

Each handler module lists its methods in ``METHODS``; this table joins them, so what the
gateway serves is read here, not pieced together from import side effects.
"""

from __future__ import annotations

from collections.abc import Mapping

from anycart.methods import account, batch, bridge, cart, shipping, webhooks
from anycart.methods.context import Handler

METHOD_TABLE: Mapping[str, Handler] = {
    **account.METHODS,
    **cart.METHODS,
    **bridge.METHODS,
    **webhooks.METHODS,
    **batch.METHODS,
    **shipping.METHODS,
}
