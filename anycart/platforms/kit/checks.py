"""Checks of contract parameters a platform takes its own way, answered as API2Cart answers a
value it cannot use: 109 naming the parameter. A value among a platform enum's
(:func:`one_of`), a parameter the contract requires every cart to take but the platform has
no use for (:func:`unused`), a flag false unless given (:func:`flag_given`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from anycart.errors import ApiError, ReturnCode

from .fields import flag


def flag_given(params: Mapping[str, Any], name: str) -> bool:
    """A flag the call gives: false unless asked (the contract's default)."""
    return bool(flag(params[name])) if params.get(name) not in (None, "") else False


def one_of(value: Any, allowed: Collection[str], param: str, platform: str) -> str:
    """``value`` as the platform's enum value (upper case, spaces as ``_``: ``size too
    large`` is ``SIZE_TOO_LARGE``); 109 naming ``param`` and the values for any other."""
    got = str(value).strip().upper().replace(" ", "_")
    if got not in allowed:
        raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{param}' has an unknown value "
                       f"'{value}': {platform}'s are {', '.join(allowed)}.")
    return got


def unused(params: Mapping[str, Any], name: str, platform: str, why: str) -> None:
    """109 naming ``name`` when it is given: the contract requires it of every cart (so the
    guard lets it through), the platform has no use for it (``why``)."""
    if params.get(name) not in (None, "", []):
        raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{name}' is not supported by "
                       f"{platform}: {why}.")
