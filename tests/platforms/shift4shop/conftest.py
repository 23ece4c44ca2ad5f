"""Shared fixtures of the Shift4Shop tests.

``s4s``: the AnyCart gateway with the Shift4Shop simulator mounted on the API host and one
seeded store already connected, built the way ``test_connector.py`` builds its ``env``
(whose :class:`Env` helper and constants it reuses).
"""

from __future__ import annotations

import pytest

from anycart.config import Settings
from tests.platforms.shift4shop.test_connector import (
    API_HOST,
    PRIVATE_KEY,
    SIZE,
    STORE_URL,
    TOKEN,
    Env,
    close_env,
    open_env,
)

__all__ = ["API_HOST", "PRIVATE_KEY", "SIZE", "STORE_URL", "TOKEN", "Env"]


@pytest.fixture
async def s4s(tmp_path):
    """A connected Shift4Shop store of ``SIZE`` seeded products, through the gateway."""
    e = await open_env(Settings(data_dir=tmp_path))
    answer = await e.connect()
    assert answer["return_code"] == 0, answer
    yield e
    await close_env(e)
