"""Entities as data for bridge carts: one :class:`SqlEntity` declaration per entity, and the
contract's list/count/info/find generated from it.

A declaration names the table and its alias, the joins (each to at most one row, so counts
stay counts), the key, the created/modified columns, the sort map, the ``find_where``
vocabularies and the filter map from contract parameters to SQL; :meth:`SqlEntity.hydrate`
reads child rows for a page, :meth:`SqlEntity.map` turns a row into the unified model.
A driver lists its declarations (``entities = (Products(), ...)``) and
:class:`~.connector.BridgeConnector` installs ``<method>_list``/``_count``/``_info``/``_find``
handlers it does not write itself. :meth:`SqlEntity.applied` is what those handlers apply,
for :func:`anycart.platforms.applied.guard`: any other parameter given is refused with 109
naming it, never ignored.

SQL fragments of a declaration take three kinds of placeholders, bound by :func:`bind`:
``?`` the filter's value, ``??`` the items of a list value (``IN (??)``), ``:name`` a value of
the call's context (``pd.language_id = :lang``), which :meth:`SqlEntity.context` builds once
per call (by default the connector's ``sql_context(params)``).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from anycart.errors import ApiError
from anycart.platforms.base import Call, Page

from .sqlkit import SqlExecutor, Statement, Where, like_escaped, order_by
from .values import bit, first_id, ids, moment, now_db, one_id

if TYPE_CHECKING:
    from .mapper import Mapper

Row = dict[str, Any]
#: What one call's SQL binds as ``:name`` and hooks share (language, version, storefront...);
#: ``ctx["method"]`` is the generated method running: "list", "count", "info" or "find".
Ctx = dict[str, Any]
Converter = Callable[[Any], Any]
Resolver = Callable[[Any, Any, Ctx], Awaitable[Any]]

# -- binding -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\?\?|\?|(?<![\w:]):([A-Za-z_]\w*)")


def bind(sql: str, ctx: Mapping[str, Any], value: Any = None) -> tuple[str, list[Any]]:
    """``sql`` with ``?``/``??``/``:name`` as positional ``?`` marks, and their values in order
    (quoted text left alone). An empty ``??`` list becomes ``NULL``: ``IN (NULL)`` matches
    nothing."""
    params: list[Any] = []

    def mark(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0] in "'\"":
            return token
        if token == "??":
            items = list(value or ())
            params.extend(items)
            return ", ".join("?" * len(items)) or "NULL"
        params.append(value if token == "?" else ctx[match.group(1)])
        return "?"

    return _TOKEN.sub(mark, sql), params


def given(value: Any) -> bool:
    return value not in (None, "", [], {})


# -- filters -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Filter:
    """One contract parameter as one SQL condition: ``clause`` bound (see :func:`bind`) to
    the parameter's value after ``convert`` (a :class:`ValueError` there is 109 naming the
    parameter; None applies nothing) or the async ``resolve(conn, value, ctx)`` (lookups, such
    as a status name to its id). ``aliases`` are names read when the parameter is absent
    (``category_id`` for ``categories_ids``)."""

    clause: str
    convert: Converter | None = None
    resolve: Resolver | None = None
    aliases: tuple[str, ...] = ()

    def names(self, name: str) -> tuple[str, ...]:
        return (name, *self.aliases)

    async def apply(self, w: Where, conn: Any, name: str, params: Mapping[str, Any], ctx: Ctx) -> None:
        used = next((n for n in self.names(name) if given(params.get(n))), None)
        if used is None:
            return
        value = params[used]
        if self.convert is not None:
            try:
                value = self.convert(value)
            except (TypeError, ValueError) as exc:
                raise ApiError.invalid(used, str(exc) or None) from None
        if self.resolve is not None:
            value = await self.resolve(conn, value, ctx)
        if value is None:
            return
        sql, values = bind(self.clause, ctx, value)
        w.add(sql, *values)


def like_value(text: Any) -> str:
    """``%text%`` with LIKE's own characters escaped."""
    return f"%{like_escaped(text)}%"


def _then(first: Converter | None, second: Converter) -> Converter:
    return second if first is None else (lambda v: second(first(v)))


def eq(column: str, convert: Converter | None = None, **kw: Any) -> Filter:
    return Filter(f"{column} = ?", convert, **kw)


