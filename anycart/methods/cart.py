"""``cart.*`` methods that AnyCart answers itself for every platform."""

from __future__ import annotations

from typing import Any

from anycart.concurrency import in_thread
from anycart.errors import ApiError, ReturnCode
from anycart.methods.context import Context, Handler
from anycart.platforms.base import Call

from .shipping import AROUND_CONNECTOR


async def cart_methods(ctx: Context) -> dict[str, Any]:
    platform = ctx.platform()
    gateway = ctx.gateway

    methods = [op.name for op in gateway.catalogue
               if (op.name in gateway.methods and op.name not in AROUND_CONNECTOR)
               or platform.connector.serves(op.name)]
    return {"method": sorted(methods), "additional_fields": {}, "custom_fields": {}}


async def cart_info(ctx: Context) -> dict[str, Any]:
    platform = ctx.platform()
    assert ctx.store is not None
    connector = platform.connect(ctx.store, ctx.gateway.http, ctx.gateway.platform_settings)
    if not platform.connector.serves("cart.info"):
        raise ApiError.unsupported("cart.info", platform.name)
    info: dict[str, Any] = await connector.cart_info(  # type: ignore[attr-defined]
        Call("cart.info", ctx.params))
    return info


async def cart_validate(ctx: Context) -> dict[str, Any]:
    platform = ctx.platform()
    assert ctx.store is not None
    await platform.connect(ctx.store, ctx.gateway.http, ctx.gateway.platform_settings).check_connection()
    return {"status": "valid"}


async def cart_delete(ctx: Context) -> dict[str, Any]:
    assert ctx.store is not None
    platform = ctx.gateway.registry.get(ctx.store.cart_id)
    bridge = platform.installed_bridge(ctx.store.credentials) if platform is not None else None
    if ctx.params.get("delete_bridge") and bridge:
        await bridge.delete(ctx.store, ctx.gateway.http)
    if not await in_thread(ctx.repo.delete_store, ctx.account.id, ctx.store.store_key):
        raise ApiError(ReturnCode.STORE_NOT_FOUND, "Store with the specified store_key not found")
    return {"store": "deleted"}


METHODS: dict[str, Handler] = {
    "cart.methods": cart_methods,
    "cart.info": cart_info,
    "cart.validate": cart_validate,
    "cart.delete": cart_delete,
}
