"""What every bridge cart shares: its credentials and the keys made for each new store."""

from __future__ import annotations

from typing import Any, ClassVar

from anycart.platforms.base import Capabilities, CredentialSpec, Platform

from .connector import BridgeConnector
from .hook import BridgeFile
from .keys import new_bridge_keys

BRIDGE_CREDENTIALS = CredentialSpec(
    required=(("store_url",),),
    additional=("bridge_url", "store_root", "db_tables_prefix"),
    public=("store_url", "bridge_url", "store_root", "db_tables_prefix"),
)

#: Rows a bridge returns per request; the service pages above it.
BRIDGE_PAGE_LIMIT = 250


class BridgePlatform(Platform):
    credentials: ClassVar[CredentialSpec] = BRIDGE_CREDENTIALS
    capabilities: ClassVar[Capabilities]
    connector: ClassVar[type[BridgeConnector]]
    bridge = BridgeFile()

    @classmethod
    def new_store_credentials(cls, credentials: dict[str, Any]) -> dict[str, Any]:
        """A new store gets its own HMAC secret and RSA key pair (baked into its bridge)."""
        return {**credentials, **new_bridge_keys()}
