"""Entities as data: one :class:`Entity` per platform entity, and the runner that serves its
contract methods (``<entity>.list/count/info/find/add/update/delete``) from it.

A declaration says where the entity lives (``path``, ``id_field``), how it maps to the unified
model (``fields``: :class:`~anycart.platforms.kit.fields.Field`, both directions), which
contract parameters filter a list and what the platform calls them (``filters``), how it
sorts (``sort``), how ``find`` searches (``find``, ``list_find``), which values are unique
(``unique``), where its stock is (``stock``: update then takes stock changes) and which
verbs it serves (``verbs``). Filters may be one query per value
(``each``) or applied here to what was read (``local``). What does not fit is a hook:
``mapped``/``mapper`` for reads a field cannot say (images, options), ``written`` for writes,
``accepts`` names the parameters hooks apply, the connector's ``context``/``prepare`` load
what mapping needs and rewrite parameters, its ``complete`` finishes a write body with
what needs the platform (a maker's name as its id), and a connector method written out by hand
replaces the generated one.

The runner reaches the platform through a :class:`Backend` (list/count/get/create/update/
delete of records at a path), so it is the same for every REST platform; the connector picks
or writes the backend (:class:`~anycart.platforms.kit.connector.KitConnector`).

What a declaration applies is what it declares (:meth:`Entity.applied`): any other contract
parameter a call gives is refused with 109 naming it by ``applied.guard``, never ignored.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from anycart.contract.catalogue import load_catalogue
from anycart.errors import ApiError, ReturnCode
from anycart.model import Entity as Model
from anycart.platforms.applied import explicit
from anycart.platforms.base import UNCOUNTED, Call, Page
from anycart.platforms.overlap import alone, at_most_one, one_of, split_all

from . import fields as F

VERBS = ("list", "count", "info", "find", "add", "update", "delete")
FIND = frozenset({"find_value", "find_where", "find_params"})
SORT = frozenset({"sort_by", "sort_direction"})
Query = dict[str, Any]
#: ``Find.by`` value: this ``find_where`` looks the record up by id.
BY_ID = "<id>"


class Backend(Protocol):
    """Records of one entity on the platform. ``get`` answers None for an unknown id;
    ``read``: records of a query without their total (all of them when ``count`` is None)."""

    async def page(self, query: Query, start: int, count: int) -> tuple[list[dict[str, Any]], int | None]: ...
    async def read(self, query: Query, start: int = 0, count: int | None = None) -> list[dict[str, Any]]: ...
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
    ``each``: it takes one value, so each value is a query of its own and the lists are merged
    by id (an OR); else more than one value is 109. ``local``: the platform cannot filter by
    it, so the matching records are read and kept where the record's ``to`` path equals the
    value, or with ``bound`` (``"from"``/``"to"``) where it is at or after (at or before) the
    value, both read by ``convert`` (dates the platform cannot filter by). ``convert`` turns
    the value into the platform's (a ``ValueError`` is 109 naming the parameter)."""

    params: str | tuple[str, ...]
    to: str
    convert: F.Convert = F.same
    many: bool = False
    each: bool = False
    local: bool = False
    bound: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.params,) if isinstance(self.params, str) else self.params

    def values(self, params: Mapping[str, Any]) -> list[Any]:
        names = self.names
        if len(names) == 1 and not (self.many or self.each):
            value = params.get(names[0])
            return [] if value in F.EMPTY else [F.converted(names[0], value, self.convert)]
        return [F.converted(names[0], v, self.convert) for v in split_all(params, *names)]

    def apply(self, params: Mapping[str, Any], query: Query, cart: str) -> None:
        values = self.values(params)
        if not values or self.local:
            return
        if self.each:
            query[self.to] = list(dict.fromkeys(values))  # fanned out by the runner
        elif self.many:
            query[self.to] = ",".join(str(v) for v in values)
        else:
            query[self.to] = at_most_one(values, self.names[-1], cart)

    def keeps(self, params: Mapping[str, Any], record: Mapping[str, Any]) -> bool:
        if self.bound is not None:
            limit, have = self.values(params), F.get(record, self.to)
            if not limit:
                return True
            try:
                at = None if have in F.EMPTY else self.convert(have)
            except (TypeError, ValueError):  # a record without a readable value is not kept
                return False
            return at is not None and (at >= limit[0] if self.bound == "from" else at <= limit[0])
        values = {str(v) for v in self.values(params)}
        return not values or str(F.get(record, self.to)) in values


