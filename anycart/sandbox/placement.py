"""Placing an order through a REST API, the steps platforms share: its lines (each naming a
catalog item or carrying its own title and price), its buyer (an existing customer, one
matched by e-mail, a new one from contact data, or a guest), and what the order leaves on
the buyer's record (order count, money spent, last order).

Shopify (``line_items[].variant_id``, ``customer``), WooCommerce (``line_items[].product_id``
/ ``variation_id``, ``customer_id`` + ``billing.email``) and BigCommerce (``products[]``,
``customer_id``, ``0`` for a guest) differ in names and record shapes, declared here; the
flow and the 422 texts (Rails-style by default) are the kit's. Money is text with two
decimals (:func:`~anycart.sandbox.values.cents`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .table import Record
from .values import Errors, add, cents, from_cents, integer, text

#: (call, the client's line, the catalog item it names, units, new line id, errors)
FromItem = Callable[[Any, Mapping[str, Any], Any, int, Any, Errors], Record]
#: (call, the client's line, units, new line id, errors): a line of its own title and price
Custom = Callable[[Any, Mapping[str, Any], int, Any, Errors], Record]


def dicts(value: Any) -> list[dict[str, Any]]:
    """The objects of a client list (anything else in it, or a non-list, is skipped)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


@dataclass(frozen=True)
class Lines:
    """An order's lines: an entry with ``ref`` names a catalog item (``find`` -> the item,
    None when unknown), copied by ``from_item``; one without is ``custom``. ``new_id`` gives
    each entry its line id, in the client's order (also to an entry that turns out wrong,
    as a store's id sequence does)."""

    ref: str
    find: Callable[[Any, int], Any | None]
    from_item: FromItem
    custom: Custom
    new_id: Callable[[Any], Any]
    field: str = "line_items"
    quantity: str = "quantity"
    none: str = "must have at least one line item"
    invalid: str = "is invalid"
    #: ``{ref}`` is the client's reference
    unknown: str = "Variant {ref} does not exist"
    too_few: str = "must be greater than or equal to 1"

    def read(self, call: Any, given: Any, errors: Errors) -> list[Record]:
        if not isinstance(given, list) or not given:
            errors[self.field] = [self.none]
            return []
        out = []
        for src in given:
            if not isinstance(src, dict):
                add(errors, self.field, self.invalid)
                continue
            units = integer(errors, self.quantity, src.get(self.quantity, 1))
            if units is not None and units < 1:
                add(errors, self.quantity, self.too_few)
            lid = self.new_id(call)
            if src.get(self.ref) is None:
                out.append(self.custom(call, src, units or 1, lid, errors))
                continue
            ref = integer(errors, self.ref, src[self.ref])
            item = self.find(call, ref) if ref is not None else None
            if item is None:
                add(errors, self.field, self.unknown.format(ref=src[self.ref]))
                continue
            out.append(self.from_item(call, src, item, units or 1, lid, errors))
        return out


@dataclass(frozen=True)
class Buyer:
    """Who an order is for. ``given`` is an object naming a stored customer by ``key``
    (refused as ``field`` "is invalid" when unknown) or carrying contact data: a customer
    with that e-mail address is the buyer, else the contact data make a new one (when it
    has any of ``contact``), else the order is a guest's."""

    table: str = "customers"
    key: str = "id"
    email: str = "email"
    contact: tuple[str, ...] = ("email", "first_name", "last_name", "phone")
    field: str = "customer"
    invalid: str = "is invalid"

    def resolve(self, call: Any, given: Any, email: str | None, errors: Errors
                ) -> tuple[Any, dict[str, Any] | None]:
        """The buyer's key (None: a guest or a new customer) and, for a new customer, the
        body to create it from."""
        table = call.tenant.table(self.table)
        if isinstance(given, dict) and given.get(self.key) is not None:
            key = integer(errors, self.field, given[self.key])
            if key not in table:
                errors[self.field] = [self.invalid]
                return None, None
            return key, None
        contact = dict(given) if isinstance(given, dict) else {}
        mail = text(contact.get(self.email) or email).lower()
        if mail:
            existing = table.index(self.email).get(mail)
            if existing is not None:
                return existing, None
            contact[self.email] = mail
        if not any(contact.get(k) for k in self.contact):
            return None, None
        return None, contact


@dataclass(frozen=True)
class Tally:
    """What an order leaves on its buyer's record: ``counts`` go up by one, ``sums`` add
    an order's money field, ``last`` copies order fields (``last_order_id: id``)."""

    counts: tuple[str, ...] = ("orders_count",)
    sums: Mapping[str, str] = field(default_factory=lambda: {"total_spent": "total_price"})
    last: Mapping[str, str] = field(default_factory=dict)

    def add(self, buyer: Record, order: Mapping[str, Any]) -> None:
        for name in self.counts:
            buyer[name] = int(buyer.get(name) or 0) + 1
        for name, money in self.sums.items():
            buyer[name] = from_cents(cents(buyer.get(name)) + cents(order[money]))
        for name, source in self.last.items():
            buyer[name] = order[source]
