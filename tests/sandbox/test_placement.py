"""Placing an order (sandbox.placement): lines from the catalog or custom, the buyer
resolved by key, by e-mail or made new, and what the order leaves on the buyer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from anycart.sandbox.placement import Buyer, Lines, Tally, dicts
from anycart.sandbox.table import Record, Table
from anycart.sandbox.values import Errors, add

CATALOG = {5: {"title": "Mug", "price": "9.50"}}


@dataclass
class Store:
    customers: Table = field(default_factory=Table)
    ids: Any = field(default_factory=lambda: count(100))

    def table(self, path: str) -> Table:
        return self.customers


@dataclass
class Call:
    tenant: Store


def _item(call: Call, src: Mapping[str, Any], item: Any, units: int, lid: Any,
          errors: Errors) -> Record:
    return {"id": lid, "title": item["title"], "price": item["price"], "quantity": units}


def _custom(call: Call, src: Mapping[str, Any], units: int, lid: Any, errors: Errors) -> Record:
    if not src.get("name"):
        add(errors, "products", "name can't be blank")
    return {"id": lid, "title": src.get("name"), "price": src.get("price"), "quantity": units}


LINES = Lines("product_id", lambda call, ref: CATALOG.get(ref), _item, _custom,
              lambda call: next(call.tenant.ids), field="products",
              unknown="Product {ref} does not exist")


def test_lines_copy_catalog_items_or_take_their_own() -> None:
    errors: Errors = {}
    got = LINES.read(Call(Store()), [{"product_id": "5", "quantity": 2},
                                     {"name": "Gift wrap", "price": "1.00"}], errors)
    assert errors == {}
    assert got == [{"id": 100, "title": "Mug", "price": "9.50", "quantity": 2},
                   {"id": 101, "title": "Gift wrap", "price": "1.00", "quantity": 1}]


def test_lines_collect_every_error_and_spend_ids_as_a_store_does() -> None:
    call, errors = Call(Store()), {}
    LINES.read(call, [{"product_id": 9}, "x", {"quantity": 0, "name": "Fee"}, {}], errors)
    assert errors == {"products": ["Product 9 does not exist", "is invalid",
                                   "name can't be blank"],
                      "quantity": ["must be greater than or equal to 1"]}
    assert next(call.tenant.ids) == 103  # three entries were numbered
    empty: Errors = {}
    assert LINES.read(call, [], empty) == [] and empty == {
        "products": ["must have at least one line item"]}


def test_buyer_by_key_by_email_new_or_guest() -> None:
    store = Store()
    store.customers[7] = {"id": 7, "email": "ann@example.com"}
    call, buyer = Call(store), Buyer()
    errors: Errors = {}
    assert buyer.resolve(call, {"id": "7"}, None, errors) == (7, None)
    assert buyer.resolve(call, {"first_name": "X"}, "ANN@example.com", errors) == (7, None)
    assert buyer.resolve(call, {"first_name": "Bo"}, "bo@example.com", errors) == (
        None, {"first_name": "Bo", "email": "bo@example.com"})
    assert buyer.resolve(call, None, None, errors) == (None, None)
    assert errors == {}
    assert buyer.resolve(call, {"id": 8}, None, errors) == (None, None)
    assert errors == {"customer": ["is invalid"]}


def test_tally_counts_sums_and_copies() -> None:
    buyer: Record = {"orders_count": 1, "total_spent": "10.05"}
    Tally(last={"last_order_id": "id"}).add(buyer, {"id": 3, "total_price": "4.95"})
    assert buyer == {"orders_count": 2, "total_spent": "15.00", "last_order_id": 3}
    assert dicts([{"a": 1}, 2, None]) == [{"a": 1}] and dicts("x") == []
