"""Entities as data: one :class:`Entity` per platform entity, and the runner that serves its
contract methods (``<entity>.list/count/info/find/add/update/delete``) from it.

A declaration says where the entity lives (``path``, ``id_field``), how it maps to the unified
model (``fields``: :class:`~anycart.platforms.kit.fields.Field`, both directions), which
contract parameters filter a list and what the platform calls them (``filters``), how it
sorts (``sort``), how ``find`` searches (``finds``) and which verbs it serves (``verbs``).
What does not fit is a hook: ``mapped`` adds unified values a field cannot read (images,
options), ``accepts`` names parameters a hook applies, and a connector method written out by
hand replaces the generated one.

The runner reaches the platform through a :class:`Backend` (list/count/get/create/update/
delete of records at a path), so it is the same for every REST platform; the connector picks
or writes the backend (:class:`~anycart.platforms.kit.connector.KitConnector`).

What a declaration applies is what it declares (:meth:`Entity.applied`): any other contract
parameter a call gives is refused with 109 naming it by ``applied.guard``, never ignored.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from anycart.contract.catalogue import load_catalogue
from anycart.errors import ApiError
from anycart.model import Entity as Model
from anycart.platforms.base import Call, Page
from anycart.platforms.overlap import alone, at_most_one, split_all

from . import fields as F

VERBS = ("list", "count", "info", "find", "add", "update", "delete")
FIND = frozenset({"find_value", "find_where", "find_params"})
SORT = frozenset({"sort_by", "sort_direction"})
Query = dict[str, Any]
#: ``Find.by`` value: this ``find_where`` looks the record up by id.
BY_ID = "<id>"


class Backend(Protocol):
    """Records of one entity on the platform. ``get`` answers None for an unknown id."""

    async def page(self, query: Query, start: int, count: int) -> tuple[list[dict[str, Any]], int | None]: ...
    async def count(self, query: Query) -> int: ...
    async def get(self, ident: str) -> dict[str, Any] | None: ...
    async def create(self, body: dict[str, Any]) -> str: ...
    async def update(self, ident: str, body: dict[str, Any]) -> None: ...
    async def delete(self, ident: str) -> None: ...


@dataclass(frozen=True)
class Filter:
    """Contract parameter(s) -> one platform query parameter.

    Several ``params`` are one filter with several names (``category_id``/``categories_ids``):
    their values are taken together. ``many``: the platform takes a comma-separated list;
    else more than one value is 109. ``convert`` turns the value into the platform's (a
    ``ValueError`` is 109 naming the parameter)."""

    params: str | tuple[str, ...]
    to: str
    convert: F.Convert = F.same
    many: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.params,) if isinstance(self.params, str) else self.params

    def apply(self, params: Mapping[str, Any], query: Query, cart: str) -> None:
        names = self.names
        if len(names) == 1 and not self.many:
            value = params.get(names[0])
            if value not in F.EMPTY:
                query[self.to] = F.converted(names[0], value, self.convert)
            return
        values = split_all(params, *names)
        if not values:
            return
        if self.many:
            query[self.to] = ",".join(str(F.converted(names[0], v, self.convert)) for v in values)
        else:
            query[self.to] = F.converted(names[-1], at_most_one(values, names[-1], cart), self.convert)


@dataclass(frozen=True)
class Sort:
    """``sort_by`` values -> the platform's sort keys; ``param`` carries ``"<key> <dir>"``
    (``format`` may say otherwise, e.g. ``"{key}:{direction}"``)."""

    keys: Mapping[str, str]
    param: str
    format: str = "{key} {direction}"
    directions: Mapping[str, str] = field(default_factory=lambda: {"asc": "asc", "desc": "desc"})

    def apply(self, params: Mapping[str, Any], query: Query) -> None:
        by, direction = params.get("sort_by"), params.get("sort_direction")
        if by in (None, "") and direction in (None, ""):
            return
        key = self.keys.get(str(by or "id"))
        if key is None:
            raise ApiError.invalid("sort_by", "one of " + ", ".join(self.keys))
        way = self.directions.get(str(direction or "asc").lower())
        if way is None:
            raise ApiError.invalid("sort_direction", "asc or desc")
        query[self.param] = self.format.format(key=key, direction=way)


@dataclass(frozen=True)
class Find:
    """``<entity>.find``: ``find_where`` values -> the platform filter searched (``by``), the
    default one, and whether ``whole_words`` keeps only records whose unified ``field``
    equals the value (the platform searching by substring)."""

    by: Mapping[str, str]
    default: str
    whole_field: Mapping[str, str] = field(default_factory=dict)
    limit: int = 250


Mapped = Callable[[dict[str, Any], Mapping[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Entity:
    """One platform entity, declared. ``name``: the contract entity (``product``,
    ``order.shipment``); ``label``: its name in 112 messages; ``plural``: as in
    ``products_count``. ``lookup``: parameters naming records fetched one by one (``ids``),
    which no other filter may accompany. ``list_find``: ``find_value``/``find_where`` filter
    lists too. ``consumed``: platform keys a ``mapped`` hook reads (not additional fields)."""

    name: str
    label: str
    path: str
    id_field: str
    model: type[Model]
    fields: tuple[F.Field, ...]
    verbs: tuple[str, ...] = ("list", "count", "info")
    plural: str = ""
    filters: tuple[Filter, ...] = ()
    lookup: tuple[str, ...] = ()
    sort: Sort | None = None
    find: Find | None = None
    list_find: bool = False
    mapped: Mapped | None = None
    consumed: frozenset[str] = frozenset()
    accepts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Result values of add/delete (``{"category_id": ...}``; ``delete_items: True``).
    added_key: str = ""
    deleted: Any = 1

    def __post_init__(self) -> None:
        unknown = set(self.verbs) - set(VERBS)
        if unknown:
            raise TypeError(f"{self.name}: unknown verbs {sorted(unknown)}")
        if not self.plural:
            object.__setattr__(self, "plural", self.name.rsplit(".", 1)[-1] + "s")
        if not self.added_key:
            object.__setattr__(self, "added_key", self.name.rsplit(".", 1)[-1] + "_id")

    def method(self, verb: str) -> str:
        return f"{self.name}.{verb}"

    @property
    def methods(self) -> dict[str, str]:
        """Contract method -> verb, for the verbs served."""
        return {self.method(v): v for v in self.verbs}

    # -- what each method applies -------------------------------------------------------------
    def applied(self, verb: str) -> frozenset[str]:
        """The contract parameters the runner (and this declaration's hooks) apply."""
        names: set[str] = set(self.accepts.get(verb, ()))
        if verb in ("list", "count"):
            names |= {n for f in self.filters for n in f.names} | set(self.lookup)
            names |= {"find_value", "find_where"} if self.list_find else set()
            names |= SORT if self.sort is not None and verb == "list" else set()
        elif verb in ("info", "delete"):
            names.add("id")
        elif verb == "find":
            names |= FIND
        elif verb == "add":
            names |= F.writable(self.fields)
        elif verb == "update":
            names |= F.writable(self.fields) | {"id"}
        return frozenset(names)

    # -- mapping ------------------------------------------------------------------------------
    def to_unified(self, record: dict[str, Any], context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """A platform record as the unified entity (wire dict); unread keys go to
        ``additional_fields``."""
        values = F.read(self.fields, record)
        extra = F.extras(record, F.used_keys(self.fields) | self.consumed)
        if self.mapped is not None:
            more = self.mapped(record, context or {})
            extra.update(more.pop("additional_fields", {}))
            values.update(more)
        return self.model(**values, additional_fields=extra).to_wire()

    def query(self, params: Mapping[str, Any], cart: str) -> Query:
        """The platform query of a list/count call's filters (and sort)."""
        query: Query = {}
        for f in self.filters:
            f.apply(params, query, cart)
        if self.list_find and params.get("find_value") not in F.EMPTY:
            assert self.find is not None, f"{self.name}: list_find needs a Find declaration"
            query[self._find_key(params)] = params["find_value"]
        if self.sort is not None:
            self.sort.apply(params, query)
        return query

    def _find_key(self, params: Mapping[str, Any]) -> str:
        assert self.find is not None
        where = str(params.get("find_where") or self.find.default).lower()
        key = self.find.by.get(where)
        if key is None:
            raise ApiError.invalid("find_where", "one of " + ", ".join(self.find.by))
        return key


# -- the runner ---------------------------------------------------------------------------
def explicit(call: Call) -> dict[str, Any]:
    """The call's parameters without body values equal to the contract's defaults.

    The gateway fills body defaults in (``product.update`` gets ``avail=true``...); sent to
    the platform they would overwrite what the caller never asked to change."""
    op = load_catalogue().get(call.method)
    props = (op.body or {}).get("properties", {}) if op is not None else {}
    return {k: v for k, v in call.params.items()
            if not (k in props and "default" in props[k] and props[k]["default"] == v)}


Context = Callable[[list[dict[str, Any]]], Awaitable[Mapping[str, Any]]]


class Runner:
    """The generated methods of one entity on one backend. ``context``: loads what mapping a
    page needs beside its records (order status names), or None."""

    def __init__(self, entity: Entity, backend: Backend, *, cart: str,
                 context: Context | None = None, same_as_default: Mapping[str, set[str]] | None = None) -> None:
        self.entity, self.backend, self.cart = entity, backend, cart
        self.context = context
        self.same = same_as_default or {}

    async def unified(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ctx = await self.context(records) if self.context is not None and records else {}
        return [self.entity.to_unified(r, ctx) for r in records]

    async def records(self, call: Call, start: int, count: int | None) -> tuple[list[dict[str, Any]], int | None]:
        """Records ``start .. start+count`` of a list call and the total; ``count=None``:
        only the total."""
        e = self.entity
        ids = split_all(call.params, *e.lookup) if e.lookup else []
        if ids:
            alone(call.method, call.params, e.lookup, self.cart, (), self.same)
            found = [r for r in await asyncio.gather(*(self._get(i) for i in ids)) if r]
            return ([] if count is None else found[start:start + count]), len(found)
        query = e.query(call.params, self.cart)
        if count is None:
            return [], await self.backend.count(query)
        return await self.backend.page(query, start, count)

    async def _get(self, ident: str) -> dict[str, Any] | None:
        return await self.backend.get(ident) if str(ident).strip() else None

    async def list(self, call: Call) -> Page:
        items, total = await self.records(call, call.start, call.count)
        return Page(await self.unified(items), total)

    async def count(self, call: Call) -> dict[str, Any]:
        _, total = await self.records(call, 0, None)
        return {f"{self.entity.plural}_count": total}

    async def one(self, ident: Any) -> dict[str, Any]:
        """The record of ``ident``, or 112 naming it."""
        record = await self._get(str(ident))
        if record is None:
            raise ApiError.not_found(self.entity.label, ident)
        return record

    async def info(self, call: Call) -> dict[str, Any]:
        return (await self.unified([await self.one(call.require("id"))]))[0]

    async def find(self, call: Call) -> dict[str, Any]:
        e, find = self.entity, self.entity.find
        assert find is not None, f"{e.name}.find needs a Find declaration"
        value = str(call.require("find_value"))
        where = str(call.params.get("find_where") or find.default).lower()
        whole = str(call.params.get("find_params") or "whole_words").lower() == "whole_words"
        key = e._find_key(call.params)
        if key == BY_ID:
            found = [r for r in [await self._get(value)] if r]
        else:
            found, _ = await self.backend.page({key: value}, 0, find.limit)
        items = await self.unified(found)
        unified = find.whole_field.get(where)
        if whole and unified is not None:
            items = [i for i in items if str(i.get(unified) or "").casefold() == value.casefold()]
        if not items:
            raise ApiError.nothing_found()
        return {f"{e.plural}_count": len(items), e.name.rsplit(".", 1)[-1]: items}

    def body(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return F.body(self.entity.fields, params)

    async def add(self, call: Call) -> dict[str, Any]:
        return {self.entity.added_key: await self.backend.create(self.body(call.params))}

    async def update(self, call: Call) -> dict[str, Any]:
        ident = str(call.require("id"))
        changes = self.body(explicit(call))
        if not changes:
            raise ApiError.nothing_to_update()
        await self.backend.update(ident, changes)
        return {"updated_items": 1}

    async def delete(self, call: Call) -> dict[str, Any]:
        await self.backend.delete(str(call.require("id")))
        return {"delete_items": self.entity.deleted}


def served(entities: Iterable[Entity]) -> dict[str, tuple[Entity, str]]:
    """Contract method -> (its entity, verb) over declarations (each method declared once)."""
    out: dict[str, tuple[Entity, str]] = {}
    for e in entities:
        for method, verb in e.methods.items():
            if method in out:
                raise TypeError(f"{method} is declared by two entities")
            out[method] = (e, verb)
    return out
