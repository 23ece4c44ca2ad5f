"""WooCommerce's ``order.add``: the steps of :class:`~anycart.platforms.bridge.orders.OrderAdd`
writing what WooCommerce stores of a new order, in one write: the order (a ``shop_order``
post with its meta, or with HPOS a placeholder post and its ``wc_orders*`` rows), its line,
shipping and tax items, the Analytics rows, ``total_sales``, the stock claimed and the notes.
Unlike the shared steps, a line given no price takes the catalogue's, a quantity defaults to
1, the subtotal is the lines' and the discount is spread over the lines before their tax.
Stock: ``bypass`` claims none and marks the order's stock settled (so that a later status
change in the admin does not claim it either); the decrements claim it as
``wc_reduce_stock_levels`` does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import Nested
from anycart.platforms.base import Call
from anycart.platforms.bridge import wordpress as W
from anycart.platforms.bridge.address import AddressColumns, Part
from anycart.platforms.bridge.methods import match
from anycart.platforms.bridge.orders import ITEM_PAIRS, Line, OrderAdd, OrderDraft, Totals
from anycart.platforms.bridge.phpserial import loads
from anycart.platforms.bridge.sqlkit import InsertId, Statement, Written, insert, scalar
from anycart.platforms.bridge.values import amount, email, from_gmt_time, gmt_time, moment, now_gmt
from anycart.platforms.overlap import one_of

from . import entities as E
from . import geo
from . import mapping as M
from .shipping_services import zone_methods

if TYPE_CHECKING:
    from .connector import WooCommerceConnector

ADDRESS = M.ADDRESS_FIELDS
#: ``bill_*``/``shipp_*`` as WooCommerce's address fields, stripped text ("" when not given);
#: the shipping names not given are the billing ones (``like``).
ORDER_ADDRESS = AddressColumns(*(Part(f, (f,), default="", convert=lambda v: str(v).strip(),
                                      inherits=f in ("first_name", "last_name")) for f in ADDRESS))


class WooOrderAdd(OrderAdd):
    quantity = 1
    required = ("bill_first_name", "bill_last_name", "bill_address_1", "bill_city", "bill_postcode",
                "bill_country")
    #: :meth:`totals` is WooCommerce's own: it has no gift certificates.
    reads = OrderAdd.reads - {"gift_certificate_discount"}
    own = frozenset({"customer_first_name", "customer_last_name", "customer_phone", "is_guest", "currency",
                     "order_payment_method", "transaction_id", "date", "date_modified", "date_finished", "coupons",
                     "order_shipping_method", "comment", "admin_comment", "admin_private_comment",
                     *ORDER_ADDRESS.names("bill_"), *ORDER_ADDRESS.names("shipp_")})
    item_own: ClassVar[Nested] = {"order_item_name": None,
                                  **{key: dict.fromkeys(names) for key, names in ITEM_PAIRS.items()}}

    # -- checks ----------------------------------------------------------------------------------
    def validate(self, call: Call) -> OrderDraft:
        status = M.order_status_id(call.require("order_status"))
        if status not in M.ORDER_STATUSES:
            raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter 'order_status' is not valid: unknown order "
                           f"status '{call.params['order_status']}'. Use one of {', '.join(M.ORDER_STATUSES)}.")
        d = super().validate(call)
        d.email = email(d.email, "customer_email")
        if d.params.get("coupons"):
            raise ApiError.invalid("coupons", "not supported: pass the coupons' amount as discount")
        d.ctx.update(status=status, inclusive=bool(M.flag(d.params, "prices_inc_tax")))
        return d

    @classmethod
    def line(cls, item: Any) -> Line:
        """Variant 0 is none."""
        if isinstance(item, dict) and item.get("order_item_variant_id") in ("0", 0):
            item = {**item, "order_item_variant_id": None}
        return super().line(item)

    async def prepare(self, conn: WooCommerceConnector, d: OrderDraft) -> None:
        p, c = d.params, d.ctx
        currency = str(p.get("currency") or await conn.wp.one("woocommerce_currency") or "USD").strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise ApiError.invalid("currency", "ISO 4217 currency code")
        c["currency"] = currency
        c["billing"] = billing = _address(p, "bill_")
        if p.get("customer_phone") and not billing["phone"]:
            billing["phone"] = str(p["customer_phone"])
        billing["email"] = d.email
        if any(p.get(f"shipp_{f}") not in (None, "") for f in ADDRESS):
            c["shipping"] = _address(p, "shipp_", {"first_name": billing["first_name"],
                                                   "last_name": billing["last_name"]})
        else:  # the checkout's "ship to the billing address"
            c["shipping"] = {f: billing[f] for f in ADDRESS}
        _dates(p, c)
        user = c["user"] = None if M.flag(p, "is_guest") else await W.user_by_email(conn.db, d.email)
        c["uid"] = int(user["ID"]) if user else 0

    async def resolve_lines(self, conn: WooCommerceConnector, d: OrderDraft) -> None:
        """Every product and variant must exist (404); a variation's id stands for it."""
        posts = await _catalog_posts(conn, sorted({i for ln in d.lines for i in (ln.product_id, ln.variant_id) if i}))
        posts.update(await _catalog_posts(conn, sorted(
            {int(r["post_parent"]) for r in posts.values() if r["post_type"] == "product_variation"} - set(posts))))
        meta = await conn.post_meta(sorted(posts))
        for ln in d.lines:
            pid, vid = ln.product_id, ln.variant_id
            row = posts.get(pid)
            if row is not None and row["post_type"] == "product_variation" and vid is None:
                pid, vid = int(row["post_parent"]), pid
                row = posts.get(pid)
            if row is None or row["post_type"] != "product":
                raise ApiError.not_found("Product", pid)
            vrow = posts.get(vid) if vid is not None else row
            if vrow is None or (vid is not None and (vrow["post_type"] != "product_variation"
                                                     or int(vrow["post_parent"]) != pid)):
                raise ApiError.not_found("Product variant", vid)
            ln.product_id, ln.variant_id = pid, vid
            _describe(ln, meta, vrow)

    def list_price(self, line: Line) -> Any:
        """The catalogue's ``_price`` (the variation's, else its parent's)."""
        own, parent = line.extra["own"], line.extra["meta"][line.product_id]
        return own.get("_price") if own.get("_price") not in (None, "") else parent.get("_price")

    def totals(self, d: OrderDraft) -> Totals:
        """The discount shared over the lines (the last takes the rounding), taxes and total."""
        p, lines = d.params, d.lines
        subtotal = sum(ln.total for ln in lines)
        expected = sum(ln.total + ln.tax * ln.quantity for ln in lines) if d.ctx["inclusive"] else subtotal
        if "subtotal_price" in d.given and abs(amount(p["subtotal_price"], "subtotal_price") - expected) \
                > 0.01 * len(lines):
            raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter 'subtotal_price' is not valid: "
                           f"{float(p['subtotal_price']):g} is not the sum of the items' prices times quantities "
                           f"({expected:.2f}); WooCommerce derives the subtotal from the items.")
        one_of(p, "discount", "coupon_discount")  # 109 for both given, differing
        discount = amount(p.get("discount") if p.get("discount") not in (None, "") else p.get("coupon_discount"),
                          "discount")
        if discount > subtotal + 0.005:
            raise ApiError.invalid("discount", "amount between 0 and the order's subtotal")
        left = discount
        for n, ln in enumerate(lines):
            share = left if n == len(lines) - 1 else round(discount * ln.total / subtotal, 2) if subtotal else 0.0
            left -= share
            x = ln.extra
            x["net"] = ln.total - share
            x["subtotal_tax"] = round(ln.total * ln.rate / 100, 2)
            x["tax"] = round(x["net"] * ln.rate / 100, 2)
        shipping = amount(p.get("shipping_price"), "shipping_price")
        shipping_tax = amount(p.get("shipping_tax"), "shipping_tax")
        cart_tax = d.ctx["cart_tax"] = amount(p.get("tax_price"), "tax_price") or sum(ln.extra["tax"] for ln in lines)
        total = amount(p["total_price"], "total_price") if p.get("total_price") not in (None, "") \
            else subtotal - discount + cart_tax + shipping + shipping_tax
        return Totals(subtotal, shipping, cart_tax + shipping_tax, discount, 0.0, total, shipping_tax)

    async def check_stock(self, conn: WooCommerceConnector, d: OrderDraft) -> None:
        """``decrement_obeying_policy``: no more than a product's stock without backorders."""
        claims = d.ctx["claims"] = _stock_claims(d.lines) if d.behaviour != "bypass" else {}
        if d.behaviour == "decrement_obeying_policy":
            self.refuse_short(d, lambda ln: [("product", pid, claims[pid]["old"])] if (pid := ln.extra.get("claim"))
                              and claims[pid]["meta"].get("_backorders", "no") == "no" else [])

    # -- the order -------------------------------------------------------------------------------
    async def insert_order(self, conn: WooCommerceConnector, d: OrderDraft) -> Statement:
        """The order's post (a placeholder with HPOS)."""
        c = d.ctx
        c["hpos"] = await conn.hpos()
        c["post_type"] = "shop_order_placehold" if c["hpos"] else "shop_order"
        c["key"], c["note"] = M.new_order_key(), str(d.params.get("comment") or "")
        shown = from_gmt_time(c["created"])  # titles show local time
        own = {"post_status": "draft"} if c["hpos"] else {
            "post_title": M.title("Order", c["created"]), "post_excerpt": c["note"], "post_status": c["status"],
            "post_password": c["key"], "post_name": f"order-{shown:%b-%d-%Y-%I%M-%p}".lower()}
        return W.insert_post(c["post_type"], c["created"], c["modified"], **own)

    async def order_rows(self, conn: WooCommerceConnector, d: OrderDraft) -> None:
        """The post's guid, then its HPOS rows or (legacy storage) its post meta."""
        p, c, t, oid = d.params, d.ctx, d.totals, d.order
        assert t is not None
        d.batch.add(W.post_guid(oid, await conn.wp.url(), c["post_type"]))
        gateway, method = await _gateway(conn, str(p.get("order_payment_method") or ""))
        facts = {"currency": c["currency"], "total": M.price(t.total), "customer_id": c["uid"], "email": d.email,
                 "ip_address": "", "user_agent": "", "payment_method": gateway, "payment_method_title": method,
                 "transaction_id": str(p.get("transaction_id") or ""), "shipping": M.price(t.shipping),
                 "shipping_tax": M.price(t.shipping_tax), "discount": M.price(t.discount), "discount_tax": "0",
                 "version": await conn.wp.one("woocommerce_version") or "9.3.3", "order_key": c["key"],
                 "created_via": "admin", "cart_hash": ""}
        flags = {"inclusive": c["inclusive"], "sales": c["sales"], "coupons": c["sales"], "stock_reduced": True,
                 "downloads": False}
        meta = {"_billing_address_index": M.address_index(c["billing"], M.BILLING_INDEX),
                "_shipping_address_index": M.address_index(c["shipping"], M.SHIPPING_INDEX), "is_vat_exempt": "no"}
        if not c["hpos"]:
            d.batch.add(*W.meta_inserts("postmeta", "post_id", oid, {
                **{key: facts[f] for f, (_, key) in E.STORED.items()},
                **{key: "yes" if flags[f] else "no" for f, (_, key) in E.FLAGS.items()},
                **_legacy_meta(d), **meta, "_new_order_email_sent": "false"}))
            return
        rows: dict[str, dict[str, Any]] = defaultdict(dict)
        for f, (column, _) in E.STORED.items():
            table, name = column.split(".")
            rows[table][name] = facts[f]
        d.batch.add(insert("wc_orders", {
            "id": oid, "status": c["status"], "type": "shop_order", "tax_amount": M.price(t.tax),
            "date_created_gmt": c["created"], "date_updated_gmt": c["modified"], "parent_order_id": 0,
            "customer_note": c["note"], **rows["wc_orders"]}))
        for kind in ("billing", "shipping"):
            a = c[kind]
            d.batch.add(insert("wc_order_addresses", {"order_id": oid, "address_type": kind, **a,
                                                      "email": a.get("email") if kind == "billing" else None}))
        d.batch.add(insert(E.OPERATIONAL, {
            "order_id": oid, **rows[E.OPERATIONAL], **{col: int(flags[f]) for f, (col, _) in E.FLAGS.items()},
            "new_order_email_sent": 0, "date_paid_gmt": c["paid"], "date_completed_gmt": c["completed"]}))
        d.batch.add(*W.meta_inserts("wc_orders_meta", "order_id", oid, meta))

    # -- items -----------------------------------------------------------------------------------
    async def insert_lines(self, conn: WooCommerceConnector, d: OrderDraft) -> None:
        """The product lines, then the shipping line and the tax line."""
        t, c = d.totals, d.ctx
        assert t is not None
        c["items"] = []
        for ln in d.lines:
            x = ln.extra
            values = {**E.line_meta(ln.product_id, ln.variant_id, ln.quantity, x["tax_class"], M.decimal(ln.total),
                                    M.decimal(x["subtotal_tax"]), M.decimal(x["net"]), M.decimal(x["tax"])),
                      **x["visible"]}
            if "claim" in x:
                values["_reduced_stock"] = ln.quantity
            c["items"].append(E.add_item(d.batch, d.order, x["name"], "line_item", values))
        ship_name = str(d.params.get("order_shipping_method") or "")
        if ship_name or t.shipping or t.shipping_tax:
            ship_id, instance, ship_name = await _shipping_method(conn, ship_name or "Shipping")
            E.add_item(d.batch, d.order, ship_name, "shipping", {
                "method_id": ship_id, "instance_id": instance, "cost": M.decimal(t.shipping),
                "total_tax": M.decimal(t.shipping_tax),
                "taxes": E.tax_data(total=M.decimal(t.shipping_tax)),
                "Items": ", ".join(f"{ln.extra['name']} &times; {ln.quantity}" for ln in d.lines)})
        if t.tax:
            percents = {ln.rate for ln in d.lines if ln.rate}
            E.add_item(d.batch, d.order, "TAX-1", "tax", {
                "rate_id": E.TAX_RATE, "label": "Tax", "compound": "", "tax_amount": M.decimal(c["cart_tax"]),
                "shipping_tax_amount": M.decimal(t.shipping_tax),
                "rate_percent": f"{percents.pop():g}" if len(percents) == 1 else ""})

    # -- WooCommerce Analytics -------------------------------------------------------------------
    async def insert_totals(self, conn: WooCommerceConnector, d: OrderDraft) -> None:
        """The customer, order and product lookups."""
        t, oid, c = d.totals, d.order, d.ctx
        assert t is not None
        created = c["created"]
        lookup, statements, returning = await _customer_lookup(conn, d)
        if lookup is None:
            lookup = InsertId(len(d.batch.statements))  # the lookup row inserted next
        d.batch.add(*statements)
        qty_total = sum(ln.quantity for ln in d.lines)
        d.batch.add(insert("wc_order_stats", {
            "order_id": oid, "parent_id": 0, "date_created": W.local(created), "date_created_gmt": created,
            "date_paid": W.local(c["paid"]), "date_completed": W.local(c["completed"]), "num_items_sold": qty_total,
            "total_sales": round(t.total, 2), "tax_total": round(t.tax, 2), "shipping_total": round(t.shipping, 2),
            "net_total": round(t.total - t.tax - t.shipping, 2), "returning_customer": int(returning),
            "status": c["status"], "customer_id": lookup}))
        if not await conn.wp.has_table("wc_order_product_lookup"):
            return
        for ln, iid in zip(d.lines, c["items"], strict=True):
            x, share = ln.extra, ln.quantity / qty_total
            ship, ship_tax = t.shipping * share, t.shipping_tax * share
            d.batch.add(insert("wc_order_product_lookup", {
                "order_item_id": iid, "order_id": oid, "product_id": ln.product_id,
                "variation_id": ln.variant_id or 0, "customer_id": lookup, "date_created": W.local(created),
                "product_qty": ln.quantity, "product_net_revenue": round(x["net"], 6),
                "product_gross_revenue": round(x["net"] + x["tax"] + ship + ship_tax, 6),
                "coupon_amount": round(ln.total - x["net"], 6), "tax_amount": round(x["tax"], 6),
                "shipping_amount": round(ship, 6), "shipping_tax_amount": round(ship_tax, 6)}))

    # -- the notes, the catalogue ----------------------------------------------------------------
    async def history(self, conn: WooCommerceConnector, d: OrderDraft) -> None:
        """Notes: the status history, the stock claimed, the admin's comments."""
        p, oid, c, note = d.params, d.order, d.ctx, conn.note
        assert oid is not None
        created = c["created"]
        if c["status"] != "wc-pending":
            d.batch.add(note(oid, f"Order status changed from Pending payment to {M.ORDER_STATUSES[c['status']]}.",
                             created))
        reduced = [f"{claim['label']} {claim['old']:g}&rarr;{claim['new']:g}" for claim in c["claims"].values()]
        if reduced:
            d.batch.add(note(oid, "Stock levels reduced: " + ", ".join(reduced), created))
        if p.get("admin_comment") not in (None, ""):
            at = d.batch.add(note(oid, str(p["admin_comment"]), created))
            d.batch.add(*W.meta_inserts("commentmeta", "comment_id", at, {"is_customer_note": "1"}))
        if p.get("admin_private_comment") not in (None, ""):
            d.batch.add(note(oid, str(p["admin_private_comment"]), created))

    async def stock(self, conn: WooCommerceConnector, d: OrderDraft) -> None:
        """Sales counts (``wc_update_total_sales_counts``), then stock as ``wc_reduce_stock_levels``
        leaves it: meta, lookup row, a product's (not a variation's) ``outofstock`` term."""
        c, w = d.ctx, d.batch
        if c["sales"]:
            sold: dict[int, int] = defaultdict(int)
            for ln in d.lines:
                sold[ln.product_id] += ln.quantity
            for pid, qty in sold.items():
                w.add(Statement("UPDATE {p}postmeta SET meta_value = meta_value + ? WHERE post_id = ? AND "
                                "meta_key = ?", [qty, pid, "total_sales"]),
                      Statement("UPDATE {p}wc_product_meta_lookup SET total_sales = total_sales + ? WHERE "
                                "product_id = ?", [qty, pid]))
            if c["uid"] and c["status"] == "wc-completed":
                w.add(*W.meta_replace("usermeta", "user_id", c["uid"], {"paying_customer": "1"}))
        for pid, claim in c["claims"].items():
            qty = claim["qty"]
            status = "instock" if claim["new"] > 0 else (
                "outofstock" if claim["meta"].get("_backorders", "no") == "no" else "onbackorder")
            w.add(Statement("UPDATE {p}postmeta SET meta_value = meta_value - ? WHERE post_id = ? AND "
                            "meta_key = ?", [qty, pid, "_stock"]),
                  *W.meta_replace("postmeta", "post_id", pid, {"_stock_status": status}),
                  Statement("UPDATE {p}wc_product_meta_lookup SET stock_quantity = stock_quantity - ?, "
                            "stock_status = ? WHERE product_id = ?", [qty, status, pid]))
            if status == "outofstock" and pid == claim["lines"][0].product_id:
                w.add(*await W.switch_terms(conn.db, pid, "product_visibility", ["outofstock"], ["outofstock"]))

    def result(self, d: OrderDraft, written: Sequence[Written]) -> dict[str, Any]:
        uid = d.ctx["uid"]
        return {**super().result(d, written), "customer_id": str(uid) if uid else None}


