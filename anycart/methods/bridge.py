"""``bridge.*``: the store's connection bridge (download, update in place, delete)."""

from __future__ import annotations

import base64
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.methods.gateway import Context, FileAnswer, builtin
from anycart.platforms.base import Platform


def bridge_platform(ctx: Context) -> type[Platform]:
    from anycart.platforms.bridge.platform import BridgePlatform

    platform = ctx.platform()
    if not issubclass(platform, BridgePlatform):
        raise ApiError.unsupported(ctx.op.name, f"{platform.name} (it is reached through its API, "
                                                f"not a bridge)")
    return platform


def bridge_client(ctx: Context):
    from anycart.platforms.bridge.transport import BridgeClient

    bridge_platform(ctx)
    assert ctx.store is not None
    return BridgeClient.for_store(ctx.store, ctx.gateway.http)


@builtin("bridge.download")
async def bridge_download(ctx: Context) -> FileAnswer:
    from anycart.platforms.bridge.keys import has_bridge_keys
    from anycart.platforms.bridge.package import bridge_zip

    bridge_platform(ctx)
    assert ctx.store is not None
    if not has_bridge_keys(ctx.store.credentials):  # as every other bridge call answers
        raise ApiError(ReturnCode.BRIDGE_NOT_FOUND, "Bridge not found: this store has no bridge keys.")
    return FileAnswer(bridge_zip(ctx.store.credentials, bool(ctx.params.get("whitelabel"))),
                      "bridge.zip", "application/zip")


@builtin("bridge.update")
async def bridge_update(ctx: Context) -> dict[str, Any]:
    """Replace the store's bridge.php with this server's version, through the bridge itself."""
    from anycart.platforms.bridge.package import bridge_code

    client = bridge_client(ctx)
    await client.call("update", {"code": base64.b64encode(bridge_code().encode()).decode()})
    return {"updated": True}


async def delete_bridge(ctx: Context) -> None:
    await bridge_client(ctx).call("delete")


@builtin("bridge.delete")
async def bridge_delete(ctx: Context) -> dict[str, Any]:
    await delete_bridge(ctx)
    return {"deleted": True}
