"""Addresses kept as keys of a record under a prefix (``BillingCity``, ``ShipmentCity``;
``billing.city`` for a nested object; none for an address record of its own, Shopify's): one
:class:`AddressMap` reads them as the unified ``Address`` and writes them from contract
parameters under any prefix. :class:`AddressBook` declares a customer's fixed addresses
(billing, shipping) kept as such keys, and :class:`BookAdd` serves ``customer.address.add``
over it (Shift4Shop, WooCommerce).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from anycart.model import Address, State
from anycart.platforms import countries
from anycart.platforms.base import Call

from . import fields as F
from .serve import Methods

#: How the contract's order parameters name an address's street lines (``bill_address_1``,
#: ``shipp_address_2``): ``AddressMap.fields(..., names=ORDER_PARAMS)``.
ORDER_PARAMS = {"address1": "address_1", "address2": "address_2"}
#: The unified address fields that, any one given, make a record hold an address.
_PRESENT = ("first_name", "last_name", "address1", "city", "postcode", "country")


@dataclass(frozen=True)
class AddressMap:
    """``keys``: unified ``Address`` field -> the platform key after the prefix (``state``
    and ``country`` its code, or name). ``names``: ``state``/``country`` -> the key of its
    name beside the code. ``default``: what each address read says of itself (one per
    kind: the default), unless ``default_key`` reads it (a boolean either way, as the
    contract types it); ``id_key``: the address's own id (else the id it is read with,
    else its kind)."""

    keys: Mapping[str, str]
    default: bool = True
    names: Mapping[str, str] = field(default_factory=dict)
    id_key: str | None = None
    default_key: str | None = None

    def paths(self, prefix: str) -> frozenset[str]:
        return frozenset(prefix + k for k in self.keys.values())

    def read(self, record: Mapping[str, Any], prefix: str, kind: str,
             ident: str | None = None) -> Address | None:
        """The address under ``prefix`` (``type`` ``kind``), or None when it has none of
        a name, a street, a city, a postcode, a country."""
        v: dict[str, Any] = {f: F.text(F.get(record, prefix + k)) for f, k in self.keys.items()}
        if not any(v.get(f) for f in _PRESENT):
            return None
        state, country = v.pop("state", None), v.pop("country", None)
        named = {f: F.text(F.get(record, prefix + k)) for f, k in self.names.items()}
        state_name = named.get("state", state)
        own = F.text(F.get(record, prefix + self.id_key)) if self.id_key else None
        default = bool(F.get(record, prefix + self.default_key)) if self.default_key else self.default
        return Address(id=ident or own or kind, type=kind,
                       country=countries.country(country, named.get("country")),
                       state=State(code=state, name=state_name) if state or state_name else None,
                       default=default, **v)

    def fields(self, prefix: str, param_prefix: str = "",
               names: Mapping[str, str] | None = None, skip: tuple[str, ...] = ()) -> tuple[F.Field, ...]:
        """Write-only fields: contract parameter ``param_prefix`` + its name (``names``
        renames: ``{"address1": "address_1"}``) -> the key under ``prefix``."""
        rename = names or {}
        return tuple(F.Field(None, prefix + k, param=param_prefix + rename.get(f, f))
                     for f, k in self.keys.items() if f not in skip)

    def body(self, params: Mapping[str, Any], prefix: str, param_prefix: str = "",
             names: Mapping[str, str] | None = None) -> dict[str, Any]:
        return F.body(self.fields(prefix, param_prefix, names), params)


@dataclass(frozen=True)
class AddressBook:
    """A customer's fixed addresses, one per kind (``kinds``: kind -> prefix, the first the
    default: ``{"billing": "Billing", "shipping": "Shipping"}``), read as its address book and
    written by kind (``both``: every kind)."""

    address: AddressMap
    kinds: Mapping[str, str]

    def paths(self) -> frozenset[str]:
        return frozenset().union(*(self.address.paths(p) for p in self.kinds.values()))

    def read(self, record: Mapping[str, Any]) -> list[Address]:
        found = (self.address.read(record, prefix, kind) for kind, prefix in self.kinds.items())
        return [a for a in found if a is not None]

    def _kinds(self, given: Any) -> list[str]:
        text = str(given or "").lower()
        if text == "both":
            return list(self.kinds)
        return [k for k in self.kinds if text.startswith(k[:4])] or list(self.kinds)[:1]

    def entry_keys(self) -> dict[str, None]:
        """The keys of an ``address`` entry (``applied.refuse_nested``: any other is 109)."""
        return {f"address_book_{k}": None for k in ("type", *self.address.keys)}

    def entries(self, entries: list[Mapping[str, Any]]) -> dict[str, Any]:
        """customer.add/update's ``address`` entries (``address_book_type``, its keys after
        ``address_book_``) as the customer's keys."""
        body: dict[str, Any] = {}
        for entry in entries:
            for kind in self._kinds(entry.get("address_book_type")):
                F.merge(body, self.address.body(entry, self.kinds[kind], "address_book_"))
        return body

    def typed(self, params: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
        """customer.address.add's address as the keys of each kind ``types`` names (the
        default kind when none), and the first of those kinds (the address's id)."""
        kinds = list(dict.fromkeys(k for t in params.get("types") or [None] for k in self._kinds(t)))
        body: dict[str, Any] = {}
        for kind in kinds:
            F.merge(body, self.address.body(params, self.kinds[kind]))
        return body, kinds[0]


@dataclass(frozen=True)
class BookAdd:
    """``customer.address.add`` where a customer's addresses are keys of the customer (an
    :class:`AddressBook`): the address is written over the kinds ``types`` names by an
    update of the customer (the connector's backend of ``entity``), and its id is the first
    of those kinds. For :func:`~.serve.attach`."""

    book: AddressBook
    entity: str = "customer"
    method: str = "customer.address.add"

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        cid = call.require("customer_id")
        body, kind = self.book.typed(call.params)
        await connector.backend(connector.entity(self.entity)).update(str(cid), body)
        return {"id": kind}

    def methods(self) -> Methods:
        return {self.method: (self.run, frozenset({"customer_id", "types",
                                                   *self.book.address.keys}))}
