"""``cart.info`` of a hosted platform that is one store (one shop, one currency): the
contract's shape, filled from what the platform says about itself; and the contract's
shape of a status list (``order.status.list``, ``return.status.list``), and the statuses a
platform lists nowhere but in its records (:func:`seen`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .fields import get


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


def seen(records: Iterable[Mapping[str, Any]], id_path: str, name_path: str) -> list[tuple[str, Any]]:
    """The (id, name) pairs ``records`` carry, once each, in id order (the first name seen)."""
    out: dict[str, Any] = {}
    for r in records:
        if get(r, id_path) is not None:
            out.setdefault(str(get(r, id_path)), get(r, name_path) or "")
    return sorted(out.items())
