"""Every GraphQL document the Shopify connector sends (each operation of ``queries/``: the
connector reaches Shopify through nothing else) is valid against a schema nobody on the
connector side wrote: the simulator's SDL (``sim_admin.graphql``, written from Shopify's
GraphQL Admin reference by the simulator's side), checked by graphql-core's ``validate``."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

from anycart.platforms.shopify import gql as G

SDL = Path(G.__file__).parent / "sim_admin.graphql"
SENT = G.DOCS


@pytest.fixture(scope="module")
def schema():
    assert SDL.is_file(), f"{SDL} is missing: the simulator's schema is what documents are checked on"
    return build_schema(SDL.read_text())


@pytest.mark.parametrize("name", sorted(SENT))
def test_each_document_sent_is_valid(schema, name):
    errors = validate(schema, parse(SENT[name]))
    assert [e.message for e in errors] == [], name


def test_every_read_entity_sends_its_documents():
    assert {"Products", "ProductIds", "Product", "ProductsCount", "ProductVariants",
            "ProductsByIds", "ProductSet", "InventorySetQuantities", "Customers", "Orders",
            "Order", "OrderLines", "Collections", "CollectionCreate", "PublishablePublish",
            "FulfillmentTrackingUpdate", "ProductCreateMedia", "StagedUploadsCreate",
            "ProductReorderMedia", "ShopVariants", "ShopVariantsCount"} <= set(SENT)
    # a document carries only the fragments it spreads (an unused one is invalid GraphQL)
    assert "fragment OrderFields" not in SENT["Products"]
    assert "fragment VariantFields" in SENT["Products"]
