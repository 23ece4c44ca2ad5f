"""Shopify's GraphQL query cost and the per-shop bucket of points it is paid from.

Cost rules, as Shopify documents them (shopify.dev, "API rate limits"): a scalar or enum
field costs 0, an object 1, a connection 2 plus its page size (``first`` or ``last``) times
the cost of one node, a mutation 10. The requested cost is computed from the query before it
runs and must be available in the bucket; a single query above 1000 points is refused
(``MAX_COST_EXCEEDED``). The actual cost counts the nodes the answer really holds, and the
difference is given back. The bucket holds 2000 points and restores 100 a second on the
simulator's clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    is_leaf_type,
    value_from_ast_untyped,
)

from anycart.transport.ratelimit import Clock

MAX_QUERY_COST = 1000
MAXIMUM_AVAILABLE = 2000
RESTORE_RATE = 100
MUTATION_COST = 10
#: no value: cost a selection as requested, not from an answer
_ASKED = object()


@dataclass
class Points:
    """The shop's points: ``maximumAvailable``, restored at ``restoreRate`` a second."""

    clock: Clock
    available: float = MAXIMUM_AVAILABLE
    at: float | None = None

    def level(self) -> float:
        now = self.clock.now()
        if self.at is not None:
            self.available = min(MAXIMUM_AVAILABLE,
                                 self.available + (now - self.at) * RESTORE_RATE)
        self.at = now
        return self.available

    def take(self, cost: float) -> bool:
        if self.level() < cost:
            return False
        self.available -= cost
        return True

    def give(self, points: float) -> None:
        self.available = min(MAXIMUM_AVAILABLE, self.level() + points)

    def status(self) -> dict[str, float | int]:
        """As Shopify renders it: ``{"maximumAvailable": 2000.0, "currentlyAvailable": 1990,
        "restoreRate": 100.0}``."""
        return {"maximumAvailable": float(MAXIMUM_AVAILABLE),
                "currentlyAvailable": int(self.level()), "restoreRate": float(RESTORE_RATE)}


@dataclass
class Coster:
    """Costs one operation of a document, requested (before) or actual (from the data)."""

    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]

    def operation(self, op: OperationDefinitionNode, data: Any = _ASKED) -> int:
        if op.operation.value == "mutation":
            return MUTATION_COST * len(self._fields(op.selection_set))
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
        if kind.name.endswith("Connection") and isinstance(kind, GraphQLObjectType):
            node = get_named_type(kind.fields["nodes"].type)
            return 2 + self._nodes(f, node, value)
        if isinstance(value, list):
            return sum(1 + self.selection(f.selection_set, kind, v) for v in value)
        return 1 + self.selection(f.selection_set, kind, value)

    def _nodes(self, f: FieldNode, node: GraphQLNamedType, value: Any) -> int:
        """Per node: the cost of what ``edges { node }`` and ``nodes`` ask of it."""
        inner = [s for s in self._fields(f.selection_set) if s.name.value in ("edges", "nodes")]
        if value is _ASKED:
            size = self._arg(f, "first") or self._arg(f, "last") or 1
            per = sum(self._per_node(s, node, _ASKED) for s in inner)
            return int(size) * per
        return sum(self._per_node(s, node, value.get(s.alias.value if s.alias else
                                                     s.name.value) or [])
                   for s in inner)

    def _per_node(self, s: FieldNode, node: GraphQLNamedType, items: Any) -> int:
        """Each node is an object (1) plus what is asked of it."""
        if s.name.value == "nodes":
            return 1 + self.selection(s.selection_set, node, _ASKED) if items is _ASKED else \
                sum(1 + self.selection(s.selection_set, node, v) for v in items)
        node_fields = [n for n in self._fields(s.selection_set) if n.name.value == "node"]
        return sum(1 + self.selection(n.selection_set, node, _ASKED) if items is _ASKED else
                   sum(1 + self.selection(n.selection_set, node,
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
            inner = depth + 1 if kind.name.endswith("Connection") else depth
            if inner > depth:
                found.append(inner)
            found += self.connections(f.selection_set, kind, inner)
        return found

    def _arg(self, f: FieldNode, name: str) -> Any:
        for arg in f.arguments:
            if arg.name.value == name:
                return value_from_ast_untyped(arg.value, dict(self.variables))
        return None
