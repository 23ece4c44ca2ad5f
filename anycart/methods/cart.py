"""``cart.*`` methods that AnyCart answers itself for every platform."""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.methods.gateway import Context, _in_thread, builtin
from anycart.platforms.base import Call
from anycart.platforms.bridge.keys import has_bridge_keys


@builtin("cart.methods")
async def cart_methods(ctx: Context) -> dict[str, Any]:
    platform = ctx.platform()
    gateway = ctx.gateway
    from anycart.methods.gateway import _BUILTINS

    methods = [op.name for op in gateway.catalogue
               if op.name in _BUILTINS or platform.connector.serves(op.name)]
    return {"method": sorted(methods), "additional_fields": {}, "custom_fields": {}}


@builtin("cart.info")
async def cart_info(ctx: Context) -> dict[str, Any]:
    platform = ctx.platform()
    assert ctx.store is not None
    connector = platform.connect(ctx.store, ctx.gateway.http)
    if not platform.connector.serves("cart.info"):
        raise ApiError.unsupported("cart.info", platform.name)
    return await connector.cart_info(Call("cart.info", ctx.params))  # type: ignore[attr-defined]


@builtin("cart.validate")
async def cart_validate(ctx: Context) -> dict[str, Any]:
    platform = ctx.platform()
    assert ctx.store is not None
    await platform.connect(ctx.store, ctx.gateway.http).check_connection()
    return {"status": "valid"}


@builtin("cart.delete")
async def cart_delete(ctx: Context) -> dict[str, Any]:
    assert ctx.store is not None
    if ctx.params.get("delete_bridge") and has_bridge_keys(ctx.store.credentials):
        from anycart.methods.bridge import delete_bridge

        await delete_bridge(ctx)
    if not await _in_thread(ctx.repo.delete_store, ctx.account.id, ctx.store.store_key):
        raise ApiError(ReturnCode.STORE_NOT_FOUND, "Store with the specified store_key not found")
    return {"store": "deleted"}