def isin(column: str, convert: Converter | None = None, **kw: Any) -> Filter:
    return Filter(f"{column} IN (??)", convert or ids, **kw)


def after(column: str, **kw: Any) -> Filter:
    """``since_id``: rows whose id is above the given one."""
    return Filter(f"{column} > ?", first_id, **kw)


def flag(column: str, **kw: Any) -> Filter:
    """A boolean parameter on a TINYINT column."""
    return Filter(f"{column} = ?", bit, **kw)


def like(column: str, convert: Converter | None = None, **kw: Any) -> Filter:
    return Filter(f"{column} LIKE ?", _then(convert, like_value), **kw)


@dataclass(frozen=True)
class Col:
    """A column a ``find_where`` name searches: the search text through ``convert`` first
    (text a cart stores HTML-escaped); ``exact`` columns are always compared whole (ids)."""

    sql: str
    convert: Converter | None = None
    exact: bool = False


@dataclass(frozen=True)
class Children:
    """Child rows of a page in one query, into ``ctx[name]`` grouped by ``key``: ``sql`` has
    ``??`` for the rows' ``parent`` column values (the ``key`` column by default) and may
    name context values (``:lang``)."""

    sql: str
    key: str
    parent: str | None = None


def _col(spec: str | Col) -> Col:
    return spec if isinstance(spec, Col) else Col(spec)


_ALIAS = re.compile(r"\bJOIN\s+\S+\s+(?:AS\s+)?(\w+)\s+ON\b", re.I)


# -- the declaration and what it generates -----------------------------------------------------

