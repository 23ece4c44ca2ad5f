"""Product options as data: a product's option sets, each holding its values.

:class:`OptionSets` declares where a platform keeps them inside a product and what it calls
their parts; :class:`Options` serves ``product.option.list/add/assign`` and
``product.option.value.add/update`` from it through an :class:`OptionStore` (the few
requests that read a product and write a set). Platforms that only take whole sets
(Shift4Shop's PUT of an option set, WooCommerce's product ``attributes``) get a value added
or changed by rewriting its set's values: the store's ``put_values`` receives the whole list.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Protocol

from anycart.errors import ApiError, ReturnCode
from anycart.model import ProductOption, ProductOptionValue
from anycart.platforms.base import Call, Page, platform_error
from anycart.platforms.overlap import one_of, split_all

from . import fields as F
from .local import inside, paged, scan, scan_page

Record = dict[str, Any]

#: The contract parameters each served method applies (with :attr:`OptionSets.stock` False,
#: value.update's ``quantity`` is refused with a pointer to the variants).
APPLIED: dict[str, frozenset[str]] = {m: frozenset(names) for m, names in {
    "product.option.list": {"product_id"},
    "product.option.add": {"name", "type", "product_id", "values", "option_values",
                           "default_option_value", "description", "sort_order", "required"},
    "product.option.assign": {"product_id", "option_id", "option_values", "required",
                              "sort_order"},
    "product.option.value.add": {"product_id", "option_id", "option_value", "display_value",
                                 "is_default", "sort_order"},
    "product.option.value.update": {"product_id", "option_id", "option_value_id",
                                    "option_value", "display_value", "price", "quantity"},
}.items()}
#: Keys applied inside product.option.add's ``values`` (``applied.refuse_nested``).
NESTED = {"product.option.add": {"values": {"value": None, "is_default": None}}}


@dataclass(frozen=True)
class OptionSets:
    """Where a product holds its option sets (``sets``, a dotted path) and their values
    (``values`` in a set), and the keys of each part. ``types``: contract option type
    (``option_type_select``) -> the platform's; ``option``/``value``: more unified fields
    read from a set/value (and, for a set, written from option.add's parameters);
    ``hidden``: a value key hiding it (a set is ``available`` while one value shows);
    ``ids``: whether a text can be a set id at all (else 112 without reading)."""

    sets: str
    set_id: str
    set_name: str
    set_type: str
    set_sort: str
    set_required: str
    values: str
    value_id: str
    value_name: str
    value_sort: str
    value_default: str
    value_price: str
    types: Mapping[str, str]
    product_id: str
    option: tuple[F.Field, ...] = ()
    value: tuple[F.Field, ...] = ()
    hidden: str | None = None
    #: Whether a value has its own stock (else value.update's ``quantity`` is 109).
    stock: bool = False
    type_price: str | None = "fixed"
    ids: Callable[[str], bool] = str.isdecimal

    def of(self, product: Record) -> list[Record]:
        return list(F.get(product, self.sets) or [])

    def set_in(self, product: Record, option_id: Any) -> Record:
        """The set ``option_id`` of ``product``, or 112 naming it."""
        return inside(product, self.sets, self.set_id, option_id, "Option")

    def values_of(self, option_set: Record) -> list[Record]:
        return list(option_set.get(self.values) or [])

    # -- reading ------------------------------------------------------------------------------
    def type_name(self, raw: Any) -> str | None:
        """A platform type as the contract's short name (``Dropdown`` -> ``select``)."""
        names = {v.lower(): k.removeprefix("option_type_") for k, v in self.types.items()}
        return names.get(str(raw).lower(), str(raw).lower()) if raw else None

    def to_unified(self, option_set: Record, product: Record,
                   combined: AbstractSet[str] = frozenset()) -> dict[str, Any]:
        """One set of ``product`` as a contract ``Product_Option``; ``combined``: the value
        ids its variants are made of."""
        return self._option(option_set, F.get(product, self.product_id), combined).to_wire()

    def of_product(self, product: Record, combined: AbstractSet[str] = frozenset()) -> list[dict[str, Any]]:
        """Every set of ``product`` as a contract ``Product_Option``."""
        return [self.to_unified(o, product, combined) for o in self.of(product)]

    def _option(self, o: Record, product_id: Any, combined: AbstractSet[str]) -> ProductOption:
        values = self.values_of(o)
        set_keys = {self.set_id, self.set_name, self.set_sort, self.set_type, self.set_required,
                    self.values} | F.used_keys(self.option)
        value_keys = {self.value_id, self.value_name, self.value_sort, self.value_price,
                      self.value_default} | F.used_keys(self.value)
        items = [ProductOptionValue(
            id=F.text(v.get(self.value_id)), product_option_item_id=F.text(v.get(self.value_id)),
            name=F.text(v.get(self.value_name)), sort_order=F.integer(v.get(self.value_sort)),
            price=F.number(v.get(self.value_price)), type_price=self.type_price,
            is_default=v.get(self.value_default), **F.read(self.value, v),
            additional_fields=F.extras(v, value_keys)) for v in values]
        return ProductOption(
            id=F.text(o.get(self.set_id)), product_option_id=F.text(o.get(self.set_id)),
            name=F.text(o.get(self.set_name)), sort_order=F.integer(o.get(self.set_sort)),
            type=self.type_name(o.get(self.set_type)), required=o.get(self.set_required),
            available=not values or self.hidden is None or any(
                not v.get(self.hidden) for v in values),
            used_in_combination=any(str(v.get(self.value_id)) in combined for v in values),
            option_items=items, **F.read(self.option, o),
            additional_fields={"product_id": F.text(product_id), **F.extras(o, set_keys)})

    # -- writing ------------------------------------------------------------------------------
    def new_set(self, params: Mapping[str, Any]) -> Record:
        """product.option.add's parameters as a new set with its values in order (``values``,
        then the comma-separated ``option_values``, then ``default_option_value``)."""
        g = params.get
        kind = self.types.get(str(g("type")))
        if kind is None:
            raise ApiError.invalid("type", "string. Supported: " + ", ".join(self.types))
        given = [v for v in g("values") or [] if isinstance(v, dict)]
        names = [str(v.get("value")) for v in given]
        names += [v.strip() for v in str(g("option_values") or "").split(",") if v.strip()]
        defaults = {str(v.get("value")) for v in given if v.get("is_default")}
        if g("default_option_value") is not None:
            defaults.add(str(g("default_option_value")))
            if str(g("default_option_value")) not in names:
                names.append(str(g("default_option_value")))
        if len({n.lower() for n in names}) != len(names):
            raise ApiError.invalid("values", "array of distinct values")
        return {self.set_name: g("name"), self.set_type: kind,
                self.set_required: bool(g("required")), self.set_sort: g("sort_order") or 0,
                **F.body(self.option, params),
                self.values: [{self.value_name: n, self.value_sort: i + 1,
                               self.value_default: n in defaults} for i, n in enumerate(names)]}

    def copy(self, source: Record, params: Mapping[str, Any]) -> Record:
        """product.option.assign: ``source`` as a new set (no ids) with the values
        ``option_values`` names (ids or names; all when absent, 112 for one not there)."""
        values = self.values_of(source)
        wanted = split_all(params, "option_values")
        if wanted:
            chosen = []
            for w in wanted:
                match = next((v for v in values if w in (str(v.get(self.value_id)),
                                                         str(v.get(self.value_name)))), None)
                if match is None:
                    raise ApiError.not_found("Option value", w)
                chosen.append(match)
            values = chosen
        body = {k: v for k, v in source.items() if k not in (self.set_id, self.values)}
        body.update({self.set_required: bool(params.get("required")),
                     self.set_sort: params.get("sort_order") or source.get(self.set_sort) or 0,
                     self.values: [{k: v for k, v in value.items() if k != self.value_id}
                                   for value in values]})
        return body

    def _taken(self, values: list[Record], name: str, option_id: Any, but: str = "") -> None:
        if any(str(v.get(self.value_name) or "").lower() == name.lower()
               and str(v.get(self.value_id)) != but for v in values):
            raise ApiError(ReturnCode.ALREADY_EXISTS,
                           f"Option value '{name}' already exists in option {option_id}")

    def with_value(self, option_set: Record, name: str, params: Mapping[str, Any]) -> list[Record]:
        """The set's values with ``name`` appended (last, unless ``sort_order``; the only
        default when ``is_default``); 113 when a value has that name (case aside)."""
        values = self.values_of(option_set)
        self._taken(values, name, option_set.get(self.set_id))
        default = bool(params.get("is_default"))
        position = params.get("sort_order") or 1 + max(
            [int(F.number(v.get(self.value_sort)) or 0) for v in values] or [0])
        out = [{**v, self.value_default: False} if default else v for v in values]
        return [*out, {self.value_name: name, self.value_sort: position,
                       self.value_default: default}]

    def with_changes(self, option_set: Record, value_id: str,
                     params: Mapping[str, Any]) -> list[Record]:
        """The set's values with ``value_id`` renamed (``option_value``/``display_value``)
        or repriced (``price``); 112 for an unknown value, 113 for a name taken, 110 for
        nothing to change."""
        values = self.values_of(option_set)
        target = inside(option_set, self.values, self.value_id, value_id, "Option value")
        changes: Record = {}
        if name := one_of(params, "option_value", "display_value"):
            self._taken(values, name, option_set.get(self.set_id), but=value_id)
            changes[self.value_name] = name
        if params.get("price") is not None:
            changes[self.value_price] = params["price"]
        if not changes:
            raise ApiError.nothing_to_update()
        return [{**v, **changes} if v is target else v for v in values]


class OptionStore(Protocol):
    """The requests :class:`Options` makes. ``product``: 112 for an unknown one;
    ``products``: every product, ``page_size`` a page; ``add_set``: the new set's id;
    ``put_values``: the set rewritten with these values; ``read_set``: a set as stored."""

    @property
    def page_size(self) -> int: ...

    async def product(self, product_id: str) -> Record: ...
    def products(self, query: Record) -> AsyncIterator[list[Record]]: ...
    async def add_set(self, product_id: str, body: Record) -> str: ...
    async def put_values(self, product_id: str, option_id: str, values: list[Record]) -> None: ...
    async def read_set(self, product_id: str, option_id: str) -> Record | None: ...


@dataclass
class Options:
    """The option methods of one store. ``combined``: a product's value ids its variants
    are made of (``kit.variants.Variants.combined``)."""

    sets: OptionSets
    store: OptionStore
    cart: str
    combined: Callable[[Record], set[str]] = field(default=lambda product: set())

    def _read(self, product: Record) -> list[dict[str, Any]]:
        return self.sets.of_product(product, self.combined(product))

    async def list(self, call: Call) -> Page:
        """The sets of ``product_id``, or of every product (read page by page)."""
        if pid := call.params.get("product_id"):
            options = self._read(await self.store.product(str(pid)))
            return paged(options, call)
        return await scan_page(self.store.products({}), self.store.page_size, self._read, call)

    async def add(self, call: Call) -> dict[str, Any]:
        call.require("name")
        call.require("type")
        body = self.sets.new_set(call.params)
        pid = str(call.require("product_id"))
        set_id = await self.store.add_set(pid, body)
        created = await self.store.read_set(pid, set_id) or {}
        values = [str(v.get(self.sets.value_id)) for v in self.sets.values_of(created)]
        return {"option_id": set_id, "product_option_id": set_id,
                "product_value_ids": ",".join(values)}

    async def assign(self, call: Call) -> dict[str, Any]:
        """Copies set ``option_id`` (of whichever product holds it) onto ``product_id``."""
        pid, oid = str(call.require("product_id")), str(call.require("option_id")).strip()
        s = self.sets
        if any(str(o.get(s.set_id)) == oid for o in s.of(await self.store.product(pid))):
            raise ApiError(ReturnCode.ALREADY_EXISTS,
                           f"Option with id {oid} is already assigned to product {pid}")
        if not s.ids(oid):
            raise ApiError.not_found("Option", oid)
        found, _ = await scan(self.store.products({}), self.store.page_size,
                              lambda p: [o for o in s.of(p) if str(o.get(s.set_id)) == oid], 1)
        if not found:
            raise ApiError.not_found("Option", oid)
        return {"product_option_id": await self.store.add_set(pid, s.copy(found[0], call.params))}

    async def value_add(self, call: Call) -> dict[str, Any]:
        pid, oid = str(call.require("product_id")), str(call.require("option_id"))
        name = one_of(call.params, "option_value", "display_value")
        if not name:
            raise ApiError.required("option_value")
        s = self.sets
        values = s.with_value(s.set_in(await self.store.product(pid), oid), name, call.params)
        await self.store.put_values(pid, oid, values)
        stored = s.values_of(await self.store.read_set(pid, oid) or {})
        new_ids = [str(v.get(s.value_id)) for v in stored if str(v.get(s.value_name)) == name]
        if not new_ids:
            raise platform_error(self.cart, "the new option value was not saved.")
        return {"option_value_id": new_ids[-1]}

    async def value_update(self, call: Call) -> dict[str, Any]:
        pid, oid = str(call.require("product_id")), str(call.require("option_id"))
        vid = str(call.require("option_value_id"))
        if call.params.get("quantity") is not None and not self.sets.stock:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter 'quantity' is not valid: {self.cart} keeps stock per "
                           "variant; use product.variant.update.")
        s = self.sets
        values = s.with_changes(s.set_in(await self.store.product(pid), oid), vid, call.params)
        await self.store.put_values(pid, oid, values)
        return {"updated_items": 1}


#: Contract method -> the coroutine serving it (``serve.PerStore``).
VERBS: dict[str, str] = {
    "product.option.list": "list",
    "product.option.add": "add",
    "product.option.assign": "assign",
    "product.option.value.add": "value_add",
    "product.option.value.update": "value_update",
}
