"""GraphQL simulator machinery: what a query costs and the points paying it, Relay pages,
views over stored records, requests, and mutations answering their ``userErrors``.

Cost-limited GraphQL APIs (Shopify's Admin API, GitHub's GraphQL API...) price a query from
its selections before running it: a leaf field costs nothing, an object a point, a Relay
connection a base price plus its page size (``first`` / ``last``) times the cost of one node,
and a mutation a flat price per root field. :class:`Coster` computes that requested cost from
the document (fragments expanded; an interface's or union's members are alternatives, the
costliest counts), the actual cost from the answer's data, and the depth of nested
connections (bulk exports limit it). The prices are :class:`CostRules`; :class:`Points` is
the server's bucket (``maximum`` points, restored at ``restore_per_s`` on the simulator's
clock).

:func:`relay_page` is one page of a Relay connection (``edges``/``nodes``/``pageInfo``) over
records in order, with opaque cursors (:func:`encode_cursor`: base64 JSON of the last sort
value and id). :func:`record_resolver` lets a view name only what differs from the stored
record it wraps. :func:`request_payload` and :func:`prepare` read a GraphQL-over-HTTP request
and its one operation. :func:`mutation_resolver` answers a mutation's payload with its
``userErrors`` (raised as :class:`UserErrors`, or a Rails-style 422 of the kit's record rules
turned into them). A platform's simulator declares its numbers and renders its errors and
``extensions`` in its own words.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLFieldResolver,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_operation_ast,
    is_leaf_type,
    parse,
    validate,
    value_from_ast_untyped,
)

from anycart.transport.ratelimit import Clock

from .errors import SimError
from .graphql_records import RecordFields

__all__ = [
    "CostRules",
    "Coster",
    "Points",
    "UserErrors",
    "camel",
    "decode_cursor",
    "encode_cursor",
    "fragments_of",
    "mutation_resolver",
    "prepare",
    "rails_user_errors",
    "record_resolver",
    "relay_page",
    "request_payload",
    "user_error",
]

#: no value: cost a selection as requested, not from an answer
_ASKED = object()


@dataclass(frozen=True)
class CostRules:
    """The prices: an object, a connection (before its nodes), a mutation's root field; which
    types are connections (by name suffix) and which arguments give a page's size."""

    object: int = 1
    connection: int = 2
    mutation: int = 10
    connection_suffix: str = "Connection"
    page_args: tuple[str, ...] = ("first", "last")

    def is_connection(self, kind: GraphQLNamedType) -> bool:
        return kind.name.endswith(self.connection_suffix)


@dataclass
class Points:
    """A bucket of ``maximum`` points restored at ``restore_per_s`` a second."""

    clock: Clock
    maximum: float
    restore_per_s: float
    available: float = field(init=False)
    at: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.available = self.maximum

    def level(self) -> float:
        now = self.clock.now()
        if self.at is not None:
            self.available = min(self.maximum,
                                 self.available + (now - self.at) * self.restore_per_s)
        self.at = now
        return self.available

    def take(self, cost: float) -> bool:
        """Spend ``cost`` if that many points are available (else spend nothing)."""
        if self.level() < cost:
            return False
        self.available -= cost
        return True

    def give(self, points: float) -> None:
        """Give back what a query was charged and did not cost."""
        self.available = min(self.maximum, self.level() + points)


def encode_cursor(key: tuple[Any, ...]) -> str:
    """An opaque cursor for a record at ``key`` = (sort value, ..., id)."""
    return base64.b64encode(json.dumps({"last_id": key[-1], "last_value": key[0]})
                            .encode()).decode()


def decode_cursor(cursor: str) -> tuple[Any, ...] | None:
    """(sort value, id) of an :func:`encode_cursor` cursor; None for anything else."""
    try:
        raw = json.loads(base64.b64decode(cursor.encode(), validate=True))
        return (raw["last_value"], raw["last_id"])
    except (ValueError, KeyError, TypeError):
        return None