def id_list(*names: str, to: str) -> Filter:
    """Contract id lists (``product_ids``; several names, one filter) as the platform's
    comma-separated list of numbers at ``to`` (109 for an id that is no number)."""
    return Filter(names, to, F.int_id, many=True)


def since(to: str) -> Filter:
    """``since_id`` (records after that id) for a platform whose lowest-id filter ``to``
    includes its bound (``min_id``, ``id:min``): the next id."""
    return Filter("since_id", to, lambda v: F.int_id(v) + 1)


def date_filters(convert: F.Convert = F.same, *, created: tuple[str, str] | None = None,
                 modified: tuple[str, str] | None = None,
                 named: Callable[[str], F.Convert] | None = None,
                 local: bool = False) -> tuple[Filter, ...]:
    """``created_from``/``created_to`` and ``modified_from``/``modified_to`` as the
    platform's (from, to) query parameters, each value by ``convert`` (or by the converter
    ``named`` gives for the contract parameter, to name it in 109); ``local``: as bounds on
    the records' date paths instead, applied here."""
    pairs = [(f"{kind}_{end}", to) for kind, names in (("created", created), ("modified", modified))
             if names for end, to in zip(("from", "to"), names, strict=True)]
    return tuple(Filter(p, to, named(p) if named else convert, local=local,
                        bound=p.rsplit("_", 1)[1] if local else None) for p, to in pairs)


@dataclass(frozen=True)
class Sort:
    """``sort_by`` values -> the platform's sort keys; ``param`` carries ``"<key> <dir>"``
    (``format`` may say otherwise, e.g. ``"{key}:{direction}"``), or only the key when the
    platform takes the direction apart, in ``direction_param`` (WordPress ``orderby``/``order``)."""

    keys: Mapping[str, str]
    param: str
    format: str = "{key} {direction}"
    directions: Mapping[str, str] = field(default_factory=lambda: {"asc": "asc", "desc": "desc"})
    direction_param: str | None = None

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
        if self.direction_param is not None:
            query[self.param], query[self.direction_param] = key, way
            return
        query[self.param] = self.format.format(key=key, direction=way)


@dataclass(frozen=True)
class Find:
    """``find_where`` values -> the platform filter searched (``by``; :data:`BY_ID`: a lookup
    by id), the default one, and for which ``find_params=whole_words`` keeps only records
    whose unified field (``whole_field``) equals the value, the platform matching parts (any
    other ``find_where`` matches whole values only)."""

    by: Mapping[str, str]
    default: str
    whole_field: Mapping[str, str] = field(default_factory=dict)
    limit: int = 250

    def key(self, params: Mapping[str, Any]) -> tuple[str, str]:
        """(find_where, the platform filter); 109 for a field that cannot be searched."""
        where = str(params.get("find_where") or self.default).lower()
        key = self.by.get(where)
        if key is None:
            raise ApiError.not_allowed("find_where", list(self.by))  # API2Cart's words
        return where, key


Mapped = Callable[[dict[str, Any], Mapping[str, Any]], dict[str, Any]]
Written = Callable[[Mapping[str, Any], dict[str, Any]], None]


