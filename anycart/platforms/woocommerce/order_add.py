"""``order.add`` as WooCommerce stores a new order, in one write built by named steps.

The write holds what WooCommerce itself stores: the order (a ``shop_order`` post with its
meta, or with HPOS a placeholder post and the ``wc_orders``/``wc_order_addresses``/
``wc_order_operational_data``/``wc_orders_meta`` rows), its line, shipping and tax items with
their meta, the ``wc_order_stats``, ``wc_customer_lookup`` and ``wc_order_product_lookup``
rows, the products' ``total_sales`` (processing/completed/on-hold orders), the stock claimed
and the order notes.

Stock follows ``inventory_behaviour``: ``bypass`` (the contract's default) claims none and marks
the order's stock as settled, so that a later status change in the admin does not claim it
either; ``decrement_ignoring_policy`` and ``decrement_obeying_policy`` claim it as
``wc_reduce_stock_levels`` does (the latter refuses more than the stock of a product that
takes no backorders).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.bridge.batch import Batch
from anycart.platforms.bridge.orders import INVENTORY
from anycart.platforms.bridge.phpserial import dumps, loads
from anycart.platforms.bridge.sqlkit import (
    InsertId,
    Statement,
    gmt_time,
    insert,
    moment,
    now_gmt,
    one_id,
    scalar,
)
from anycart.platforms.bridge.wordpress import (
    insert_post,
    link,
    local,
    marks,
    meta_inserts,
    meta_replace,
    term_taxonomy_id,
    update,
)
from anycart.platforms.overlap import one_of

from . import geo
from . import mapping as M

if TYPE_CHECKING:
    from .connector import WooCommerceConnector

ADDRESS = ("first_name", "last_name", "company", "address_1", "address_2", "city", "state",
           "postcode", "country", "phone")
_TAX_RATE = 0  # the tax lines' rate id (the store's own rates are not in the driver's tables)


@dataclass
class _Totals:
    """The order's amounts as WooCommerce keeps them (line subtotals are before discount)."""

    subtotal: float
    discount: float
    shipping: float
    shipping_tax: float
    cart_tax: float
    total: float

    @property
    def tax(self) -> float:
        return self.cart_tax + self.shipping_tax


