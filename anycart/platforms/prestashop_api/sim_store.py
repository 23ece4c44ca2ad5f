"""Simulated PrestaShop stores: one table per webservice resource, webservice keys with their
permissions and shops, and the ObjectModel save rules (``saveEntityFromXml``: a PUT
replaces the whole object, a PATCH only what it names; ``date_add``/``date_upd`` stamped on
every write, which is what pollers read).

Records hold values as the database returns them (see :mod:`.sim_model`). Records of a
``multishop`` resource (products, categories, combinations, carriers, languages...) belong
to shops (``_shops``, the ``*_shop`` tables) and stock rows carry their ``id_shop``; a
request sees those of its shop context only.
"""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from anycart.sandbox.grants import Grant, Keyring
from anycart.sandbox.rules import Refused
from anycart.sandbox.table import Record, Table
from anycart.sandbox.tenants import Stores
from anycart.sandbox.values import slug

from .sim_model import RESOURCES, RULES, Resource, WsError, refusal
from .sim_orders import cart_of, place
from .sim_output import Entity
from .sim_query import php_int

Permissions = dict[str, set[str]]  # resource -> methods
ALL_METHODS = frozenset({"GET", "PUT", "POST", "PATCH", "DELETE", "HEAD"})


def full_access() -> Permissions:
    """Every method on every resource served (product images: read, upload, delete)."""
    return {**{name: set(ALL_METHODS - res.forbidden) for name, res in RESOURCES.items()},
            "images": {"GET", "HEAD", "POST", "DELETE"}}


