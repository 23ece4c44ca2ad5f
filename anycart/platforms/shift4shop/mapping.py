"""Shift4Shop JSON <-> the unified model where a field map cannot say it: orders (``ORDER_READ``
and ``order_more`` read, ``ORDER_WRITE`` and ``order_written`` write), transactions, and the
kit's addresses and dates. The other entities' field maps are in ``entities.py``.
"""

from __future__ import annotations

from typing import Any

from anycart import model as U
from anycart.platforms.kit import fields
from anycart.platforms.kit.addresses import AddressBook, AddressMap
from anycart.platforms.kit.dates import Dates
from anycart.platforms.kit.fields import Field, extras, integer, last_four, number, text
from anycart.platforms.kit.lines import Lines, amount
from anycart.platforms.kit.returns import order_return_status

from .returns import RMA

#: 3dcart dates: ISO 8601 without zone in bodies, ``MM/dd/yyyy`` elsewhere; its queries take
#: ``MM/dd/yyyy HH:mm:ss`` (a bare date: an end bound then includes the whole day).
DATES = Dates(formats=("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%m/%d/%Y",
                       "%Y-%m-%d %H:%M:%S", "%Y/%m/%d"),
              query_format="%m/%d/%Y %H:%M:%S", bare="%m/%d/%Y", none=("0001-01-01",))
parse_date, a2c_date, query_date = DATES.parse, DATES.a2c, DATES.query


#: A customer's Billing*/Shipping* address keys; an order's Billing* and Shipment* ones.
_KEYS = {"first_name": "FirstName", "last_name": "LastName", "company": "Company",
         "address1": "Address1", "address2": "Address2", "city": "City", "state": "State",
         "postcode": "ZipCode", "country": "Country", "phone": "PhoneNumber"}
ADDRESS = AddressMap(_KEYS)
ORDER_ADDRESS = AddressMap({**_KEYS, "address1": "Address"})
SHIPMENT_ADDRESS = AddressMap({**_KEYS, "address1": "Address", "phone": "Phone"})


#: A customer's two addresses (customer.add's ``address`` entries, customer.address.add).
BOOK = AddressBook(ADDRESS, {"billing": "Billing", "shipping": "Shipping"})


# -- orders ------------------------------------------------------------------------------
#: The store's order statuses are all listed, its own ("user defined") included.
USER_STATUSES = "allow_user_defined_order_statuses"
#: What :func:`order_more` reads (``ORDER_READ`` reads the rest).
ORDER_USED = frozenset({"InvoiceNumberPrefix", "InvoiceNumber", "ShipmentList", "OrderItemList",
                        "SalesTax", "SalesTax2", "SalesTax3", "TransactionList",
                        # the card: read into the payment method, its number and code go no further
                        *ORDER_ADDRESS.paths("Billing"), "CardType", "CardNumber", "CardVerification"})
#: The card paid with, under Order_Transaction's names: its brand and last four digits
#: only (Shift4Shop masks the number), never its code.
CARD = (Field("card_brand", "CardType"), Field("card_last_four", "CardNumber", last_four))


#: An order line, both ways (order.add's ``order_item`` entries; the order's lines read).
ORDER_ITEM = (Field("product_id", "CatalogID", param="order_item_id", write=integer),
              Field("model", "ItemID", param="order_item_model"),
              Field("name", "ItemDescription", param="order_item_name"),
              Field(None, "ItemUnitPrice", param="order_item_price"),
              Field("quantity", "ItemQuantity", amount, param="order_item_quantity"),
              Field("weight", "ItemWeight", number, param="order_item_weight"))


def order_item(i: dict[str, Any]) -> U.OrderItem:
    """A line read: its unit price with its options' (``ItemOptionPrice``)."""
    values = fields.read(ORDER_ITEM, i)
    price = amount(i.get("ItemUnitPrice")) + amount(i.get("ItemOptionPrice"))
    return U.OrderItem(**values, order_product_id=text(i.get("ItemIndexID")), price=price,
                       total_price=round(price * values["quantity"], 2), additional_fields=extras(
                           i, fields.used_keys(ORDER_ITEM) | {"ItemIndexID", "ItemUnitPrice"}))


#: An order's fields read as they are (``ORDER`` in ``entities.py``), the buyer as the order
#: names it among them (a guest's order, CustomerID 0: id "0", as Shift4Shop stores it); the
#: addresses, the status name and the totals worked out are :func:`order_more`'s.
ORDER_READ = (Field("id", "OrderID", str), Field("order_id", "OrderID", str),
              Field("create_at", "OrderDate", a2c_date), Field("modified_at", "LastUpdate", a2c_date),
              Field("comment", "CustomerComments"), Field("customer.id", "CustomerID", lambda v: text(v) or "0"),
              *(Field("customer." + name, "Billing" + key) for name, key in (
                  ("email", "Email"), ("first_name", "FirstName"), ("last_name", "LastName"),
                  ("phone", "PhoneNumber"))),
              Field("payment_method.name", "BillingPaymentMethod"), Field("status.id", "OrderStatusID"),
              Field("totals.total", "OrderAmount", number), Field("totals.discount", "OrderDiscount", number))
