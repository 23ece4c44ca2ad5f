"""Money, discounts, taxes and the rest of an order, from Shopify's published example order.

``fixtures/published_order_rest.json`` is Shopify's own example order #1001 (the REST shape
its webhooks push); ``fixtures/published_order_graphql.json`` is the same order as the
GraphQL Admin API answers the connector's Order document. Both must map to the same contract
values, one test per field group, with the values worked out by hand from the example:
597.00 of goods less the 10.00 TENOFF code (3.34 + 3.33 + 3.33 across the three lines) plus
6 % State Tax of 3.98 a line (11.94) is 598.94.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from anycart.platforms.shopify import entities as E
from anycart.platforms.shopify import mapping as M
from anycart.platforms.shopify import mapping_gql as G

FIXTURES = Path(__file__).parent / "fixtures"
REST = json.loads((FIXTURES / "published_order_rest.json").read_text())
GRAPHQL = json.loads((FIXTURES / "published_order_graphql.json").read_text())


def _unified(shape: str, **changes: Any) -> dict[str, Any]:
    if shape == "rest":
        return E.ORDER.to_unified({**REST, **changes})
    return E.ORDER.to_unified(G.order({**GRAPHQL, **changes}))


both = pytest.mark.parametrize("shape", ["rest", "graphql"])


@both
def test_money_bags_give_totals_total_and_currency(shape):
    o = _unified(shape)
    assert o["totals"] == {"total": 598.94, "subtotal": 597.0, "shipping": 0.0, "tax": 11.94,
                           "discount": 10.0}
    paid = {"total_paid": 598.94} if shape == "rest" else {}  # REST says what is outstanding
    assert o["total"] == {"subtotal_ex_tax": 597.0, "shipping_ex_tax": 0.0,
                          "total_discount": 10.0, "total_tax": 11.94, "total": 598.94, **paid}
    assert o["currency"] == {"id": "USD", "iso3": "USD"}
    extra = o["additional_fields"]
    assert (extra["presentment_currency"], extra["presentment_total"]) == ("USD", 598.94)


def test_the_presentment_side_is_what_the_buyer_paid_in():
    """A shop in USD selling in EUR: totals stay in the shop's money, the buyer's beside."""
    eur = {"shopMoney": {"amount": "598.94", "currencyCode": "USD"},
           "presentmentMoney": {"amount": "551.02", "currencyCode": "EUR"}}
    o = _unified("graphql", totalPriceSet=eur, presentmentCurrencyCode="EUR")
    assert o["totals"]["total"] == 598.94 and o["currency"]["iso3"] == "USD"
    assert (o["additional_fields"]["presentment_currency"],
            o["additional_fields"]["presentment_total"]) == ("EUR", 551.02)


@both
def test_discount_allocations_give_line_totals_after_discounts(shape):
    o = _unified(shape)
    lines = {i["model"]: i for i in o["order_products"]}
    assert {k: (v["price"], v["discount_amount"], v["total_price"]) for k, v in lines.items()} == {
        "IPOD2008GREEN": (199.0, 3.34, 195.66), "IPOD2008RED": (199.0, 3.33, 195.67),
        "IPOD2008BLACK": (199.0, 3.33, 195.67)}
    assert o["discounts"] == [{"code": "TENOFF", "value": 10.0, "type": "fixed_amount"}]


@both
def test_tax_lines_give_tax_percent_and_tax_value(shape):
    o = _unified(shape)
    assert [(i["tax_percent"], i["tax_value"]) for i in o["order_products"]] == [(6.0, 3.98)] * 3
    assert round(sum(i["tax_value"] for i in o["order_products"]), 2) == o["totals"]["tax"]


@both
def test_weights_keep_their_unit(shape):
    o = _unified(shape)
    assert [(i["weight"], i["weight_unit"]) for i in o["order_products"]] == [(200.0, "g")] * 3


def test_a_variant_weight_in_another_unit_is_read_in_that_unit():
    node = {"id": "gid://shopify/ProductVariant/1", "selectedOptions": [{"name": "Size", "value": "L"}],
            "inventoryItem": {"id": "gid://shopify/InventoryItem/7", "tracked": True,
                              "measurement": {"weight": {"unit": "POUNDS", "value": 2.5}}}}
    v = M.variant(node, 42)
    assert (v["weight"], v["weight_unit"], v["grams"]) == (2.5, "lb", 1134)
    assert (v["id"], v["product_id"], v["inventory_item_id"]) == (1, 42, 7)
    child = E.VARIANT.to_unified(v, {"parent": {"id": 42, "options": [
        {"id": "gid://shopify/ProductOption/3", "name": "Size"}]}})
    assert (child["weight"], child["weight_unit"], child["manage_stock"]) == (2.5, "lb", True)
    assert [(c["option_id"], c["option_value_id"]) for c in child["combination"]] == [("3", "L")]
    assert child["parent_id"] == "42" and child["additional_fields"]["grams"] == 1134


@both
def test_note_attributes_processed_at_and_codes(shape):
    o = _unified(shape)
    extra = o["additional_fields"]
    assert extra["note_attributes"] == [{"name": "custom engraving", "value": "Happy Birthday"},
                                        {"name": "colour", "value": "green"}]
    assert extra["processed_at"] in ("2008-01-10T11:00:00-05:00", "2008-01-10T16:00:00Z")
    assert o["order_id"] == "1001"  # the number, "#1001" the name
    assert o["customer"]["email"] == "bob.norman@mail.example.com"


@both
def test_an_order_without_a_customer_email(shape):
    o = _unified(shape, email=None, customer=None)
    assert o["customer"]["id"] == "0" and o["customer"]["email"] is None
    assert o["totals"]["total"] == 598.94  # nothing else depends on the customer


def test_ids_are_the_rest_numbers_and_connections_are_lists():
    shaped = G.order(GRAPHQL)
    assert shaped["id"] == 450789469 and shaped["customer"]["id"] == 207119551
    assert [li["product_id"] for li in shaped["line_items"]] == [632910392] * 3
    assert [li["variant_id"] for li in shaped["line_items"]] == [39072856, 49148385, 457924702]
    assert shaped["shipping_lines"][0]["price"] == "0.00"
    assert shaped["financial_status"] == "partially_refunded"
    assert M.gid("Product", 42) == "gid://shopify/Product/42" and M.legacy_id(M.gid("X", 5)) == 5
