"""What the kit tests share: a contract call, and the return code a call fails with."""

from __future__ import annotations

from typing import Any

import pytest

from anycart.errors import ApiError
from anycart.platforms.base import Call


def call(method: str, start: int = 0, count: int = 10, **params: Any) -> Call:
    return Call(method, params, start, count)


async def code(coro: Any) -> int:
    with pytest.raises(ApiError) as err:
        await coro
    return err.value.code
