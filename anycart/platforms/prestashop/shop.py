"""What every part of the PrestaShop driver stands on: the shop's settings, the shop and
language a call names (else ``PS_SHOP_DEFAULT`` / ``PS_LANG_DEFAULT``), its links, statuses,
order lines, and the addresses customers and orders write alike (:data:`.writes.ADDRESS`)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from anycart.platforms.bridge.connector import BridgeConnector
from anycart.platforms.bridge.namedstatuses import NamedStatuses
from anycart.platforms.bridge.settings import Settings, chosen
from anycart.platforms.bridge.sqlkit import SqlExecutor, scalar
from anycart.platforms.bridge.values import now_db

from . import mapping as M
from . import writes as W

#: The configuration values the driver needs (the default shop's own value wins over the
#: global one: ordered last).
SETTINGS = Settings(
    "SELECT name, value, id_shop FROM {p}configuration WHERE name IN (??)"
    " ORDER BY id_shop IS NOT NULL, id_configuration",
    ("PS_LANG_DEFAULT", "PS_SHOP_DEFAULT", "PS_CURRENCY_DEFAULT", "PS_SHOP_NAME", "PS_SHOP_EMAIL",
     "PS_HOME_CATEGORY", "PS_CUSTOMER_GROUP", "PS_TIMEZONE", "PS_SSL_ENABLED",
     "PS_REWRITING_SETTINGS", "PS_ROUTE_product_rule", "PS_GUEST_GROUP"))
NO_DATE = "0000-00-00 00:00:00"
#: Order statuses (retired ones, ``deleted = 1``, kept out) and return statuses, named per
#: language in their ``_lang`` rows.
ORDER_STATES = NamedStatuses("order_state", "id_order_state", "order_status", "order.status.list",
                             lang="id_lang", where="s.deleted = 0", read=lambda name: name)
RETURN_STATES = NamedStatuses("order_return_state", "id_order_return_state", "status",
                              "return.status.list", lang="id_lang", read=lambda name: name)


def new_customer(shop: int, shop_group: int, group: int, lang: int, added: str,
                 modified: str | None = None) -> dict[str, Any]:
    """A new ``customer`` row's own columns (customer.add's and order.add's guest) in the
    shop and its group: a bcrypt-shaped ``passwd`` no password matches (the customer
    resets it), a fresh ``secure_key``."""
    return {"id_shop": shop, "id_shop_group": shop_group, "id_default_group": group, "id_lang": lang,
            "passwd": "$2y$10$" + secrets.token_hex(27)[:53],
            "secure_key": hashlib.md5(secrets.token_bytes(16)).hexdigest(),
            "date_add": added, "date_upd": modified or added}


async def line_quantities(db: SqlExecutor, oid: int, taken_by: str | None = None) -> dict[str, float]:
    """``{order line id: quantity}`` of an order's lines, or what its ``taken_by`` rows
    (``order_return``, ``order_slip``) already take back of each in their ``_detail`` rows."""
    sql = ("SELECT id_order_detail AS line, product_quantity AS n FROM {p}order_detail"
           " WHERE id_order = ?" if taken_by is None else
           f"SELECT d.id_order_detail AS line, SUM(d.product_quantity) AS n FROM {{p}}{taken_by}_detail"
           f" d JOIN {{p}}{taken_by} h ON h.id_{taken_by} = d.id_{taken_by} WHERE h.id_order = ?"
           " GROUP BY d.id_order_detail")
    return {str(r["line"]): float(r["n"]) for r in await db.select(sql, [oid])}


class PrestaShopBase(BridgeConnector):
    _front: M.Storefront | None = None

    async def _setting_int(self, name: str, fallback: int) -> int:
        return await SETTINGS.integer(self, name, fallback)

    async def _shop(self, params: dict[str, Any]) -> int:
        # store 0 is the one store cart.info lists: the default shop
        return chosen(params, "store_id", "shop", zero_is_default=True) or \
            await self._setting_int("PS_SHOP_DEFAULT", 1)

    async def _shop_group(self, shop: int) -> int:
        """The shop's group (Customer::add and validateOrder write it beside the shop)."""
        return int(await scalar(self.db, "SELECT id_shop_group FROM {p}shop WHERE id_shop = ?",
                                [shop]) or 1)

    async def _lang(self, params: dict[str, Any]) -> int:
        found = chosen(params, "lang_id", "language")
        return await self._setting_int("PS_LANG_DEFAULT", 1) if found is None else found

    async def sql_context(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"shop": await self._shop(params), "lang": await self._lang(params)}

    async def _shop_langs(self, shop: int) -> list[int]:
        rows = await self.db.select("SELECT id_lang FROM {p}lang_shop WHERE id_shop = ?"
                                    " ORDER BY id_lang", [shop])
        return [int(r["id_lang"]) for r in rows] or [await self._lang({})]

    async def read_zone(self) -> str | None:
        # PrestaShop writes date_add/date_upd with PHP's date() in this zone.
        return await SETTINGS.get(self, "PS_TIMEZONE")

    async def store_info(self, config: dict[str, Any]) -> dict[str, Any]:
        settings = await SETTINGS.read(self)
        currency_id = await self._setting_int("PS_CURRENCY_DEFAULT", 1)
        iso = await scalar(self.db, "SELECT iso_code FROM {p}currency WHERE id_currency = ?",
                           [currency_id])
        return {"name": settings.get("PS_SHOP_NAME"), "email": settings.get("PS_SHOP_EMAIL"),
                "currency": {"id": str(currency_id), "iso3": iso}}

    async def storefront(self, shop: int) -> M.Storefront:
        """The shop's link settings (read once per connector)."""
        if self._front is None:
            settings = await SETTINGS.read(self)
            ssl = settings.get("PS_SSL_ENABLED") == "1"
            url = await self.db.select(
                "SELECT domain, domain_ssl, physical_uri, virtual_uri FROM {p}shop_url WHERE"
                " id_shop = ? AND active = 1 ORDER BY main DESC, id_shop_url LIMIT 1", [shop])
            if url:
                host = url[0]["domain_ssl"] if ssl else url[0]["domain"]
                path = f"{url[0]['physical_uri'] or '/'}{url[0]['virtual_uri'] or ''}"
                base = f"{'https' if ssl else 'http'}://{host}/{path.strip('/')}"
            else:  # no shop_url row: the address the merchant connected
                base = str(self.store.store_url or "")
            langs = await self.db.select(
                "SELECT l.id_lang, l.iso_code FROM {p}lang l JOIN {p}lang_shop ls ON"
                " ls.id_lang = l.id_lang AND ls.id_shop = ? WHERE l.active = 1", [shop])
            prefix = {int(r["id_lang"]): f"{r['iso_code']}/" for r in langs} if len(langs) > 1 else {}
            self._front = M.Storefront(base.rstrip("/") + "/" if base else "",
                                       settings.get("PS_REWRITING_SETTINGS") == "1", prefix,
                                       settings.get("PS_ROUTE_product_rule") or M.PRODUCT_ROUTE)
        return self._front

    async def _address_columns(self, a: dict[str, Any], prefix: str, names: dict[str, Any]) -> dict[str, Any]:
        """An ``address`` row from contract fields named ``<prefix>address1`` ... (``""``,
        ``address_book_``, ``bill_``); ``names`` (a customer row) fills the names not given."""
        stamp = now_db()
        return {**await W.ADDRESS.row(self.db, a, prefix, names), "date_add": stamp, "date_upd": stamp}