def relay_page(ordered: Sequence[Any], keys: Sequence[tuple[Any, ...]],
               make: Callable[[Any], dict[str, Any]], size: int | None, *,
               first: int | None = None, after: str | None = None, last: int | None = None,
               before: str | None = None, reverse: bool = False,
               bad_cursor: Callable[[str], Exception]) -> dict[str, Any]:
    """One page of ``ordered`` (``keys`` their cursor keys, in the same order, descending
    when ``reverse``): after ``after`` and before ``before``, the first or last ``size``
    (None: all) of what remains. A cursor that does not decode raises ``bad_cursor(it)``."""
    def beyond(k: tuple[Any, ...], c: tuple[Any, ...]) -> bool:
        return k < c if reverse else k > c

    def decoded(cursor: str) -> tuple[Any, ...]:
        key = decode_cursor(cursor)
        if key is None:
            raise bad_cursor(cursor)
        return key

    lo, hi = 0, len(ordered)
    if after:
        c = decoded(after)
        lo = next((i for i, k in enumerate(keys) if beyond(k, c)), hi)
    if before:
        c = decoded(before)
        hi = max(next((i for i, k in enumerate(keys) if not beyond(c, k)), hi), lo)
    start, end = lo, hi
    if first is not None and size is not None:
        end = min(hi, lo + size)
    elif last is not None and size is not None:
        start = max(lo, hi - size)
    chosen = range(start, end)
    nodes = [make(ordered[i]) for i in chosen]
    return {"edges": [{"cursor": encode_cursor(keys[i]), "node": n}
                      for i, n in zip(chosen, nodes, strict=True)],
            "nodes": nodes,
            "pageInfo": {"hasNextPage": end < len(ordered), "hasPreviousPage": start > 0,
                         "startCursor": encode_cursor(keys[start]) if nodes else None,
                         "endCursor": encode_cursor(keys[end - 1]) if nodes else None}}


def record_resolver(record_key: str) -> GraphQLFieldResolver:
    """graphql-core's default resolver, plus: a field a view (a dict) does not name is read
    from the record it holds under ``record_key`` (:class:`~.graphql_records.RecordFields`
    with no platform converters)."""
    return RecordFields(record_key).resolver()


def request_payload(body: bytes, content_type: str) -> dict[str, Any] | None:
    """``{"query", "variables", "operationName"}`` from a JSON body, or a raw
    ``application/graphql`` query; None when the body is neither (a 400 of the platform)."""
    if content_type.split(";")[0].strip().lower() == "application/graphql":
        return {"query": body.decode(errors="replace")}
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str) or \
            not isinstance(payload.get("variables") or {}, dict):
        return None
    return payload


def prepare(schema: GraphQLSchema, query: str, operation: str | None
            ) -> tuple[DocumentNode, OperationDefinitionNode] | list[Mapping[str, object]]:
    """The parsed document and the operation to run, or the errors to answer (a syntax
    error, validation errors against ``schema``, no operation of that name)."""
    try:
        document = parse(query)
    except GraphQLError as e:
        return [e.formatted]
    invalid = validate(schema, document)
    op = get_operation_ast(document, operation)
    if invalid or op is None:
        return [e.formatted for e in invalid] or [{"message": "An operation name is required"}]
    return document, op


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    """The document's named fragments, for :class:`Coster`."""
    return {d.name.value: d for d in document.definitions
            if isinstance(d, FragmentDefinitionNode)}


