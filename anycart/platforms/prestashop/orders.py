"""PrestaShop order writes: ``order.add`` as ``PaymentModule::validateOrder`` records an
order (in named steps), ``order.update``, shipments (``order_carrier`` rows, one tracking
number each) and the status lists."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.bridge.batch import Batch, update, written_id
from anycart.platforms.bridge.columns import bounded
from anycart.platforms.bridge.sqlentity import bind
from anycart.platforms.bridge.sqlkit import InsertId, Statement, explicit, insert, scalar
from anycart.platforms.bridge.values import given_db_time, now_db, number, one_id

from .entities import ORDERS, SHIPMENTS
from .shop import PrestaShopBase, no_password, secure_key


@dataclass(frozen=True)
class _NewOrder:
    """order.add resolved: the ``orders`` row (but its customer and address ids), its lines
    and addresses, and the guest customer made when the e-mail is unknown."""

    row: dict[str, Any]
    lines: list[dict[str, Any]]
    invoice: dict[str, Any]
    delivery: dict[str, Any] | None
    guest: dict[str, Any]
    logable: bool


class OrderWrites(PrestaShopBase):
    async def order_status_list(self, call: Call) -> dict[str, Any]:
        statuses = await self._states("order_state", await self._lang(call.params))
        return {"cart_order_statuses": [{"id": str(i), "name": n} for i, n in statuses.items()],
                "additional_fields": {}, "custom_fields": {}}

    async def order_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        order = await ORDERS.row(self, call.require("order_id"), p)
        lang = await self._lang(p)
        oid = int(order["id_order"])
        stamp = given_db_time(p, "date_modified") or now_db()
        cols: dict[str, Any] = {}
        statements: list[Statement] = []
        if p.get("order_status") not in (None, ""):
            state = (await self.state_ids("order_state", [p["order_status"]], lang, "order_status"))[0]
            logable = await scalar(self.db, "SELECT logable FROM {p}order_state WHERE id_order_state = ?",
                                   [state])
            cols.update(current_state=state, valid=1 if logable else 0)
            statements.append(insert("order_history", {"id_employee": 0, "id_order": oid,
                                                        "id_order_state": state, "date_add": stamp}))
        if p.get("order_payment_method") not in (None, ""):
            cols["payment"] = bounded("order_payment_method", p["order_payment_method"], 255)
        if p.get("admin_private_comment") is not None:
            cols["note"] = str(p["admin_private_comment"])
        for src, private in (("comment", 0), ("admin_comment", 1)):
            if p.get(src) not in (None, ""):
                statements.append(insert("message", {
                    "id_customer": order["id_customer"], "id_order": oid, "id_employee": 0,
                    "message": str(p[src]), "private": private, "date_add": stamp}))
        if not cols and not statements:
            raise ApiError.nothing_to_update()
        cols["date_upd"] = stamp
        await self.db.write([update("orders", cols, "id_order = ?", oid), *statements])
        return {"updated_items": 1}

    async def _order_lines(self, items: list[dict[str, Any]], lang: int) -> list[dict[str, Any]]:
        if not items:
            raise ApiError.required("order_item")
        ids = [one_id(i.get("order_item_id"), "Product") for i in items]
        known = {int(r["id_product"]): r for r in await self.db.select(*bind(
            "SELECT p.id_product, p.reference, p.weight, pl.name FROM {p}product p LEFT JOIN"
            " {p}product_lang pl ON pl.id_product = p.id_product AND pl.id_lang = :lang"
            " WHERE p.id_product IN (??)", {"lang": lang}, ids))}
        lines = []
        for pid, item in zip(ids, items, strict=False):
            if pid not in known:
                raise ApiError.not_found("Product", pid)
            qty = int(item.get("order_item_quantity") or 1)
            price = float(item.get("order_item_price") or 0)
            tax = float(item.get("order_item_tax") or 0)
            lines.append({"product_id": pid, "product_attribute_id": int(item.get("order_item_variant_id") or 0),
                          "product_name": str(item.get("order_item_name") or known[pid]["name"] or ""),
                          "product_reference": item.get("order_item_model") or known[pid]["reference"],
                          "product_quantity": qty, "product_price": price,
                          "unit_price_tax_excl": price, "unit_price_tax_incl": round(price * (1 + tax / 100), 6),
                          "total_price_tax_excl": round(price * qty, 6),
                          "total_price_tax_incl": round(price * qty * (1 + tax / 100), 6),
                          "original_product_price": price, "tax_rate": tax, "tax_name": "",
                          "product_weight": float(item.get("order_item_weight") or known[pid]["weight"] or 0)})
        return lines

    async def _order_carrier(self, p: dict[str, Any]) -> int:
        """``carrier_id``, else the carrier named ``order_shipping_method``, else the shop's
        first active carrier: ``orders.id_carrier`` is how PrestaShop names the shipping."""
        if p.get("carrier_id") not in (None, ""):
            cid = one_id(p["carrier_id"], "Carrier")
            await self._require("carrier", [cid], "Carrier", where=" AND deleted = 0")
            return cid
        if p.get("order_shipping_method") not in (None, ""):
            found = await scalar(self.db, "SELECT id_carrier FROM {p}carrier WHERE name = ? AND"
                                          " deleted = 0 ORDER BY active DESC, id_carrier LIMIT 1",
                                 [str(p["order_shipping_method"])])
            if found is None:
                raise ApiError.invalid("order_shipping_method", "the name of one of the shop's carriers")
            return int(found)
        return int(await scalar(self.db, "SELECT id_carrier FROM {p}carrier WHERE deleted = 0 AND"
                                         " active = 1 ORDER BY position, id_carrier LIMIT 1") or 0)

    async def _payment_module(self, payment: str) -> str:
        """``orders.module``: the technical name of the installed payment module the method
        names (PaymentModule::validateOrder writes its own name), else the method as a module
        name (``[a-z0-9_-]``, what Validate::isModuleName accepts)."""
        found = await scalar(
            self.db, "SELECT m.name FROM {p}module m JOIN {p}hook_module hm ON hm.id_module = m.id_module"
                     " JOIN {p}hook h ON h.id_hook = hm.id_hook AND h.name = 'paymentOptions'"
                     " WHERE m.name = ? LIMIT 1", [payment.strip().lower()])
        if found:
            return str(found)
        slug = "".join(c if c.isalnum() else "_" for c in payment.strip().lower())
        return "_".join(part for part in slug.split("_") if part)[:64] or "anycart"

    async def order_add(self, call: Call) -> dict[str, Any]:
        """One write, as PaymentModule::validateOrder makes it: a guest customer when the
        e-mail is unknown, the invoice (and delivery) address, the order, its lines, its
        first status, its shipment row and, when paid, its payment. Stock is not touched
        (``inventory_behaviour=bypass``, the contract's default)."""
        p = call.params
        if str(p.get("inventory_behaviour") or "bypass") != "bypass":
            raise ApiError.invalid("inventory_behaviour", "bypass (the PrestaShop driver does"
                                   " not move stock on order.add)")
        o = await self._new_order(call)
        batch = Batch()
        customer = await self._order_customer(batch, o)
        invoice = batch.insert("address", {**o.invoice, "id_customer": customer})
        delivery = batch.insert("address", {**o.delivery, "id_customer": customer}) \
            if o.delivery else invoice
        order = batch.insert("orders", {**o.row, "id_customer": customer,
                                        "id_address_delivery": delivery, "id_address_invoice": invoice})
        self._order_records(batch, o, order, customer, p)
        written = await batch.run(self.db)
        oid = str(written_id(written, order))
        return {"order_id": oid, "id": oid, "customer_id": str(written_id(written, customer))}

    async def _new_order(self, call: Call) -> _NewOrder:
        """What order.add names, resolved against the shop (109/404 before anything is
        written): status, lines, addresses, currency, carrier, payment module and totals."""
        p = call.params
        shop, lang = await self._shop(p), await self._lang(p)
        state = (await self.state_ids("order_state", [call.require("order_status")], lang, "order_status"))[0]
        email = str(call.require("customer_email"))
        lines = await self._order_lines(list(call.require("order_item")), lang)
        names = {"firstname": p.get("bill_first_name"), "lastname": p.get("bill_last_name")}
        invoice = await self._address_columns(p, "bill_", names)
        delivery = await self._address_columns(p, "shipp_", names) if p.get("shipp_address_1") else None
        currency = await scalar(self.db, "SELECT id_currency FROM {p}currency WHERE iso_code = ?",
                                [str(p.get("currency") or "").upper()]) if p.get("currency") else None
        currency = int(currency or await self._setting_int("PS_CURRENCY_DEFAULT", 1))
        carrier = await self._order_carrier(p)
        flags = (await self.db.select("SELECT paid, logable FROM {p}order_state WHERE id_order_state = ?",
                                      [state]))[0]
        shop_group = int(await scalar(self.db, "SELECT id_shop_group FROM {p}shop WHERE id_shop = ?",
                                      [shop]) or 1)
        conversion = float(await scalar(self.db, "SELECT conversion_rate FROM {p}currency WHERE"
                                                 " id_currency = ?", [currency]) or 1)
        subtotal = float(p.get("subtotal_price") or sum(ln["total_price_tax_excl"] for ln in lines))
        shipping, tax = float(p.get("shipping_price") or 0), float(p.get("tax_price") or 0)
        discount = float(p.get("discount") or 0)
        total = float(p.get("total_price") or subtotal + shipping + tax - discount)
        # validateOrder records the payment (order_payment, total_paid_real) when the first
        # status is a paid one.
        paid = float(p["total_paid"]) if p.get("total_paid") not in (None, "") else (
            total if flags["paid"] else 0.0)
        if not paid and p.get("transaction_id"):
            raise ApiError.invalid("transaction_id", "a paid order_status or total_paid (PrestaShop"
                                   " keeps it on the order's payment)")
        payment = str(p.get("order_payment_method") or "AnyCart")
        reference = "".join(secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(9))
        stamp = given_db_time(p, "date") or now_db()
        row = {"reference": reference, "id_shop_group": shop_group, "id_shop": shop,
               "id_carrier": carrier, "id_lang": lang, "conversion_rate": conversion, "id_cart": 0,
               "id_currency": currency, "current_state": state,
               "secure_key": hashlib.md5(reference.encode()).hexdigest(),
               "payment": bounded("order_payment_method", payment, 255),
               "module": await self._payment_module(payment),
               "total_discounts": discount, "total_discounts_tax_incl": discount,
               "total_discounts_tax_excl": discount, "total_paid": total,
               "total_paid_tax_incl": total, "total_paid_tax_excl": total - tax,
               "total_paid_real": paid, "total_products": subtotal,
               "total_products_wt": subtotal + tax, "total_shipping": shipping,
               "total_shipping_tax_incl": shipping, "total_shipping_tax_excl": shipping,
               "invoice_date": stamp, "delivery_date": stamp, "date_add": stamp, "date_upd": stamp,
               "note": p.get("admin_private_comment")}
        guest = {"email": email, "firstname": p.get("customer_first_name") or invoice["firstname"],
                 "lastname": p.get("customer_last_name") or invoice["lastname"],
                 "id_default_group": await self._setting_int("PS_GUEST_GROUP", 2)}
        return _NewOrder(row, lines, invoice, delivery, guest, bool(flags["logable"]))

    async def _order_customer(self, batch: Batch, o: _NewOrder) -> int | InsertId:
        """The customer the e-mail names (a registered one first), else a new guest."""
        found = await self.db.select("SELECT id_customer FROM {p}customer WHERE email = ? AND"
                                     " deleted = 0 ORDER BY is_guest, id_customer LIMIT 1",
                                     [o.guest["email"]])
        if found:
            return int(found[0]["id_customer"])
        row, stamp = o.row, o.row["date_add"]
        customer = batch.insert("customer", {
            **o.guest, "id_shop_group": row["id_shop_group"], "id_shop": row["id_shop"],
            "id_gender": 0, "id_lang": row["id_lang"], "passwd": no_password(), "is_guest": 1,
            "active": 1, "secure_key": secure_key(), "date_add": stamp, "date_upd": stamp})
        batch.insert("customer_group", {"id_customer": customer,
                                        "id_group": o.guest["id_default_group"]})
        return customer

    @staticmethod
    def _order_records(batch: Batch, o: _NewOrder, order: InsertId, customer: int | InsertId,
                       p: dict[str, Any]) -> None:
        """The rows that hang off a new order: lines, the sale counted
        (ProductSale::addProductSale, for a logable status), history, carrier, payment,
        the customer's comment."""
        row, stamp = o.row, o.row["date_add"]
        for ln in o.lines:
            batch.insert("order_detail", {**ln, "id_order": order, "id_shop": row["id_shop"]})
        if o.logable:
            batch.add(*(Statement(
                "INSERT INTO {p}product_sale (id_product, quantity, sale_nbr, date_upd) VALUES (?, ?, 1, ?)"
                " ON DUPLICATE KEY UPDATE quantity = quantity + VALUES(quantity), sale_nbr = sale_nbr + 1,"
                " date_upd = VALUES(date_upd)", [ln["product_id"], ln["product_quantity"], stamp[:10]])
                for ln in o.lines))
        batch.insert("order_history", {"id_employee": 0, "id_order": order,
                                       "id_order_state": row["current_state"], "date_add": stamp})
        batch.insert("order_carrier", {"id_order": order, "id_carrier": row["id_carrier"],
                                       "shipping_cost_tax_excl": row["total_shipping"],
                                       "shipping_cost_tax_incl": row["total_shipping"],
                                       "date_add": stamp})
        if row["total_paid_real"]:
            batch.insert("order_payment", {
                "order_reference": row["reference"], "id_currency": row["id_currency"],
                "amount": row["total_paid_real"], "payment_method": row["payment"],
                "conversion_rate": 1, "date_add": stamp,
                "transaction_id": bounded("transaction_id", p.get("transaction_id") or "", 254)})
        if p.get("comment"):
            batch.insert("message", {"id_customer": customer, "id_order": order,
                                     "message": str(p["comment"]), "private": 0, "date_add": stamp})

    # -- shipments -----------------------------------------------------------------------------
    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        """Fills the order's shipment that has no tracking number yet, else adds one (an
        ``order_carrier`` row; PrestaShop ships an order whole, so ``items`` only check that
        each line exists and is shipped whole)."""
        p = call.params
        order = await ORDERS.row(self, call.require("order_id"), p)
        oid = int(order["id_order"])
        known = {str(r["id_order_detail"]): float(r["product_quantity"]) for r in await self.db.select(
            "SELECT id_order_detail, product_quantity FROM {p}order_detail WHERE id_order = ?", [oid])}
        for n, item in enumerate(p.get("items") or []):
            line = str(item.get("order_product_id"))
            if line not in known:
                raise ApiError.not_found("Order product", item.get("order_product_id"))
            # order_carrier has no lines: only a whole line can be shipped, never part of one.
            if item.get("quantity") not in (None, "") and number(item["quantity"]) != known[line]:
                raise ApiError.invalid(f"items[{n}][quantity]", f"the ordered quantity {known[line]:g}"
                                       " (PrestaShop ships whole order lines)")
        numbers = [t for t in p.get("tracking_numbers") or [] if t.get("tracking_number")]
        if len(numbers) > 1:
            raise ApiError.invalid("tracking_numbers", "one tracking number (PrestaShop keeps one"
                                   " per shipment; add shipments for more)")
        carrier = int(order["id_carrier"])
        if numbers and str(numbers[0].get("carrier_id") or "").isdecimal():
            carrier = int(numbers[0]["carrier_id"])
            await self._require("carrier", [carrier], "Carrier")
        tracking = bounded("tracking_number", numbers[0]["tracking_number"], 64) if numbers else None
        cols: dict[str, Any] = {"id_carrier": carrier, "tracking_number": tracking}
        if p.get("weight") is not None:
            cols["weight"] = float(p["weight"])
        stamp = ORDERS.touch(oid)
        open_ = await self.db.select(
            "SELECT id_order_carrier FROM {p}order_carrier WHERE id_order = ? AND"
            " (tracking_number IS NULL OR tracking_number = '') ORDER BY id_order_carrier LIMIT 1", [oid])
        if open_:
            sid = int(open_[0]["id_order_carrier"])
            await self.db.write([update("order_carrier", cols, "id_order_carrier = ?", sid), stamp])
            return {"shipment_id": str(sid)}
        written = await self.db.write([insert("order_carrier", {
            **cols, "id_order": oid, "shipping_cost_tax_excl": 0, "shipping_cost_tax_incl": 0,
            "date_add": now_db()}), stamp])
        return {"shipment_id": str(written[0].insert_id)}

    async def order_shipment_tracking_add(self, call: Call) -> dict[str, Any]:
        row = await SHIPMENTS.row(self, call.require("shipment_id"), call.params)
        tracking = bounded("tracking_number", call.require("tracking_number"), 64)
        current = row.get("tracking_number") or ""
        if current and current != tracking:
            raise ApiError(ReturnCode.ALREADY_EXISTS,
                           f"Shipment {row['id_order_carrier']} already has tracking number {current}:"
                           " PrestaShop keeps one per shipment (add a shipment for another).")
        await self.db.write([
            Statement("UPDATE {p}order_carrier SET tracking_number = ? WHERE id_order_carrier = ?",
                      [tracking, row["id_order_carrier"]]),
            ORDERS.touch(row["id_order"])])
        return {"shipment_tracking_id": str(row["id_order_carrier"])}

    # -- returns -------------------------------------------------------------------------------
    async def return_status_list(self, call: Call) -> dict[str, Any]:
        statuses = await self._states("order_return_state", await self._lang(call.params))
        return {"return_statuses": [{"id": str(i), "name": n} for i, n in statuses.items()],
                "additional_fields": {}, "custom_fields": {}}
