"""PrestaShop's ``order.add``: the steps of :class:`~anycart.platforms.bridge.orders.OrderAdd`
as ``PaymentModule::validateOrder`` records an order, in one write: a guest customer for an
unknown e-mail, the addresses, the order, its lines, the sale counted for a logable status
(``ProductSale::addProductSale``), its first status, its ``order_carrier`` row and, for a paid
status, its payment. Only ``inventory_behaviour=bypass`` (the default) is honoured. A line
without a quantity is one unit, without a price free (as the back office adds products).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.bridge.address import Lookup
from anycart.platforms.bridge.batch import written_id
from anycart.platforms.bridge.columns import bounded
from anycart.platforms.bridge.lookups import require
from anycart.platforms.bridge.orders import Line, OrderAdd, OrderDraft, Totals
from anycart.platforms.bridge.slugs import slugify
from anycart.platforms.bridge.sqlentity import bind
from anycart.platforms.bridge.sqlkit import Statement, Written, insert, scalar
from anycart.platforms.bridge.values import amount, given_db_time, now_db, one_id

from .shop import ORDER_STATES, new_customer
from .writes import ADDRESS, CUSTOMER_GROUPS, CUSTOMER_ROWS

_LINES = ("SELECT p.id_product, p.reference, p.weight, pl.name FROM {p}product p LEFT JOIN"
          " {p}product_lang pl ON pl.id_product = p.id_product AND pl.id_lang = :lang"
          " WHERE p.id_product IN (??)")
_SALE = ("INSERT INTO {p}product_sale (id_product, quantity, sale_nbr, date_upd) VALUES (?, ?, 1, ?)"
         " ON DUPLICATE KEY UPDATE quantity = quantity + VALUES(quantity), sale_nbr = sale_nbr + 1,"
         " date_upd = VALUES(date_upd)")


#: A currency by its ISO code, a carrier by its name (109 naming the parameter for one the
#: shop does not have; not given: the shop's default).
_CURRENCY = Lookup("id_currency", "currency", "SELECT id_currency FROM {p}currency WHERE iso_code ="
                   " :upper AND deleted = 0 LIMIT 1", "the ISO code of one of the shop's currencies")
_CARRIER = Lookup("id_carrier", "order_shipping_method", "SELECT id_carrier FROM {p}carrier WHERE"
                  " name = :text AND deleted = 0 ORDER BY active DESC, id_carrier LIMIT 1",
                  "the name of one of the shop's carriers")


class PrestaShopOrderAdd(OrderAdd):
    inventory = ("bypass",)
    quantity = 1
    own = frozenset({"currency", "carrier_id", "order_shipping_method", "date", "total_paid",
                     "order_payment_method", "transaction_id", "admin_private_comment", "comment",
                     "customer_first_name", "customer_last_name", "store_id",
                     *ADDRESS.names("bill_"), *ADDRESS.names("shipp_")})
    item_own = dict.fromkeys(("order_item_name", "order_item_model", "order_item_weight"))

    def list_price(self, line: Line) -> Any:
        return 0

    def totals(self, d: OrderDraft) -> Totals:
        """The shared totals, the tax on shipping (``shipping_tax``) kept apart: PrestaShop
        keeps the shipping with and without tax beside the products'."""
        return replace(super().totals(d), shipping_tax=amount(d.params.get("shipping_tax"), "shipping_tax"))

    async def prepare(self, conn: Any, d: OrderDraft) -> None:
        """Shop, language, status (and whether it is paid and logable), addresses, currency,
        carrier, payment module and the customer the e-mail names: 109/404 before anything
        is written."""
        p, c = d.params, d.ctx
        c["shop"], c["lang"] = shop, lang = await conn._shop(p), await conn._lang(p)
        c["state"] = await ORDER_STATES.resolve(conn.db, p["order_status"], lang)
        c["flags"] = (await conn.db.select("SELECT paid, logable FROM {p}order_state WHERE"
                                           " id_order_state = ?", [c["state"]]))[0]
        names = {"firstname": p.get("bill_first_name"), "lastname": p.get("bill_last_name")}
        c["invoice"] = await conn._address_columns(p, "bill_", names)
        c["delivery"] = await conn._address_columns(p, "shipp_", names) if p.get("shipp_address_1") else None
        currency = (await _CURRENCY.find(conn.db, p.get("currency"), "currency", {}))["id_currency"]
        c["currency"] = int(currency or await conn._setting_int("PS_CURRENCY_DEFAULT", 1))
        c["conversion"] = float(await scalar(conn.db, "SELECT conversion_rate FROM {p}currency"
                                                      " WHERE id_currency = ?", [c["currency"]]) or 1)
        c["shop_group"] = await conn._shop_group(shop)
        c["carrier"] = await self._carrier(conn, p)
        c["payment"] = str(p.get("order_payment_method") or "AnyCart")
        c["module"] = await self._payment_module(conn, c["payment"])
        found = await conn.db.select("SELECT id_customer FROM {p}customer WHERE email = ? AND"
                                     " deleted = 0 ORDER BY is_guest, id_customer LIMIT 1", [d.email])
        c["customer"] = int(found[0]["id_customer"]) if found else None
        c["guest_group"] = await conn._setting_int("PS_GUEST_GROUP", 2)
        c["stamp"] = given_db_time(p, "date") or now_db()

    @staticmethod
    async def _carrier(conn: Any, p: dict[str, Any]) -> int:
        """``carrier_id``, else the carrier named ``order_shipping_method``, else the shop's
        first active carrier."""
        if p.get("carrier_id") not in (None, ""):
            cid = one_id(p["carrier_id"], "Carrier")
            await require(conn.db, "carrier", [cid], "Carrier", where=" AND deleted = 0")
            return cid
        named = await _CARRIER.find(conn.db, p.get("order_shipping_method"), "order_shipping_method", {})
        return int(named["id_carrier"] or await scalar(
            conn.db, "SELECT id_carrier FROM {p}carrier WHERE deleted = 0 AND active = 1"
                     " ORDER BY position, id_carrier LIMIT 1") or 0)

    @staticmethod
    async def _payment_module(conn: Any, payment: str) -> str:
        """The technical name of the installed payment module the method names
        (validateOrder writes its own name), else the method as a module name
        (``[a-z0-9_-]``, what Validate::isModuleName accepts)."""
        found = await scalar(
            conn.db, "SELECT m.name FROM {p}module m JOIN {p}hook_module hm ON hm.id_module = m.id_module"
                     " JOIN {p}hook h ON h.id_hook = hm.id_hook AND h.name = 'paymentOptions'"
                     " WHERE m.name = ? LIMIT 1", [payment.strip().lower()])
        return str(found) if found else slugify(payment, 64, sep="_", default="anycart")

    async def resolve_lines(self, conn: Any, d: OrderDraft) -> None:
        known = {int(r["id_product"]): r for r in await conn.db.select(*bind(
            _LINES, d.ctx, [line.product_id for line in d.lines]))}
        self.need_products(d, known)
        for line in d.lines:
            line.extra["product"] = known[line.product_id]

    async def insert_order(self, conn: Any, d: OrderDraft) -> Statement:
        """The customer (a new guest when the e-mail is unknown), the addresses, then the
        order row."""
        p, c, t = d.params, d.ctx, d.totals
        assert t is not None
        stamp, invoice = c["stamp"], c["invoice"]
        # validateOrder records the payment (order_payment, total_paid_real) when the first
        # status is a paid one.
        paid = amount(p["total_paid"], "total_paid") if p.get("total_paid") not in (None, "") else (
            t.total if c["flags"]["paid"] else 0.0)
        if not paid and p.get("transaction_id"):
            raise ApiError.invalid("transaction_id", "a paid order_status or total_paid (PrestaShop"
                                   " keeps it on the order's payment)")
        customer = c["customer"]
        if customer is None:
            customer = c["customer"] = d.batch.add(*CUSTOMER_ROWS.add({}, {}, {"customer": {
                **new_customer(c["shop"], c["shop_group"], c["guest_group"], c["lang"], stamp), "email": d.email,
                "firstname": p.get("customer_first_name") or invoice["firstname"],
                "lastname": p.get("customer_last_name") or invoice["lastname"], "is_guest": 1}}))
            d.batch.add(*CUSTOMER_GROUPS.rows(customer, [c["guest_group"]]))
        bill = d.batch.insert("address", {**invoice, "id_customer": customer})
        ship = d.batch.insert("address", {**c["delivery"], "id_customer": customer}) \
            if c["delivery"] else bill
        reference = c["reference"] = "".join(secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(9))
        c["paid"] = paid
        return insert("orders", {
            "reference": reference, "id_shop_group": c["shop_group"], "id_shop": c["shop"],
            "id_carrier": c["carrier"], "id_lang": c["lang"], "conversion_rate": c["conversion"],
            "id_cart": 0, "id_currency": c["currency"], "current_state": c["state"],
            "id_customer": customer, "id_address_delivery": ship, "id_address_invoice": bill,
            "secure_key": hashlib.md5(reference.encode()).hexdigest(),
            "payment": bounded("order_payment_method", c["payment"], 255), "module": c["module"],
            **dict.fromkeys(("total_discounts", "total_discounts_tax_incl", "total_discounts_tax_excl"),
                            t.discount), "total_shipping_tax_excl": t.shipping,
            **dict.fromkeys(("total_shipping", "total_shipping_tax_incl"), t.shipping + t.shipping_tax),
            "carrier_tax_rate": round(100 * t.shipping_tax / t.shipping, 3) if t.shipping else 0,
            "total_paid": t.total, "total_paid_tax_incl": t.total, "total_paid_tax_excl": t.total - t.tax,
            "total_paid_real": paid, "total_products": t.subtotal,
            "total_products_wt": t.subtotal + t.tax - t.shipping_tax, "note": p.get("admin_private_comment"),
            "valid": int(c["flags"]["logable"]),  # as OrderHistory::changeIdOrderState sets it
            **dict.fromkeys(("invoice_date", "delivery_date", "date_add", "date_upd"), stamp)})

    async def insert_lines(self, conn: Any, d: OrderDraft) -> None:
        """``order_detail`` rows, and the sale counted for a logable status."""
        for line in d.lines:
            item, product, incl = line.item, line.extra["product"], 1 + line.rate / 100
            weight = item.get("order_item_weight")
            d.batch.insert("order_detail", {
                "id_order": d.order, "id_shop": d.ctx["shop"], "product_id": line.product_id,
                "product_attribute_id": line.variant_id or 0,
                "product_name": str(item.get("order_item_name") or product["name"] or ""),
                "product_reference": item.get("order_item_model") or product["reference"],
                "product_quantity": line.quantity, "product_price": line.price,
                "unit_price_tax_excl": line.price, "unit_price_tax_incl": round(line.price * incl, 6),
                "total_price_tax_excl": round(line.total, 6),
                "total_price_tax_incl": round(line.total * incl, 6),
                "original_product_price": line.price, "tax_rate": line.rate, "tax_name": "",
                "product_weight": amount(weight, "order_item_weight") if weight else float(product["weight"] or 0)})
        if d.ctx["flags"]["logable"]:
            d.batch.add(*(Statement(_SALE, [line.product_id, line.quantity, d.ctx["stamp"][:10]])
                          for line in d.lines))

    async def history(self, conn: Any, d: OrderDraft) -> None:
        """The first status, the shipment row, the payment (when paid) and the customer's
        comment."""
        p, c, t, stamp = d.params, d.ctx, d.totals, d.ctx["stamp"]
        assert t is not None
        d.batch.insert("order_history", {"id_employee": 0, "id_order": d.order,
                                         "id_order_state": c["state"], "date_add": stamp})
        d.batch.insert("order_carrier", {"id_order": d.order, "id_carrier": c["carrier"],
                                         "shipping_cost_tax_excl": t.shipping,
                                         "shipping_cost_tax_incl": t.shipping + t.shipping_tax,
                                         "date_add": stamp})
        if c["paid"]:
            d.batch.insert("order_payment", {
                "order_reference": c["reference"], "id_currency": c["currency"], "amount": c["paid"],
                "payment_method": bounded("order_payment_method", c["payment"], 255),
                "conversion_rate": c["conversion"], "date_add": stamp,
                "transaction_id": bounded("transaction_id", p.get("transaction_id") or "", 254)})
        if p.get("comment"):
            d.batch.insert("message", {"id_customer": c["customer"], "id_order": d.order,
                                       "message": str(p["comment"]), "private": 0, "date_add": stamp})

    def result(self, d: OrderDraft, written: Sequence[Written]) -> dict[str, Any]:
        return {**super().result(d, written),
                "customer_id": str(written_id(list(written), d.ctx["customer"]))}
