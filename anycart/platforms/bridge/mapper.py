"""Unified-model objects read from cart rows, declared: one :class:`Mapper` per model.

A mapper names, per model field, where its value is and how it reads; the same declaration
gives the SELECT list of the entity that reads the rows::

    IMAGE = Mapper(Image, id=at("ID", convert=str), http_path=calc(image_url), type=at("kind"))
    PRODUCT = Mapper(
        Product,
        id=col("p.ID", str), name=col("p.post_title"),  # a column: SELECT p.post_title
        price=col("l.min_price", number),               # of a joined table
        u_sku=meta("_sku", sid),                        # a value hydrated into row["_meta"]
        weight_unit=ctx("weight_unit"),                 # a value of the call's context
        url=calc(product_url),                          # (row, ctx) -> value, by hand
        special_price=Nested(SPECIAL),                  # the same row as another model
        billing=Nested(ADDRESS, at=prefixed("_meta", "billing_")),  # part of it
        images=Many(IMAGE, "_images"),                  # child rows hydrated into row["_images"]
        additional_fields=Extras(status=col("p.post_status"), rest=True),
    )

    class Products(SqlEntity):
        columns = PRODUCT.columns("p.post_parent")      # what the mapper reads, and more
        def map(self, row, ctx): return PRODUCT.wire(row, ctx)

A value that reads as None is left out, so the model's default applies (``type="simple"``).
``Extras(rest=True)`` keeps every column no field reads in ``additional_fields`` (hydrated
``_keys`` aside), so nothing a cart stores is lost. Field names are checked against the model
when the mapper is declared: a typo fails at import, not in a response.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel

Row = Mapping[str, Any]
Ctx = Mapping[str, Any]
Converter = Callable[[Any], Any]
M = TypeVar("M", bound=BaseModel)


_AS = re.compile(r"\s+AS\s+", re.I)


def _key(sql: str) -> str:
    """The row key a SELECT item answers as: ``x AS name`` -> name, ``p.ID`` -> ID."""
    named = _AS.split(sql)
    return named[-1].strip() if len(named) > 1 else sql.rsplit(".", 1)[-1].strip()


@dataclass(frozen=True)
class Source:
    """Where one value is: ``get(row, ctx)``, then ``convert`` (not called on None), then
    ``default`` when that is None; ``sql`` is the SELECT item it needs (columns only), ``key``
    the row key it reads (for :class:`Extras` ``rest``)."""

    get: Callable[[Row, Ctx], Any]
    convert: Converter | None = None
    sql: str | None = None
    key: str | None = None
    #: SELECT items a computed value needs (:func:`calc`).
    reads: tuple[str, ...] = ()
    default: Any = None

    def value(self, row: Row, ctx: Ctx) -> Any:
        raw = self.get(row, ctx)
        found = self.convert(raw) if self.convert is not None and raw is not None else raw
        return self.default if found is None else found


def col(sql: str, convert: Converter | None = None, default: Any = None) -> Source:
    """A column of the entity's SELECT (``p.post_title``, ``COUNT(x) AS n``)."""
    key = _key(sql)
    return Source(lambda row, ctx: row.get(key), convert, sql, key, default=default)


def cols(convert: Converter | None = None, **fields: str) -> dict[str, Source]:
    """Several fields read from columns alike: ``Mapper(Product, **cols(sid, name="pl.name",
    seo_url="pl.link_rewrite"))``."""
    return {name: col(sql, convert) for name, sql in fields.items()}


def keys(convert: Converter | None = None, **fields: str) -> dict[str, Source]:
    """Several fields read from row keys alike (:func:`at`): ``**keys(sid, city="city")``."""
    return {name: at(key, convert=convert) for name, key in fields.items()}


def _dig(value: Any, path: Iterable[str]) -> Any:
    for part in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def at(*path: str, convert: Converter | None = None, default: Any = None) -> Source:
    """A value of the row by key path, not selected by the entity (a hydrated ``_key``, a
    column read under another declaration): ``at("_lookup", "sku")``."""
    return Source(lambda row, ctx: _dig(row, path), convert, key=path[0], default=default)


def meta(key: str, convert: Converter | None = None, default: Any = None, where: str = "_meta") -> Source:
    """A meta value (``{key: value}`` hydrated into ``row[where]``): WordPress post/user/term
    meta, EAV attributes."""
    return Source(lambda row, ctx: _dig(row, (where, key)), convert, key=where, default=default)


def grouped(rows: Iterable[Row], key: str, child: str,
            under: str = "_rows") -> list[dict[str, Any]]:
    """The rows of a join (one per parent and child: an attribute group and its attributes)
    as one row per ``key`` value, in the order first seen, with its rows under ``under`` (the
    first of each ``child`` value): what a :class:`Many` of the children reads."""
    out: dict[Any, dict[str, Any]] = {}
    for r in rows:
        out.setdefault(r[key], {**r, under: {}})[under].setdefault(r[child], r)
    return [{**p, under: list(p[under].values())} for p in out.values()]


def ctx(name: str, convert: Converter | None = None, default: Any = None) -> Source:
    """A value of the call's context (a store setting read once per page)."""
    return Source(lambda row, c: c.get(name), convert, default=default)


def calc(func: Callable[[Row, Ctx], Any], *reads: str) -> Source:
    """A value computed by hand from the row and the context; ``reads``: the SELECT items it
    needs."""
    return Source(func, reads=reads)


def const(value: Any) -> Source:
    return Source(lambda row, c: value)


