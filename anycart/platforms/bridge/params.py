"""Which call parameters a bridge driver applies: a parameter the contract accepts is written
to the cart, or refused with 109 naming it, never silently dropped (issue 12, item 4)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from anycart.errors import ApiError, ReturnCode

from .sqlkit import explicit

#: Parameters any call may carry that are not data for the cart: field selection, the shop and
#: language a call addresses (drivers read them), and hints that change nothing a bridge cart
#: stores (``clear_cache``: the bridge writes the very tables the storefront reads;
#: ``idempotency_key`` is the gateway's business).
CALL_CONTROLS = frozenset({"params", "exclude", "response_fields", "store_id", "lang_id",
                           "idempotency_key", "clear_cache"})


def served(call: Any, applied: Iterable[str], cart: str) -> dict[str, Any]:
    """The call's explicit parameters (:func:`~.sqlkit.explicit`, contract defaults left
    out), after refusing with 109 the first given one that is not in ``applied``."""
    given = explicit(call)
    known = set(applied) | CALL_CONTROLS
    for name, value in given.items():
        if name in known or name.startswith("_") or value in (None, "", [], {}):
            continue
        raise ApiError(ReturnCode.INCORRECT_VALUE,
                       f"Parameter '{name}' is not supported by {cart}: the driver cannot "
                       f"store it, so it is refused rather than ignored.")
    return given
