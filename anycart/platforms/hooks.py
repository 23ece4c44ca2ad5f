"""Hooks a platform family offers the core, so ``methods/`` never names a platform.

Today one family has one: carts reached through a file on the store's server (bridge.php)
let ``bridge.*``, ``cart.delete?delete_bridge`` and ``account.cart.list`` manage that file.
"""

from __future__ import annotations

from typing import Any, Protocol

from anycart.storage.repository import StoreRecord
from anycart.transport.http import HttpLayer


class StoreBridge(Protocol):
    """The connection file of a bridge store: its version, package and lifecycle."""

    #: The version a freshly built package carries (``bridge_version`` in account.cart.list).
    version: str
    #: Why a bridge store's connection check fails before its file is uploaded.
    install_steps: str

    def installed_for(self, credentials: dict[str, Any]) -> bool:
        """The store holds the keys its bridge file was built with."""
        ...

    def package(self, credentials: dict[str, Any], whitelabel: bool) -> bytes:
        """The zip the merchant uploads to the store's root."""
        ...

    async def update(self, store: StoreRecord, http: HttpLayer) -> None:
        """Replace the store's bridge file with this server's version, through the bridge."""
        ...

    async def delete(self, store: StoreRecord, http: HttpLayer) -> None:
        """Have the bridge remove itself from the store."""
        ...