def children(name: str, key: str) -> Callable[[Row, Ctx], list[Row]]:
    """The child rows ``SqlEntity.children`` read into ``ctx[name]`` for the row's ``key``
    (none for a row without any): a :class:`Many` ``at``."""
    return lambda row, c: list(c[name].get(row[key], []))


def prefixed(where: str | None, prefix: str) -> Callable[[Row, Ctx], dict[str, Any]]:
    """The keys of ``row[where]`` (the row itself when None) starting with ``prefix``, without
    it: ``billing_city`` -> ``city``; for :class:`Nested` ``at``."""
    def part(row: Row, c: Ctx) -> dict[str, Any]:
        source = row if where is None else (row.get(where) or {})
        return {k[len(prefix):]: v for k, v in source.items() if k.startswith(prefix)}
    return part


Place = str | Callable[[Row, Ctx], Any] | None


def _place(row: Row, c: Ctx, where: Place) -> Any:
    if where is None:
        return row
    return row.get(where) if isinstance(where, str) else where(row, c)


@dataclass(frozen=True)
class Nested:
    """Another model read by ``mapper`` from the same row (``at`` None), from ``row[at]``, or
    from what ``at(row, ctx)`` answers; None when that is empty or ``when(row, ctx)`` is false."""

    mapper: Mapper[Any]
    at: Place = None
    when: Callable[[Row, Ctx], bool] | None = None

    def value(self, row: Row, c: Ctx) -> Any:
        if self.when is not None and not self.when(row, c):
            return None
        part = _place(row, c, self.at)
        return self.mapper.read(part, c) if part else None


@dataclass(frozen=True)
class Many:
    """A list of models: each item of ``row[at]`` (or of ``at(row, ctx)``) read by ``mapper``;
    items that are models already are kept as they are."""

    mapper: Mapper[Any] | None
    at: Place

    def value(self, row: Row, c: Ctx) -> list[Any]:
        items = _place(row, c, self.at) or ()
        return [i if self.mapper is None or isinstance(i, BaseModel) else self.mapper.read(i, c)
                for i in items]


@dataclass(frozen=True)
class Extras:
    """``additional_fields``: the named values, and with ``rest`` every row key no field of
    the mapper reads (``_keys`` and ``skip`` aside)."""

    named: Mapping[str, Source] = field(default_factory=dict)
    rest: bool = False
    skip: frozenset[str] = frozenset()

    def __init__(self, rest: bool = False, skip: Iterable[str] = (), **named: Source) -> None:
        object.__setattr__(self, "named", named)
        object.__setattr__(self, "rest", rest)
        object.__setattr__(self, "skip", frozenset(skip))


Spec = Source | Nested | Many | Extras


class Mapper(Generic[M]):
    """``model``'s fields from a row: ``field=`` a :class:`Source`, :class:`Nested`,
    :class:`Many` or (``additional_fields``) :class:`Extras`."""

    def __init__(self, model: type[M], /, **fields: Spec) -> None:
        unknown = sorted(set(fields) - set(model.model_fields))
        if unknown:
            raise TypeError(f"{model.__name__} has no field {', '.join(unknown)}")
        self.model, self.fields = model, fields

    def extend(self, **fields: Spec) -> Mapper[M]:
        """This mapper with more fields, or some read otherwise."""
        return Mapper(self.model, **{**self.fields, **fields})

    def _sources(self) -> Iterable[Source]:
        for spec in self.fields.values():
            if isinstance(spec, Source):
                yield spec
            elif isinstance(spec, Extras):
                yield from spec.named.values()
            elif isinstance(spec, Nested) and spec.at is None:
                yield from spec.mapper._sources()

    def columns(self, *more: str) -> str:
        """The SELECT list of what the mapper reads (and ``more``), each item once."""
        items: list[str] = []
        for s in self._sources():
            items += [s.sql] if s.sql else list(s.reads)
        return ", ".join(dict.fromkeys([*items, *more]))

    def reads(self) -> set[str]:
        """The row keys its fields read (a computed value's too: the keys of the SELECT items
        it names, so ``Extras(rest=True)`` does not repeat them)."""
        return {s.key for s in self._sources() if s.key} | {
            _key(item) for s in self._sources() for item in s.reads}

    def values(self, row: Row, c: Ctx | None = None) -> dict[str, Any]:
        """The fields' values, None ones left out (the model's defaults apply)."""
        c = {} if c is None else c
        out: dict[str, Any] = {}
        for name, spec in self.fields.items():
            if isinstance(spec, Extras):
                value: Any = {k: s.value(row, c) for k, s in spec.named.items()}
                if spec.rest:
                    skip = self.reads() | spec.skip
                    value = {**{k: v for k, v in row.items() if k not in skip and not k.startswith("_")},
                             **value}
            else:
                value = spec.value(row, c)
            if value is not None:
                out[name] = value
        return out

    def read(self, row: Row, c: Ctx | None = None, **given: Any) -> M:
        """The model; ``given`` values win over the declared ones."""
        return self.model(**{**self.values(row, c), **given})

    def wire(self, row: Row, c: Ctx | None = None, **given: Any) -> dict[str, Any]:
        """The model's wire dict (what ``SqlEntity.map`` answers)."""
        model = self.read(row, c, **given)
        wire = getattr(model, "to_wire", None)  # Entity's (contract quirks), else the dump
        return cast(dict[str, Any], wire() if wire is not None else model.model_dump(by_alias=True))
