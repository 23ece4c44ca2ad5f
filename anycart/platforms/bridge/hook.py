"""The bridge family's :class:`~anycart.platforms.hooks.StoreBridge`: what ``bridge.*`` runs."""

from __future__ import annotations

import base64
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.storage.repository import StoreRecord
from anycart.transport.http import HttpLayer

from .keys import has_bridge_keys
from .package import BRIDGE_VERSION, bridge_code, bridge_zip
from .transport import BridgeClient


class BridgeFile:
    version = BRIDGE_VERSION
    install_steps = ("A bridge store is added in steps: account.cart.add with verify=false "
                     "(answers the store_key), bridge.download with that store_key, upload "
                     "bridge2cart/ to the store root, then cart.validate.")

    def installed_for(self, credentials: dict[str, Any]) -> bool:
        return has_bridge_keys(credentials)

    def package(self, credentials: dict[str, Any], whitelabel: bool) -> bytes:
        if not credentials.get("bridge_private_key"):
            # A connector plugin made this store's keys on the store (anycart/plugins):
            # AnyCart never had the private half, so it cannot write config.php.
            raise ApiError(ReturnCode.BRIDGE_NOT_FOUND,
                           "This store's bridge was installed by its connector plugin, which "
                           "made its keys on the store: press Connect in the plugin again "
                           "instead of downloading the bridge.")
        return bridge_zip(credentials, whitelabel)

    async def update(self, store: StoreRecord, http: HttpLayer) -> None:
        code = base64.b64encode(bridge_code().encode()).decode()
        await BridgeClient.for_store(store, http).call("update", {"code": code})

    async def delete(self, store: StoreRecord, http: HttpLayer) -> None:
        await BridgeClient.for_store(store, http).call("delete")