# -- the parts ---------------------------------------------------------------------------------
def _dates(p: dict[str, Any], c: dict[str, Any]) -> None:
    """UTC texts (most order columns are ``*_gmt``; the local columns take local() of them)."""
    now, status = now_gmt(), c["status"]
    given = moment(p, "date")
    c["created"] = created = gmt_time(given) if given else now
    modified = moment(p, "date_modified")
    c["modified"] = gmt_time(modified) if modified else max(created, now)
    finished = moment(p, "date_finished")
    c["completed"] = (gmt_time(finished) if finished else created) if status == "wc-completed" else None
    c["paid"] = created if status in M.PAID_STATUSES else None
    c["sales"] = status in M.SALES_STATUSES


async def _catalog_posts(conn: WooCommerceConnector, ids: list[int]) -> dict[int, dict[str, Any]]:
    return await W.posts(conn.db, ids, ("product", "product_variation"), M.LIVE_POST)


def _describe(ln: Line, meta: dict[int, dict[str, Any]], post: dict[str, Any]) -> None:
    """A line's name, tax class, SKU, options shown and the meta its stock is in."""
    pid, vid, item = ln.product_id, ln.variant_id, ln.item
    own = meta[vid] if vid else meta[pid]
    visible = {name: value for key in ITEM_PAIRS for name, value in OrderAdd.pairs(item, key)}
    if vid:  # the variation's attributes, as the cart copies them onto the line
        taken = {k.lower() for k in visible}
        for key, value in meta[vid].items():
            if key.startswith("attribute_") and value and key[10:].lower() not in taken:
                visible[key[10:]] = value
    tax_class = own.get("_tax_class") or ""
    if tax_class == "parent":
        tax_class = meta[pid].get("_tax_class") or ""
    ln.extra = {"name": str(item.get("order_item_name") or post["post_title"]), "tax_class": tax_class,
                "visible": visible, "sku": own.get("_sku") or meta[pid].get("_sku") or "", "own": own,
                "meta": {pid: meta[pid], **({vid: meta[vid]} if vid else {})}}


