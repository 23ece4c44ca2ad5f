"""OpenCart's ``order.add``: :class:`~anycart.platforms.bridge.orders.OrderAdd`'s steps as the
checkout stores an order (``model/checkout/order`` addOrder, then addOrderHistory), in one
write: the order row with both addresses, items and options, totals rows, the first history
row, the dashboard's ``statistics`` and, when asked, the stock. The customer is the store's
one with the e-mail, else a guest (``customer_id`` 0). Amounts are stored in the default
currency beside the order currency's rate (the cart's pages show ``value * currency_value``).
Stock moves only for ``inventory_behaviour`` decrements and a processing/complete status, as
the cart moves it (``subtract`` products, option values, a 4.x variant's master), so its own
restock when the order leaves those statuses gives back what was taken. 4.0 keeps methods
as JSON, ``master_id`` on items and ``extension`` on totals; it has no fax or method codes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from anycart.errors import ApiError
from anycart.platforms.applied import Nested
from anycart.platforms.bridge.methods import made_code, match
from anycart.platforms.bridge.orders import ITEM_PAIRS, Line, OrderAdd, OrderDraft
from anycart.platforms.bridge.sqlentity import bind, rows_by
from anycart.platforms.bridge.sqlkit import Statement, Written, insert, scalar
from anycart.platforms.bridge.totalrows import TotalRow, total_rows
from anycart.platforms.bridge.values import (
    given_db_time,
    given_text,
    html_stored,
    html_text,
    id_list,
    now_db,
)

from . import entities as E
from . import writes as W
from .mapping import variant_choices
from .storefront import base_url

#: An order's address parameters (``bill_*``, ``shipp_*``), as declared for its columns.
_ADDRESS = W.ORDER_ADDRESS.names() | W.PLACES[False].names()
#: The installer's defaults, for a store whose settings lack them.
_PROCESSING = (5, 1, 2, 12, 3)
_COMPLETE = (5, 3)
#: The totals rows the checkout writes, in order: the code of the cart's own total extension
#: (it loads one per row when the status changes), a title free of "(...)" (which coupon and
#: voucher would read as a code), the amount and its sign, the installer's sort order.
_TOTAL_ROWS = (TotalRow("sub_total", "Sub-Total", "subtotal", 1, 1, always=True),
               TotalRow("shipping", "Shipping", "shipping", 1, 3),
               TotalRow("coupon", "Discount", "discount", -1, 4),
               TotalRow("voucher", "Gift Certificate", "gift", -1, 8), TotalRow("tax", "Tax", "tax", 1, 5),
               TotalRow("total", "Total", "total", 1, 9, always=True))
#: The settings order.add reads (besides the driver's own).
SETTINGS = ("config_name", "config_currency", "config_customer_group_id",
            "config_invoice_prefix", "config_processing_status", "config_complete_status",
            "config_stock_checkout", *(f"total_{row.code}_sort_order" for row in _TOTAL_ROWS))
#: Option types whose values are the product's option values (others hold the shopper's text).
_CHOICE_TYPES = ("select", "radio", "checkbox", "image")


class OpenCartOrderAdd(OrderAdd):
    required = ("bill_first_name", "bill_last_name", "bill_address_1", "bill_city", "bill_postcode",
                "bill_country", "bill_state")
    own = frozenset({
        "store_id", "customer_first_name", "customer_last_name", "customer_phone", "customer_fax",
        "is_guest", "order_payment_method", "transaction_id", "currency", "date", "date_modified",
        *(f"{side}_{n}" for side in ("bill", "shipp") for n in _ADDRESS), "bill_phone", "bill_fax",
        "order_shipping_method", "comment", "admin_comment", "send_notifications", "create_invoice"})
    item_own: ClassVar[Nested] = {"order_item_name": None, "order_item_model": None,
                                  **{key: dict.fromkeys(names) for key, names in ITEM_PAIRS.items()}}

    async def prepare(self, conn: Any, d: OrderDraft) -> None:
        p, c = d.params, d.ctx
        c["v4"], c["lang"] = await conn._v4(), await conn._lang()
        c["status"] = await conn.status_id(p["order_status"])
        s = c["settings"] = await conn.cart_settings()
        c["store"] = await self._store(conn, p, s)
        c["currency"] = await self._currency(conn, p, s)
        c["rate"] = float(c["currency"]["value"] or 1) or 1.0
        customer = c["customer"] = None if p.get("is_guest") else await self._customer(conn, d.email, c["v4"])
        c["group"] = int(customer["customer_group_id"] if customer
                         else s.get("config_customer_group_id") or 1)
        c["bill"] = bill = await self._address(conn, p, "bill_", None)
        c["ship"] = await self._address(conn, p, "shipp_", bill) if p.get("shipp_address_1") else dict(bill)
        c["processing"] = _status_set(s.get("config_processing_status"), _PROCESSING)
        c["complete"] = _status_set(s.get("config_complete_status"), _COMPLETE)
        c["active"] = c["status"] in c["processing"] or c["status"] in c["complete"]
        c["decrement"] = d.behaviour != "bypass" and c["active"]

    def base(self, d: OrderDraft, value: float) -> float:
        """An amount in the order's currency as stored: in the store's default currency."""
        return round(value / float(d.ctx["rate"]), 4)

    async def check_stock(self, conn: Any, d: OrderDraft) -> None:
        """``decrement_obeying_policy`` where checkout needs stock (``config_stock_checkout`` 0)."""
        if (d.ctx["decrement"] and d.behaviour == "decrement_obeying_policy"
                and d.ctx["settings"].get("config_stock_checkout") != "1"):
            self.refuse_short(d, _takes)

    async def insert_order(self, conn: Any, d: OrderDraft) -> Statement:
        p, c, t = d.params, d.ctx, d.totals
        assert t is not None
        s, v4, bill, person = c["settings"], c["v4"], c["bill"], c["customer"] or {}
        added = c["added"] = given_db_time(p, "date") or now_db()
        prefix = s.get("config_invoice_prefix") or f"INV-{added[:4]}-00"
        invoice = 0
        if p.get("create_invoice"):  # as the admin's createInvoiceNo numbers them
            invoice = int(await scalar(conn.db, "SELECT MAX(invoice_no) FROM `{p}order` WHERE "
                                                "invoice_prefix = ?", [prefix]) or 0) + 1
        currency = c["currency"]
        order: dict[str, Any] = {
            "invoice_no": invoice, "invoice_prefix": prefix,
            **c["store"],
            "customer_id": int(person.get("customer_id") or 0), "customer_group_id": c["group"],
            "firstname": given_text(p, "customer_first_name") or person.get("firstname") or bill["firstname"],
            "lastname": given_text(p, "customer_last_name") or person.get("lastname") or bill["lastname"],
            "email": d.email, "custom_field": "[]",
            "telephone": given_text(p, "customer_phone") or person.get("telephone")
            or given_text(p, "bill_phone"),
            **{f"payment_{k}": v for k, v in bill.items()},
            **{f"shipping_{k}": v for k, v in c["ship"].items()},
            "comment": given_text(p, "comment"), "total": self.base(d, t.total),
            "order_status_id": c["status"], "affiliate_id": 0, "commission": 0, "marketing_id": 0,
            "tracking": "", "language_id": c["lang"], "currency_id": int(currency["currency_id"]),
            "currency_code": currency["code"], "currency_value": c["rate"], "ip": "",
            "forwarded_ip": "", "user_agent": "", "accept_language": "",
            "date_added": added, "date_modified": given_db_time(p, "date_modified") or added}
        pay_method = given_text(p, "order_payment_method")
        ship_method = str(p.get("order_shipping_method") or "").strip()
        # what the other release's order row has a column for and this one's has not
        absent = {"customer_fax": "fax", "bill_fax": "fax"} if v4 else {"transaction_id": "transaction id"}
        for name, what in absent.items():
            if p.get(name) not in (None, ""):
                raise ApiError.invalid(name, f"left out: OpenCart {4 if v4 else 3} orders have no {what}")
        pay_code = await self._method_code(conn, "payment", pay_method, v4)
        ship_code = await self._method_code(conn, "shipping", ship_method, True)
        if v4:
            language = await scalar(conn.db, "SELECT code FROM {p}language WHERE language_id = ?", [c["lang"]])
            order.update(subscription_id=0, transaction_id=str(p.get("transaction_id") or ""),
                         payment_address_id=0, shipping_address_id=0, language_code=str(language or ""),
                         payment_method=_method_json(pay_method, pay_code),
                         shipping_method=_method_json(html_stored(ship_method), ship_code,
                                                      {"cost": self.base(d, t.shipping), "tax_class_id": 0}))
        else:
            order.update(fax=given_text(p, "customer_fax") or person.get("fax") or given_text(p, "bill_fax"),
                         payment_method=pay_method, payment_code=pay_code,
                         shipping_method=html_stored(ship_method), shipping_code=ship_code)
        return insert("order", order)

    async def insert_lines(self, conn: Any, d: OrderDraft) -> None:
        for line in d.lines:
            x = line.extra
            item = d.batch.insert("order_product", {
                "order_id": d.order, "product_id": x["product_id"], "name": x["name"],
                "model": x["model"], "quantity": line.quantity, "price": self.base(d, line.price),
                "total": self.base(d, line.total), "tax": self.base(d, line.tax), "reward": x["reward"],
                **({"master_id": x["master_id"]} if d.ctx["v4"] else {})})
            for option in x["options"]:
                d.batch.insert("order_option", {"order_id": d.order, "order_product_id": item, **option})

    async def insert_totals(self, conn: Any, d: OrderDraft) -> None:
        assert d.totals is not None
        ship_method = str(d.params.get("order_shipping_method") or "").strip()  # its own title
        for row, value, title in total_rows(_TOTAL_ROWS, d.totals, {"shipping": ship_method}):
            d.batch.insert("order_total", {
                "order_id": d.order, "code": row.code, "value": self.base(d, value),
                "title": html_stored(title), **({"extension": "opencart"} if d.ctx["v4"] else {}),
                "sort_order": int(d.ctx["settings"].get(f"total_{row.code}_sort_order") or row.sort)})

    async def history(self, conn: Any, d: OrderDraft) -> None:
        c, status = d.ctx, d.ctx["status"]
        assert d.totals is not None
        d.batch.add(W.history(d.order, status, d.params, given_text(d.params, "admin_comment"), c["added"]))
        # The dashboard's counters, as the cart's statistics event moves them for an order
        # whose status goes from 0 (not yet confirmed) to this one.
        for code, value, applies in (("order_sale", self.base(d, d.totals.total), c["active"]),
                                     ("order_processing", 1, status in c["processing"]),
                                     ("order_complete", 1, status in c["complete"])):
            if applies:
                d.batch.add(Statement("UPDATE {p}statistics SET value = value + ? WHERE code = ?",
                                      [value, code]))

    async def stock(self, conn: Any, d: OrderDraft) -> None:
        """The cart's stock subtraction for an order entering a processing/complete status."""
        if not d.ctx["decrement"]:
            return
        for line in d.lines:
            x = line.extra
            for pid in dict.fromkeys(p for p in (x["product_id"], x["master_id"]) if p):
                d.batch.add(Statement("UPDATE {p}product SET quantity = quantity - ? WHERE "
                                      "product_id = ? AND subtract = 1", [line.quantity, pid]))
            for v in x["values"]:
                d.batch.add(Statement("UPDATE {p}product_option_value SET quantity = quantity - ? "
                                      "WHERE product_option_value_id = ? AND subtract = 1",
                                      [line.quantity, v["product_option_value_id"]]))

    def result(self, d: OrderDraft, written: Sequence[Written]) -> dict[str, Any]:
        customer = d.ctx["customer"]
        return {**super().result(d, written),
                "customer_id": str(customer["customer_id"]) if customer else None}

    # -- the order's parts -----------------------------------------------------------------------
    @staticmethod
    async def _store(conn: Any, p: dict[str, Any], s: dict[str, str]) -> dict[str, Any]:
        """The order's ``store_id``, ``store_name`` and ``store_url``."""
        store = (id_list(p, "store_id") or [0])[0]
        if not store:
            # The default store's URL is the catalog's HTTP_SERVER (checkout/confirm.php), the
            # address the merchant connected; the settings hold no config_url for store 0.
            return {"store_id": 0, "store_name": s.get("config_name") or "",
                    "store_url": base_url(conn.store.store_url)}
        rows = await conn.db.select("SELECT store_id, name AS store_name, url AS store_url FROM "
                                    "{p}store WHERE store_id = ?", [store])
        if not rows:
            raise ApiError.not_found("Store", p["store_id"])
        return dict(rows[0])

    @staticmethod
    async def _currency(conn: Any, p: dict[str, Any], s: dict[str, str]) -> dict[str, Any]:
        code = str(p.get("currency") or s.get("config_currency") or "").strip().upper()
        rows = await conn.db.select("SELECT currency_id, code, value FROM {p}currency WHERE code = ?", [code])
        if rows:
            return dict(rows[0])
        if p.get("currency"):
            raise ApiError.invalid("currency", "the ISO code of a currency the store has")
        return {"currency_id": 0, "code": code[:3], "value": 1}

    @staticmethod
    async def _method_code(conn: Any, kind: str, name: str, dotted: bool) -> str:
        """The code the checkout stores for a method: the installed extension the text
        matches (``methods.match``), else one made of it; ``<ext>.<option>`` where the cart
        keeps an option (shipping, 4.x payments: ``flat.flat``), else ``<ext>`` (3.x ``cod``)."""
        text = (html_text(name) or "").strip()
        if not text:
            return ""
        if "." in text and " " not in text:
            return text  # already a code with its option (weight.weight_5)
        installed = await conn.db.select("SELECT code FROM {p}extension WHERE type = ? ORDER BY "
                                         "extension_id", [kind])
        code = match(text, [(str(r["code"]), None) for r in installed]) or made_code(text)
        return f"{code}.{code}" if dotted else code

    @staticmethod
    async def _customer(conn: Any, email: str, v4: bool) -> dict[str, Any] | None:
        fax = "" if v4 else ", fax"
        rows = await conn.db.select(
            f"SELECT customer_id, customer_group_id, firstname, lastname, telephone{fax} FROM "
            "{p}customer WHERE LOWER(email) = LOWER(?) ORDER BY customer_id LIMIT 1", [email])
        return dict(rows[0]) if rows else None

    @staticmethod
    async def _address(conn: Any, p: dict[str, Any], side: str,
                       billing: dict[str, Any] | None) -> dict[str, Any]:
        """``bill_*`` / ``shipp_*`` as ``payment_*`` / ``shipping_*`` columns (unprefixed); a
        shipping address takes the billing names, country and state it does not give."""
        places = W.PLACES[bool(await conn._v4())]
        row = await places.found(conn.db, p, side, W.ORDER_ADDRESS.columns(p, side, like=billing), billing)
        return {**row, "custom_field": "[]"}

    async def resolve_lines(self, conn: Any, d: OrderDraft) -> None:
        """The items' order_product and order_option rows, and what they take from stock."""
        v4, lang = d.ctx["v4"], d.ctx["lang"]
        ids = sorted({ln.product_id for ln in d.lines}
                     | ({ln.variant_id for ln in d.lines if ln.variant_id} if v4 else set()))
        master = "p.master_id, p.variant" if v4 else "0 AS master_id, '' AS variant"
        products = {r["product_id"]: r for r in await conn.db.select(*bind(
            f"SELECT p.product_id, p.model, p.quantity, p.subtract, {master}, pd.name, "
            "(SELECT pr.points FROM {p}product_reward pr WHERE pr.product_id = p.product_id AND "
            "pr.customer_group_id = :group LIMIT 1) AS points FROM {p}product p "
            f"{W.PRODUCT_TEXT.join('p.product_id')} WHERE p.product_id IN (??)", d.ctx, ids))}
        self.need_products(d, products)
        for line in d.lines:
            vid = line.variant_id
            if vid is not None and v4 and int((products.get(vid) or {}).get("master_id") or 0) != line.product_id:
                raise ApiError.not_found("Child item", line.item["order_item_variant_id"])
        owners = sorted(set(ids) | {int(r["master_id"]) for r in products.values() if r["master_id"]})
        # The options as product reads list them (:data:`.entities.PRODUCTS` children), one
        # row per option and value (an option without values: one row, value None).
        kids, by_lang = E.PRODUCTS.children, {"lang": lang}
        values = await rows_by(conn.db, kids["option_values"].sql, "product_option_id", owners, by_lang)
        options = {pid: [{**o, "option_name": o["name"], "value_name": v.get("name"),
                          **{k: v.get(k) for k in ("product_option_value_id", "subtract", "quantity")}}
                         for o in found for v in values.get(o["product_option_id"]) or [{}]]
                   for pid, found in (await rows_by(conn.db, kids["options"].sql, "product_id", owners,
                                                    by_lang)).items()}
        for line in d.lines:
            _line_options(line, products, options, v4)


