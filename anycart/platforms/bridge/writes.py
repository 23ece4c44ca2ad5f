"""An entity's writes declared once: its main row, the rows that hang on it by its id
(per language, per store: OpenCart's ``product_description``, PrestaShop's ``product_shop``
and ``product_lang``), the link tables naming it, and what goes with it on delete.

``Writes(main=Part("category", "category_id", defaults={...}), spec=COLUMNS,
parts=(Part("category_description", "category_id", scope={"language_id": "lang"}),),
cascade=(...))`` turns a call's parameters (through :func:`~.columns.columns`, so only
those given) into the statements of ``add``, ``update`` and ``delete``. ``extra`` adds a
write's own columns per table (values the driver reads or computes: a version's columns, a
parent id). Each part of an add refers to the main row's new id (``InsertId``) of the same
write, so the statements go first in the write (or say where the main row is, ``at``). A
scope value given as a list on add makes one row per value (every language of the shop).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from anycart.errors import ApiError

from .batch import update
from .cascade import Cascade, Step
from .columns import Spec, columns
from .sqlkit import InsertId, Statement, insert
from .values import now_db

Extra = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Part:
    """A table whose rows hang on the entity's row by ``key``."""

    table: str
    key: str
    #: More key columns, bound from the write's context: ``{"language_id": "lang"}``.
    scope: Mapping[str, str] = field(default_factory=dict)
    #: An added row's columns the call does not give.
    defaults: Mapping[str, Any] = field(default_factory=dict)
    #: Columns that, left blank on add, copy another one: ``{"meta_title": "name"}``.
    fallback: Mapping[str, str] = field(default_factory=dict)
    #: The part's own modification column (PrestaShop's ``product_shop.date_upd``), set
    #: with the main row's on update.
    modified: str | None = None

    def row(self, ident: Any, ctx: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
        out = {self.key: ident, **{c: ctx[n] for c, n in self.scope.items()}, **self.defaults,
               **values}
        for column, source in self.fallback.items():
            if not out.get(column):
                out[column] = out.get(source, "")
        return out

    def rows(self, ident: Any, ctx: Mapping[str, Any], values: Mapping[str, Any]) -> list[Statement]:
        """The INSERTs of an added entity's rows here: one, or one per value of the first
        scope name the context gives as a list."""
        many = next((n for n in self.scope.values() if isinstance(ctx[n], list | tuple)), None)
        if many is None:
            return [insert(self.table, self.row(ident, ctx, values))]
        return [insert(self.table, self.row(ident, {**ctx, many: one}, values)) for one in ctx[many]]

    def where(self, ident: Any, ctx: Mapping[str, Any]) -> tuple[str, list[Any]]:
        """``key = ? AND scope = ?`` of the entity's row(s) here."""
        keys = {self.key: ident, **{c: ctx[n] for c, n in self.scope.items()}}
        return " AND ".join(f"`{c}` = ?" for c in keys), list(keys.values())

    def changes(self, ident: Any, ctx: Mapping[str, Any], values: Mapping[str, Any]) -> list[Statement]:
        """The statements setting ``values`` on the entity's row(s) here (a subclass keeping
        rows of another shape, such as WordPress's key/value meta, says its own)."""
        return [update(self.table, dict(values), *_where(self, ident, ctx))]


@dataclass(frozen=True)
class Link:
    """A link table: one row per (entity, other) pair, such as a product's categories."""

    table: str
    key: str
    other: str

    def rows(self, ident: Any, others: Sequence[Any]) -> list[Statement]:
        return [insert(self.table, {self.key: ident, self.other: o}) for o in others]

    def replace(self, ident: Any, others: Sequence[Any]) -> list[Statement]:
        """The entity's links become exactly ``others``."""
        return [Statement(f"DELETE FROM {{p}}{self.table} WHERE `{self.key}` = ?", [ident]),
                *self.rows(ident, others)]

    def remove(self, ident: Any, other: Any) -> Statement:
        return Statement(f"DELETE FROM {{p}}{self.table} WHERE `{self.key}` = ? AND "
                         f"`{self.other}` = ?", [ident, other])


@dataclass(frozen=True)
class Writes:
    main: Part
    #: Contract parameters -> columns of ``main`` and ``parts`` (:mod:`.columns`).
    spec: Spec = ()
    parts: tuple[Part, ...] = ()
    #: The main row's creation and modification columns (set to the store's now).
    created: str | None = None
    modified: str | None = None
    #: Tables holding rows of the entity by ``main.key``, cleared with it on delete.
    cascade: tuple[str, ...] = ()

    def values(self, params: Mapping[str, Any], extra: Extra | None = None) -> dict[str, dict[str, Any]]:
        """``{table: {column: value}}`` the call (and ``extra``) writes, every table a key."""
        out = columns(params, self.spec)
        for table in (self.main.table, *(p.table for p in self.parts)):
            out[table] = {**out.get(table, {}), **(extra or {}).get(table, {})}
        return out

    def add(self, params: Mapping[str, Any], ctx: Mapping[str, Any],
            extra: Extra | None = None, at: int = 0) -> list[Statement]:
        """The INSERTs of a new entity: the main row first (statement ``at`` of the write),
        its parts after it."""
        values = self.values(params, extra)
        now = now_db()
        stamps = {c: now for c in (self.created, self.modified) if c}
        main = {**self.main.defaults, **stamps, **values[self.main.table]}
        return [insert(self.main.table, main),
                *(s for p in self.parts for s in p.rows(InsertId(at), ctx, values[p.table]))]

    def update(self, ident: Any, params: Mapping[str, Any], ctx: Mapping[str, Any],
               extra: Extra | None = None, touch: bool = False) -> list[Statement]:
        """The UPDATEs of what the call gives, the main row's ``modified`` (and the parts'
        own) with them (also when only parts change, or, with ``touch``, when the write
        changes other rows of the entity). Nothing when there is nothing to write."""
        values = self.values(params, extra)
        main = dict(values[self.main.table])
        if self.modified and (main or touch or any(values[p.table] for p in self.parts)):
            # a modification time the write gives itself (a call's ``modified_time``) wins
            now = now_db()
            main.setdefault(self.modified, now)
            for p in self.parts:
                if p.modified:
                    values[p.table] = {p.modified: now, **values[p.table]}
        parts = [s for p in self.parts if values[p.table] for s in p.changes(ident, ctx, values[p.table])]
        head = [update(self.main.table, main, f"`{self.main.key}` = ?", ident)] if main else []
        return head + parts

    def must_update(self, ident: Any, params: Mapping[str, Any], ctx: Mapping[str, Any],
                    extra: Extra | None = None) -> list[Statement]:
        """:meth:`update`, refusing a call that gives nothing to write (the contract's
        ``nothing to update``)."""
        out = self.update(ident, params, ctx, extra)
        if not out:
            raise ApiError.nothing_to_update()
        return out

    def deletes(self, more: Sequence[str] = ()) -> Cascade:
        """The entity's delete as a :class:`~.cascade.Cascade` over ``ids``: its own tables,
        its parts, ``cascade`` and ``more`` (tables of one version)."""
        tables = dict.fromkeys((self.main.table, *(p.table for p in self.parts),
                                *self.cascade, *more))
        return Cascade(Step(tuple(tables), f"`{self.main.key}` IN (??)", "ids"))

    def delete(self, ids: Any, more: Sequence[str] = ()) -> list[Statement]:
        """DELETEs of the entity (an id or a list of ids; none for an empty list)."""
        return self.deletes(more).statements({"ids": ids if isinstance(ids, list) else [ids]})


def _where(part: Part, ident: Any, ctx: Mapping[str, Any]) -> tuple[Any, ...]:
    sql, params = part.where(ident, ctx)
    return (sql, *params)