def _legacy_meta(d: OrderDraft) -> dict[str, Any]:
    """A ``shop_order`` post's meta HPOS keeps elsewhere: cart tax, addresses, dates."""
    c = d.ctx
    meta: dict[str, Any] = {"_order_tax": M.price(c["cart_tax"])}
    for kind, fields in (("billing", M.BILLING_INDEX), ("shipping", M.SHIPPING_INDEX)):
        meta.update({f"_{kind}_{f}": c[kind].get(f, "") for f in fields})
    if c["paid"]:
        meta.update(_date_paid=_stamp(c["created"]), _paid_date=W.local(c["paid"]))
    if c["completed"]:
        meta.update(_date_completed=_stamp(c["completed"]), _completed_date=W.local(c["completed"]))
    return meta


async def _gateway(conn: WooCommerceConnector, method: str) -> tuple[str, str]:
    """``(_payment_method, _payment_method_title)``: the installed gateway the text names
    (:func:`~anycart.platforms.bridge.methods.match`, as checkout stores it), else a slug."""
    if not method:
        return "", ""
    rows = await conn.db.select("SELECT option_name, option_value FROM {p}options WHERE"
                                " option_name LIKE ? AND option_name LIKE ?",
                                ["woocommerce\\_%", "%\\_settings"])
    installed: dict[str, str] = {}
    for r in rows:  # each gateway's title, from its serialized settings
        gid, found = str(r["option_name"])[len("woocommerce_"):-len("_settings")], loads(r["option_value"] or "")
        installed[gid] = str(found.get("title") or gid) if isinstance(found, dict) else gid
    found = match(method, installed.items())
    return (found, installed[found]) if found else (M.method_id(method), method)


