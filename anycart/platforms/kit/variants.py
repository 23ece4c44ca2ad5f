"""Variants (child items) as data: rows inside their product, one per combination of option
values, named by a code unique in the product.

:class:`Variants` declares where a product holds them and maps one to the contract's
``Child`` (a field map both ways, a hook for values a field cannot say); a child id is
``"<product id>-<code>"``. :class:`ChildItems` serves ``product.child_item.list/info/find``
and ``product.variant.update`` from it through a :class:`VariantStore`. A variant SKU may be
the product SKU followed by a suffix (``suffix``): a variant is then found by SKU through
the products whose SKU is a prefix of it (:func:`sku_prefixes`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from anycart.errors import ApiError
from anycart.model import Child, ChildCombination
from anycart.platforms.applied import explicit
from anycart.platforms.base import Call, Page
from anycart.platforms.overlap import split_all

from . import fields as F
from .entities import Filter, Query
from .local import inside, keep, paged, scan_page
from .options import OptionSets

Record = dict[str, Any]
_FIND = frozenset({"find_value", "find_where"})
_DATES = frozenset({"created_from", "created_to", "modified_from", "modified_to"})


def sku_prefixes(sku: str, most: int = 8) -> list[str]:
    """``sku`` and its prefixes ending before a separator (not a letter or digit), longest
    first, at most ``most``: the product SKUs a variant SKU can extend."""
    cuts = [i for i in range(1, len(sku)) if not sku[i].isalnum()]
    return list(dict.fromkeys([sku, *(sku[:i] for i in reversed(cuts))]))[:most]


def _codes(code: Any) -> list[str]:
    return [part.strip() for part in str(code or "").split(",") if part.strip()]


@dataclass(frozen=True)
class Variants:
    """``items``: the product path of its variants; ``code``: the variant key naming it in
    its product; ``product_id``/``product_sku``: the product's paths. ``fields``: ``Child``
    values read from a variant, whose parameters write product.variant.update's body (the
    one writing ``quantity`` is the stock); ``consumed``: more variant keys read (by
    ``mapped``) and so not additional fields; ``mapped(product, variant)``: values a field
    cannot say. ``suffix``: the variant key holding its SKU after the product's (None: no
    SKU of its own). ``combination``: the option value ids a code is made of.
    ``inherited``: ``Child`` values read from the product, where the variant's own field is
    unset (its dates, its name). ``price``: the variant key of its own price; when that is
    unset or 0 its price is the product's (``product_price``) plus the price differences of
    the option values it combines (``options.value_price``). ``managed``: the platform
    keeps every variant's stock (``manage_stock``); ``in_stock`` follows the stock field."""

    items: str
    code: str
    product_id: str
    product_sku: str
    fields: tuple[F.Field, ...] = ()
    consumed: frozenset[str] = frozenset()
    mapped: Callable[[Record, Record], dict[str, Any]] | None = None
    suffix: str | None = None
    combination: Callable[[Any], list[str]] = _codes
    options: OptionSets | None = None
    separator: str = "-"
    inherited: tuple[F.Field, ...] = ()
    price: str | None = None
    product_price: str | None = None
    managed: bool = False

    def of(self, product: Record) -> list[Record]:
        return list(F.get(product, self.items) or [])

    def child_id(self, product_id: Any, code: Any) -> str:
        return f"{product_id}{self.separator}{code}"

    def parse_id(self, value: Any, product_id: Any = None, name: str = "id") -> tuple[str, str]:
        """(product id, code) of a child id; with ``product_id`` given, a bare code too."""
        text = str(value).strip()
        if product_id not in (None, ""):
            pid = str(product_id).strip()
            code = text[len(pid) + 1:] if text.startswith(pid + self.separator) else text
        else:
            pid, _, code = text.partition(self.separator)
            if not pid.isdecimal():
                raise ApiError.invalid(name, f'string "<product id>{self.separator}<code>"')
        if not code:
            raise ApiError.invalid(name)
        return pid, code

    def combined(self, product: Record) -> set[str]:
        """The option value ids ``product``'s variants are made of."""
        return {i for v in self.of(product) for i in self.combination(v.get(self.code))}

    def sku(self, product: Record, variant: Record) -> str | None:
        if self.suffix is None:
            return None
        return str(F.get(product, self.product_sku) or "") + str(variant.get(self.suffix) or "") or None

    def to_unified(self, product: Record, variant: Record) -> dict[str, Any]:
        """One variant of ``product`` as a contract ``Child``."""
        pid = F.get(product, self.product_id)
        code = variant.get(self.code)
        sets = {}
        if self.options is not None:
            o = self.options
            sets = {str(v.get(o.value_id)): s.get(o.set_id) for s in o.of(product)
                    for v in o.values_of(s)}
        values: dict[str, Any] = {
            "id": self.child_id(pid, code), "parent_id": F.text(pid), "sku": self.sku(product, variant),
            "combination": [ChildCombination(option_id=F.text(sets.get(i)), option_value_id=i)
                            for i in self.combination(code)],
            **F.read(self.inherited, product),
            **{k: v for k, v in F.read(self.fields, variant).items() if v is not None}}
        values.update(self._stock(product, variant))
        if self.mapped is not None:
            values.update(self.mapped(product, variant))
        extra = F.extras(variant, F.used_keys(self.fields) | self.consumed)
        return Child(**values, additional_fields=extra).to_wire()

    def _stock(self, product: Record, variant: Record) -> dict[str, Any]:
        """Its price (own, or the product's and its option values'), stock flags."""
        out: dict[str, Any] = {"manage_stock": True} if self.managed else {}
        stock = next((f for f in self.fields if "quantity" in f.params), None)
        if stock is not None and (level := F.number(F.get(variant, stock.path))) is not None:
            out["in_stock"] = level > 0
        if self.price is None:
            return out
        price = F.number(variant.get(self.price))
        if not price and self.options is not None and self.product_price is not None:
            o, code = self.options, self.combination(variant.get(self.code))
            differences = {str(v.get(o.value_id)): F.number(v.get(o.value_price)) or 0.0
                           for s in o.of(product) for v in o.values_of(s)}
            price = (F.number(F.get(product, self.product_price)) or 0.0) + sum(
                differences.get(i, 0.0) for i in code)
        out["default_price"] = round(price or 0.0, 2)
        return out

    def children(self, product: Record) -> list[dict[str, Any]]:
        return [self.to_unified(product, v) for v in self.of(product)]

    def body(self, params: Mapping[str, Any], parent: Record | None) -> Record:
        """product.variant.update's parameters as the variant's body (only what was given);
        ``sku`` must start with the product's SKU: the rest is the suffix."""
        out = F.body(self.fields, params)
        if params.get("sku") is not None and self.suffix is not None:
            prefix = str(F.get(parent or {}, self.product_sku) or "")
            if not str(params["sku"]).startswith(prefix):
                raise ApiError(ApiError.invalid("sku").code,
                               "Parameter 'sku' is not valid: a variant SKU is the product SKU "
                               f"'{prefix}' followed by a suffix.")
            out[self.suffix] = str(params["sku"])[len(prefix):]
        return out

    def applied(self) -> dict[str, frozenset[str]]:
        """The contract parameters :class:`ChildItems`' methods apply."""
        sku = {"sku"} if self.suffix is not None else set()
        return {"product.child_item.list": frozenset({"product_id", "product_ids", "sku",
                                                      "avail_sale", *_FIND, *_DATES}),
                "product.child_item.info": frozenset({"product_id", "id"}),
                "product.child_item.find": frozenset({*_FIND, "find_params"}),
                "product.variant.update": frozenset({"id", "product_id", "increase_quantity",
                                                     "reduce_quantity", *sku,
                                                     *F.writable(self.fields)})}