class SqlEntity:
    """One entity of one cart, declared by class attributes; override the hooks
    (:meth:`context`, :meth:`scope_for`, :meth:`hydrate`, :meth:`map`) for what differs, or
    the generated steps (:meth:`where`, :meth:`select`, :meth:`total`) for the odd case."""

    #: Contract entity the methods are named after: "product" -> product.list ...
    method: ClassVar[str]
    #: In "not found" answers: "Product".
    label: ClassVar[str]
    #: Result keys: "products" -> ``products_count``.
    plural: ClassVar[str]
    #: Key of ``*.find``'s result list ("product"); the method name by default.
    find_key: ClassVar[str | None] = None
    #: ``{p}product p``: the table and its alias.
    table: ClassVar[str]
    #: ``p.product_id``: the key column (info, tie-break of every sort, find's order).
    key: ClassVar[str]
    columns: ClassVar[str] = "*"
    #: ``LEFT JOIN {p}x x ON ...``, each to at most one row; a count keeps the inner joins
    #: and only the LEFT JOINs its WHERE (or a kept join) names.
    joins: ClassVar[tuple[str, ...]] = ()
    count_sql: ClassVar[str] = "COUNT(*)"
    #: Columns ``created_from/to`` and ``modified_from/to`` apply to (None: not applied).
    created: ClassVar[str | None] = None
    modified: ClassVar[str | None] = None
    #: ``sort_by`` names -> columns (list only); empty: key order, sort_* not applied.
    sort: ClassVar[Mapping[str, str]] = {}
    default_sort: ClassVar[str] = "id"
    #: Contract parameter -> :class:`Filter`, for list and count.
    filters: ClassVar[Mapping[str, Filter]] = {}
    #: ``find_value``/``find_where`` in list and count (LIKE); empty: not applied.
    list_find_where: ClassVar[Mapping[str, str | Col]] = {}
    #: ``find_where`` of ``*.find``; empty: no find method.
    find_where: ClassVar[Mapping[str, str | Col]] = {}
    find_default: ClassVar[str] = "name"
    find_limit: ClassVar[int] = 250
    #: Conditions every generated method applies (``o.order_status_id > 0``).
    scope: ClassVar[tuple[str, ...]] = ()
    #: The id parameter of info, first given wins; the first is named when none is.
    info_ids: ClassVar[tuple[str, ...]] = ("id",)
    info_filters: ClassVar[Mapping[str, Filter]] = {}
    #: More parameters every generated method applies (read by :meth:`context`: lang_id).
    params: ClassVar[frozenset[str]] = frozenset()
    #: Which of list/count/info/find are generated.
    serves: ClassVar[tuple[str, ...]] = ("list", "count", "info", "find")
    #: Child rows every page reads before :meth:`hydrate` (``ctx[name][parent id]``).
    children: ClassVar[Mapping[str, Children]] = {}
    #: The unified model read from a row (:mod:`.mapper`), which :meth:`map` answers when set.
    mapper: ClassVar[Mapper[Any] | None] = None

    # -- hooks -----------------------------------------------------------------------------
    async def context(self, conn: Any, params: Mapping[str, Any]) -> Ctx:
        """The call's context; by default the connector's ``sql_context(params)``."""
        make = getattr(conn, "sql_context", None)
        return dict(await make(params)) if make is not None else {}

    def scope_for(self, params: Mapping[str, Any], ctx: Ctx) -> Iterable[str]:
        """The conditions of :attr:`scope`, which may depend on the call (override)."""
        return self.scope

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        """Read what the page's rows need besides themselves (child rows), into the rows or
        ``ctx``."""

    def map(self, row: Row, ctx: Ctx) -> Row:
        """One row as the unified model's wire dict (by :attr:`mapper` when declared)."""
        if self.mapper is None:
            raise NotImplementedError
        return self.mapper.wire(row, ctx)

    # -- SQL ---------------------------------------------------------------------------------
    async def where(self, conn: Any, params: Mapping[str, Any], ctx: Ctx,
                    filters: Mapping[str, Filter] | None = None) -> Where:
        w = Where()
        for clause in self.scope_for(params, ctx):
            sql, values = bind(clause, ctx)
            w.add(sql, *values)
        for name, spec in (self.filters if filters is None else filters).items():
            await spec.apply(w, conn, name, params, ctx)
        if filters is None and self.list_find_where and given(params.get("find_value")):
            col = self._find_col(self.list_find_where, params)
            needle = col.convert(params["find_value"]) if col.convert else params["find_value"]
            w.add(f"{col.sql} LIKE ?", like_value(needle))
        if filters is None:
            for side, column in (("created", self.created), ("modified", self.modified)):
                if column:
                    w.since(column, moment(params, f"{side}_from"))
                    w.until(column, moment(params, f"{side}_to"))
        return w

    def _find_col(self, vocabulary: Mapping[str, str | Col], params: Mapping[str, Any]) -> Col:
        name = str(params.get("find_where") or self.find_default)
        if name not in vocabulary:
            raise ApiError.not_allowed("find_where", tuple(vocabulary))
        return _col(vocabulary[name])

    def _from(self, ctx: Ctx, needed: str | None = None) -> tuple[str, list[Any]]:
        """``FROM table joins`` bound; with ``needed`` (SQL text) only the LEFT JOINs it uses
        (an inner join filters rows, so it always stays)."""
        joins = list(self.joins)
        if needed is not None:
            kept: list[str] = []
            for join in reversed(joins):
                alias = _ALIAS.search(join)
                text = needed + " ".join(kept)
                if (alias is None or not join.lstrip().upper().startswith("LEFT")
                        or re.search(rf"\b{alias.group(1)}\.", text)):
                    kept.insert(0, join)
            joins = kept
        return bind(" ".join([f" FROM {self.table}", *joins]), ctx)

    async def total(self, conn: Any, w: Where, ctx: Ctx) -> int:
        head, values = self._from(ctx, w.sql)
        rows = await _db(conn).select(f"SELECT {self.count_sql}{head}{w.sql}", [*values, *w.params])
        return int(next(iter(rows[0].values())) or 0) if rows else 0

    async def select(self, conn: Any, w: Where, ctx: Ctx, order: str = "", start: int = 0,
                     count: int | None = None) -> list[Row]:
        """The raw rows (no hydrate, no mapping)."""
        columns, head_values = bind(f"SELECT {self.columns}", ctx)
        head, values = self._from(ctx)
        page = " LIMIT ? OFFSET ?" if count is not None else ""
        return await _db(conn).select(f"{columns}{head}{w.sql}{order}{page}",
                                      [*head_values, *values, *w.params,
                                       *([count, start] if count is not None else [])])

    async def items(self, conn: Any, rows: list[Row], ctx: Ctx) -> list[Row]:
        """Rows hydrated and mapped."""
        if not rows:
            return []
        for name, child in self.children.items():
            parents = list(dict.fromkeys(r[child.parent or child.key] for r in rows))
            ctx[name] = await rows_by(_db(conn), child.sql, child.key, parents, ctx)
        await self.hydrate(conn, rows, ctx)
        return [self.map(r, ctx) for r in rows]

    def order(self, params: Mapping[str, Any]) -> str:
        if not self.sort:
            return f" ORDER BY {self.key}"
        return order_by(dict(params), dict(self.sort), self.default_sort, self.key)

    # -- the contract methods ----------------------------------------------------------------
    async def _ctx(self, conn: Any, call: Call, method: str) -> Ctx:
        ctx = await self.context(conn, call.params)
        ctx["method"] = method
        return ctx

    async def run_list(self, conn: Any, call: Call) -> Page:
        ctx = await self._ctx(conn, call, "list")
        w = await self.where(conn, call.params, ctx)
        order = self.order(call.params)
        total = await self.total(conn, w, ctx)
        rows = await self.select(conn, w, ctx, order, call.start, call.count)
        return Page(await self.items(conn, rows, ctx), total)

    async def run_count(self, conn: Any, call: Call) -> dict[str, Any]:
        ctx = await self._ctx(conn, call, "count")
        return {f"{self.plural}_count": await self.total(conn, await self.where(conn, call.params, ctx), ctx)}

    async def one(self, conn: Any, raw: Any, ctx: Ctx | None = None,
                  params: Mapping[str, Any] | None = None) -> Row:
        """The entity with id ``raw`` (112 when there is none), through the info filters;
        ``ctx`` is the call's (:meth:`context` when not given)."""
        if ctx is None:
            ctx = {**await self.context(conn, params or {}), "method": "info"}
        return (await self.items(conn, [await self.row(conn, raw, params, ctx)], ctx))[0]

    async def row(self, conn: Any, raw: Any, params: Mapping[str, Any] | None = None,
                  ctx: Ctx | None = None) -> Row:
        """The raw row (no hydrate, no mapping) of the entity with id ``raw``, as info reads
        it (its scope and info filters; 112 when there is none): what a write reads before
        it changes the entity. ``ctx`` is the call's (:meth:`context` when not given)."""
        if ctx is None:
            ctx = {**await self.context(conn, params or {}), "method": "info"}
        w = await self.where(conn, params or {}, ctx, self.info_filters)
        w.add(f"{self.key} = ?", one_id(raw, self.label))
        found = await self.select(conn, w, ctx, "", 0, 1)
        if not found:
            raise ApiError.not_found(self.label, raw)
        return found[0]

    async def existing(self, conn: Any, raw: Any) -> int:
        """The id ``raw`` as an int when the table holds it (no scope), else 112 naming it:
        what a write checks before it touches the entity."""
        ident = one_id(raw, self.label)
        if not await _db(conn).select(f"SELECT 1 FROM {self.table} WHERE {self.key} = ?", [ident]):
            raise ApiError.not_found(self.label, raw)
        return ident

    def touch(self, ident: Any, when: str | None = None) -> Statement:
        """``UPDATE`` of the modified column (now on the store's clock, or ``when``) of the
        entity ``ident``: a change to its child rows is a change to it."""
        if self.modified is None:
            raise TypeError(f"{type(self).__name__} declares no modified column")
        return Statement(f"UPDATE {self.table} SET {self.modified} = ? WHERE {self.key} = ?",
                         [when or now_db(), ident])

    async def run_info(self, conn: Any, call: Call) -> Row:
        raw = next((call.params[n] for n in self.info_ids if given(call.params.get(n))), None)
        if raw is None:
            raise ApiError.required(self.info_ids[0])
        return await self.one(conn, raw, await self._ctx(conn, call, "info"), call.params)

    async def run_find(self, conn: Any, call: Call) -> dict[str, Any]:
        value = call.require("find_value")
        ctx = await self._ctx(conn, call, "find")
        col = self._find_col(self.find_where, call.params)
        needle = col.convert(value) if col.convert else value
        w = await self.where(conn, call.params, ctx, {})
        if col.exact or str(call.params.get("find_params") or "whole_words") == "whole_words":
            w.add(f"{col.sql} = ?", needle)
        else:
            w.add(f"{col.sql} LIKE ?", like_value(needle))
        rows = await self.select(conn, w, ctx, f" ORDER BY {self.key}", 0, self.find_limit)
        if not rows:
            raise ApiError.nothing_found()
        items = await self.items(conn, rows, ctx)
        return {f"{self.plural}_count": len(items), self.find_key or self.method: items}

    # -- what a connector installs -------------------------------------------------------------
    def _served(self) -> list[str]:
        return [m for m in self.serves if m != "find" or self.find_where]

    def applied(self) -> dict[str, frozenset[str]]:
        """Per generated contract method, the parameters it applies."""
        filters = {n for name, spec in self.filters.items() for n in spec.names(name)}
        if self.created:
            filters |= {"created_from", "created_to"}
        if self.modified:
            filters |= {"modified_from", "modified_to"}
        if self.list_find_where:
            filters |= {"find_value", "find_where"}
        sets = {
            "list": filters | ({"sort_by", "sort_direction"} if self.sort else set()),
            "count": filters,
            "info": {*self.info_ids, *(n for name, spec in self.info_filters.items()
                                       for n in spec.names(name))},
            "find": {"find_value", "find_where", "find_params"},
        }
        return {f"{self.method}.{m}": frozenset(sets[m] | self.params) for m in self._served()}

    def handlers(self) -> dict[str, Callable[[Any, Call], Awaitable[Any]]]:
        """``product_list`` ... as connector methods."""
        runs = {"list": self.run_list, "count": self.run_count, "info": self.run_info,
                "find": self.run_find}
        out = {}
        for m in self._served():
            name = f"{self.method.replace('.', '_')}_{m}"
            out[name] = _handler(runs[m], name, f"{self.method}.{m} from {type(self).__name__}.")
        return out