async def _shipping_method(conn: WooCommerceConnector, name: str) -> tuple[str, str, str]:
    """``(method_id, instance_id, title)``: the enabled zone method titled or named ``name``
    (what checkout writes), else a method id of the name in instance 0 (of no zone)."""
    if await conn.wp.has_table("woocommerce_shipping_zone_methods"):
        wanted = name.strip().lower()
        for r in await zone_methods(conn, "is_enabled = 1", [], "zone_id, method_order, instance_id"):
            title = str(r["settings"].get("title") or r["method_id"])
            if wanted in (title.lower(), str(r["method_id"]).lower()):
                return str(r["method_id"]), str(r["instance_id"]), title
    return M.method_id(name), "0", name


async def _customer_lookup(conn: WooCommerceConnector, d: OrderDraft) -> tuple[Any, list[Statement], bool]:
    """The ``wc_customer_lookup`` id (one per user and per guest e-mail), the statements
    creating or refreshing it and whether the customer ordered before."""
    c, p, db, email = d.ctx, d.params, conn.db, d.email
    user, b, created = c["user"], c["billing"], c["created"]
    first = str(p.get("customer_first_name") or b["first_name"])
    last = str(p.get("customer_last_name") or b["last_name"])
    if user is not None:
        found = await db.select("SELECT customer_id FROM {p}wc_customer_lookup WHERE user_id = ?", [user["ID"]])
    else:
        found = await db.select("SELECT customer_id FROM {p}wc_customer_lookup WHERE email = ? AND user_id "
                                "IS NULL ORDER BY customer_id LIMIT 1", [email])
    place = M.lookup_place(b)
    if not found:
        return None, [insert("wc_customer_lookup", {
            "user_id": user["ID"] if user else None, "username": (user or {}).get("user_login", "")[:60],
            "first_name": first, "last_name": last, "email": email, "date_last_active": created,
            "date_registered": user["user_registered"] if user else None, **place})], False
    lid = int(found[0]["customer_id"])
    # an order already stored at the same second came first too
    returning = bool(await scalar(db, "SELECT COUNT(*) FROM {p}wc_order_stats WHERE customer_id = ? AND "
                                      "date_created_gmt <= ?", [lid, created]))
    statements = [Statement("UPDATE {p}wc_customer_lookup SET date_last_active = ? WHERE customer_id = ? AND "
                            "(date_last_active IS NULL OR date_last_active < ?)", [created, lid, created])]
    if user is None:
        statements.append(W.update("wc_customer_lookup", {"first_name": first, "last_name": last, **place},
                                   "customer_id = ?", lid))
    return lid, statements, returning