def _line_options(line: Line, products: dict[int, Any], options: dict[int, list[dict[str, Any]]],
                  v4: bool) -> None:
    """A line's product row, the options it picks (a 3.x child item is one option value, a
    4.x variant picks among its master's) and those given."""
    pid, vid, item = line.product_id, line.variant_id, line.item
    row = products[vid] if v4 and vid else products[pid]
    master_id = pid if v4 and vid else int(row["master_id"] or 0)
    known = options.get(pid, []) + (options.get(master_id, []) if master_id != pid else [])
    chosen: list[dict[str, Any]] = []
    if vid is not None and not v4:
        chosen = [o for o in known if o["product_option_value_id"] == vid]
        if not chosen:
            raise ApiError.not_found("Child item", item["order_item_variant_id"])
    elif v4 and row.get("variant"):
        picks = variant_choices(row["variant"])
        chosen = [o for o in known if o["product_option_value_id"] is not None
                  and str(o["product_option_value_id"]) in picks.get(str(o["product_option_id"]), ())]
    rows = [_option_row(o, o["value_name"]) for o in chosen]
    taken = {o["product_option_id"] for o in chosen}
    for name, value in OrderAdd.pairs(item, "order_item_option"):
        same = [o for o in known if (html_text(o["option_name"]) or "").lower() == name.lower()]
        if same and same[0]["product_option_id"] in taken:
            continue
        hit = [o for o in same if (html_text(o["value_name"]) or "").lower() == value.lower()]
        if hit:
            chosen.append(hit[0])
            rows.append(_option_row(hit[0], hit[0]["value_name"]))
        elif same and same[0]["type"] not in _CHOICE_TYPES:  # text, date, file ...
            rows.append({**_option_row(same[0], html_stored(value)), "product_option_value_id": 0})
        else:
            rows.append(_free_option(name, value))
        if same:
            taken.add(same[0]["product_option_id"])
    rows += [_free_option(n, v) for n, v in OrderAdd.pairs(item, "order_item_property")]
    line.extra = {"product_id": int(row["product_id"]), "master_id": master_id,
                  "name": given_text(item, "order_item_name") or row["name"] or "",
                  "model": given_text(item, "order_item_model") or row["model"] or "",
                  "reward": int(row["points"] or 0) * line.quantity, "options": rows, "stock": row,
                  "values": [o for o in chosen if o["product_option_value_id"]]}