class NewOrder:
    """One ``order.add`` call: :meth:`run` checks it, then each step adds its statements."""

    def __init__(self, conn: WooCommerceConnector, call: Call) -> None:
        self.c, self.call, self.p = conn, call, call.params
        self.w = Batch()
        self.oid = InsertId(0)  # the order's id: the first statement inserts its post

    async def run(self) -> dict[str, Any]:
        await self._check_header()
        self._addresses()
        self.inclusive = bool(M.flag(self.p, "prices_inc_tax"))
        self.lines = await self._lines(self.p.get("order_item"))
        self.totals = self._totals()
        self._dates()
        self.claims = _stock_claims(self.lines, self.behaviour) if self.behaviour != "bypass" else {}
        self.user = await self._customer()
        await self._order_rows()
        item_ids = await self._item_rows()
        await self._analytics(item_ids)
        reduced = await self._catalogue()
        self._notes(reduced)
        done = await self.w.run(self.c.db)
        order_id = str(done[0].insert_id)
        uid = self.uid
        return {"order_id": order_id, "id": order_id, "customer_id": str(uid) if uid else None}

    @property
    def uid(self) -> int:
        return int(self.user["ID"]) if self.user else 0

    # -- checks ----------------------------------------------------------------------------------
    async def _check_header(self) -> None:
        p, call = self.p, self.call
        self.status = M.order_status_id(call.require("order_status"))
        if self.status not in M.ORDER_STATUSES:
            raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter 'order_status' is not valid: unknown order "
                           f"status '{p['order_status']}'. Use one of {', '.join(M.ORDER_STATUSES)}.")
        self.email = M.email(call.require("customer_email"), "customer_email")
        for name in ("bill_first_name", "bill_last_name", "bill_address_1", "bill_city", "bill_postcode",
                     "bill_country"):
            call.require(name)
        self.behaviour = str(p.get("inventory_behaviour") or "bypass")
        if self.behaviour not in INVENTORY:
            raise ApiError.invalid("inventory_behaviour",
                                   "bypass, decrement_ignoring_policy or decrement_obeying_policy")
        if p.get("coupons"):
            raise ApiError.invalid("coupons", "not supported: pass the coupons' amount as discount")
        currency = p.get("currency") or await self.c.wp.one("woocommerce_currency") or "USD"
        self.currency = str(currency).strip().upper()
        if len(self.currency) != 3 or not self.currency.isalpha():
            raise ApiError.invalid("currency", "ISO 4217 currency code")

    def _addresses(self) -> None:
        p = self.p
        self.billing = _address(p, "bill_")
        if p.get("customer_phone") and not self.billing["phone"]:
            self.billing["phone"] = str(p["customer_phone"])
        self.billing["email"] = self.email
        if any(p.get(f"shipp_{f}") not in (None, "") for f in ADDRESS):
            self.shipping = _address(p, "shipp_", {"first_name": self.billing["first_name"],
                                                   "last_name": self.billing["last_name"]})
        else:  # the checkout's "ship to the billing address"
            self.shipping = {f: self.billing[f] for f in ADDRESS}

    async def _lines(self, items: Any) -> list[dict[str, Any]]:
        """``order_item`` checked against the catalogue: every product (and variant) must exist
        (112); an id of a variation stands for that variation of its parent."""
        if items is None:
            raise ApiError.required("order_item")
        if not isinstance(items, list):
            raise ApiError.invalid("order_item", "array of order items")
        if not items:
            raise ApiError.empty("order_item")
        wanted: list[tuple[int, int | None, dict[str, Any]]] = []
        for item in items:
            if not isinstance(item, dict):
                raise ApiError.invalid("order_item", "array of order items")
            if item.get("order_item_id") in (None, ""):
                raise ApiError.required("order_item_id")
            variant = item.get("order_item_variant_id")
            wanted.append((one_id(item["order_item_id"], "Product"),
                           None if variant in (None, "", "0", 0) else one_id(variant, "Product variant"), item))
        posts = await self._catalog_posts(sorted({i for pid, vid, _ in wanted for i in (pid, vid) if i}))
        posts.update(await self._catalog_posts(sorted(
            {int(r["post_parent"]) for r in posts.values() if r["post_type"] == "product_variation"} - set(posts))))
        meta = await self.c.post_meta(sorted(posts))
        lines = []
        for pid, vid, item in wanted:
            row = posts.get(pid)
            if row is None:
                raise ApiError.not_found("Product", pid)
            if row["post_type"] == "product_variation" and vid is None:
                pid, vid = int(row["post_parent"]), pid
                row = posts.get(pid)
                if row is None or row["post_type"] != "product":
                    raise ApiError.not_found("Product", pid)
            if row["post_type"] != "product":
                raise ApiError.not_found("Product", pid)
            if vid is not None:
                vrow = posts.get(vid)
                if vrow is None or vrow["post_type"] != "product_variation" or int(vrow["post_parent"]) != pid:
                    raise ApiError.not_found("Product variant", vid)
            lines.append(self._line(item, pid, vid, meta, posts[vid] if vid else row))
        return lines

    def _line(self, item: dict[str, Any], pid: int, vid: int | None, meta: dict[int, dict[str, Any]],
              post: dict[str, Any]) -> dict[str, Any]:
        """One product line: quantity, unit price before tax, the options shown on it."""
        own = meta[vid] if vid else meta[pid]
        qty = item.get("order_item_quantity", 1)
        try:
            qty = int(qty) if float(qty) == int(float(qty)) else -1
        except (TypeError, ValueError):
            qty = -1
        if qty < 1:
            raise ApiError.invalid("order_item_quantity", "integer of at least 1")
        raw_price = item.get("order_item_price")
        if raw_price in (None, ""):
            raw_price = own.get("_price") if own.get("_price") not in (None, "") else meta[pid].get("_price")
        amount = M.number({"order_item_price": raw_price}, "order_item_price")
        if amount is None:
            raise ApiError.required("order_item_price")
        percent = M.number(item, "order_item_tax") or 0.0
        if amount < 0 or percent < 0:
            raise ApiError.invalid("order_item_price" if amount < 0 else "order_item_tax", "non-negative number")
        incl = self.inclusive or bool(M.flag(item, "order_item_price_includes_tax"))
        unit = amount / (1 + percent / 100) if incl else amount
        visible: dict[str, str] = {}
        for key, name_key, value_key in (
                ("order_item_option", "order_item_option_name", "order_item_option_value"),
                ("order_item_property", "order_item_property_name", "order_item_property_value")):
            extra = item.get(key) or []
            if not isinstance(extra, list) or not all(isinstance(o, dict) for o in extra):
                raise ApiError.invalid(key, "array of {name, value}")
            for o in extra:
                if o.get(name_key) not in (None, ""):
                    visible[str(o[name_key])] = str(o.get(value_key) if o.get(value_key) is not None else "")
        if vid:  # the variation's attributes, as the cart copies them onto the line
            taken = {k.lower() for k in visible}
            for key, value in meta[vid].items():
                if key.startswith("attribute_") and value and key[10:].lower() not in taken:
                    visible[key[10:]] = value
        tax_class = own.get("_tax_class") or ""
        if tax_class == "parent":
            tax_class = meta[pid].get("_tax_class") or ""
        return {"product_id": pid, "variation_id": vid or 0, "qty": qty, "unit": unit, "percent": percent,
                "name": str(item.get("order_item_name") or post["post_title"]), "subtotal": unit * qty,
                "tax_class": tax_class, "visible": visible, "sku": own.get("_sku") or meta[pid].get("_sku") or "",
                "stock_meta": {pid: meta[pid], **({vid: meta[vid]} if vid else {})}}

    async def _catalog_posts(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        if not ids:
            return {}
        rows = await self.c.db.select(
            f"SELECT ID, post_parent, post_type, post_title FROM {{p}}posts WHERE ID IN ({marks(ids)}) "
            f"AND post_type IN (?, ?) AND post_status IN ({marks(M.LIVE_POST)})",
            [*ids, "product", "product_variation", *M.LIVE_POST])
        return {int(r["ID"]): r for r in rows}

    def _totals(self) -> _Totals:
        """Line subtotals, the discount shared over the lines (the last takes the rounding),
        taxes and the total, checked against the ones the call gives."""
        p, lines, number = self.p, self.lines, M.number
        subtotal = sum(ln["subtotal"] for ln in lines)
        given_subtotal = number(p, "subtotal_price")
        expected = sum(ln["unit"] * (1 + ln["percent"] / 100) * ln["qty"] for ln in lines) \
            if self.inclusive else subtotal
        if given_subtotal is not None and abs(given_subtotal - expected) > 0.01 * len(lines):
            raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter 'subtotal_price' is not valid: {given_subtotal:g} "
                           f"is not the sum of the items' prices times quantities ({expected:.2f}); WooCommerce "
                           "derives the subtotal from the items.")
        one_of(p, "discount", "coupon_discount")  # 109 for both given, differing
        discount = number(p, "discount" if p.get("discount") not in (None, "") else "coupon_discount") or 0.0
        if discount < 0 or discount > subtotal + 0.005:
            raise ApiError.invalid("discount", "amount between 0 and the order's subtotal")
        left = discount
        for n, ln in enumerate(lines):
            share = left if n == len(lines) - 1 else \
                round(discount * ln["subtotal"] / subtotal, 2) if subtotal else 0.0
            left -= share
            ln["total"] = ln["subtotal"] - share
            ln["subtotal_tax"] = round(ln["subtotal"] * ln["percent"] / 100, 2)
            ln["tax"] = round(ln["total"] * ln["percent"] / 100, 2)
        shipping = number(p, "shipping_price") or 0.0
        shipping_tax = number(p, "shipping_tax") or 0.0
        cart_tax = number(p, "tax_price") or sum(ln["tax"] for ln in lines)
        for name, value in (("shipping_price", shipping), ("shipping_tax", shipping_tax), ("tax_price", cart_tax)):
            if value < 0:
                raise ApiError.invalid(name, "non-negative number")
        total = number(p, "total_price")
        if total is None:
            total = subtotal - discount + cart_tax + shipping + shipping_tax
        if total < 0:
            raise ApiError.invalid("total_price", "non-negative number")
        return _Totals(subtotal, discount, shipping, shipping_tax, cart_tax, total)

    def _dates(self) -> None:
        """UTC texts (most order columns are ``*_gmt``; the local columns take local() of them)."""
        p, now = self.p, now_gmt()
        given = moment(p, "date")
        self.created = gmt_time(given) if given else now
        modified = moment(p, "date_modified")
        self.modified = gmt_time(modified) if modified else max(self.created, now)
        finished = moment(p, "date_finished")
        self.completed = ((gmt_time(finished) if finished else self.created)
                          if self.status == "wc-completed" else None)
        self.paid = self.created if self.status in M.PAID_STATUSES else None
        self.sales = self.status in M.SALES_STATUSES

    async def _customer(self) -> dict[str, Any] | None:
        """The registered customer (user) with the order's e-mail, unless ``is_guest``."""
        if M.flag(self.p, "is_guest"):
            return None
        rows = await self.c.db.select("SELECT ID, user_login, user_registered FROM {p}users WHERE user_email = ? "
                                      "ORDER BY ID LIMIT 1", [self.email])
        return rows[0] if rows else None

    # -- the order -------------------------------------------------------------------------------
    async def _order_rows(self) -> None:
        """The order's post, then its HPOS rows or (legacy storage) its post meta."""
        p, t, oid = self.p, self.totals, self.oid
        hpos = await self.c.hpos()
        self.version = await self.c.wp.one("woocommerce_version") or "9.3.3"
        key, note = M.new_order_key(), str(p.get("comment") or "")
        gateway, method = await self._gateway(str(p.get("order_payment_method") or ""))
        transaction = str(p.get("transaction_id") or "")
        created_local = local(self.created)
        assert created_local is not None, self.created  # a real moment, never a zero date
        shown = datetime.strptime(created_local, "%Y-%m-%d %H:%M:%S")  # titles show local time
        site = (await self.c.wp.url()).rstrip("/")
        post_type = "shop_order_placehold" if hpos else "shop_order"
        self.w.add(insert_post(post_type, self.created, self.modified, **({"post_status": "draft"} if hpos else {
                       "post_title": M.order_title(shown), "post_excerpt": note, "post_status": self.status,
                       "post_password": key, "post_name": f"order-{shown:%b-%d-%Y-%I%M-%p}".lower()})),
                   Statement("UPDATE {p}posts SET guid = CONCAT(?, ID) WHERE ID = ?",
                      [f"{site}/?post_type={post_type}&p=", oid]))
        indexes = {"_billing_address_index": M.address_index(self.billing, M.BILLING_INDEX),
                   "_shipping_address_index": M.address_index(self.shipping, M.SHIPPING_INDEX)}
        if not hpos:
            self.w.add(*meta_inserts("postmeta", "post_id", oid, self._legacy_meta(key, gateway, method, transaction,
                                                                                   indexes)))
            return
        self.w.add(insert("wc_orders", {
            "id": oid, "status": self.status, "currency": self.currency, "type": "shop_order",
            "tax_amount": M.price(t.tax), "total_amount": M.price(t.total), "customer_id": self.uid,
            "billing_email": self.email, "date_created_gmt": self.created, "date_updated_gmt": self.modified,
            "parent_order_id": 0, "payment_method": gateway, "payment_method_title": method,
            "transaction_id": transaction, "ip_address": "", "user_agent": "", "customer_note": note}))
        for kind, a in (("billing", self.billing), ("shipping", self.shipping)):
            self.w.add(insert("wc_order_addresses", {"order_id": oid, "address_type": kind, **a,
                                                     "email": a.get("email") if kind == "billing" else None}))
        self.w.add(insert("wc_order_operational_data", {
            "order_id": oid, "created_via": "admin", "woocommerce_version": self.version,
            "prices_include_tax": int(self.inclusive), "coupon_usages_are_counted": int(self.sales),
            "download_permission_granted": 0, "cart_hash": "", "new_order_email_sent": 0, "order_key": key,
            "order_stock_reduced": 1, "date_paid_gmt": self.paid, "date_completed_gmt": self.completed,
            "shipping_tax_amount": M.price(t.shipping_tax), "shipping_total_amount": M.price(t.shipping),
            "discount_tax_amount": 0, "discount_total_amount": M.price(t.discount),
            "recorded_sales": int(self.sales)}))
        self.w.add(*meta_inserts("wc_orders_meta", "order_id", oid, {**indexes, "is_vat_exempt": "no"}))

    def _legacy_meta(self, key: str, gateway: str, method: str, transaction: str,
                     indexes: dict[str, str]) -> dict[str, Any]:
        """The post meta of a ``shop_order`` post (legacy storage)."""
        t = self.totals
        meta: dict[str, Any] = {
            "_order_key": key, "_customer_user": self.uid, "_payment_method": gateway,
            "_payment_method_title": method, "_transaction_id": transaction, "_customer_ip_address": "",
            "_customer_user_agent": "", "_created_via": "admin", "_cart_hash": "", "_order_currency": self.currency,
            "_cart_discount": M.price(t.discount), "_cart_discount_tax": "0", "_order_shipping": M.price(t.shipping),
            "_order_shipping_tax": M.price(t.shipping_tax), "_order_tax": M.price(t.cart_tax),
            "_order_total": M.price(t.total), "_order_version": self.version,
            "_prices_include_tax": "yes" if self.inclusive else "no"}
        for kind, a, fields in (("billing", self.billing, M.BILLING_INDEX),
                                ("shipping", self.shipping, M.SHIPPING_INDEX)):
            meta.update({f"_{kind}_{f}": a.get(f, "") for f in fields})
        meta.update(indexes)
        if self.paid:
            meta.update(_date_paid=_stamp(self.created), _paid_date=local(self.paid))
        if self.completed:
            meta.update(_date_completed=_stamp(self.completed), _completed_date=local(self.completed))
        return {**meta, "is_vat_exempt": "no", "_download_permissions_granted": "no",
                "_new_order_email_sent": "false", "_recorded_sales": "yes" if self.sales else "no",
                "_recorded_coupon_usage_counts": "yes" if self.sales else "no", "_order_stock_reduced": "yes"}

    async def _gateway(self, method: str) -> tuple[str, str]:
        """``(_payment_method, _payment_method_title)``: an installed gateway named by its id
        or title gives its own id and title (what checkout stores), else the method's slug."""
        if not method:
            return "", ""
        rows = await self.c.db.select("SELECT option_name, option_value FROM {p}options WHERE"
                                      " option_name LIKE ? AND option_name LIKE ?",
                                      ["woocommerce\\_%", "%\\_settings"])
        wanted = method.strip().lower()
        for r in rows:
            gid = str(r["option_name"])[len("woocommerce_"):-len("_settings")]
            settings = loads(r["option_value"] or "")
            title = str(settings.get("title") or gid) if isinstance(settings, dict) else gid
            if wanted in (gid.lower(), title.lower()):
                return gid, title
        return M.method_id(method), method

    # -- items -----------------------------------------------------------------------------------
    def _item(self, name: str, kind: str, meta: dict[str, Any]) -> InsertId:
        at = self.w.add(Statement("INSERT INTO {p}woocommerce_order_items (order_item_name, order_item_type, "
                                  "order_id) VALUES (?, ?, ?)", [name, kind, self.oid]))
        self.w.add(*meta_inserts("woocommerce_order_itemmeta", "order_item_id", at, meta))
        return at

    async def _item_rows(self) -> list[InsertId]:
        """The product lines, then the shipping line and the tax line; the lines' ids."""
        t, rate = self.totals, _TAX_RATE
        claimed = [x for c in self.claims.values() for x in c["lines"]]
        item_ids = []
        for ln in self.lines:
            # WooCommerce serializes an empty PHP array when the line has no tax
            taxes: dict[str, Any] = {"total": {rate: M.decimal(ln["tax"])},
                                     "subtotal": {rate: M.decimal(ln["subtotal_tax"])}} \
                if ln["tax"] or ln["subtotal_tax"] else {"total": [], "subtotal": []}
            values: dict[str, Any] = {
                "_product_id": ln["product_id"], "_variation_id": ln["variation_id"], "_qty": ln["qty"],
                "_tax_class": ln["tax_class"], "_line_subtotal": M.decimal(ln["subtotal"]),
                "_line_subtotal_tax": M.decimal(ln["subtotal_tax"]), "_line_total": M.decimal(ln["total"]),
                "_line_tax": M.decimal(ln["tax"]), "_line_tax_data": dumps(taxes), **ln["visible"]}
            if any(ln is x for x in claimed):
                values["_reduced_stock"] = ln["qty"]
            item_ids.append(self._item(ln["name"], "line_item", values))
        ship_name = str(self.p.get("order_shipping_method") or "")
        if ship_name or t.shipping or t.shipping_tax:
            ship_id, instance, ship_name = await self._shipping_method(ship_name or "Shipping")
            self._item(ship_name, "shipping", {
                "method_id": ship_id, "instance_id": instance, "cost": M.decimal(t.shipping),
                "total_tax": M.decimal(t.shipping_tax),
                "taxes": dumps({"total": {rate: M.decimal(t.shipping_tax)} if t.shipping_tax else []}),
                "Items": ", ".join(f"{ln['name']} &times; {ln['qty']}" for ln in self.lines)})
        if t.tax:
            percents = {ln["percent"] for ln in self.lines if ln["percent"]}
            self._item("TAX-1", "tax", {
                "rate_id": rate, "label": "Tax", "compound": "", "tax_amount": M.decimal(t.cart_tax),
                "shipping_tax_amount": M.decimal(t.shipping_tax),
                "rate_percent": f"{percents.pop():g}" if len(percents) == 1 else ""})
        return item_ids

    async def _shipping_method(self, name: str) -> tuple[str, str, str]:
        """``(method_id, instance_id, title)`` of the shipping line: the enabled zone method
        whose title or id ``name`` is (what checkout writes), else a method id made of the
        name with instance 0 (a method of no zone)."""
        if await self.c.wp.has_table("woocommerce_shipping_zone_methods"):
            rows = await self.c.db.select("SELECT instance_id, method_id FROM {p}woocommerce_shipping_zone_methods"
                                          " WHERE is_enabled = 1 ORDER BY zone_id, method_order, instance_id")
            names = [f"woocommerce_{r['method_id']}_{r['instance_id']}_settings" for r in rows]
            titles = await self.c.wp.get(*names)
            wanted = name.strip().lower()
            for r, option in zip(rows, names, strict=True):
                settings = loads(titles.get(option) or "")
                title = str(settings.get("title") or r["method_id"]) if isinstance(settings, dict) \
                    else str(r["method_id"])
                if wanted in (title.lower(), str(r["method_id"]).lower()):
                    return str(r["method_id"]), str(r["instance_id"]), title
        return M.method_id(name), "0", name

    # -- WooCommerce Analytics -------------------------------------------------------------------
    async def _analytics(self, item_ids: list[InsertId]) -> None:
        """The customer, order and product lookups."""
        t, oid, created = self.totals, self.oid, self.created
        lookup, statements, returning = await self._customer_lookup()
        if lookup is None:
            lookup = InsertId(len(self.w.statements))  # the lookup row inserted next
        self.w.add(*statements)
        qty_total = sum(ln["qty"] for ln in self.lines)
        self.w.add(insert("wc_order_stats", {
            "order_id": oid, "parent_id": 0, "date_created": local(created), "date_created_gmt": created,
            "date_paid": local(self.paid), "date_completed": local(self.completed), "num_items_sold": qty_total,
            "total_sales": round(t.total, 2), "tax_total": round(t.tax, 2), "shipping_total": round(t.shipping, 2),
            "net_total": round(t.total - t.tax - t.shipping, 2), "returning_customer": int(returning),
            "status": self.status, "customer_id": lookup}))
        if not await self.c.wp.has_table("wc_order_product_lookup"):
            return
        for ln, iid in zip(self.lines, item_ids, strict=True):
            share = ln["qty"] / qty_total
            ship, ship_tax = t.shipping * share, t.shipping_tax * share
            self.w.add(insert("wc_order_product_lookup", {
                "order_item_id": iid, "order_id": oid, "product_id": ln["product_id"],
                "variation_id": ln["variation_id"], "customer_id": lookup, "date_created": local(created),
                "product_qty": ln["qty"], "product_net_revenue": round(ln["total"], 6),
                "product_gross_revenue": round(ln["total"] + ln["tax"] + ship + ship_tax, 6),
                "coupon_amount": round(ln["subtotal"] - ln["total"], 6), "tax_amount": round(ln["tax"], 6),
                "shipping_amount": round(ship, 6), "shipping_tax_amount": round(ship_tax, 6)}))

    async def _customer_lookup(self) -> tuple[Any, list[Statement], bool]:
        """The ``wc_customer_lookup`` id for the order (one row per registered customer and one
        per guest e-mail), the statements that create or refresh it and whether that customer
        ordered before (``returning_customer``)."""
        user, b, created, db = self.user, self.billing, self.created, self.c.db
        first = str(self.p.get("customer_first_name") or b["first_name"])
        last = str(self.p.get("customer_last_name") or b["last_name"])
        if user is not None:
            found = await db.select("SELECT customer_id FROM {p}wc_customer_lookup WHERE user_id = ?", [user["ID"]])
        else:
            found = await db.select("SELECT customer_id FROM {p}wc_customer_lookup WHERE email = ? AND user_id "
                                    "IS NULL ORDER BY customer_id LIMIT 1", [self.email])
        place = M.lookup_place(b)
        if not found:
            return None, [insert("wc_customer_lookup", {
                "user_id": user["ID"] if user else None, "username": (user or {}).get("user_login", "")[:60],
                "first_name": first, "last_name": last, "email": self.email, "date_last_active": created,
                "date_registered": user["user_registered"] if user else None, **place})], False
        lid = int(found[0]["customer_id"])
        # an order already stored at the same second came first too
        returning = bool(await scalar(db, "SELECT COUNT(*) FROM {p}wc_order_stats WHERE customer_id = ? AND "
                                          "date_created_gmt <= ?", [lid, created]))
        statements = [Statement("UPDATE {p}wc_customer_lookup SET date_last_active = ? WHERE customer_id = ? AND "
                                "(date_last_active IS NULL OR date_last_active < ?)", [created, lid, created])]
        if user is None:
            statements.append(update("wc_customer_lookup", {"first_name": first, "last_name": last, **place},
                                     "customer_id = ?", lid))
        return lid, statements, returning

    # -- the catalogue and the notes -------------------------------------------------------------
    async def _catalogue(self) -> list[str]:
        """Sales counts (the status hooks' ``wc_update_total_sales_counts``) and stock; the
        ``Name (SKU) 10→8`` parts of the stock note."""
        if self.sales:
            sold: dict[int, int] = defaultdict(int)
            for ln in self.lines:
                sold[ln["product_id"]] += ln["qty"]
            for pid, qty in sold.items():
                self.w.add(Statement("UPDATE {p}postmeta SET meta_value = meta_value + ? WHERE post_id = ? AND "
                                     "meta_key = ?", [qty, pid, "total_sales"]),
                           Statement("UPDATE {p}wc_product_meta_lookup SET total_sales = total_sales + ? WHERE "
                                     "product_id = ?", [qty, pid]))
            if self.uid and self.status == "wc-completed":
                self.w.add(*meta_replace("usermeta", "user_id", self.uid, {"paying_customer": "1"}))
        return await self._stock()

    async def _stock(self) -> list[str]:
        """Stock decrements as ``wc_reduce_stock_levels`` leaves them: ``_stock`` and
        ``_stock_status`` meta, the product lookup row, the ``outofstock`` visibility term of a
        product (not of a variation)."""
        notes: list[str] = []
        outofstock = await term_taxonomy_id(self.c.db, "product_visibility", "outofstock")
        for pid, claim in self.claims.items():
            meta, qty = claim["meta"], claim["qty"]
            old = M.num(meta.get("_stock")) or 0
            new = old - qty
            status = "instock" if new > 0 else ("outofstock" if meta.get("_backorders", "no") == "no"
                                                else "onbackorder")
            self.w.add(Statement("UPDATE {p}postmeta SET meta_value = meta_value - ? WHERE post_id = ? AND "
                                 "meta_key = ?", [qty, pid, "_stock"]),
                       *meta_replace("postmeta", "post_id", pid, {"_stock_status": status}),
                       Statement("UPDATE {p}wc_product_meta_lookup SET stock_quantity = stock_quantity - ?, "
                                 "stock_status = ? WHERE product_id = ?", [qty, status, pid]))
            line = claim["lines"][0]
            if status == "outofstock" and outofstock is not None and pid == line["product_id"] and \
                    not await self.c.db.select("SELECT object_id FROM {p}term_relationships WHERE object_id = ? "
                                               "AND term_taxonomy_id = ?", [pid, outofstock]):
                self.w.add(*link(pid, [int(outofstock)]))
            label = line["name"] + (f" ({line['sku']})" if line["sku"] else "")
            notes.append(f"{label} {old:g}&rarr;{new:g}")
        return notes

    def _notes(self, reduced: list[str]) -> None:
        """The order's notes: its status history, the stock it claimed, the admin's comments."""
        p, oid, created, note = self.p, self.oid, self.created, self.c.note
        if self.status != "wc-pending":
            self.w.add(note(oid, f"Order status changed from Pending payment to {M.ORDER_STATUSES[self.status]}.",
                            created))
        if reduced:
            self.w.add(note(oid, "Stock levels reduced: " + ", ".join(reduced), created))
        if p.get("admin_comment") not in (None, ""):
            at = self.w.add(note(oid, str(p["admin_comment"]), created))
            self.w.add(*meta_inserts("commentmeta", "comment_id", at, {"is_customer_note": "1"}))
        if p.get("admin_private_comment") not in (None, ""):
            self.w.add(note(oid, str(p["admin_private_comment"]), created))