def _stamp(utc_text: str) -> int:
    return int(datetime.strptime(utc_text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp())


def _address(p: dict[str, Any], prefix: str, names: dict[str, str] | None = None) -> dict[str, str]:
    """``bill_*``/``shipp_*`` as address fields; a country and state WooCommerce knows (else
    109), as its codes."""
    a: dict[str, str] = ORDER_ADDRESS.columns(p, prefix, like=names)
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


def _stock_claims(lines: list[Line]) -> dict[int, dict[str, Any]]:
    """product id -> {qty, meta, lines, label, old, new}: where each line's stock is kept (a
    variation managing its own, else its parent managing it), also ``extra["claim"]``."""
    claims: dict[int, dict[str, Any]] = {}
    for line in lines:
        owners = ([line.variant_id] if line.variant_id else []) + [line.product_id]
        target = next((pid for pid in owners if line.extra["meta"][pid].get("_manage_stock") == "yes"), None)
        if target is None:
            continue
        claim = claims.setdefault(target, {"qty": 0, "meta": line.extra["meta"][target], "lines": []})
        claim["qty"] += line.quantity
        claim["lines"].append(line)
        line.extra["claim"] = target
    for claim in claims.values():
        first = claim["lines"][0].extra
        claim["old"] = stock = M.num(claim["meta"].get("_stock")) or 0
        claim["new"] = stock - claim["qty"]
        claim["label"] = first["name"] + (f" ({first['sku']})" if first["sku"] else "")
    return claims