def _takes(line: Line) -> Iterator[tuple[str, int, Any]]:
    """What a line takes stock from: its product and option values that ``subtract``."""
    product = line.extra["stock"]
    if int(product["subtract"] or 0):
        yield "product", int(product["product_id"]), product["quantity"]
    for value in line.extra["values"]:
        if int(value["subtract"] or 0):
            yield "option value", int(value["product_option_value_id"]), value["quantity"]


def _status_set(value: str | None, default: tuple[int, ...]) -> set[int]:
    """A serialized status list setting (``["5","3"]``)."""
    try:
        parsed = json.loads(value) if value else None
    except ValueError:
        parsed = None
    if not isinstance(parsed, list):
        return set(default)
    return {int(v) for v in parsed if str(v).strip().isdecimal()}


def _method_json(name: str, code: str, extra: dict[str, Any] | None = None) -> str:
    """4.x's payment/shipping method: ``{"name", "code"}`` JSON (shipping: ``cost`` and
    ``tax_class_id`` too)."""
    if not name:
        return ""
    return json.dumps({"name": name, "code": code, **(extra or {})}, separators=(",", ":"))


def _option_row(option: dict[str, Any], value: Any) -> dict[str, Any]:
    return {"product_option_id": option["product_option_id"],
            "product_option_value_id": option["product_option_value_id"] or 0,
            "name": option["option_name"] or "", "value": value or "", "type": option["type"]}


def _free_option(name: str, value: str) -> dict[str, Any]:
    """An option or property the product does not have: shown on the order as text."""
    return {"product_option_id": 0, "product_option_value_id": 0, "name": html_stored(name),
            "value": html_stored(value), "type": "text"}