class VariantStore(Protocol):
    """The requests :class:`ChildItems` makes. ``product``: 112 for an unknown one; ``get``:
    None for one; ``products``: those matching a product query, ``page_size`` a page;
    ``by_sku``: products of exactly that SKU; ``put``: one variant's changes."""

    @property
    def page_size(self) -> int: ...

    async def product(self, product_id: str) -> Record: ...
    async def get(self, product_id: str) -> Record | None: ...
    def products(self, query: Query) -> AsyncIterator[list[Record]]: ...
    async def by_sku(self, sku: str) -> list[Record]: ...
    async def put(self, product_id: str, code: str, body: Record) -> None: ...


Gather = Callable[[Iterable[Awaitable[Any]]], Awaitable[list[Any]]]


@dataclass
class ChildItems:
    """The child item methods of one store. ``filters``: the product filters a list across
    products sends (the others are applied here, to the children); ``parse``: reads the
    children's dates for ``created_from``...; ``gather``: runs requests side by side."""

    variants: Variants
    store: VariantStore
    cart: str
    gather: Gather
    filters: tuple[Filter, ...] = ()
    parse: Callable[[Any], datetime | None] = field(default=lambda v: None)

    def _products_of_sku(self, sku: str) -> Awaitable[list[Record]]:
        async def run() -> list[Record]:
            lists = await self.gather(self.store.by_sku(c) for c in sku_prefixes(sku))
            seen: dict[str, Record] = {}
            for p in (p for lst in lists for p in lst):
                seen.setdefault(str(F.get(p, self.variants.product_id)), p)
            return [seen[k] for k in sorted(seen, key=lambda k: int(k) if k.isdecimal() else 0)]
        return run()

    async def list(self, call: Call) -> Page:
        """The children of the products given, of the products a variant ``sku`` can belong
        to, or else of every product (read page by page: the total is exact once the scan
        reached the last product). ``find_value`` matches part of ``name`` or ``sku``."""
        p, v = call.params, self.variants
        kept = keep(p, find=("name", "sku"), flags={"avail_sale": "avail_for_sale"},
                    dates={"created": "created_time", "modified": "modified_time"},
                    parse=self.parse)
        ids = split_all(p, "product_ids", "product_id")
        if ids or p.get("sku"):
            products = ([r for r in await self.gather(self.store.get(i) for i in ids) if r]
                        if ids else await self._products_of_sku(str(p["sku"])))
            found = [c for prod in products for c in v.children(prod) if kept(c)]
            return paged(found, call)
        query: Query = {}
        for f in self.filters:
            f.apply(p, query, self.cart)
        return await scan_page(self.store.products(query), self.store.page_size,
                               lambda prod: [c for c in v.children(prod) if kept(c)], call)

    async def info(self, call: Call) -> dict[str, Any]:
        v = self.variants
        pid, code = v.parse_id(call.require("id"), call.require("product_id"))
        product = await self.store.product(pid)
        return v.to_unified(product, inside(product, v.items, v.code, code,
                                            "Child item", call.params["id"]))

    async def find(self, call: Call) -> dict[str, Any]:
        """``find_where``: ``sku`` (default) or ``id``; ``find_params=whole_words`` (default)
        matches the whole SKU, anything else a SKU containing the value."""
        v, value = self.variants, str(call.require("find_value"))
        where = (call.params.get("find_where") or "sku").lower()
        if where == "id":
            pid, code = v.parse_id(value, name="find_value")
            product = await self.store.get(pid)
            found = [c for c in v.children(product or {}) if c["id"] == v.child_id(pid, code)]
        elif where in ("sku", "u_sku"):
            whole = (call.params.get("find_params") or "whole_words").lower() == "whole_words"
            low = value.lower()
            found = [c for prod in await self._products_of_sku(value) for c in v.children(prod)
                     if (str(c.get("sku") or "").lower() == low if whole
                         else low in str(c.get("sku") or "").lower())]
        else:
            raise ApiError.invalid("find_where")
        if not found:
            raise ApiError.nothing_found()
        return {"children": found}

    async def update(self, call: Call) -> dict[str, Any]:
        """product.variant.update: the declared fields, ``sku`` (product SKU + a new
        suffix), or a stock change (``increase_``/``reduce_quantity``) on the stored stock."""
        v, p = self.variants, explicit(call)
        vid = call.require("id")
        pid, code = v.parse_id(vid, p.get("product_id"))
        delta = F.stock_change(p)
        parent = await self.store.product(pid) if p.get("sku") is not None or delta else None
        body = v.body(p, parent)
        if parent is not None:
            current = inside(parent, v.items, v.code, code, "Variant", vid)
        if parent is not None and delta:
            stock = next(f for f in v.fields if "quantity" in f.params)
            now = F.number(body.get(stock.path, current.get(stock.path))) or 0.0
            name = "increase_quantity" if p.get("increase_quantity") else "reduce_quantity"
            body[stock.path] = F.converted(name, now + delta, stock.write)
        if not body:
            raise ApiError.nothing_to_update()
        await self.store.put(pid, code, body)
        return {"updated_items": 1}


#: Contract method -> the coroutine serving it (``serve.PerStore``).
VERBS: dict[str, str] = {
    "product.child_item.list": "list",
    "product.child_item.info": "info",
    "product.child_item.find": "find",
    "product.variant.update": "update",
}