class PrestashopShop:
    """One PrestaShop install (a host) with its shops, languages and data."""

    def __init__(self, host: str, now: Callable[[], datetime]) -> None:
        self.host = host
        self.now = now
        self.name = "AnyCart Demo"
        self.keys = Keyring()  # webservice accounts: permissions and the shops they reach
        self.tables: dict[str, Table] = {name: Table() for name in RESOURCES}
        self.images: dict[int, bytes] = {}  # image id -> JPEG

    # -- context ---------------------------------------------------------------------------
    def languages(self) -> list[str]:
        return [str(k) for k in self.tables["languages"]]

    def shop_ids(self) -> list[int]:
        return list(self.tables["shops"])

    def stamp(self) -> str:
        return self.now().astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    def visible(self, res: Resource, rec: Record, shops: list[int]) -> bool:
        """Whether the shop context sees the record (``getWebserviceObjectList``'s join)."""
        if res.fk_shop:
            return php_int(rec.get("id_shop")) in (0, *shops)
        return not res.multishop or bool(set(rec.get("_shops", ())) & set(shops))

    def rows(self, res: Resource, shops: list[int]) -> Iterator[Record]:
        table = self.tables[res.name]
        return (rec for rec in map(table.peek, table) if self.visible(res, rec, shops))

    # -- reading: values the getters compute and associations ------------------------------
    def _find(self, name: str, **match: str) -> list[Record]:
        return self.tables[name].where(**match)

    def stock(self, pid: int, attr: int, shop: int) -> Record | None:
        found = self._find("stock_availables", id_product=str(pid),
                           id_product_attribute=str(attr), id_shop=str(shop))
        return found[0] if found else None

    def entity(self, res: Resource, rec: Record, shops: list[int]) -> Entity:
        rid = int(rec["id"])
        values = {k: v for k, v in rec.items() if k in res.fields}
        assoc: dict[str, list[dict[str, str]]] = copy.deepcopy(rec.get("associations", {}))
        shop = shops[0]
        for a in res.associations.values():
            if a.source:
                match = {a.source[1]: str(rid), **{c: str(shop) for c in a.source[2:]}}
                assoc[a.name] = [{"id": str(r["id"]), **{k: str(r.get(k, "")) for k in a.fields
                                                         if k != "id"}}
                                 for r in self._find(a.source[0], **match)]
        if res.name == "products":
            combos = self._find("combinations", id_product=str(rid))
            stock = self.stock(rid, 0, shop)
            values.update(
                quantity=stock["quantity"] if stock else "0", new="", manufacturer_name="",
                position_in_category="0",
                type="virtual" if rec.get("is_virtual") == "1" else "simple",
                id_default_image=(assoc.get("images") or [{"id": ""}])[0]["id"],
                id_default_combination=next((str(c["id"]) for c in combos
                                             if c.get("default_on") == "1"), "0"))
            seen = dict.fromkeys(v["id"] for c in combos
                                 for v in c.get("associations", {}).get(
                                     "product_option_values", []))
            assoc["product_option_values"] = [{"id": v} for v in seen]
        elif res.name == "categories":
            products = [p for p in self.rows(RESOURCES["products"], shops)
                        if any(c["id"] == str(rid)
                               for c in p.get("associations", {}).get("categories", []))]
            values["nb_products_recursive"] = str(len(products))
            assoc["products"] = [{"id": str(p["id"])} for p in products]
        elif res.name == "orders":
            carriers = self._find("order_carriers", id_order=str(rid))
            values["shipping_number"] = carriers[0]["tracking_number"] if carriers else ""
        elif res.name == "carriers":
            values["id_tax_rules_group"] = "1"
        elif res.name == "currencies":
            values["names"] = {lang: rec.get("name", "") for lang in self.languages()}
        return Entity(res, rid, values, assoc)

    # -- writing ---------------------------------------------------------------------------
    def blank(self, res: Resource) -> Record:
        return RULES.blank(res.fields.values(), self.languages())

    def save(self, res: Resource, given: dict[str, Any], method: str, shops: list[int]) -> Record:
        """One entity of a POST, PUT or PATCH body, as ``saveEntityFromXml`` saves it."""
        table = self.tables[res.name]
        if method == "POST":
            rec = self.blank(res)
        else:
            rid = php_int(given.get("id"))
            if rid not in table:
                raise WsError("invalid_id")
            rec = copy.deepcopy(table.peek(rid))
        try:
            RULES.write(res.fields.values(), rec, given, self.languages(),
                        partial=method == "PATCH", stamped=("date_add", "date_upd"))
            self._modify(res, rec, given, method)
            if res.name == "carts" and rec["id_shop"] in ("", "0"):  # Cart::add: the context's
                rec.update(id_shop=str(shops[0]), id_shop_group="1")
            RULES.check(res.fields.values(), rec)
        except Refused as refused:
            raise refusal(refused) from None
        self._associate(res, rec, given.get("associations") or {})
        # Order::addWs: the order is made from its cart by validateOrder
        cart = cart_of(self, rec) if res.name == "orders" and method == "POST" else None
        now = self.stamp()
        if "date_upd" in res.fields:
            rec["date_upd"] = now
        if "date_add" in res.fields and (method == "POST" or not rec.get("date_add")):
            rec["date_add"] = now
        if res.multishop:
            rec["_shops"] = sorted(set(rec.get("_shops", ())) | set(shops))
        created = method == "POST"
        if created:
            rec["id"] = table.next_id
        table[rec["id"]] = rec
        if cart is not None:
            place(self, rec, cart)
        self._after(res, rec, created, shops)
        return rec

    def _modify(self, res: Resource, rec: Record, given: dict[str, Any], method: str) -> None:
        """The class's own setters and ``ws_modifier``s: on POST an empty ``link_rewrite``
        is made from the name and an invalid one rewritten (``modifierWsLinkRewrite``); a
        customer's password is stored hashed (``setWsPasswd``) and a new customer gets its
        ``secure_key``."""
        if method == "POST" and "link_rewrite" in res.fields:
            rec["link_rewrite"] = {
                lang: text if re.fullmatch(r"[_a-zA-Z0-9-]+", text) else _slug(
                    text or rec["name"].get(lang, ""))
                for lang, text in rec["link_rewrite"].items()}
        if res.name == "customers":
            if "passwd" in given and not rec["passwd"].startswith("$2y$"):
                digest = hashlib.sha256(rec["passwd"].encode()).hexdigest()
                rec["passwd"] = "$2y$10$" + digest[:53]
            if method == "POST":
                rec["secure_key"] = hashlib.md5(f"{self.host}{len(self.tables[res.name])}"
                                                .encode()).hexdigest()

    @staticmethod
    def _associate(res: Resource, rec: Record, given: dict[str, Any]) -> None:
        for name, rows in given.items():
            a = res.associations.get(name)
            if a is None:
                if name != "i18n":
                    raise WsError("association_unknown", name=name)
                continue
            if not a.readonly:
                rec.setdefault("associations", {})[name] = [
                    {k: str(v) for k, v in row.items()} for row in rows]

    def _after(self, res: Resource, rec: Record, created: bool, shops: list[int]) -> None:
        """What ``add``/``update`` do besides the row: a new product or combination gets its
        stock rows; an order history moves its order's current state."""
        if created and res.name in ("products", "combinations"):
            pid, attr = (rec["id"], 0) if res.name == "products" else (
                int(rec["id_product"]), rec["id"])
            for shop in shops:
                if self.stock(int(pid), int(attr), shop) is None:
                    self.insert("stock_availables", {
                        "id_product": str(pid), "id_product_attribute": str(attr),
                        "id_shop": str(shop), "id_shop_group": "1", "quantity": "0",
                        "depends_on_stock": "0", "out_of_stock": "2", "location": ""})
        if res.name == "order_histories":
            order = self.tables["orders"].get(php_int(rec["id_order"]))
            if order is not None:
                order.update(current_state=rec["id_order_state"], date_upd=self.stamp())
                self.tables["orders"].changed()

    def insert(self, name: str, values: dict[str, Any]) -> Record:
        """A record added directly (seeding, side effects), every field defaulted."""
        table = self.tables[name]
        rec = {**self.blank(RESOURCES[name]), **values}
        if RESOURCES[name].multishop:
            rec.setdefault("_shops", self.shop_ids())
        table.insert(rec, "id")
        return rec

    def delete(self, res: Resource, ids: list[int]) -> None:
        table = self.tables[res.name]
        missing = [str(i) for i in ids if i not in table]
        if missing or not ids:
            raise WsError("ids_missing", ids=", ".join(missing))
        for rid in ids:
            del table[rid]
            if res.name == "products":
                for child in ("combinations", "stock_availables"):
                    for r in self._find(child, id_product=str(rid)):
                        del self.tables[child][r["id"]]


def _slug(text: str) -> str:
    """``Tools::str2url``: lower case ASCII words joined by dashes."""
    return slug(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode(), "")


class PrestashopShops(Stores[PrestashopShop]):
    """The stores a simulator serves, keyed by host."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(PrestashopShop, now)

    def add_shop(self, host: str, ws_key: str, *, permissions: Permissions | None = None,
                 shops: set[int] | None = None, size: int = 50, seed: int = 0,
                 anchor: datetime | None = None) -> PrestashopShop:
        """Register a store seeded with ``size`` products (for a known host: one more key).
        ``permissions`` (resource -> methods) default to every method on every resource;
        ``shops`` limits the key to those shop ids. Same size, seed and anchor, same data."""
        from .seed import seed_store

        store = self.seeded(host, lambda new, day: seed_store(new, size=size, seed=seed,
                                                              anchor=day), anchor)
        granted = permissions if permissions is not None else full_access()
        unknown = set(granted) - set(full_access())
        if unknown:
            raise ValueError(f"resources not simulated: {sorted(unknown)}")
        store.keys.add(ws_key, Grant(granted, shops))
        return store
