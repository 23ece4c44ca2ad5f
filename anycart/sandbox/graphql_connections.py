"""Relay connections of a GraphQL simulator, declared once per platform.

A platform says how big a page may be (its ``first``/``last`` rules and errors), what a bad
cursor raises, and how a sort key's stored value compares; then every list field is one
declaration over its records:

    PAGES = Connections(size=shop_page_size, bad_cursor=lambda c: GraphQLError(...))
    view = {"variants": PAGES.of(p["variants"], variant_view)}      # a short list, in order
    root = PAGES.listing(product_view, all_products, syntax=SEARCH,  # a searched, sorted table
                         sorts={"TITLE": "title"}, cache=products.cached)

Pages are :func:`~.graphql.relay_page` (``edges``/``nodes``/``pageInfo``, opaque cursors of
the sort value and id); ``query`` filters by the kit's search :class:`~.search.Syntax`;
``sortKey`` names a stored field (the id breaks ties), ``reverse`` turns the order round.
A *live* search field is answered per request from other records (the products a collection
holds): a query naming one is not kept in the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLResolveInfo

from .graphql import relay_page
from .search import Matcher, Syntax, either
from .values import text

__all__ = ["Connections", "Live", "matching", "plain_sortable", "searched"]

View = dict[str, Any]
#: (info, first, last) -> the page's size (None: all that remain), or raises the platform's error
PageSize = Callable[[GraphQLResolveInfo, "int | None", "int | None"], "int | None"]
#: (key, compute) -> compute() memoized under key until the records change
Cache = Callable[[Hashable, Callable[[], Any]], Any]
#: search fields answered per request from other records: name -> (info -> its matcher)
Live = Mapping[str, Callable[[GraphQLResolveInfo], Matcher]]
_PAGING = ("first", "after", "last", "before")


def searched(info: GraphQLResolveInfo, syntax: Syntax | None, live: Live | None,
             query: str | None) -> tuple[Syntax | None, bool]:
    """The syntax ``query`` is read with (with the live fields it names), and whether its
    filtered order may be cached with the records (not when it names a live field)."""
    if syntax is None or not live or not any(f"{name}:" in str(query or "") for name in live):
        return syntax, True
    return Syntax(free=syntax.free, fields={
        **syntax.fields, **{name: make(info) for name, make in live.items()}}), False


def matching(records: Iterable[Any], syntax: Syntax | None, query: str | None) -> list[Any]:
    """The records ``query`` matches (all of them without a query or a syntax)."""
    if syntax is None or not query:
        return list(records)
    preds = either(syntax, query)
    return [r for r in records if all(p(r) for p in preds)]


def plain_sortable(path: str, value: Any) -> Any:
    """A stored value as a sort key: numbers as they are, anything else as lower-case text."""
    return value if isinstance(value, int | float) else text(value).lower()


def _by_id(record: Any) -> tuple[Any, ...]:
    return (record["id"], record["id"])


@dataclass(frozen=True)
class Connections:
    #: how many records a page holds, from ``first``/``last`` (the platform's limits)
    size: PageSize
    #: what a cursor that does not decode raises
    bad_cursor: Callable[[str], Exception]
    #: (sort field, stored value) -> its sort key
    sortable: Callable[[str, Any], Any] = plain_sortable

    def page(self, info: GraphQLResolveInfo, ordered: list[Any], keys: list[tuple[Any, ...]],
             make: Callable[[Any], View], *, first: int | None = None,
             after: str | None = None, last: int | None = None, before: str | None = None,
             reverse: bool = False) -> View:
        """One page of records already in order, ``keys`` their cursor keys."""
        return relay_page(ordered, keys, make, self.size(info, first, last), first=first,
                          after=after, last=last, before=before, reverse=reverse,
                          bad_cursor=self.bad_cursor)

    def sorted(self, info: GraphQLResolveInfo, records: Iterable[Any],
               make: Callable[[Any], View],
               key: Callable[[Any], tuple[Any, ...]] = _by_id, *, reverse: bool = False,
               **args: Any) -> View:
        """A page of ``records`` ordered by ``key`` (sort value, id)."""
        ordered = sorted(records, key=key, reverse=reverse)
        return self.page(info, ordered, [tuple(key(r)) for r in ordered], make,
                         reverse=reverse, **{k: args.get(k) for k in _PAGING})

    def of(self, items: list[Any], make: Callable[[Any], View]) -> Callable[..., View]:
        """A connection field over a short list kept in its order (a product's variants, an
        order's lines): cursors are positions."""
        indexed = list(enumerate(items))
        return lambda info, **a: self.sorted(info, indexed, lambda p: make(p[1]),
                                             lambda p: (p[0], p[0]), **a)

    def listing(self, make: Callable[[Any], View],
                records: Callable[[GraphQLResolveInfo], Iterable[Any]],
                syntax: Syntax | None = None, sorts: Mapping[str, str] | None = None,
                cache: Callable[[GraphQLResolveInfo], Cache | None] | None = None,
                live: Live | None = None) -> Callable[..., View]:
        """A searched, sorted connection field's resolver ``(source, info, **args)``. With a
        ``cache``, the filtered order is kept until the records change, so paging through a
        large table costs one page of work per page."""
        def resolve(source: Any, info: GraphQLResolveInfo, **args: Any) -> View:
            path = (sorts or {}).get(str(args.get("sortKey")), "id")
            reverse, query = bool(args.get("reverse")), args.get("query")
            read, cacheable = searched(info, syntax, live, query)

            def order() -> tuple[list[Any], list[tuple[Any, ...]]]:
                keyed = sorted(((self.sortable(path, r.get(path)), r["id"]), r)
                               for r in matching(records(info), read, query))
                if reverse:
                    keyed.reverse()
                return [r for _, r in keyed], [k for k, _ in keyed]
            kept = cache(info) if cache and cacheable else None
            ordered, keys = kept(("graphql", query, path, reverse), order) if kept else order()
            return self.page(info, ordered, keys, make, reverse=reverse,
                             **{k: args.get(k) for k in _PAGING})
        return resolve
