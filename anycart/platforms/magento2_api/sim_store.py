"""Simulated Magento 2 installs: entity tables, store views, integration tokens, per-view
values and the clock every write stamps ``updated_at`` with (UTC ``Y-m-d H:i:s``).

A product's ``name``/``price``/``status``/``visibility`` saved through ``/rest/<view>/V1`` is
that view's, read back through the same view and not through another (Magento's store-view
values beside the global ``all`` ones).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.grants import Grant, Keyring
from anycart.sandbox.scoped import Overlay
from anycart.sandbox.table import Record, Table, Tables
from anycart.sandbox.tenants import Stores, tenant_of

from .sim_rest import FACTS, answer, reply

SCOPED: tuple[str, ...] = tuple(FACTS["scoped"])
#: Adobe Commerce's returns module (``/V1/returns``), which Magento Open Source lacks
RMA_MODULE = "Magento_Rma"
#: the code of the global scope in the path (``/rest/all/V1``)
ALL = "all"


@dataclass
class StoreData(Tables):
    products: Table = field(default_factory=Table)
    categories: Table = field(default_factory=lambda: Table(first_id=3))
    customers: Table = field(default_factory=Table)
    orders: Table = field(default_factory=Table)
    invoices: Table = field(default_factory=Table)
    shipments: Table = field(default_factory=Table)
    creditmemos: Table = field(default_factory=Table)
    returns: Table = field(default_factory=Table)  # Adobe Commerce's RMAs
    sales_rules: Table = field(default_factory=Table)  # cart price rules and their coupons
    coupons: Table = field(default_factory=Table)
    #: the store-view values of :data:`SCOPED` fields, by product id and view code
    overrides: Overlay = field(default_factory=lambda: Overlay(SCOPED, ALL))
    #: (sku, source code) -> MSI source item
    sources: dict[tuple[str, str], Record] = field(default_factory=dict)


class MagentoStore:
    """One Magento install: its data, websites and views, and the tokens it accepts."""

    def __init__(self, host: str, now: Callable[[], datetime]) -> None:
        self.host = host
        self.now = now
        self.data = StoreData()
        self.tokens = Keyring()  # integration access tokens and issued admin tokens
        self.admins: dict[str, str] = {FACTS["admin"]["username"]: FACTS["admin"]["password"]}
        self.views: list[Record] = copy.deepcopy(FACTS["views"])
        self._ids: dict[str, int] = {}
        #: modules installed (app/code), by name: their own rows and routes
        self.modules: dict[str, object] = {}

    def next_id(self, sequence: str) -> int:
        self._ids[sequence] = self._ids.get(sequence, 0) + 1
        return self._ids[sequence]

    def stamp(self, when: datetime | None = None) -> str:
        return (when or self.now()).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    def touch(self, table: Table, record: Record, when: datetime | None = None) -> None:
        """``record`` of ``table`` changed: its ``updated_at`` moves (what pollers follow)."""
        record["updated_at"] = self.stamp(when)
        table.changed()

    def view(self, code: str) -> Record | None:
        """The store view of a path code (``all`` is the admin view, id 0)."""
        code = "admin" if code == ALL else code
        return next((v for v in self.views if v["code"] == code), None)

    def issue_token(self, username: str, password: str) -> str | None:
        return self.tokens.issue() if self.admins.get(username) == password else None

    # -- catalog by sku and store view -------------------------------------------------------
    def product_id(self, sku: str) -> int | None:
        key = self.data.products.index("sku").get(sku)
        return int(key) if key is not None else None

    def product(self, sku: str, code: str) -> Record | None:
        """A product as store view ``code`` sees it (a copy), or None."""
        key = self.product_id(sku)
        return None if key is None else self.scoped(key, code)

    def scoped(self, key: int, code: str) -> Record:
        return self.data.overrides.seen(key, code, self.data.products.peek(key))

    def save_scoped(self, key: int, code: str, values: dict[str, Any]) -> None:
        """Keep ``values`` (of :data:`SCOPED`) for view ``code``; on ``all``, globally."""
        own = self.data.overrides.save(key, code, values)
        if own:
            self.data.products[key].update(own)
            self.data.products.changed()


def store_of(request: Request) -> MagentoStore:
    store: MagentoStore = tenant_of(request)
    return store


def store_code(request: Request) -> str:
    """The store code of the path (``/rest/<code>/V1``); ``/rest/V1`` is the default view."""
    return str(request.path_params.get("code") or "default")


def rows(table: str) -> Callable[[Request], Response]:
    """A table's records through ``searchCriteria`` (``orders``, ``customers/search``...)."""
    def endpoint(request: Request) -> Response:
        found = getattr(store_of(request).data, table)
        return answer(request, (found.peek(k) for k in found.sorted_keys()))
    return endpoint


def store_views(request: Request) -> Response:
    keys = ("id", "code", "name", "website_id", "store_group_id", "is_active")
    return reply([{k: v[k] for k in keys} for v in store_of(request).views])


def facts(name: str) -> Callable[[Request], Response]:
    """Store facts answered as they are (``store/storeGroups``, ``store/websites``)."""
    return lambda request: reply(FACTS[name])


def store_configs(request: Request) -> Response:
    """Each view's configuration but the admin view's; URLs on the store's host."""
    store = store_of(request)
    urls = {k: v.format(host=store.host) for k, v in FACTS["store_config"].items()}
    return reply([{"id": v["id"], "code": v["code"], "website_id": v["website_id"],
                   "locale": v["locale"], **urls} for v in store.views[1:]])


class MagentoStores(Stores[MagentoStore]):
    """The installs a simulator serves, keyed by host."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(MagentoStore, now)

    def add_shop(self, host: str, token: str, *, size: int = 100, seed: int = 0,
                 anchor: datetime | None = None, acl: Collection[str] | None = None,
                 rma: bool = True) -> MagentoStore:
        """Register an install seeded with about ``size`` products (or, for a known host,
        accept one more integration token). Same ``size``, ``seed`` and ``anchor`` (default:
        today 00:00 UTC), same data. ``acl``: the integration's resource access is custom,
        these ACL resources only (default: all). ``rma``: Adobe Commerce's ``Magento_Rma`` is
        installed (False: Magento Open Source, no returns)."""
        from .seed import seed_store

        def install(new: MagentoStore, day: datetime) -> None:
            new.modules.update({RMA_MODULE: True} if rma else {})
            seed_store(new, size=size, seed=seed, anchor=day)

        store = self.seeded(host, install, anchor)
        store.tokens.add(token, None if acl is None else Grant(dict.fromkeys(acl, ("*",))))
        return store
