"""``bridge.*``: the store's connection bridge (download, update in place, delete).

Served for platforms with a :class:`~anycart.platforms.hooks.StoreBridge` hook; the others
are reached through their API and answer 120.
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.methods.context import Context, FileAnswer, Handler
from anycart.platforms.hooks import StoreBridge


def store_bridge(ctx: Context) -> StoreBridge:
    platform = ctx.platform()
    if platform.bridge is None:
        raise ApiError.unsupported(ctx.op.name, f"{platform.name} (it is reached through its API, "
                                                f"not a bridge)")
    return platform.bridge


async def bridge_download(ctx: Context) -> FileAnswer:
    bridge = store_bridge(ctx)
    assert ctx.store is not None
    if not bridge.installed_for(ctx.store.credentials):  # as every other bridge call answers
        raise ApiError(ReturnCode.BRIDGE_NOT_FOUND, "Bridge not found: this store has no bridge keys.")
    return FileAnswer(bridge.package(ctx.store.credentials, bool(ctx.params.get("whitelabel"))),
                      "bridge.zip", "application/zip")


async def bridge_update(ctx: Context) -> dict[str, Any]:
    """Replace the store's bridge.php with this server's version, through the bridge itself."""
    assert ctx.store is not None
    await store_bridge(ctx).update(ctx.store, ctx.gateway.http)
    return {"updated": True}


async def bridge_delete(ctx: Context) -> dict[str, Any]:
    assert ctx.store is not None
    await store_bridge(ctx).delete(ctx.store, ctx.gateway.http)
    return {"deleted": True}


METHODS: dict[str, Handler] = {
    "bridge.download": bridge_download,
    "bridge.update": bridge_update,
    "bridge.delete": bridge_delete,
}