@dataclass(frozen=True)
class Entity:
    """One platform entity, declared. ``name``: the contract entity (``product``,
    ``order.shipment``); ``label``: its name in 112 messages; ``plural``: as in
    ``products_count``. ``lookup``: parameters naming records fetched one by one (``ids``),
    which no other filter may accompany. ``list_find``: ``find_value``/``find_where`` filter
    lists too. ``parents``: info parameters the record must match (``order_id`` -> its
    ``OrderID`` path), else 112. Hooks: ``mapped`` adds unified values a field cannot read
    (``consumed``: the platform keys it reads, not additional fields); ``mapper`` maps the
    whole record instead of ``fields``; ``written`` adds to a write body what a field
    cannot; ``accepts`` names the parameters hooks apply, per verb. ``named_by``: the
    contract parameters naming one record in info/update/delete (``order_id``, ``id``: the
    first given wins, a differing second is 109). ``missing``: the id's name in 112
    messages (API2Cart's "Coupon with coupon_id 7 not found")."""

    name: str
    label: str
    path: str
    id_field: str
    model: type[Model] | None = None
    fields: tuple[F.Field, ...] = ()
    verbs: tuple[str, ...] = ("list", "count", "info")
    plural: str = ""
    filters: tuple[Filter, ...] = ()
    lookup: tuple[str, ...] = ()
    named_by: tuple[str, ...] = ("id",)
    sort: Sort | None = None
    find: Find | None = None
    list_find: Find | None = None
    parents: Mapping[str, str] = field(default_factory=dict)
    mapped: Mapped | None = None
    mapper: Mapped | None = None
    written: Written | None = None
    consumed: frozenset[str] = frozenset()
    accepts: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: Parameters no two records share: contract name -> the platform filter that finds one
    #: (``{"email": "email"}``); an add giving a taken value is 113.
    unique: Mapping[str, str] = field(default_factory=dict)
    #: The path of the stock ``quantity`` writes: update then takes ``increase_quantity`` /
    #: ``reduce_quantity`` too, applied to the stored stock (``fields.stock_change``).
    stock: str | None = None
    #: Result values of add/delete (``{"category_id": ...}``; ``delete_items: True``);
    #: ``deleted_key``: the key of delete's (``cart.coupon.delete`` answers ``deleted``).
    added_key: str = ""
    deleted: Any = 1
    deleted_key: str = "delete_items"
    #: More keys of add's answer: result key -> the body path of its value (``""``: the new
    #: id; ``{"customer_id": "CustomerID"}``), left out when empty.
    added_also: Mapping[str, str] = field(default_factory=dict)
    #: An add's parameter left out takes another's value (``{"sku": "model"}``: a platform
    #: that needs a SKU takes the model's); ``add_needs``: parameters an add cannot do
    #: without (114), once those are taken.
    add_from: Mapping[str, str] = field(default_factory=dict)
    add_needs: tuple[str, ...] = ()
    #: An add's parameter left at its contract default gives way to another one given
    #: (``{"available_for_view": "visible"}``: the default true to the visibility given).
    add_yields: Mapping[str, str] = field(default_factory=dict)
    #: An add's parameter that must be one of the platform's own values (109 listing them),
    #: where an update may name others (``{"order_status": STATUSES}``).
    add_choices: Mapping[str, Collection[str]] = field(default_factory=dict)
    missing: str = "id"

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

    def not_found(self, ident: object) -> ApiError:
        """112 for ``ident``, in API2Cart's words for this entity."""
        return ApiError.not_found(self.label, ident, self.missing)

    @property
    def methods(self) -> dict[str, str]:
        """Contract method -> verb, for the verbs served."""
        return {self.method(v): v for v in self.verbs}

    # -- what each method applies -------------------------------------------------------------
    def applied(self, verb: str) -> frozenset[str]:
        """The contract parameters the runner (and this declaration's hooks) apply: what the
        declaration maps, of what the contract method takes (one field map serves add and
        update, whose parameters differ)."""
        return frozenset(self._mapped(verb) & _contract_names(self.method(verb)))

    def _mapped(self, verb: str) -> set[str]:
        names: set[str] = set(self.accepts.get(verb, ()))
        if verb in ("list", "count"):
            names |= {n for f in self.filters for n in f.names} | set(self.lookup)
            names |= {"find_value", "find_where"} if self.list_find else set()
            names |= SORT if self.sort is not None and verb == "list" else set()
        elif verb == "info":
            names |= {*self.named_by, *self.parents}
        elif verb == "delete":
            names |= set(self.named_by)
        elif verb == "find":
            names |= {"find_value", "find_where"}
            names |= {"find_params"} if self.find is not None and self.find.whole_field else set()
        elif verb == "add":
            names |= F.writable(self.fields) | set(self.unique)
        elif verb == "update":
            names |= F.writable(self.fields) | set(self.named_by)
            names |= {"increase_quantity", "reduce_quantity"} if self.stock else set()
        return names

    # -- mapping ------------------------------------------------------------------------------
    def to_unified(self, record: dict[str, Any], context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """A platform record as the unified entity (wire dict); unread keys go to
        ``additional_fields``."""
        if self.mapper is not None:
            return self.mapper(record, context or {})
        assert self.model is not None, f"{self.name}: a field map needs the unified model"
        values = F.read(self.fields, record)
        extra = F.extras(record, F.used_keys(self.fields) | self.consumed)
        if self.mapped is not None:
            more = self.mapped(record, context or {})
            extra.update(more.pop("additional_fields", {}))
            # a hook's part (``{"totals": {"subtotal": ...}}``) joins the one the fields read
            F.merge(values, more)
        return self.model(**values, additional_fields=extra).to_wire()

    def body(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The platform body of the writable fields given in ``params`` (and the hook's)."""
        out = F.body(self.fields, params)
        if self.written is not None:
            self.written(params, out)
        return out

    def query(self, params: Mapping[str, Any], cart: str) -> Query:
        """The platform query of a list/count call's filters (and sort); an ``each`` filter's
        values are a list (one query each, see :func:`fan_out`)."""
        query: Query = {}
        for f in self.filters:
            f.apply(params, query, cart)
        if self.list_find is not None and params.get("find_value") not in F.EMPTY:
            query[self.list_find.key(params)[1]] = params["find_value"]
        elif self.list_find is not None and params.get("find_where") not in F.EMPTY:
            # where to search with nothing to search for: refused, never ignored
            raise ApiError.invalid("find_where", "absent without find_value")
        if self.sort is not None:
            self.sort.apply(params, query)
        return query

    def ident(self, record: Mapping[str, Any]) -> tuple[int, str]:
        """A record's place in id order (numbers by value)."""
        v = str(F.get(record, self.id_field) or "")
        return (int(v), "") if v.isdecimal() else (1 << 62, v)


@functools.cache
def _contract_names(method: str) -> frozenset[str]:
    op = load_catalogue().get(method)
    if op is None:
        raise TypeError(f"{method} is not a contract method")
    return frozenset({p.name for p in op.params} | set((op.body or {}).get("properties") or {}))


#: The parameters (query and body) contract method ``method`` takes.
contract_names = _contract_names


def fan_out(query: Query) -> list[Query]:
    """One query per value of the ``each`` filter in ``query`` (at most one such filter)."""
    many = [k for k, v in query.items() if isinstance(v, list)]
    if not many:
        return [query]
    if len(many) > 1:
        raise ApiError.invalid(many[1], "one value when several are given for " + many[0])
    key = many[0]
    return [{**query, key: v} for v in query[key]]


# -- the runner ---------------------------------------------------------------------------
Context = Callable[[list[dict[str, Any]]], Awaitable[Mapping[str, Any]]]
#: Finishes a write body with what needs the platform (a name linked as its id).
Complete = Callable[[Call, dict[str, Any]], Awaitable[dict[str, Any]]]


class Gather(Protocol):
    """Runs several platform requests (a connector bounds how many at once per store)."""

    def __call__(self, aws: Iterable[Awaitable[Any]]) -> Awaitable[list[Any]]: ...


async def _gather(aws: Iterable[Awaitable[Any]]) -> list[Any]:
    return list(await asyncio.gather(*aws))
Prepare = Callable[[Call], Awaitable[Call]]
#: Most records a list read whole (an OR of queries, a local filter) may hold.
MAX_READ = 100_000


#: The record a call names by its id or by another key (an order by its number), 112 for none.
Resolve = Callable[[str], Awaitable[dict[str, Any]]]


class Runner:
    """The generated methods of one entity on one backend. ``context``: loads what mapping a
    page needs beside its records (order status names); ``prepare``: rewrites a list, add
    or update call's parameters first (a status name into its id); ``resolve``: finds the record info/update
    name, instead of ``backend.get`` (an update then writes the record it found)."""

    def __init__(self, entity: Entity, backend: Backend, *, cart: str,
                 context: Context | None = None, prepare: Prepare | None = None,
                 same_as_default: Mapping[str, set[str]] | None = None,
                 gather: Gather | None = None, complete: Complete | None = None,
                 resolve: Resolve | None = None) -> None:
        self.entity, self.backend, self.cart = entity, backend, cart
        self.context, self.prepare, self.complete = context, prepare, complete
        self.resolve = resolve
        self.same = same_as_default or {}
        self.gather: Gather = gather or _gather

    async def unified(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ctx = await self.context(records) if self.context is not None and records else {}
        return [self.entity.to_unified(r, ctx) for r in records]

    async def records(self, call: Call, start: int, count: int | None) -> tuple[list[dict[str, Any]], int | None]:
        """Records ``start .. start+count`` of a list call and the total; ``count=None``:
        only the total."""
        e = self.entity
        if self.prepare is not None:
            call = await self.prepare(call)
        ids = split_all(call.params, *e.lookup) if e.lookup else []
        if ids:
            alone(call.method, call.params, e.lookup, self.cart,
                  e.accepts.get(call.method.rsplit(".", 1)[-1], ()), self.same)
            found = [r for r in await self.gather(self._get(i) for i in ids) if r]
            return ([] if count is None else found[start:start + count]), len(found)
        queries = fan_out(e.query(call.params, self.cart))
        local = [f for f in e.filters if f.local and f.values(call.params)]
        if local:
            lists = await self.gather(self.backend.page(q, 0, MAX_READ) for q in queries)
            kept = self._merged([r for lst, _ in lists for r in lst
                                 if all(f.keeps(call.params, r) for f in local)])
            return ([] if count is None else kept[start:start + count]), len(kept)
        if count is None:
            return [], sum(await self.gather(self.backend.count(q) for q in queries))
        if len(queries) == 1:
            if call.extra.get(UNCOUNTED):
                return await self.backend.read(queries[0], start, count), None
            return await self.backend.page(queries[0], start, count)
        pages = await self.gather(self.backend.page(q, 0, start + count) for q in queries)
        merged = self._merged([r for lst, _ in pages for r in lst])
        totals = [t for _, t in pages]
        return merged[start:start + count], None if None in totals else sum(t or 0 for t in totals)

    def _merged(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: dict[tuple[int, str], dict[str, Any]] = {}
        for r in records:
            seen.setdefault(self.entity.ident(r), r)
        return [seen[k] for k in sorted(seen)]

    async def _get(self, ident: str) -> dict[str, Any] | None:
        return await self.backend.get(ident) if str(ident).strip() else None

    async def list(self, call: Call) -> Page:
        items, total = await self.records(call, call.start, call.count)
        return Page(await self.unified(items), total)

    async def count(self, call: Call) -> dict[str, Any]:
        _, total = await self.records(call, 0, None)
        return {f"{self.entity.plural}_count": total}

    def named(self, call: Call) -> str:
        """The record a call names (:attr:`Entity.named_by`)."""
        names = self.entity.named_by
        if len(names) == 1:
            return str(call.require(names[0]))
        value = one_of(call.params, *names)
        if value in F.EMPTY:
            raise ApiError.required(names[0])
        return str(value)

    async def one(self, ident: Any) -> dict[str, Any]:
        """The record of ``ident``, or 112 naming it."""
        if self.resolve is not None:
            return await self.resolve(str(ident))
        record = await self._get(str(ident))
        if record is None:
            raise self.entity.not_found(ident)
        return record

    async def info(self, call: Call) -> dict[str, Any]:
        ident = self.named(call)
        record = await self.one(ident)
        for name, path in self.entity.parents.items():
            given = call.params.get(name)
            if given not in F.EMPTY and str(F.get(record, path)) != str(given):
                raise self.entity.not_found(ident)  # not a child of that one
        return (await self.unified([record]))[0]

    async def find(self, call: Call) -> dict[str, Any]:
        e, find = self.entity, self.entity.find
        assert find is not None, f"{e.name}.find needs a Find declaration"
        value = str(call.require("find_value"))
        where, key = find.key(call.params)
        whole = str(call.params.get("find_params") or "whole_words").lower() == "whole_words"
        if not whole and where not in find.whole_field:
            raise ApiError.invalid("find_params", f"whole_words when searching by {where}")
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

    async def add(self, call: Call) -> dict[str, Any]:
        if self.prepare is not None:
            call = await self.prepare(call)
        e = self.entity
        if e.add_from or e.add_needs or e.add_yields or e.add_choices:
            call = self._filled(call)
        for name, to in self.entity.unique.items():
            value = call.params.get(name)
            if value not in F.EMPTY and await self.backend.count({to: value}):
                raise ApiError(ReturnCode.ALREADY_EXISTS,
                               f"{self.entity.label} with {name} {value} already exists")
        body = self.entity.body(call.params)
        if self.complete is not None:
            body = await self.complete(call, body)
        ident = await self.backend.create(body)
        out = {self.entity.added_key: ident}
        for key, path in self.entity.added_also.items():
            if (value := F.get(body, path) if path else ident) not in F.EMPTY:
                out[key] = str(value)
        return out

    def _filled(self, call: Call) -> Call:
        """An add's parameters with those left out taken from their ``add_from`` ones,
        ``add_needs`` required (114 naming the first missing), ``add_choices`` checked."""
        params, given = dict(call.params), explicit(call)
        for name, values in self.entity.add_choices.items():
            if params.get(name) not in values:
                raise ApiError.invalid(name, "one of " + ", ".join(values))
        for name, other in self.entity.add_yields.items():
            if name not in given and params.get(other) is not None:
                params.pop(name, None)
        for name, source in self.entity.add_from.items():
            if params.get(name) is None:
                params[name] = params.get(source)
        for name in self.entity.add_needs:
            if params.get(name) in F.EMPTY:
                raise ApiError.required(name)
        return Call(call.method, params, call.start, call.count, call.extra)

    async def update(self, call: Call) -> dict[str, Any]:
        if self.prepare is not None:
            call = await self.prepare(call)
        ident, stock = self.named(call), self.entity.stock
        if self.resolve is not None:  # the record's own id, not the key the call gave
            ident = str(F.get(await self.resolve(ident), self.entity.id_field))
        changes = self.entity.body(explicit(call))
        if stock and (delta := F.stock_change(call.params)):
            now = F.number(F.get(await self.one(ident), stock)) or 0.0
            F.put(changes, stock, now + delta)
        if self.complete is not None:
            changes = await self.complete(call, changes)
        if not changes:
            raise ApiError.nothing_to_update()
        await self.backend.update(ident, changes)
        return {"updated_items": 1}

    async def delete(self, call: Call) -> dict[str, Any]:
        await self.backend.delete(self.named(call))
        return {self.entity.deleted_key: self.entity.deleted}


def served(entities: Iterable[Entity]) -> dict[str, tuple[Entity, str]]:
    """Contract method -> (its entity, verb) over declarations (each method declared once)."""
    out: dict[str, tuple[Entity, str]] = {}
    for e in entities:
        for method, verb in e.methods.items():
            if method in out:
                raise TypeError(f"{method} is declared by two entities")
            out[method] = (e, verb)
    return out
