"""Lists of what a platform keeps only inside other records (Shopify: variants in products,
refunds in orders), served shop-wide by reading the parents.

Such children have no list and no count of their own, so a list reads the parents in id order
(:meth:`~.idlist.IdList.walk`, bounded) and flattens their children:

- a page usually ends inside a parent: that parent's id and how many of its children were
  served travel in AnyCart's ``page_cursor`` (``_after_id``, ``_skip``), and the next page
  restarts there with ``since_id`` (a ``Link`` cursor can only restart where one of the
  platform's own pages ended), so it costs a request or two;
- the total has no source but the parents themselves: a page without a known total (the
  first one, or a jump to an arbitrary ``start``) reads every parent, with only the fields
  the children need, and carries the total (``_total``) to the pages after it.

:class:`Children` serves the contract methods of such a child entity: by the parents a call
names (``product_ids``, ``order_id``), else across every parent. Children that are records
of their own under each parent (``products/<id>/variations``), listed nowhere shop-wide,
are read with their parent by :class:`Under`.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from contextlib import aclosing
from dataclasses import dataclass, field, replace
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call, Page
from anycart.platforms.overlap import split_all

from . import fields as F
from .idlist import IdList
from .local import paged
from .pagination import Paginator
from .serve import Methods, Run

Pair = tuple[dict[str, Any], dict[str, Any]]  # (parent, child)


@dataclass(frozen=True)
class Nest:
    path: str  # the parents' list, e.g. ``products.json``
    key: str  # their JSON key
    children: str  # the key of the list inside each parent
    fields: str  # the parent fields the unified children need
    narrow: str  # the contract parameters that read parents by id instead
    query: Mapping[str, Any] = field(default_factory=dict)  # sent with every parents' read


async def _children(ids: IdList, nest: Nest, query: Mapping[str, Any], after: int | None = None,
                    skip: int = 0) -> AsyncGenerator[tuple[Pair, int], None]:
    """(parent, child) pairs in order and, with each, how many of its parent's children it
    completes; from parent ``after`` on (its first ``skip`` children left out), else from
    the start."""
    params = {**nest.query, **query, "fields": nest.fields,
              ids.since_param: after - 1 if after else None}
    async with aclosing(ids.walk(nest.path, nest.key, params, nest.narrow)) as pages:
        async for parents in pages:
            for parent in parents:
                kids = parent.get(nest.children) or []
                # the parent the last page stopped in (gone if another one comes first)
                first = skip if parent["id"] == after else 0
                for n in range(first, len(kids)):
                    yield (parent, kids[n]), n + 1


async def window(ids: IdList, nest: Nest, query: Mapping[str, Any], start: int, count: int,
                 resume: Mapping[str, Any]) -> tuple[list[Pair], int, dict[str, Any]]:
    """Children ``start .. start+count``, their total, and where the next page resumes."""
    total, after = resume.get("_total"), resume.get("_after_id")
    out: list[Pair] = []
    last: tuple[int, int] | None = None
    if total is not None and after is not None:  # a page_cursor: restart where it stopped
        async with aclosing(_children(ids, nest, query, int(after),
                                      int(resume.get("_skip") or 0))) as pairs:
            async for pair, done in pairs:
                out.append(pair)
                last = (pair[0]["id"], done)
                if len(out) >= count:
                    break
    else:  # no total yet: read every parent (the only count there is) and keep the page
        total = 0
        async with aclosing(_children(ids, nest, query)) as pairs:
            async for pair, done in pairs:
                if start <= total < start + count:
                    out.append(pair)
                    last = (pair[0]["id"], done)
                total += 1
    resume_at: dict[str, Any] = {"_total": int(total)}
    if last is not None:
        resume_at.update({"_after_id": last[0], "_skip": last[1]})
    return out, int(total), resume_at


async def count(ids: IdList, nest: Nest, query: Mapping[str, Any]) -> int:
    total = 0
    async with aclosing(_children(ids, nest, query)) as pairs:
        async for _ in pairs:
            total += 1
    return total


async def find(ids: IdList, nest: Nest, query: Mapping[str, Any],
               match: Callable[[dict[str, Any]], bool]) -> Pair | None:
    """The first child ``match`` accepts, reading parents until it shows up."""
    async with aclosing(_children(ids, nest, query)) as pairs:
        async for pair, _ in pairs:
            if match(pair[1]):
                return pair
    return None


Fetch = Callable[[Any], Awaitable[dict[str, Any]]]  # one parent by id (112 when unknown)


@dataclass(frozen=True)
class Under:
    """A :class:`Children` ``fetch``: one record of ``entity`` (the connector's runner, 112
    for none) with every record at ``<its path>/<id>/<sub>`` (all pages, by ``paginator``)
    in ``_<sub>`` (WooCommerce's variations, refunds); they are read only when the record's
    own ``<sub>`` summary lists some. ``client``: the connector attribute holding the client."""

    entity: str
    sub: str
    paginator: Paginator | str
    client: str = "rest"

    def __call__(self, connector: Any) -> Fetch:
        runner = connector.runner(self.entity)
        e, rest = runner.entity, getattr(connector, self.client)

        async def fetch(ident: Any) -> dict[str, Any]:
            record = await runner.one(ident)
            path = f"{e.path}/{F.get(record, e.id_field)}/{self.sub}"
            found = [r async for chunk in rest.pages(path, self.paginator) for r in chunk] \
                if record.get(self.sub) else []
            return {**record, f"_{self.sub}": found}
        return fetch


@dataclass(frozen=True)
class Children:
    """A child entity read through its parents, declared: ``name`` the contract entity
    (``product.child_item``), ``key`` its list in each parent, ``parents`` the contract
    parameters naming parents (all of them together) and ``parent`` the one ``info`` takes;
    ``fetch`` names the connector method reading one parent (or makes it of the connector:
:class:`Under`); ``map`` makes (parent, child)
    unified, ``id_key`` a child's id. ``nest``: how to read every parent when none is named (None: a parent is
    required), or ``walk`` choosing it per call; ``keep``: a filter on (params, parent) of
    named parents, applying the ``accepts`` parameters. ``methods()`` for :func:`~.serve.attach`
    (the connector holds an ``ids`` :class:`IdList`)."""

    name: str
    key: str
    label: str
    parents: tuple[str, ...]
    parent: str
    fetch: str | Callable[[Any], Fetch]
    map: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]
    nest: Nest | None = None
    walk: Callable[[Mapping[str, Any]], Nest] | None = None
    keep: Callable[[Mapping[str, Any], dict[str, Any]], bool] | None = None
    accepts: frozenset[str] = frozenset()
    verbs: tuple[str, ...] = ("list", "info")
    plural: str = "items"
    id_key: str = "id"
    #: The parent of a child asked of the platform by the child's id alone, where its ids
    #: are global (a Shopify Return gid): ``info`` then needs no parent named. None from it:
    #: no such child (112).
    owner: Callable[[Any, str], Awaitable[str | None]] | None = None

    def applied(self, verb: str) -> frozenset[str]:
        return (frozenset({"id", self.parent}) if verb == "info"
                else frozenset({*self.parents, *self.accepts}))

    def methods(self) -> Methods:
        return {f"{self.name}.{verb}": (self._run(verb), self.applied(verb)) for verb in self.verbs}

    def _run(self, verb: str) -> Run:
        async def run(connector: Any, call: Call) -> Any:
            # a child whose parent must be named walks no parents: no ``ids`` needed
            fetch = getattr(connector, self.fetch) if isinstance(self.fetch, str) \
                else self.fetch(connector)
            if verb == "info":
                call = await self._owned(connector, call)
            return await getattr(self, verb)(fetch, getattr(connector, "ids", None), call)
        return run

    async def _owned(self, connector: Any, call: Call) -> Call:
        """``call`` naming the parent :attr:`owner` finds for its ``id``, when it names none."""
        rid = call.params.get("id")
        if self.owner is None or rid in (None, "") or call.params.get(self.parent) not in (None, ""):
            return call
        parent = await self.owner(connector, str(rid))
        if parent is None:
            raise ApiError.not_found(self.label, rid)
        return replace(call, params={**call.params, self.parent: parent})

    async def named(self, fetch: Fetch, params: Mapping[str, Any]) -> list[Pair] | None:
        """The children of the parents ``params`` names, or None when it names none."""
        ids = split_all(params, *self.parents)
        if not ids:
            if self.nest is None:
                raise ApiError.required(self.parents[-1])
            return None
        parents = [await fetch(i) for i in ids]
        return [(p, c) for p in parents if self.keep is None or self.keep(params, p)
                for c in p.get(self.key) or []]

    def _walk(self, params: Mapping[str, Any]) -> Nest:
        assert self.nest is not None, f"{self.label}: no parent walk declared"
        return self.walk(params) if self.walk is not None else self.nest

    async def list(self, fetch: Fetch, ids: IdList, call: Call) -> Page:
        pairs = await self.named(fetch, call.params)
        if pairs is not None:
            items = [self.map(*pair) for pair in pairs]
            return paged(items, call)
        found, total, resume = await window(ids, self._walk(call.params), {}, call.start,
                                            call.count, call.params)
        return Page([self.map(*pair) for pair in found], total, resume=resume)

    async def count(self, fetch: Fetch, ids: IdList, call: Call) -> dict[str, Any]:
        pairs = await self.named(fetch, call.params)
        total = len(pairs) if pairs is not None else await count(ids, self._walk(call.params), {})
        return {f"{self.plural}_count": total}

    async def info(self, fetch: Fetch, ids: IdList, call: Call) -> dict[str, Any]:
        """One child by ``id``, in the parent ``parent`` names (else searched in all)."""
        if self.nest is None:
            call.require(self.parent)
        rid = str(call.require("id"))
        given = call.params.get(self.parent)

        def match(child: dict[str, Any]) -> bool:
            return str(child.get(self.id_key)) == rid

        if given not in (None, ""):
            found = next((pc for pc in await self.named(fetch, {self.parent: given}) or []
                          if match(pc[1])), None)
        else:  # no lookup by id without the parent: read the parents until it shows up
            found = await find(ids, self._walk({}), {}, match)
        if found is None:
            raise ApiError.not_found(self.label, rid)
        return self.map(*found)
