"""Variants (``product.child_item.*``) over GraphQL: those of the products a call names come
with each product; with no product named (or a filter), the shop's ``productVariants``
connection is listed, each variant with its product's id and options.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from anycart.platforms.base import Call, Page
from anycart.platforms.kit import nested as N
from anycart.platforms.kit.connections import ConnectionBackend, Documents
from anycart.platforms.kit.entities import Filter
from anycart.platforms.kit.graphql import GraphQL
from anycart.platforms.kit.serve import Run
from anycart.platforms.overlap import split_all

from . import client as C
from . import entities as E
from . import mapping as M
from .gql import DOCS, ident, search

Record = dict[str, Any]
#: Variants a request: about 7 points each with their product's options, so 125 stay under
#: the 1 000 a query may cost and a contract page of 250 takes two requests.
SHOP_PAGE = 125

DOCUMENTS = Documents(root="productVariants", list=DOCS["ShopVariants"],
                      ids=DOCS["ShopVariantIds"], one=DOCS["ShopVariant"],
                      one_root="productVariant", count=DOCS["ShopVariantsCount"],
                      count_root="productVariantsCount")


def shop_variant(node: Record) -> Record:
    """A variant with its product (``_parent``: the id and options its combination reads)."""
    parent = M.node(node["product"])
    return {**M.variant({k: x for k, x in node.items() if k != "product"}, parent["id"]),
            "_parent": parent}


#: The contract filters ``productVariants(query:)`` applies (Shopify's variant search fields:
#: ``sku``, ``product_ids``, ``created_at``/``updated_at`` ranges).
SEARCHED = replace(E.VARIANT, filters=(
    Filter(("product_ids", "product_id"), "product_ids", many=True), Filter("sku", "sku"),
    *E.dates()))
#: Filters that send a list to the connection even when products are named.
FILTERS = frozenset({"sku", "created_from", "created_to", "modified_from", "modified_to"})


def backend(gql: GraphQL) -> ConnectionBackend:
    return ConnectionBackend(gql, SEARCHED, DOCUMENTS, shape=shop_variant, variables=search,
                             ident=ident("ProductVariant"),
                             page_size=SHOP_PAGE, walk_limit=C.WALK_LIMIT)


@dataclass(frozen=True)
class ShopVariants(N.Children):
    """:class:`~anycart.platforms.kit.nested.Children` with the shop-wide reads (no product
    named) on the ``productVariants`` connection instead of a walk of every product."""

    def _run(self, verb: str) -> Run:
        named = super()._run(verb)

        async def run(connector: Any, call: Call) -> Any:
            # info always names its product (the contract requires product_id); the variants
            # of named products come with them, unless filters narrow them
            if verb != "list" or (split_all(call.params, *self.parents) and not any(
                    call.params.get(f) not in (None, "") for f in FILTERS)):
                return await named(connector, call)
            query = SEARCHED.query(call.params, "Shopify")
            found, total, resume = await backend(connector.gql).listed(
                query, call.start, call.count, call.params)
            return Page([self.map(r.pop("_parent"), r) for r in found], total, resume=resume)
        return run


VARIANTS = ShopVariants("product.child_item", "variants", "Child item",
                        ("product_ids", "product_id"), "product_id", "product",
                        lambda p, v: E.VARIANT.to_unified(v, {"parent": p}), accepts=FILTERS)
