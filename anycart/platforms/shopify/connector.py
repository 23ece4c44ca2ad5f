"""The Shopify connector, on the GraphQL Admin API only (documents in ``queries/``): the
declarations of :mod:`.entities` on the kit, and what none says: cart.info, an order by id
or number. Lists are cursor connections (the ``endCursor`` and total carried in
``page_cursor``). Categories are collections; images are media (:mod:`.gql_media`); writes
are mutations (:mod:`.gql_writes`, :mod:`.gql_shipments`, :mod:`.gql_returns`). A webhook
push is re-read by its record's id (:data:`.entities.REREAD`). :mod:`.mapping` reads nodes
(orders still through :mod:`.mapping_gql`'s REST shape). Not served (120): order creation (a
full checkout), image updates.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, ClassVar

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit.connections import ConnectionBackend
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.graphql import GraphQL
from anycart.platforms.kit.idlist import IdListRunner
from anycart.platforms.kit.info import FixedStatuses, one_store
from anycart.platforms.kit.serve import attach

from . import client as shopify_client
from . import entities as E
from . import gql as G
from . import gql_bulk as B
from . import gql_media as I
from . import gql_returns as R
from . import gql_shipments as S
from . import gql_variants as V
from . import gql_writes as W
from .params import HANDWRITTEN, NESTED, SAME_AS_DEFAULT

#: Shopify's three order statuses are fixed: there are no user-defined ones to leave out.
ORDER_STATUSES = FixedStatuses("order.status.list", "cart_order_statuses", {
    s: s.capitalize() for s in ("open", "closed", "cancelled")}, frozenset({E.USER_STATUSES}))


class ShopifyConnector(KitConnector):
    cart = "Shopify"
    entities = E.ENTITIES
    same_as_default = SAME_AS_DEFAULT
    nested = NESTED
    #: lists resume from the connection's cursor carried in ``page_cursor``
    runner_class = IdListRunner
    resolvers: ClassVar[Mapping[str, str]] = {"order": "order"}  # by id or number
    hooks = W.HOOKS

    @cached_property
    def gql(self) -> GraphQL:
        return shopify_client.graphql(self.http, self.store.store_url, self.store.credentials,
                                      self.settings)

    def backend(self, entity: Entity) -> ConnectionBackend:
        """Read by the connections of :data:`.gql.BACKENDS`, written by the mutations of
        :data:`.gql_writes.WRITES`."""
        declared = {**G.BACKENDS[entity.name], "writes": W.WRITES[entity.name](self.gql)}
        if entity.name != "product":
            return ConnectionBackend(self.gql, entity, **declared)
        # a whole catalog by one bulk operation (.gql_bulk)
        threshold = int(self.settings.option(self.cart, "bulk_threshold", B.BULK_THRESHOLD))
        return B.BulkProducts(self.gql, entity, threshold=threshold, clock=self.settings.clock,
                              **declared)

    # -- store -----------------------------------------------------------------------------
    async def _shop(self) -> dict[str, Any]:
        return dict((await self.gql.run(G.DOCS["Shop"])).get("shop") or {})

    async def check_connection(self) -> None:
        await self._shop()

    async def cart_info(self, call: Call) -> dict[str, Any]:
        shop = await self._shop()
        url = self.gql.rest.url(self.gql.path)
        return one_store(
            "Shopify", shop.get("name"),
            "https://" + ((shop.get("primaryDomain") or {}).get("host") or url.split("/")[2]),
            f"Admin GraphQL {url.rsplit('/', 2)[-2]}", currency=shop.get("currencyCode"),
            timezone=shop.get("ianaTimezone"), email=shop.get("email"),
            extra={"myshopify_domain": shop.get("myshopifyDomain")})

    # -- variants (child items) ------------------------------------------------------------
    async def product(self, pid: Any) -> dict[str, Any]:
        """A variant's parent (:data:`.entities.CHILDREN`)."""
        return await self.runner(E.PRODUCT).one(pid)

    # -- orders ----------------------------------------------------------------------------
    async def order(self, oid: Any) -> dict[str, Any]:
        """By id, or by order number / name (``1001``, ``#1001``): ids have 6 digits or more."""
        text, found = str(oid).strip().lstrip("#"), None
        if not (text.isdecimal() and len(text) >= 6):
            named, _ = await self.backend(E.ORDER).page({"name": f"#{text}"}, 0, 1)
            found = named[0] if named else None
        if found is None and text.isdecimal():
            found = await self.backend(E.ORDER).get(text)
        if not found:
            raise ApiError.not_found("Order", oid)
        return dict(found)


# the child lists' methods, then every method guarded with what it applies
ShopifyConnector.handwritten = {**HANDWRITTEN, **attach(
    ShopifyConnector, *E.CHILDREN, W.FIRST_VARIANT, W.COLLECTS, W.ADDRESS_ADD, S.FULFILLMENTS,
    I.IMAGES, V.VARIANTS, *W.LIVE_SHIPPING, *R.DECLARED, ORDER_STATUSES)}
declare(ShopifyConnector)
