"""GraphQL views over stored records: a view declares only what differs from its record.

A simulator that keeps records in one shape (a platform's REST or webhook JSON) and serves
them through GraphQL wraps each record in a *view*: a dict keyed by GraphQL field names,
holding the record under ``record_key``. A field the view does not name is read from the
record by the snake_case of its name (``productType`` -> ``product_type``) and converted by
the field's GraphQL type, as the schema says:

- an enum: the stored word upper-cased, other characters as ``_`` (``active`` -> ``ACTIVE``,
  ``orders/create`` -> ``ORDERS_CREATE``, ``alpha-asc`` -> ``ALPHA_ASC``);
- a custom scalar: the platform's converter for it (``DateTime``: a stored time as UTC);
- ``id`` (``ID``): the platform's node id of the object's type and the stored id (a gid);
- a non-null ``String`` stored as null: ``""`` (a GraphQL server never answers null there;
  ``blank`` says the same of other types, as ``{"HTML": ""}``).

``renamed`` names the record keys of fields whose name is not the snake_case of the stored
one (``legacyResourceId`` -> ``id``), for every type or, keyed ``Type.field``, for one type
(``Image.url`` -> ``src``); a tuple is read in order, the first non-null value wins
(``updatedAt`` -> ``updated_at``, else ``created_at``).

    FIELDS = RecordFields("_rest", scalars={"DateTime": to_utc},
                          renamed={"legacyResourceId": "id"},
                          node_id=lambda kind, rid: f"gid://shop/{kind}/{rid}")
    view = {"_rest": product, "displayName": ...}   # everything else read from ``product``
    execute(schema, document, field_resolver=FIELDS.resolver())

A value the view names is answered as it is; a callable one is called with ``(info,
**args)`` (a field that takes arguments, or is costly to build).

``objects`` reads a field of an object type that the record keeps in another shape (Shopify's
``MoneyBag`` from a REST ``*_set``): called with the view and the record key the field is
read from (renamed, else the snake_case name), so it can also use what the view holds beside
the record (the order whose currencies a money amount is in).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLFieldResolver,
    GraphQLNonNull,
    GraphQLResolveInfo,
    GraphQLScalarType,
)

__all__ = ["RecordFields", "enum_word", "snake"]

_UPPER = re.compile(r"(?<=[a-z0-9])([A-Z])")
_NOT_WORD = re.compile(r"[^A-Z0-9]+")


def snake(name: str) -> str:
    """``firstName`` -> ``first_name``, ``countryCodeV2`` -> ``country_code_v2``."""
    return _UPPER.sub(r"_\1", name).lower()


def enum_word(value: Any) -> str:
    """A stored word as a GraphQL enum value: ``partially_paid`` -> ``PARTIALLY_PAID``."""
    return _NOT_WORD.sub("_", str(value).upper())


def _named(info: GraphQLResolveInfo) -> Any:
    """The type of the field ``info`` names, non-null or not."""
    kind = info.return_type
    return kind.of_type if isinstance(kind, GraphQLNonNull) else kind


@dataclass(frozen=True)
class RecordFields:
    """How the fields a view does not name are read from the record it wraps."""

    #: the view's key holding the stored record
    record_key: str
    #: custom scalar name -> how a stored (non-null) value is answered
    scalars: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    #: field name (or ``Type.field``) -> the record key(s) read, where not the snake_case
    #: of the field name
    renamed: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    #: type name -> what a non-null field of it answers for a stored null
    blank: Mapping[str, Any] = field(default_factory=lambda: {"String": ""})
    #: (object type name, stored id) -> the ``id`` answered; None: the stored id as it is
    node_id: Callable[[str, Any], Any] | None = None
    #: object type name -> how a field of that type is read: ``(view, record key)``
    objects: Mapping[str, Callable[[Mapping[str, Any], str], Any]] = field(
        default_factory=dict)

    def keys(self, info: GraphQLResolveInfo) -> str | tuple[str, ...]:
        """The record key(s) the field ``info`` names is read from."""
        name = info.field_name
        return self.renamed.get(f"{info.parent_type.name}.{name}") or self.renamed.get(
            name) or snake(name)

    def read(self, record: Mapping[str, Any], info: GraphQLResolveInfo) -> Any:
        """The field ``info`` names, read from ``record`` and converted by its type."""
        name, keys = info.field_name, self.keys(info)
        value = next((v for k in ((keys,) if isinstance(keys, str) else keys)
                      if (v := record.get(k)) is not None), None)
        named = _named(info)
        if value is None:
            return self.blank.get(getattr(named, "name", "")) \
                if isinstance(info.return_type, GraphQLNonNull) else None
        if name == "id" and self.node_id is not None:
            return self.node_id(info.parent_type.name, value)
        if isinstance(named, GraphQLEnumType):
            return enum_word(value)
        if isinstance(named, GraphQLScalarType) and named.name in self.scalars:
            return self.scalars[named.name](value)
        return value

    def resolver(self) -> GraphQLFieldResolver:
        """graphql-core's default resolver, plus the record read for what a view omits."""
        def resolve(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
            name = info.field_name
            if isinstance(source, Mapping):
                if name in source:
                    value = source[name]
                elif self.record_key in source:
                    reader = self.objects.get(getattr(_named(info), "name", ""))
                    if reader is not None:
                        keys = self.keys(info)
                        return reader(source, keys if isinstance(keys, str) else keys[0])
                    return self.read(source[self.record_key], info)
                else:
                    value = None
            else:
                value = getattr(source, name, None)
            return value(info, **args) if callable(value) else value
        return resolve
