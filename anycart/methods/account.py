"""``account.*``: the caller's stores and the platforms this server supports."""

from __future__ import annotations

from typing import Any

from anycart.concurrency import in_thread
from anycart.errors import ApiError, ReturnCode
from anycart.methods.context import Context, Handler
from anycart.model import A2CDateTime
from anycart.platforms.base import Platform
from anycart.storage.repository import StoreRecord

_LABEL_KEYS = ("custom_label", "label")


def _platform_or_error(ctx: Context, cart_id: str) -> type[Platform]:
    platform = ctx.gateway.registry.get(cart_id)
    if platform is None:
        supported = ", ".join(p.cart_id for p in ctx.gateway.registry)
        raise ApiError(ReturnCode.PLATFORM_ERROR,
                       f"Platform '{cart_id}' is not supported by this AnyCart server. "
                       f"Supported cart_id values: {supported}.")
    return platform


async def check_store_url(ctx: Context, platform: type[Platform], store_url: str,
                          bridge_url: str | None = None, name: str = "store_url") -> None:
    """Refuse store (and bridge) URLs AnyCart would connect to on a private network (SSRF);
    ``name`` is the parameter that gave the store URL."""
    if platform.capabilities.connects_to_store_url:
        await ctx.check_reachable_url(name, store_url)
        if bridge_url:
            await ctx.check_reachable_url("bridge_url", bridge_url)


async def verify_store(ctx: Context, platform: type[Platform], store: StoreRecord) -> None:
    try:
        await platform.connect(store, ctx.gateway.http, ctx.gateway.platform_settings).check_connection()
    except ApiError as err:
        bridge = platform.installed_bridge(store.credentials)
        if bridge and err.code in (ReturnCode.BRIDGE_NOT_FOUND, ReturnCode.BRIDGE_RESPONSE_ERROR):
            raise ApiError(ReturnCode.BRIDGE_NOT_FOUND,
                           f"{err.message} This store's bridge is not installed yet: "
                           f"{bridge.install_steps}") from None
        raise


async def cart_add(ctx: Context) -> dict[str, Any]:
    p = ctx.params
    platform = _platform_or_error(ctx, p["cart_id"])
    credentials = platform.new_store_credentials(platform.credentials.pick(p))
    store_url = (p.get("store_url") or "").strip().rstrip("/")
    await check_store_url(ctx, platform, store_url, p.get("bridge_url")) if store_url else None
    store_url = store_url or platform.default_store_url(credentials)
    if await in_thread(ctx.repo.find_store_by_url, ctx.account.id, platform.cart_id, store_url):
        raise ApiError(ReturnCode.STORE_EXISTS, "Store already exists")
    label = next((p[k] for k in _LABEL_KEYS if p.get(k)), "")
    if p.get("verify", True):
        probe = StoreRecord(id=0, account_id=ctx.account.id, store_key="", cart_id=platform.cart_id,
                            store_url=store_url, label=label, credentials=credentials,
                            created_at=None)  # type: ignore[arg-type]
        await verify_store(ctx, platform, probe)
    store = await in_thread(lambda: ctx.repo.add_store(
        ctx.account.id, platform.cart_id, store_url, label, credentials, p.get("store_key") or None))
    return {"store_key": store.store_key}


def _cart_entry(ctx: Context, store: StoreRecord) -> dict[str, Any]:
    platform = ctx.gateway.registry.get(store.cart_id)
    bridge = platform.installed_bridge(store.credentials) if platform is not None else None
    return {"id": str(store.id), "url": store.store_url, "store_key": store.store_key,
            "cart_id": store.cart_id, "custom_label": store.label,
            "bridge_version": bridge.version if bridge else "",
            "total_calls": "0",
            # Not in the contract's entry (which allows more fields): a store whose connector
            # plugin was uninstalled is listed, marked, until it connects again or is deleted.
            "additional_fields": _connection(store)}


def _connection(store: StoreRecord) -> dict[str, Any]:
    if store.disconnected_at is None:
        return {"status": "connected"}
    return {"status": "disconnected",
            "disconnected_at": A2CDateTime.of(store.disconnected_at).model_dump()}


async def cart_list(ctx: Context) -> dict[str, Any]:
    p = ctx.params
    stores = await in_thread(ctx.repo.list_stores, ctx.account.id)
    if p.get("store_url"):
        stores = [s for s in stores if s.store_url == p["store_url"].rstrip("/")]
    if p.get("store_key"):
        stores = [s for s in stores if s.store_key == p["store_key"]]
    if p.get("custom_label"):
        stores = [s for s in stores if s.label == p["custom_label"]]
    carts = [_cart_entry(ctx, s) for s in stores]
    return {"carts_count": len(carts), "carts": carts}


def describe_platform(platform: type[Platform]) -> dict[str, Any]:
    spec = platform.credentials
    return {
        "cart_id": platform.cart_id,
        "cart_name": platform.name,
        "cart_versions": "",
        "cart_method": "bridge" if platform.bridge is not None else "api",
        "params": {"required": [list(group) for group in spec.required],
                   "additional": list(spec.additional)},
        "additional_fields": {"native_webhooks": platform.capabilities.native_webhooks,
                              "page_limit": platform.capabilities.page_limit},
        "custom_fields": {},
    }


async def supported_platforms(ctx: Context) -> dict[str, Any]:
    wanted = ctx.params.get("cart_id")
    platforms = [describe_platform(p) for p in ctx.gateway.registry
                 if not wanted or p.cart_id == wanted]
    return {"supported_platforms_count": len(platforms), "supported_platforms": platforms}


async def config_update(ctx: Context) -> dict[str, Any]:
    """Change the current store's credentials, URL, label or key."""
    store = ctx.store
    assert store is not None
    p = ctx.params
    platform = ctx.platform()
    given = {k: v for k, v in p.items() if k in platform.credentials.names and v not in (None, "")}
    credentials = {**({} if p.get("replace_parameters") else store.credentials), **given}
    store_url = (p.get("new_store_url") or "").rstrip("/") or None
    if store_url or given.get("bridge_url"):
        await check_store_url(ctx, platform, store_url or store.store_url, given.get("bridge_url"),
                              "new_store_url" if store_url else "store_url")
    changed = len(given) + bool(store_url) + bool(p.get("custom_label")) + bool(p.get("new_store_key"))
    if p.get("replace_parameters"):
        platform.credentials.pick({**credentials, "store_url": store_url or store.store_url})
    updated = await in_thread(lambda: ctx.repo.update_store(
        ctx.account.id, store.store_key, store_url=store_url, label=p.get("custom_label"),
        credentials=credentials if given or p.get("replace_parameters") else None,
        new_store_key=p.get("new_store_key")))
    if updated is None:
        raise ApiError(ReturnCode.STORE_NOT_FOUND, "Store with the specified store_key not found")
    return {"updated_items": changed}


METHODS: dict[str, Handler] = {
    "account.cart.add": cart_add,
    "account.cart.list": cart_list,
    "account.supported_platforms": supported_platforms,
    "account.config.update": config_update,
}
