"""What a platform cannot filter or list by itself, done on this side.

:func:`inside` finds one record in a list its parent holds;
:func:`scan` reads parents page by page for what they hold (options in products), until
enough is found or the parents end; :func:`keep` is a list call's filters applied to unified
records (an exact SKU, a part of a name, a flag, date bounds), for children the platform
only returns inside their parents.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call, Page

from .fields import EMPTY, get

Record = dict[str, Any]


def inside(parent: Record, key: str, id_path: str, ident: Any, label: str,
           shown: Any = None) -> Record:
    """The record ``ident`` names in the list at ``key`` (a dotted path) of ``parent``
    (images in a product, shipments in an order), or 112 naming it (as ``shown``, the id
    the caller gave)."""
    want = str(ident).strip()
    for record in get(parent, key) or []:
        if str(get(record, id_path)) == want:
            found: dict[str, Any] = record
            return found
    raise ApiError.not_found(label, ident if shown is None else shown)


def paged(items: list[Any], call: Call) -> Page:
    """The call's page of ``items``, all there are (their total known)."""
    return Page(items[call.start:call.start + call.count], len(items))


async def scan(pages: AsyncIterator[list[Record]], page_size: int,
               extract: Callable[[Record], list[Any]], need: int) -> tuple[list[Any], bool]:
    """What ``extract`` finds in the parents of ``pages`` until ``need`` are found: (found,
    whether every parent was read). A page shorter than ``page_size`` is the last."""
    found: list[Any] = []
    try:
        async for chunk in pages:
            for parent in chunk:
                found.extend(extract(parent))
            if len(chunk) < page_size:
                return found, True
            if len(found) >= need:
                return found, False
        return found, True
    finally:  # a walk left early: its generator closes now, not when collected
        close = getattr(pages, "aclose", None)
        if close is not None:
            await close()


async def scan_page(pages: AsyncIterator[list[Record]], page_size: int,
                    extract: Callable[[Record], list[Any]], call: Call) -> Page:
    """A page of a scan; its total only when the scan reached the last parent (one item past
    the page is read to know whether more follow)."""
    found, complete = await scan(pages, page_size, extract, call.start + call.count + 1)
    return Page(found[call.start:call.start + call.count], len(found) if complete else None)


def keep(params: Mapping[str, Any], *, sku: str = "sku", find: tuple[str, ...] = (),
         find_default: str = "name", flags: Mapping[str, str] | None = None,
         dates: Mapping[str, str] | None = None,
         parse: Callable[[Any], datetime | None] = lambda v: None) -> Callable[[Record], bool]:
    """A predicate on unified records for ``params``: ``sku`` equal (case aside) to the
    record's ``sku`` field; ``find_value`` a part of the ``find_where`` field (one of
    ``find``); each of ``flags`` (param -> field) equal; ``created_from/_to`` and
    ``modified_from/_to`` bounds on ``dates`` (``"created"``/``"modified"`` -> field), read by
    ``parse`` (a bare date as an end bound takes the whole day). 109 for a ``find_where``
    outside ``find``."""
    want_sku = str(params["sku"]).casefold() if params.get("sku") not in EMPTY else None
    value = str(params["find_value"]).casefold() if params.get("find_value") not in EMPTY else None
    where = str(params.get("find_where") or find_default).lower()
    if value is not None and where not in find:
        raise ApiError.not_allowed("find_where", tuple(find))
    wanted = {f: params[p] for p, f in (flags or {}).items() if params.get(p) is not None}
    bounds = []
    for kind, field in (dates or {}).items():
        for name in (f"{kind}_from", f"{kind}_to"):
            if params.get(name) not in EMPTY:
                bound = parse(params[name])
                if bound is None:
                    raise ApiError.invalid(name)
                if bound.tzinfo is not None:
                    bound = bound.astimezone(UTC)
                text = str(params[name]).strip()
                whole_day = len(text) <= 10 and ":" not in text
                bounds.append((field, name.endswith("_from"), bound.replace(tzinfo=None), whole_day))

    def kept(record: Record) -> bool:
        if want_sku is not None and str(record.get(sku) or "").casefold() != want_sku:
            return False
        if value is not None and value not in str(record.get(where) or "").casefold():
            return False
        if any(record.get(f) is not v for f, v in wanted.items()):
            return False
        for field, lower, bound, whole_day in bounds:
            moment = parse((record.get(field) or {}).get("value"))
            if moment is None:
                continue
            moment = moment.replace(tzinfo=None)
            if lower and moment < bound:
                return False
            if not lower and (moment.date() > bound.date() if whole_day else moment > bound):
                return False
        return True

    return kept
