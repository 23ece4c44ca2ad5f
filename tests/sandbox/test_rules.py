"""sandbox.rules: per-field save rules parsed from one line, values stored and checked."""

from __future__ import annotations

import pytest

from anycart.sandbox.rules import Rules

RULES = Rules({"isPrice": r"^\d{1,10}(\.\d{1,9})?$", "isName": r"^[^<>={}]*$"},
              flags={"lang", "ro"})


def test_a_spec_names_type_validator_size_flags_and_references() -> None:
    rule = RULES.parse("name", "string isName 128 required lang xlink=products")
    assert (rule.type, rule.validate, rule.size, rule.required) == ("string", "isName", 128, True)
    assert rule.flags == {"lang"} and rule.refs == {"xlink": "products"}
    assert RULES.parse("price", "float isPrice").flags == frozenset()


def test_values_as_a_database_gives_them_back() -> None:
    price, count, flag = (RULES.parse(n, s) for n, s in
                          (("p", "float"), ("c", "int"), ("f", "bool")))
    assert price.text("19.5") == "19.500000" and price.text("abc") == "abc"
    assert count.text(" 7 ") == "7" and count.text(None) == ""
    assert (flag.text("true"), flag.text(""), flag.text("1")) == ("1", "0", "1")
    assert (price.blank(), count.blank(), RULES.parse("s", "string").blank()) == (
        "0.000000", "0", "")


def test_values_as_a_json_api_keeps_them() -> None:
    assert RULES.parse("p", "float").native("19.5") == 19.5
    assert RULES.parse("q", "int").native("3") == 3
    for bad in ("x", None, [1]):
        with pytest.raises(ValueError):
            RULES.parse("q", "int").native(bad)
    assert RULES.parse("s", "bool").native(1) is True
    assert RULES.parse("s", "string").native(12) == "12"


def test_faults_as_php_models_check_them() -> None:
    name = RULES.parse("name", "string isName 5 required")
    assert RULES.fault(name, "") == "required" and RULES.fault(name, "0") == "required"
    assert RULES.fault(name, "abcdef") == "size"
    assert RULES.fault(name, "<b>") == "invalid"
    assert RULES.fault(name, "ok") is None
    price = RULES.parse("price", "float isPrice required")
    assert RULES.fault(price, "0") is None  # a number's zero is a value
    assert RULES.fault(price, "1e3") == "invalid"
    assert RULES.fault(RULES.parse("x", "string unknownCheck"), "anything") is None
