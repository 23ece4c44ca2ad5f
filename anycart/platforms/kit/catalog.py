"""A REST store's products and the records it keeps under each at paths of their own
(``Products/{id}/Options``, ``.../AdvancedOptions``, ``.../Images``: Shift4Shop; BigCommerce's
``catalog/products/{id}/options``, ``/variants``, ``/images`` have the same shape), as the
kit's option, variant and image methods read and write them.

:class:`Catalog` is declared from the products' :class:`~.backend.RestBackend` and one
:class:`~.resource.Resource` per kind of child; it is the ``OptionStore``
(:mod:`.options`), ``VariantStore`` (:mod:`.variants`) and ``ImageStore`` (:mod:`.images`)
of a store, so a platform of this shape writes none of their requests; :class:`Served`
declares the image, option and child item methods over it (for :func:`~.serve.attach`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import platform_error

from . import images, options, variants
from .backend import RestBackend
from .entities import Filter
from .fields import first_record
from .pagination import PAGINATORS
from .resource import Resource
from .serve import Methods, PerStore

Record = dict[str, Any]


@dataclass(frozen=True)
class Catalog:
    """``records``: the products' backend (its client, paging, array writes); ``options``,
    ``variants``, ``images``: a product's option sets, variants and images, their paths
    naming ``{product_id}``; ``values``: the key of an option set's values in its body;
    ``sku``: the product filter by SKU."""

    records: RestBackend
    options: Resource
    variants: Resource
    images: Resource
    values: str
    sku: str = "sku"

    @property
    def page_size(self) -> int:
        walk = self.records.paginator
        return (PAGINATORS[walk]() if isinstance(walk, str) else walk).page_size

    def _names(self, product_id: str) -> dict[str, str]:
        return {"product_id": product_id}

    def _one(self, body: Record) -> Record | list[Record]:
        return [body] if self.records.batch else body

    async def _add(self, resource: Resource, product_id: str, body: Record) -> str:
        client = self.records.client
        ident = (await resource.add(client, self._one(body), self._names(product_id))).get(
            resource.id_field)
        if ident in (None, ""):
            raise platform_error(client.platform, "the answer did not name the created record.")
        return str(ident)

    # -- products -----------------------------------------------------------------------------
    async def product(self, product_id: str) -> Record:
        found = await self.records.get(product_id)
        if found is None:
            raise ApiError.not_found(self.records.entity.label, product_id)
        return found

    async def get(self, product_id: str) -> Record | None:
        return await self.records.get(product_id)

    def products(self, query: dict[str, Any]) -> AsyncIterator[list[Record]]:
        return self.records.walk(query)

    async def by_sku(self, sku: str) -> list[Record]:
        return [r async for chunk in self.records.walk({self.sku: sku}, 0, self.page_size)
                for r in chunk]

    async def put_product(self, product_id: str, body: Record) -> None:
        await self.records.update(product_id, body)

    # -- option sets --------------------------------------------------------------------------
    async def add_set(self, product_id: str, body: Record) -> str:
        return await self._add(self.options, product_id, body)

    async def put_values(self, product_id: str, option_id: str, values: list[Record]) -> None:
        await self.options.change(self.records.client, option_id, {self.values: values},
                                  self._names(product_id))

    async def read_set(self, product_id: str, option_id: str) -> Record | None:
        path = self.options.at(self._names(product_id), option_id)
        response = await self.records.client.request("GET", path, allow={404})
        return None if response.status_code == 404 or not response.content \
            else first_record(response.json(), self.options.one)

    # -- variants and images ------------------------------------------------------------------
    async def put(self, product_id: str, code: str, body: Record) -> None:
        """One variant's changes; 112 names the product, or the variant, that is missing."""
        await self.variants.change(self.records.client, code, body, self._names(product_id))

    async def add_image(self, product_id: str, body: Record) -> str:
        return await self._add(self.images, product_id, body)

    async def put_image(self, product_id: str, image_id: str, body: Record) -> None:
        await self.images.change(self.records.client, image_id, body, self._names(product_id))


@dataclass(frozen=True)
class Served:
    """The image, option and child item methods (``kit.images``, ``kit.options``,
    ``kit.variants``) of a store whose products are a :class:`Catalog` (``make(connector)``).
    ``filters``/``parse``: the product filters a child item list sends, and how the
    children's dates are read (:class:`~.variants.ChildItems`)."""

    make: Callable[[Any], Catalog]
    gallery: images.Gallery
    option_sets: options.OptionSets
    children: variants.Variants
    cart: str
    filters: tuple[Filter, ...] = ()
    parse: Callable[[Any], datetime | None] = lambda v: None

    def methods(self) -> Methods:
        v = self.children
        return {**PerStore(lambda c: images.Images(self.gallery, self.make(c)), images.VERBS,
                           images.APPLIED).methods(),
                **PerStore(lambda c: options.Options(self.option_sets, self.make(c), self.cart,
                                                     v.combined),
                           options.VERBS, options.APPLIED).methods(),
                **PerStore(lambda c: variants.ChildItems(v, self.make(c), self.cart, c.gather,
                                                         self.filters, self.parse),
                           variants.VERBS, v.applied()).methods()}
