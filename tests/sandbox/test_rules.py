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


SAVE = Rules({"isName": r"^[^<>]*$"}, scoped="lang", readonly="ro", virtual="virtual")
FIELDS = list(SAVE.parse_all({
    "name": "string isName 10 lang required", "price": "float required", "ref": "string 4",
    "stock": "int ro", "computed": "string virtual", "date_add": "date"}).values())


def test_a_save_writes_given_values_blanks_the_rest_and_refuses() -> None:
    from anycart.sandbox.rules import Refused

    record = SAVE.blank(FIELDS, ["1", "2"])
    assert record == {"name": {"1": "", "2": ""}, "price": "0.000000", "ref": "", "stock": "0",
                      "date_add": ""}
    SAVE.write(FIELDS, record, {"name": {"2": "Chemise"}, "price": "5", "ref": "AB"},
               ["1", "2"], stamped=("date_add",))
    assert record["name"] == {"1": "", "2": "Chemise"} and record["price"] == "5.000000"
    with pytest.raises(Refused) as err:
        SAVE.check(FIELDS, record)  # a language left empty: required, on a per-scope value
    assert (err.value.rule.name, err.value.reason, err.value.scoped) == ("name", "required",
                                                                         True)
    record["date_add"] = "2024-01-01"
    SAVE.write(FIELDS, record, {"name": "Tee", "price": "6"}, ["1", "2"],
               stamped=("date_add",))
    assert record["name"] == {"1": "Tee", "2": "Tee"} and record["ref"] == ""
    assert record["date_add"] == "2024-01-01"  # stamped by the save itself, not blanked
    SAVE.check(FIELDS, record)
    SAVE.write(FIELDS, record, {"ref": "ABCDE"}, ["1", "2"], partial=True)
    assert record["name"] == {"1": "Tee", "2": "Tee"}  # a partial write leaves the rest
    with pytest.raises(Refused) as err:
        SAVE.check(FIELDS, record)
    assert (err.value.rule.name, err.value.reason, err.value.scoped) == ("ref", "size", False)
    for given, reason in (({"name": "x", "price": "1", "stock": "3"}, "readonly"),
                          ({"name": "x"}, "required")):
        with pytest.raises(Refused) as err:
            SAVE.write(FIELDS, dict(record), given, ["1"])
        assert err.value.reason == reason
    SAVE.write(FIELDS, record, {"computed": "v"}, ["1"], partial=True)
    assert "computed" not in record  # a virtual field has no column
