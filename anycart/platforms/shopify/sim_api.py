"""What Shopify's endpoints share beyond the kit's CRUD pattern (:mod:`anycart.sandbox.crud`):
the request context, the cursor rules and Shopify's error bodies.

Errors follow Shopify's: ``{"errors": "Not Found"}`` (404), ``{"errors": {"title": ["can't be
blank"]}}`` (422), ``{"errors": {"product": "Required parameter missing or invalid"}}`` (400,
the resource key missing; also for a body that is not JSON or not sent as JSON, the status
Shopify's response-code page gives for bad syntax or a wrong Content-Type). Lists are in id
order, ``limit`` 50 by default and at most 250, paged by ``page_info`` in the ``Link`` header;
a request with ``page_info`` may add only ``limit`` and ``fields``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox import crud
from anycart.sandbox.listing import Choice, Listing, Narrow, absent, present
from anycart.sandbox.paging import LinkCursor
from anycart.sandbox.query import Filter
from anycart.sandbox.resources import Endpoint
from anycart.sandbox.table import Record
from anycart.sandbox.tenants import tenant_of

from .sim_store import ShopData, SimulatedShop, parse_ts

_PATH = re.compile(r"^/admin/(?:api/[^/]+/)?(.+)\.json$")
PAGING = LinkCursor(refuse=lambda name: (
    f"{name} cannot be passed when page_info is present. See "
    "https://shopify.dev/api/usage/pagination-rest for more information."))


@dataclass
class Ctx(crud.Call):
    """One authenticated request to a shop."""

    version: str = ""
    #: a GraphQL mutation running the REST rules (the GraphQL product model's limits apply)
    graphql: bool = False

    @property
    def shop(self) -> SimulatedShop:
        shop: SimulatedShop = self.tenant
        return shop

    @property
    def data(self) -> ShopData:
        return self.shop.data


def context(request: Request, body: bytes) -> Ctx:
    shop, version = tenant_of(request), request.scope["shopify.version"]
    match = _PATH.match(request.url.path)
    return Ctx(shop, request.method, match.group(1) if match else "",
               f"https://{shop.domain}/admin/api/{version}", dict(request.query_params),
               dict(request.path_params), body, request.headers.get("content-type", ""),
               version)


Handler = Callable[[Ctx], Response]


def endpoint(handler: Handler) -> Endpoint:
    return crud.endpoint(handler, context)


class Crud(crud.Crud):
    paging: ClassVar[LinkCursor] = PAGING


def common(params: Mapping[str, str], dates: tuple[str, ...] = ("created_at", "updated_at")
           ) -> crud.Query:
    """``ids``, ``since_id`` and the ``<date>_min`` / ``<date>_max`` of ``dates``, read in the
    shop's zone."""
    return crud.common(params, dates, parse_ts)


def listing(dates: tuple[str, ...] = ("created_at", "updated_at"), *,
            filters: tuple[Filter, ...] = (), choices: tuple[Choice, ...] = (),
            narrow: tuple[Narrow, ...] = ()) -> Listing:
    """A list's parameters (:class:`anycart.sandbox.listing.Listing`), dates in the shop's
    zone."""
    return Listing(parse_ts, dates, filters, choices, narrow)


#: ``published_status``: published, unpublished or any (products refuse other values)
def published_status(strict: bool = True) -> Choice:
    return Choice("published_status", {"published": present("published_at"),
                                       "unpublished": absent("published_at"), "any": None},
                  "any", strict)


def new_id(kind: str) -> Callable[[Ctx], dict[str, Any]]:
    """A new record's id, from the shop's range for ``kind``."""
    return lambda ctx: {"id": ctx.data.ids.next(kind)}


def stamp(ctx: Ctx, stored: Record | None) -> str:
    """Now, for a new record or (later than its stamp) a stored one."""
    return ctx.shop.stamp(stored["updated_at"] if stored else None)
