"""Writes declared as data: how a client body becomes a new record or changes a stored one,
validated the way Rails-backed REST platforms do (Shopify, BigCommerce, Spree; WooCommerce's
REST controllers alike): every field's error is collected, then one 422
``{"errors": {"title": ["can't be blank"], ...}}``.

    CARRIERS = Form("carrier_services", RECORDS["carrier_service"],
                    rules={"name": values.stripped, "active": values.flag},
                    required=("name",), unique=(Unique("name"),), start=new_id)
    Crud("carrier_services", "carrier_service", query, CARRIERS.create, CARRIERS.update)

A create starts from the record's :class:`~anycart.sandbox.templates.Template` (with what
``start`` gives: its id) and the stamp; an update works on a copy that is kept only when
valid. Either way the declared :data:`~anycart.sandbox.values.Rules` convert the fields the
body carries, ``hooks`` handle what a rule cannot (fields depending on one another), a
:class:`Slug` keeps the URL handle unique, ``required`` fields may not end up blank and
``unique`` ones may not be another record's; ``kept`` runs once the record is valid (child
ids, link rows). Unique fields and the slug are looked up through the table's
:class:`~anycart.sandbox.table.Index`, kept current here on update.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .crud import commit, drafted
from .table import Record, Table
from .templates import Template
from .values import Errors, Rules, add, assign, check, unique_slug

BLANK = "can't be blank"
TAKEN = "has already been taken"
INVALID = "is invalid"
NOT_IN_LIST = "is not included in the list"

#: (call, record being written, client body, errors): what a rule cannot say
Hook = Callable[[Any, Record, Mapping[str, Any], Errors], None]
#: (call, stored record or None for a create, the valid record about to be kept, client body)
Kept = Callable[[Any, Record | None, Record, Mapping[str, Any]], None]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


@dataclass(frozen=True)
class Unique:
    """``field`` (compared case-insensitively) is no other record's; the error goes to
    ``at`` (default: the field) with ``message``, which may name the record's fields."""

    field: str
    message: str = TAKEN
    at: str | None = None


@dataclass(frozen=True)
class Slug:
    """A URL handle (Shopify ``handle``, WooCommerce ``slug``, Magento ``url_key``): the
    one asked for, else ``source``'s slug made unique with ``-1``, ``-2``...; an update may
    not take another record's (:func:`~anycart.sandbox.values.unique_slug`), nor one of
    the ``shared`` tables' (Shopify's custom and smart collections share their handles)."""

    field: str = "handle"
    source: str = "title"
    shared: tuple[str, ...] = ()


def _nothing(*args: Any) -> None:
    return None


@dataclass(frozen=True)
class Form:
    table: str
    template: Template
    rules: Rules = field(default_factory=dict)
    #: rules a create takes instead of ``rules`` (a blank value taking the default)
    create_rules: Rules = field(default_factory=dict)
    required: tuple[str, ...] = ()
    unique: tuple[Unique, ...] = ()
    slug: Slug | None = None
    hooks: tuple[Hook, ...] = ()
    #: (call) -> the values a new record starts from beyond the template (its id)
    start: Callable[[Any], Mapping[str, Any]] = lambda call: {}
    #: (call, stored record or None) -> now, as the platform stamps it; None: no stamps
    stamp: Callable[[Any, Record | None], str] | None = None
    kept: Kept = _nothing
    key: str = "id"

    def _table(self, call: Any) -> Table:
        table: Table = call.tenant.table(self.table)
        return table

    def creating(self, call: Any, record: Record) -> bool:
        """Whether ``record`` is being created (it is not in the table yet): for hooks."""
        return record[self.key] not in self._table(call)

    def _validate(self, call: Any, record: Record, body: Mapping[str, Any], errors: Errors,
                  creating: bool) -> None:
        assign(record, body, {**self.rules, **self.create_rules} if creating else self.rules,
               errors)
        for hook in self.hooks:
            hook(call, record, body, errors)
        table = self._table(call)
        own = None if creating else record[self.key]
        if self.slug is not None and (creating or self.slug.field in body):
            record[self.slug.field] = unique_slug(
                table.index(self.slug.field), body.get(self.slug.field),
                record.get(self.slug.source) or "", own, errors, self.slug.field,
                [call.tenant.table(t).index(self.slug.field) for t in self.slug.shared])
        for name in self.required:
            if _blank(record.get(name)):
                add(errors, name, BLANK)
        for u in self.unique:
            value = record.get(u.field)
            if not _blank(value) and table.index(u.field).get(value) not in (None, own):
                add(errors, u.at or u.field, u.message.format_map(record))
        check(errors)

    def create(self, call: Any, body: Mapping[str, Any]) -> Record:
        values = dict(self.start(call))
        if self.stamp is not None:
            now = self.stamp(call, None)
            values.update({k: now for k in ("created_at", "updated_at")
                           if k in self.template.fields})
        record = self.template.make(values)
        self._validate(call, record, body, {}, creating=True)
        self.kept(call, None, record, body)
        return record

    def update(self, call: Any, stored: Record, body: Mapping[str, Any]) -> None:
        draft = drafted(stored)
        if self.stamp is not None and "updated_at" in draft:
            draft["updated_at"] = self.stamp(call, stored)
        self._validate(call, draft, body, {}, creating=False)
        self.kept(call, stored, draft, body)
        table = self._table(call)
        names = [u.field for u in self.unique] + ([self.slug.field] if self.slug else [])
        for name in dict.fromkeys(names):
            table.reindex(name, stored.get(name), draft.get(name), stored[self.key])
        commit(stored, draft)
