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
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Mapping
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any

from .idlist import IdList

Pair = tuple[dict[str, Any], dict[str, Any]]  # (parent, child)


@dataclass(frozen=True)
class Nest:
    path: str  # the parents' list, e.g. ``products.json``
    key: str  # their JSON key
    children: str  # the key of the list inside each parent
    fields: str  # the parent fields the unified children need
    narrow: str  # the contract parameters that read parents by id instead


async def _children(ids: IdList, nest: Nest, query: Mapping[str, Any], after: int | None = None,
                    skip: int = 0) -> AsyncGenerator[tuple[Pair, int], None]:
    """(parent, child) pairs in order and, with each, how many of its parent's children it
    completes; from parent ``after`` on (its first ``skip`` children left out), else from
    the start."""
    params = {**query, "fields": nest.fields, ids.since_param: after - 1 if after else None}
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