class Chosen(SqlEntity):
    """One entity declared more than once (a cart's two storages, its versions' schemas), one
    declaration picked per store by :meth:`pick`: the generated methods run the picked one's.
    The declarations apply the same parameters (the first one's are named)."""

    options: ClassVar[tuple[SqlEntity, ...]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        first = cls.options[0]
        cls.method, cls.label, cls.plural = first.method, first.label, first.plural
        cls.serves, cls.find_where = first.serves, first.find_where

    async def pick(self, conn: Any) -> SqlEntity:
        raise NotImplementedError

    def applied(self) -> dict[str, frozenset[str]]:
        return self.options[0].applied()

    async def run_list(self, conn: Any, call: Call) -> Page:
        return await (await self.pick(conn)).run_list(conn, call)

    async def run_count(self, conn: Any, call: Call) -> dict[str, Any]:
        return await (await self.pick(conn)).run_count(conn, call)

    async def run_info(self, conn: Any, call: Call) -> Row:
        return await (await self.pick(conn)).run_info(conn, call)

    async def run_find(self, conn: Any, call: Call) -> dict[str, Any]:
        return await (await self.pick(conn)).run_find(conn, call)


def _handler(run: Callable[[Any, Call], Awaitable[Any]], name: str,
             doc: str) -> Callable[[Any, Call], Awaitable[Any]]:
    async def handler(conn: Any, call: Call) -> Any:
        return await run(conn, call)

    handler.__name__ = handler.__qualname__ = name
    handler.__doc__ = doc
    return handler


def applied_by(entities: Iterable[SqlEntity]) -> dict[str, frozenset[str]]:
    """The :meth:`SqlEntity.applied` sets of a driver's declarations, for its ``APPLIED``."""
    out: dict[str, frozenset[str]] = {}
    for entity in entities:
        out.update(entity.applied())
    return out


def _db(conn: Any) -> SqlExecutor:
    db: SqlExecutor = conn.db
    return db


# -- child rows --------------------------------------------------------------------------------

async def rows_by(db: SqlExecutor, sql: str, key: str, ids: Sequence[Any],
                  ctx: Mapping[str, Any] | None = None) -> dict[Any, list[Row]]:
    """Child rows of a page, grouped by ``key``: ``sql`` has ``??`` for the parent ids
    (``WHERE product_id IN (??)``) and may name context values (``:lang``)."""
    if not ids:
        return {}
    text, values = bind(sql, ctx or {}, list(ids))
    return group_by(await db.select(text, values), key)


def group_by(rows: Iterable[Row], key: str) -> dict[Any, list[Row]]:
    out: dict[Any, list[Row]] = {}
    for r in rows:
        out.setdefault(r[key], []).append(r)
    return out

