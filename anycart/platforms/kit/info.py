"""``cart.info`` of a hosted platform that is one store (one shop, one currency): the
contract's shape, filled from what the platform says about itself; and the contract's
shape of a status list (``order.status.list``, ``return.status.list``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def one_store(platform: str, name: Any, url: str, version: str, *, currency: Any = None,
              timezone: Any = None, email: Any = None,
              extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The answer of ``cart.info``: store ``1`` is the store, category ``0`` its root."""
    store: dict[str, Any] = {"store_id": "1", "name": name, "default": True,
                             "store_owner_info": {"email": email} if email else {},
                             "root_category_id": "0"}
    if currency is not None:
        store["currency"] = {"id": currency, "iso3": currency}
    if timezone is not None:
        store["timezone"] = timezone
    return {"name": name, "url": url, "version": version, "bridge_version": None,
            "db_prefix": None, "stores_info": [store], "warehouses": [], "shipping_zones": [],
            "additional_fields": {"platform": platform, **(extra or {})}, "custom_fields": {}}


def statuses(key: str, pairs: Iterable[tuple[Any, Any]]) -> dict[str, Any]:
    """A status list answered under ``key`` (``cart_order_statuses``): (id, name) pairs."""
    return {key: [{"id": i, "name": n} for i, n in pairs], "additional_fields": {},
            "custom_fields": {}}
