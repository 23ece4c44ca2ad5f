"""What Shopify's record rules share beyond the kit's CRUD pattern (:mod:`anycart.sandbox.crud`):
the request context the GraphQL mutations run them in, and Shopify's error bodies.

Errors follow Shopify's: ``{"errors": "Not Found"}`` (404), ``{"errors": {"title": ["can't be
blank"]}}`` (422); the mutations turn them into ``userErrors``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anycart.sandbox import crud
from anycart.sandbox.listing import Listing
from anycart.sandbox.table import Record

from .sim_store import ShopData, SimulatedShop, parse_ts

#: the kit's CRUD pattern: the record rules' create, update and delete
Crud = crud.Crud


@dataclass
class Ctx(crud.Call):
    """One write to a shop, as a GraphQL mutation hands it to the record rules."""

    version: str = ""

    @property
    def shop(self) -> SimulatedShop:
        shop: SimulatedShop = self.tenant
        return shop

    @property
    def data(self) -> ShopData:
        return self.shop.data


#: the kit's Crud wants a list query; nothing lists through it (the GraphQL side lists with its
#: own search syntax, ``sim_graphql_views``)
UNLISTED = Listing(parse_ts, ())


def new_id(kind: str) -> Callable[[Ctx], dict[str, Any]]:
    """A new record's id, from the shop's range for ``kind``."""
    return lambda ctx: {"id": ctx.data.ids.next(kind)}


def stamp(ctx: Ctx, stored: Record | None) -> str:
    """Now, for a new record or (later than its stamp) a stored one."""
    return ctx.shop.stamp(stored["updated_at"] if stored else None)