@dataclass
class Coster:
    """Costs one operation of a document, requested (before) or actual (from the data)."""

    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    rules: CostRules = field(default_factory=lambda: CostRules())

    def operation(self, op: OperationDefinitionNode, data: Any = _ASKED) -> int:
        if op.operation.value == "mutation":
            return self.rules.mutation * len(self._fields(op.selection_set))
        root = self.schema.query_type
        assert root is not None
        return self.selection(op.selection_set, root, data)

    def _fields(self, selection_set: SelectionSetNode | None) -> list[FieldNode]:
        out: list[FieldNode] = []
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                out.append(sel)
            elif isinstance(sel, InlineFragmentNode):
                out.extend(self._fields(sel.selection_set))
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value in self.fragments:
                out.extend(self._fields(self.fragments[sel.name.value].selection_set))
        return out

    def selection(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType,
                  data: Any) -> int:
        """Fields add up; fragments on other types (an interface's or union's members) are
        alternatives: the costliest counts, as Shopify documents."""
        total, alternatives = 0, dict[str, int]()
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                total += self._field_of(sel, parent, data)
                continue
            if isinstance(sel, FragmentSpreadNode):
                frag = self.fragments.get(sel.name.value)
                if frag is None:
                    continue
                condition, inner = frag.type_condition, frag.selection_set
            elif isinstance(sel, InlineFragmentNode):
                condition, inner = sel.type_condition, sel.selection_set
            else:
                continue
            kind = self.schema.get_type(condition.name.value) if condition else parent
            cost = self.selection(inner, kind or parent, data)
            if kind is None or kind.name == parent.name:
                total += cost
            else:
                alternatives[kind.name] = alternatives.get(kind.name, 0) + cost
        return total + max(alternatives.values(), default=0)

    def _field_of(self, f: FieldNode, parent: GraphQLNamedType, data: Any) -> int:
        name = f.name.value
        fields = getattr(parent, "fields", {})
        if name.startswith("__") or name not in fields:
            return 0
        value = data.get(f.alias.value if f.alias else name) if isinstance(data, dict) else data
        if data is not _ASKED and value is None:
            return 0
        return self.field(f, get_named_type(fields[name].type), value)

    def field(self, f: FieldNode, kind: GraphQLNamedType, value: Any) -> int:
        if is_leaf_type(kind):
            return 0
        if self.rules.is_connection(kind) and isinstance(kind, GraphQLObjectType):
            node = get_named_type(kind.fields["nodes"].type)
            return self.rules.connection + self._nodes(f, node, value)
        one = self.rules.object
        if isinstance(value, list):
            return sum(one + self.selection(f.selection_set, kind, v) for v in value)
        return one + self.selection(f.selection_set, kind, value)

    def _nodes(self, f: FieldNode, node: GraphQLNamedType, value: Any) -> int:
        """Per node: the cost of what ``edges { node }`` and ``nodes`` ask of it."""
        inner = [s for s in self._fields(f.selection_set) if s.name.value in ("edges", "nodes")]
        if value is _ASKED:
            size = next((n for a in self.rules.page_args if (n := self._arg(f, a))), 1)
            per = sum(self._per_node(s, node, _ASKED) for s in inner)
            return int(size) * per
        return sum(self._per_node(s, node, value.get(s.alias.value if s.alias else
                                                     s.name.value) or [])
                   for s in inner)

    def _per_node(self, s: FieldNode, node: GraphQLNamedType, items: Any) -> int:
        """Each node is an object plus what is asked of it."""
        one = self.rules.object
        if s.name.value == "nodes":
            return one + self.selection(s.selection_set, node, _ASKED) if items is _ASKED else \
                sum(one + self.selection(s.selection_set, node, v) for v in items)
        node_fields = [n for n in self._fields(s.selection_set) if n.name.value == "node"]
        return sum(one + self.selection(n.selection_set, node, _ASKED) if items is _ASKED else
                   sum(one + self.selection(n.selection_set, node,
                                            e.get(n.alias.value if n.alias else "node"))
                       for e in items)
                   for n in node_fields)

    def connections(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType,
                    depth: int = 0) -> list[int]:
        """The nesting depth of every connection asked for (bulk queries are limited)."""
        found: list[int] = []
        for f in self._fields(selection_set):
            fields = getattr(parent, "fields", {})
            if f.name.value not in fields:
                continue
            kind = get_named_type(fields[f.name.value].type)
            inner = depth + 1 if self.rules.is_connection(kind) else depth
            if inner > depth:
                found.append(inner)
            found += self.connections(f.selection_set, kind, inner)
        return found

    def _arg(self, f: FieldNode, name: str) -> Any:
        for arg in f.arguments:
            if arg.name.value == name:
                return value_from_ast_untyped(arg.value, dict(self.variables))
        return None


# -- mutations and their userErrors ----------------------------------------------------------
class UserErrors(Exception):
    """A mutation refused: its payload carries these ``{field, message, code}`` errors."""

    def __init__(self, *errors: dict[str, Any]) -> None:
        super().__init__(errors)
        self.errors = list(errors)


def user_error(field: list[str] | None, message: str, code: str | None = None
               ) -> dict[str, Any]:
    return {"field": field, "message": message, "code": code}


def camel(name: str) -> str:
    """``body_html`` -> ``bodyHtml``."""
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)


def rails_user_errors(err: SimError, root: str, names: Mapping[str, str] | None = None
                      ) -> list[dict[str, Any]]:
    """A refusal of the kit's Rails-style rules (``{"errors": {"title": ["can't be
    blank"]}}``, ``{"errors": "Not Found"}``) as userErrors: a field's under ``[root,
    <its input name>]`` (``names``, else camelCase) with the field named in the message,
    ``base`` without a field."""
    body = err.body if isinstance(err.body, dict) else {}
    found = body.get("errors", body.get("error", "Not Found"))
    if isinstance(found, dict):
        return [user_error(None if k == "base" else [root, (names or {}).get(k) or camel(k)],
                           m if k == "base" else f"{k.replace('_', ' ').capitalize()} {m}",
                           "INVALID")
                for k, ms in found.items() for m in (ms if isinstance(ms, list) else [ms])]
    return [user_error(None, str(m)) for m in (found if isinstance(found, list) else [found])]


def _user_errors(errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {"userErrors": errors}


def mutation_resolver(fn: Callable[..., dict[str, Any]], root: str, *,
                      context: Callable[[GraphQLResolveInfo], Any] = lambda info: info.context,
                      answer: Callable[[list[dict[str, Any]]], dict[str, Any]] = _user_errors,
                      names: Mapping[str, str] | None = None) -> GraphQLFieldResolver:
    """A root mutation's resolver: ``fn(context, **args)``'s payload with no errors, else the
    errors (:class:`UserErrors`, or a :class:`SimError` of the record rules, its fields
    under ``root``) laid out by ``answer`` (``userErrors`` unless the payload names its own)."""
    def resolve(_: Any, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:
        try:
            return {**answer([]), **fn(context(info), **args)}
        except UserErrors as e:
            return answer(e.errors)
        except SimError as e:
            return answer(rails_user_errors(e, root, names))
    return resolve