def _stamp(utc_text: str) -> int:
    return int(datetime.strptime(utc_text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp())


def _address(p: dict[str, Any], prefix: str, names: dict[str, str] | None = None) -> dict[str, str]:
    """``bill_*``/``shipp_*`` as WooCommerce address fields; the country and state must be ones
    WooCommerce knows (109 naming the parameter), stored as its codes."""
    a = {f: str(p.get(prefix + f) if p.get(prefix + f) is not None else "").strip() for f in ADDRESS}
    for f, v in (names or {}).items():
        a[f] = a[f] or v
    if a["country"]:
        code = geo.country_code(a["country"])
        if code is None:
            raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{prefix}country' is not valid: WooCommerce "
                           f"knows no country '{a['country']}' (use its ISO 3166-1 alpha-2 code).")
        a["country"] = code
        if a["state"]:
            state = geo.state_code(code, a["state"])
            if state is None:
                raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{prefix}state' is not valid: "
                               f"WooCommerce knows no state '{a['state']}' in {code}.")
            a["state"] = state
        elif prefix == "bill_" and geo.STATES.get(code):
            raise ApiError.required(f"{prefix}state")
    return a


def _stock_claims(lines: list[dict[str, Any]], behaviour: str) -> dict[int, dict[str, Any]]:
    """product id -> {qty, meta, lines}: where each line's stock is kept (the variation when it
    manages its own, else its parent when that does; lines of unmanaged products claim nothing).
    ``decrement_obeying_policy`` refuses a claim beyond stock when the product takes no
    backorders."""
    claims: dict[int, dict[str, Any]] = {}
    for line in lines:
        owners = ([line["variation_id"]] if line["variation_id"] else []) + [line["product_id"]]
        target = next((pid for pid in owners if line["stock_meta"][pid].get("_manage_stock") == "yes"), None)
        if target is None:
            continue
        claim = claims.setdefault(target, {"qty": 0, "meta": line["stock_meta"][target], "lines": []})
        claim["qty"] += line["qty"]
        claim["lines"].append(line)
    if behaviour == "decrement_obeying_policy":
        for pid, claim in claims.items():
            stock = M.num(claim["meta"].get("_stock")) or 0
            if claim["meta"].get("_backorders", "no") == "no" and stock < claim["qty"]:
                raise ApiError(ReturnCode.INCORRECT_VALUE,
                               f"Not enough stock of product {pid} ({claim['lines'][0]['name']}): "
                               f"{stock:g} in stock, {claim['qty']} ordered, backorders not allowed.")
    return claims
