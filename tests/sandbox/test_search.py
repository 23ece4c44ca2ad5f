"""``field:value`` search queries: terms, quotes, unknown fields as free words, matchers;
declared once Shopify-customer-like and once as a second platform's product search."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from anycart.sandbox.search import (
    Syntax,
    compared,
    contains,
    digits_suffix,
    either,
    equal,
    listed,
    one_of,
)

CUSTOMERS = Syntax(free=contains("first_name", "last_name", "email"), fields={
    "email": equal("email"), "tag": listed("tags"),
    "country": equal("default_address.country", "default_address.country_code"),
    "phone": digits_suffix("phone")})
ANN = {"first_name": "Ann", "last_name": "Lee", "email": "ann@example.com", "tags": "VIP, b2b",
       "phone": "+1 (555) 010-2233", "default_address": {"country": "Canada",
                                                        "country_code": "CA"}}
BOB: dict[str, Any] = {"first_name": "Bob", "last_name": "Lee Smith", "email": "bob@x.org",
                       "tags": "", "phone": None, "default_address": None}


def _hits(syntax: Syntax, query: str, *records: dict[str, Any]) -> list[str]:
    preds = syntax.predicates(query)
    return [r.get("first_name") or r["sku"] for r in records if all(p(r) for p in preds)]


def test_terms_split_on_spaces_unquote_and_lower_case() -> None:
    assert CUSTOMERS.terms('email:Ann@Example.com "Lee Smith" tag:vip x:"y" bare') == [
        ("email", "ann@example.com"), (None, "lee smith"), ("tag", "vip"), (None, 'x:"y'),
        (None, "bare")]


def test_matchers_and_terms_are_anded() -> None:
    assert _hits(CUSTOMERS, "lee", ANN, BOB) == ["Ann", "Bob"]
    assert _hits(CUSTOMERS, "lee tag:VIP", ANN, BOB) == ["Ann"]
    assert _hits(CUSTOMERS, "tag:vi", ANN, BOB) == []  # one whole tag, not a part
    assert _hits(CUSTOMERS, "country:ca", ANN, BOB) == ["Ann"]
    assert _hits(CUSTOMERS, "country:canada", ANN, BOB) == ["Ann"]
    assert _hits(CUSTOMERS, "phone:555-010-2233", ANN, BOB) == ["Ann"]
    assert _hits(CUSTOMERS, '"lee smith"', ANN, BOB) == ["Bob"]
    assert _hits(CUSTOMERS, "unknown:lee", ANN, BOB) == []  # a free word "unknown:lee"
    assert _hits(CUSTOMERS, "", ANN, BOB) == ["Ann", "Bob"]


def test_a_second_syntax_with_its_own_fields() -> None:
    products = Syntax(free=contains("name", "sku"), fields={
        "sku": equal("sku"), "brand": equal("brand.name"), "category": listed("categories", "|"),
        "title": contains("name")})
    a = {"sku": "TSH-1", "name": "Red shirt", "brand": {"name": "Acme"}, "categories": "Men|Tops"}
    b = {"sku": "MUG-2", "name": "Shirt mug", "brand": None, "categories": "Kitchen"}
    assert _hits(products, "shirt", a, b) == ["TSH-1", "MUG-2"]
    assert _hits(products, "brand:acme category:tops", a, b) == ["TSH-1"]
    assert _hits(products, "title:mug sku:mug-2", a, b) == ["MUG-2"]
    assert _hits(products, "email:x", a, b) == []  # not one of this syntax' fields


def _stamp(value: str) -> float:
    return datetime.fromisoformat(value).timestamp()


def test_compared_dates_and_numbers_with_operators() -> None:
    rows = [{"id": 5, "updated_at": "2025-01-01T00:00:00-05:00"},
            {"id": 12, "updated_at": "2025-03-01T00:00:00-05:00"}, {"id": 20}]
    syntax = Syntax(free=contains("id"), fields={"id": compared("id", _stamp),
                                                 "updated_at": compared("updated_at", _stamp)})

    def ids(query: str) -> list[int]:
        preds = syntax.predicates(query)
        return [r["id"] for r in rows if all(p(r) for p in preds)]
    assert ids("id:>5") == [12, 20] and ids("id:<=12") == [5, 12] and ids("id:12") == [12]
    assert ids("updated_at:>'2025-02-01T00:00:00Z'") == [12]  # a record without it: no match
    assert ids("updated_at:<2025-01-01T05:00:01Z") == [5]  # the record's own zone read
    assert ids("id:>abc") == []


def test_one_of_and_either_groups() -> None:
    rows = [{"id": 1, "status": "ACTIVE", "tags": "a"}, {"id": 2, "status": "draft", "tags": "b"},
            {"id": 3, "status": "archived", "tags": "a"}]
    syntax = Syntax(free=contains("tags"), fields={"status": one_of("status"),
                                                   "tag": listed("tags"), "id": equal("id")})

    def ids(query: str) -> list[int]:
        preds = either(syntax, query)
        return [r["id"] for r in rows if all(p(r) for p in preds)]
    assert ids("status:active,draft") == [1, 2]
    assert ids("tag:a AND status:archived") == [3]
    assert ids("status:draft OR tag:a AND id:1") == [1, 2]  # OR binds looser than AND
