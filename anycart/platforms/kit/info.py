"""``cart.info`` of a hosted platform that is one store (one shop, one currency), or of
one with several (:func:`stores`): the contract's shape, filled from what the platform says
about itself; and the contract's
shape of a status list (``order.status.list``, ``return.status.list``): of a platform's
named list (:class:`NamedStatuses`), of a fixed list it documents (:class:`FixedStatuses`),
or of the statuses it lists nowhere but in its records (:func:`seen`, :class:`SeenStatuses`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from anycart.platforms.base import Call

from .fields import get
from .named import Named
from .serve import Methods


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
    return stores(platform, name, url, version, [store], extra=extra)


def stores(platform: str, name: Any, url: str, version: Any, stores_info: list[dict[str, Any]], *,
           extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The answer of ``cart.info`` of a platform with several stores (PrestaShop's shops,
    Magento's store views), each in the contract's ``stores_info`` shape: a hosted store has
    no bridge, no table prefix, none of the bridge's warehouses and zones."""
    return {"name": name, "url": url, "version": version, "bridge_version": None,
            "db_prefix": None, "stores_info": stores_info, "warehouses": [], "shipping_zones": [],
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


@dataclass(frozen=True)
class NamedStatuses:
    """``method`` answers the statuses of a named list (``order.status.list``: the store's
    order statuses) under ``key``; ``applied``: parameters it takes and honours (a list
    that has every status, the merchant's own too)."""

    method: str
    key: str
    named: Named
    applied: frozenset[str] = frozenset()

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        return statuses(self.key, (await self.named.names(connector, connector.read_named)).items())

    def methods(self) -> Methods:
        return {self.method: (self.run, self.applied)}


@dataclass(frozen=True)
class FixedStatuses:
    """``method`` answers under ``key`` the statuses every store of the platform has, the
    same everywhere (id -> name: WooCommerce's order statuses, Shopify's three);
    ``applied``: parameters it takes and honours (there are no merchant's own to leave out)."""

    method: str
    key: str
    names: Mapping[str, Any]
    applied: frozenset[str] = frozenset()

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        return statuses(self.key, self.names.items())

    def methods(self) -> Methods:
        return {self.method: (self.run, self.applied)}


@dataclass(frozen=True)
class SeenStatuses:
    """``method`` answers under ``key`` the statuses the first ``most`` records of
    ``entity`` carry (``return.status.list`` of a platform listing them nowhere else)."""

    method: str
    key: str
    entity: str
    id_path: str
    name_path: str
    most: int = 500

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        records, _ = await connector.backend(connector.entity(self.entity)).page({}, 0, self.most)
        return statuses(self.key, seen(records, self.id_path, self.name_path))

    def methods(self) -> Methods:
        return {self.method: (self.run, frozenset())}
