"""The WooCommerce schema driver: contract methods as SQL on WordPress + WooCommerce tables.

Reads, category writes, product images and customer groups come from the declarations in
:mod:`.entities`; product and customer writes from :mod:`.writers`, refunds from
:mod:`.refunds`, ``order.add`` from :mod:`.order_add` (in whichever order storage the store
uses: ``shop_order`` posts, or HPOS ``wc_orders``). This module holds the other writes:
orders' status and notes, a customer's two addresses, and shipments (the Shipment Tracking
extension's ``_wc_shipment_tracking_items`` order meta).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.applied import guard
from anycart.platforms.base import Call, Page
from anycart.platforms.bridge import wordpress as wp
from anycart.platforms.bridge.phpserial import dumps, loads
from anycart.platforms.bridge.sqlkit import InsertId, Statement, scalar
from anycart.platforms.bridge.values import moment, now_gmt, one_id
from anycart.platforms.bridge.wp_entities import WordPressConnector
from anycart.platforms.kit.info import statuses
from anycart.platforms.kit.local import inside, paged
from anycart.platforms.overlap import carrier, one_of, one_tracking, split_all

from . import entities as E
from . import mapping as M
from .order_add import WooOrderAdd
from .params import APPLIED, NESTED, SAME_AS_DEFAULT
from .refunds import DECLARED as REFUNDS
from .shipping_services import SERVICES
from .writers import WRITERS, address_meta, billing_place

_CART = "WooCommerce"


class WooCommerceConnector(WordPressConnector):
    cart_marker = "woocommerce"
    entities, categories, images = E.ENTITIES, E.CATEGORIES, E.IMAGES

    # -- settings ---------------------------------------------------------------------------
    async def permalinks(self) -> dict[str, Any]:
        """What get_permalink() builds product links from."""
        opts = await self.wp.get("home", "permalink_structure", "woocommerce_permalinks")
        links = loads(opts.get("woocommerce_permalinks") or "") or {}
        base = links.get("product_base") if isinstance(links, dict) else None
        return {"home": opts.get("home"), "permalink_structure": opts.get("permalink_structure"),
                "product_base": base}

    async def hpos(self) -> bool:
        return await self.wp.one("woocommerce_custom_orders_table_enabled") == "yes"

    async def store_info(self, config: dict[str, Any]) -> dict[str, Any]:
        o = await self.wp.get("blogname", "admin_email", "woocommerce_currency")
        currency = o["woocommerce_currency"] or "USD"
        return {"name": o["blogname"], "email": o["admin_email"],
                "currency": {"id": currency, "iso3": currency}}

    @staticmethod
    def note(oid: int | InsertId, text: str, gmt: str) -> Statement:
        """An order note (a comment of type ``order_note`` on the order's post id)."""
        return wp.insert_comment(oid, text, gmt, kind="order_note", author="WooCommerce", agent="WooCommerce")

    def status_changed(self, oid: int, old: str, new: str, gmt: str) -> list[Statement]:
        """An order's status change beside its row: the note WooCommerce writes, the
        Analytics row's status."""
        text = f"Order status changed from {M.ORDER_STATUSES.get(old, old)} to {M.ORDER_STATUSES[new]}."
        return [self.note(oid, text, gmt),
                Statement("UPDATE {p}wc_order_stats SET status = ? WHERE order_id = ?", [new, oid])]

    # -- products ---------------------------------------------------------------------------
    async def attributes(self) -> dict[str, dict[str, Any]]:
        """Global attributes by their taxonomy (``pa_color``)."""
        rows = await self.wp.rows("SELECT * FROM {p}woocommerce_attribute_taxonomies ORDER BY attribute_id")
        return {f"pa_{r['attribute_name']}": r for r in rows}

    # -- variations and options -------------------------------------------------------------
    async def product_option_list(self, call: Call) -> Page:
        """A product's attributes; without ``product_id`` the store's global attributes."""
        if call.params.get("product_id") not in (None, ""):
            return paged((await E.PRODUCTS.one(self, call.params["product_id"]))["product_options"], call)
        attributes = await self.attributes()
        terms = await wp.taxonomy_terms(self.db, list(attributes))
        return paged([M.GLOBAL_OPTION.wire({**a, "_taxonomy": t, "_terms": terms[t]}) for t, a in attributes.items()],
                     call)

    # -- customers --------------------------------------------------------------------------
    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        """One billing and one shipping address per customer: ``types`` picks which this sets
        (by default billing when it is empty, else shipping)."""
        p = call.params
        uid = one_id(call.require("customer_id"), "Customer")
        for name in ("address1", "city", "country", "postcode"):
            call.require(name)
        current = await E.CUSTOMERS.one(self, uid)
        kinds = split_all(p, "types")
        if not kinds:
            has_billing = any(a["type"] == "billing" and a.get("address1") for a in current["address_book"])
            kinds = ["shipping" if has_billing else "billing"]
        meta: dict[str, Any] = {}
        for kind in kinds:
            if kind not in ("billing", "shipping"):
                raise ApiError.invalid("types", "billing or shipping")
            meta.update(address_meta(p, kind))
        meta["last_update"] = int(datetime.now(UTC).timestamp())
        place = billing_place(meta)
        await self.db.write([*wp.meta_replace("usermeta", "user_id", uid, meta),
                             *([wp.update("wc_customer_lookup", place, "user_id = ?", uid)] if place else [])])
        return {"id": kinds[0]}

    # -- orders -----------------------------------------------------------------------------
    async def order_status_list(self, call: Call) -> dict[str, Any]:
        return statuses("cart_order_statuses", M.ORDER_STATUSES.items())

    async def order(self, ident: Any) -> tuple[E.PostOrders, int]:
        """The store's order storage and the id of its order ``ident`` (112 for none)."""
        orders = E.HPOS_ORDERS if await self.hpos() else E.ORDERS
        return orders, int((await orders.row(self, ident))["id"])

    async def order_update(self, call: Call) -> dict[str, Any]:
        p = call.params
        orders, oid = await self.order(call.require("order_id"))
        hpos = orders.hpos
        current = (await orders.facts(self, [oid]))[oid]
        now = now_gmt()
        columns: dict[str, Any] = {}
        statements: list[Statement] = []
        if p.get("order_status") not in (None, ""):
            status = M.order_status_id(p["order_status"])
            if status not in M.ORDER_STATUSES:
                raise ApiError.invalid("order_status", "one of " + ", ".join(M.ORDER_STATUSES))
            if status != current["status"]:
                columns["status" if hpos else "post_status"] = status
                statements += self.status_changed(oid, current["status"], status, now)
        if p.get("comment") is not None:
            columns["customer_note" if hpos else "post_excerpt"] = str(p["comment"])
        for name in ("admin_comment", "admin_private_comment"):
            if p.get(name) not in (None, ""):
                statements.append(self.note(oid, str(p[name]), now))
        if not (columns or statements):
            raise ApiError.nothing_to_update()
        statements.insert(0, orders.save(oid, columns))
        await self.db.write(statements)
        return {"updated_items": 1}

    async def order_add(self, call: Call) -> dict[str, Any]:
        return await WooOrderAdd().run(self, call)

    # -- shipments (Shipment Tracking extension) ----------------------------------------------
    async def _tracking(self, ident: Any) -> tuple[int, list[dict[str, Any]], E.PostOrders, list[Any]]:
        orders, oid = await self.order(ident)
        value = await scalar(self.db, f"SELECT meta_value FROM {{p}}{orders.meta_table} WHERE {orders.meta_owner} = ? "
                             "AND meta_key = ?", [oid, "_wc_shipment_tracking_items"])
        lines, _ = await E.order_items(self, [oid])
        return oid, M.tracking_items(value), orders, lines[oid]

    async def order_shipment_list(self, call: Call) -> Page:
        oid, items, _, lines = await self._tracking(call.require("order_id"))
        return paged([M.SHIPMENT.wire(i, {"order_id": oid, "lines": lines}) for i in items], call)

    async def order_shipment_info(self, call: Call) -> dict[str, Any]:
        sid = call.require("id")
        oid, items, _, lines = await self._tracking(call.require("order_id"))
        item = inside({"items": items}, "items", "tracking_id", sid, "Shipment")
        return M.SHIPMENT.wire(item, {"order_id": oid, "lines": lines})

    async def _save_tracking(self, oid: int, items: list[dict[str, Any]], orders: E.PostOrders) -> None:
        await self.db.write([*wp.meta_replace(orders.meta_table, orders.meta_owner, oid,
                                              {"_wc_shipment_tracking_items": dumps(items)}), orders.save(oid)])

    @staticmethod
    def _provider(name: str) -> dict[str, str]:
        """A provider the extension lists by its slug, any other as a custom one."""
        slug = name.lower().replace(" ", "-")
        known = slug in ("usps", "ups", "fedex", "dhl", "royal-mail", "canada-post")
        return {"tracking_provider": slug if known else "", "custom_tracking_provider": "" if known else name}

    def _tracking_item(self, provider: str, number: str, link: str, shipped: datetime | None) -> dict[str, Any]:
        return {**self._provider(provider), "custom_tracking_link": link, "tracking_number": number,
                "date_shipped": str(int((shipped or datetime.now(UTC)).timestamp())),
                "tracking_id": M.new_tracking_id()}

    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        """One tracking item per shipment (the extension tracks whole orders)."""
        p = call.params
        oid, items, s, _ = await self._tracking(call.require("order_id"))
        first = one_tracking(p, _CART)
        provider = str(carrier(p, "carrier_id", "tracking_provider", "shipment_provider") or "")
        item = self._tracking_item(provider, str(first.get("tracking_number") or ""),
                                   str(p.get("tracking_link") or ""), moment(p, "ship_date"))
        await self._save_tracking(oid, [*items, item], s)
        return {"shipment_id": item["tracking_id"]}

    async def order_shipment_tracking_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        oid, items, s, _ = await self._tracking(call.require("order_id"))
        sid = str(call.require("shipment_id"))
        number = str(call.require("tracking_number"))
        target = inside({"items": items}, "items", "tracking_id", sid, "Shipment")
        provider = str(one_of(p, "carrier_id", "tracking_provider") or "")
        if not target.get("tracking_number"):
            target["tracking_number"] = number
            if provider:
                target.update(self._provider(provider))
            if p.get("tracking_link"):
                target["custom_tracking_link"] = str(p["tracking_link"])
            new_id = sid
        else:
            provider = provider or target.get("custom_tracking_provider") or target.get("tracking_provider") or ""
            extra = self._tracking_item(provider, number, str(p.get("tracking_link") or ""), None)
            items.append(extra)
            new_id = extra["tracking_id"]
        await self._save_tracking(oid, items, s)
        return {"shipment_tracking_id": new_id}

    # -- returns (refunds, read only) ---------------------------------------------------------
    async def return_status_list(self, call: Call) -> dict[str, Any]:
        return M.REFUND_STATUSES.answer()  # refunds only, each refunded


WooCommerceConnector.declare(*WRITERS, REFUNDS, SERVICES)
guard(WooCommerceConnector, APPLIED, _CART, SAME_AS_DEFAULT, NESTED)