#: The order's ``Refund`` transactions (what order.refund.add writes).
REFUND = Lines(U.OrderRefund, (
    Field("id", "TransactionIndexID"), Field("total", "TransactionAmount", lambda v: abs(number(v) or 0)),
    Field("comment", "TransactionResponseText"), Field("modified_time", "TransactionDateTime", a2c_date)))


def order_more(o: dict[str, Any], ctx: Any) -> dict[str, Any]:
    """``ctx``: ``statuses``, the order status names by id; ``rma``, each order's latest RMA."""
    ships = o.get("ShipmentList") or []
    items = [order_item(i) for i in o.get("OrderItemList") or []]
    tax = sum(number(o.get(k)) or 0.0 for k in ("SalesTax", "SalesTax2", "SalesTax3"))
    invoice = f"{o.get('InvoiceNumberPrefix') or ''}{o.get('InvoiceNumber') or ''}"
    return {
        "billing_address": ORDER_ADDRESS.read(o, "Billing", "billing"),
        "payment_method": {"additional_fields": {k: v for k, v in fields.read(CARD, o).items() if v}},
        "shipping_address": SHIPMENT_ADDRESS.read(ships[0], "Shipment", "shipping") if ships else None,
        "shipping_method": U.NamedMethod(name=text(ships[0].get("ShipmentMethodName"))) if ships else None,
        "status": {"name": (ctx.get("statuses") or {}).get(str(o.get("OrderStatusID")))},
        "totals": {"subtotal": round(sum((it.total_price or 0.0) for it in items), 2),
                   "shipping": round(sum(number(s.get("ShipmentCost")) or 0.0 for s in ships), 2),
                   "tax": round(tax, 2)},
        "order_products": items, "additional_fields": {
            "invoice_number": invoice or None, "return_status": _return_status(o, ctx)},
        "refunds": REFUND.read(t for t in o.get("TransactionList") or [] if t.get("TransactionType") == "Refund")}


def _return_status(o: dict[str, Any], ctx: Any) -> str:
    rma = (ctx.get("rma") or {}).get(str(o.get("OrderID"))) or {}  # the order's latest RMA
    return order_return_status(RMA, rma.get("RMAStatusID"), rma.get("RMAStatus"))


#: order.add's address parameters (after ``bill_``/``shipp_``) not named as in the Address.
_ORDER_NAMES = {"address1": "address_1", "address2": "address_2"}
ORDER_WRITE = (
    *ORDER_ADDRESS.fields("Billing", "bill_", _ORDER_NAMES, skip=("phone",)),
    Field(None, "BillingPhoneNumber", param=("bill_phone", "customer_phone")),
    Field(None, "BillingEmail", param="customer_email"),
    Field(None, "BillingPaymentMethod", param="order_payment_method"),
    Field(None, "OrderDate", param="date", write=DATES.iso),
    Field(None, "OrderAmount", param="total_price"), Field(None, "SalesTax", param="tax_price"),
    Field(None, "OrderDiscount", param="discount"), Field(None, "CustomerComments", param="comment"),
    Field(None, "InternalComments", param="admin_private_comment"),
    Field(None, "ExternalComments", param="admin_comment"),
)
SHIPPING = (*SHIPMENT_ADDRESS.fields("Shipment", "shipp_", _ORDER_NAMES),
             Field(None, "ShipmentMethodName", param="order_shipping_method"),
             Field(None, "ShipmentCost", param="shipping_price"))


def order_written(params: Any, body: dict[str, Any]) -> None:
    """order.add's lines and its one shipment (when a shipping address or method is given)."""
    if items := [fields.body(ORDER_ITEM, it) for it in params.get("order_item") or []]:
        body["OrderItemList"] = items
    if ship := fields.body(SHIPPING, params):
        email = params.get("customer_email")
        body["ShipmentList"] = [{**ship, **({"ShipmentEmail": email} if email is not None else {})}]


#: An order's payment transaction (order.transaction.list, no unified model).
TRANSACTION = (Field("id", "TransactionIndexID"), Field("transaction_id", "TransactionID"),
               Field("order_id", "OrderID"), Field("amount", "TransactionAmount", number),
               Field("description", "TransactionType"), Field("status", "TransactionApproval"),
               Field("gateway", "TransactionMethod"),
               Field("created_at", "TransactionDateTime", a2c_date))
