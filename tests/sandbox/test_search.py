"""``field:value`` search queries: terms, quotes, unknown fields as free words, matchers;
declared once Shopify-customer-like and once as a second platform's product search."""

from __future__ import annotations

from typing import Any

from anycart.sandbox.search import Syntax, contains, digits_suffix, equal, listed

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
