"""What the bridge carts' returns share on the kit's return machine
(:mod:`anycart.platforms.kit.returns`): a cart keeping one value per return (OpenCart's
reason, action and comment; PrestaShop's question) reads it from the call's parameter or
from the lines' key, which must agree."""

from __future__ import annotations

from collections.abc import Sequence

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call


def one_value(call: Call, param: str, key: str, given: Sequence[str | None],
              cart: str) -> tuple[str, str] | None:
    """``(the name it came in, the value)`` of ``param`` or of the lines' ``key``
    (``given``: each line's value, None where absent); 109 naming the first that differs
    from the first given, as ``cart`` keeps one per return; None when none is given."""
    named = [(param, call.params.get(param))]
    named += [(f"order_products[{n}][{key}]", value) for n, value in enumerate(given)]
    present = [(name, str(value).strip()) for name, value in named if value not in (None, "")]
    for name, value in present[1:]:
        if value != present[0][1]:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{name}': a {cart} return keeps one value, and "
                           f"'{value}' differs from {present[0][0]} '{present[0][1]}'.")
    return present[0] if present else None
