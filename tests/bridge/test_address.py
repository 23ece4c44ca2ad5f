"""bridge.address on its own: one declaration read under any prefix, synonyms, fallbacks,
defaults, required parts before sizes, and the names it applies."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.address import AddressColumns, Lookup, Part

SPEC = AddressColumns(
    Part("street", ("address1", "address_1"), 10, required=True),
    Part("town", ("city",), 8, required=True),
    Part("surname", ("last_name",), 6, fallback="lastname", default=""),
    Part("label", ("alias",), 12, default="Home"),
    Part("zip", ("postcode",), 5, default="", blank_null=True),
    Part("vat", ("tax_id",)),
    lookups=(Lookup("country_id", "country", "SELECT id FROM {p}country WHERE code = :upper OR"
                    " name = :text", "a country", required=True),
             Lookup("zone_id", "zone", "SELECT id FROM {p}zone WHERE country_id = :country_id AND"
                    " name = :text", "a zone of the country")))


def test_columns_under_a_prefix_with_synonyms_fallbacks_and_defaults():
    cols = SPEC.columns({"bill_address_1": "1 Way", "bill_city": "Oslo", "bill_tax_id": 7},
                        "bill_", {"lastname": "Nord"})
    assert cols == {"street": "1 Way", "town": "Oslo", "surname": "Nord", "label": "Home",
                    "zip": None, "vat": 7}
    # the first key given wins; a given value beats the fallback; blank text keeps its default
    cols = SPEC.columns({"address1": "A", "address_1": "B", "city": "C", "last_name": "Own",
                         "postcode": "12345", "alias": ""}, "", {"lastname": "Nord"})
    assert (cols["street"], cols["surname"], cols["zip"], cols["label"]) == ("A", "Own", "12345", "Home")


def test_required_parts_are_checked_first_then_sizes_name_the_parameter():
    with pytest.raises(ApiError) as err:
        SPEC.columns({"x_last_name": "far too long", "x_city": "C"}, "x_")
    assert "'x_address1'" in err.value.message and err.value.code == ReturnCode.REQUIRED_PARAM_MISSING
    with pytest.raises(ApiError) as err:
        SPEC.columns({"address1": "A"})
    assert "city" in err.value.message
    with pytest.raises(ApiError) as err:
        SPEC.columns({"address1": "A", "city": "C", "last_name": "far too long"})
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'last_name'" in err.value.message


def test_names_are_every_key_and_lookup_under_the_prefix():
    assert SPEC.names("shipp_") == {"shipp_address1", "shipp_address_1", "shipp_city",
                                    "shipp_last_name", "shipp_alias", "shipp_postcode",
                                    "shipp_tax_id", "shipp_country", "shipp_zone"}
    assert SPEC.value({"p_city": None, "p_town": "T"}, "p_", ("city", "town")) == "T"


class Db:
    def __init__(self, found: dict[str, Any]) -> None:
        self.found, self.seen = found, []

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        self.seen.append((sql, list(params)))
        table = "country" if "{p}country" in sql else "zone"
        return [{"id": self.found[table]}] if self.found.get(table) else []


def test_lookups_find_ids_in_order_each_seeing_those_before():
    db = Db({"country": 44, "zone": 9})
    base = {"b_address1": "A", "b_city": "C"}
    row = asyncio.run(SPEC.row(db, {**base, "b_country": " gb ", "b_zone": "Kent"}, "b_"))
    assert (row["country_id"], row["zone_id"], row["street"]) == (44, 9, "A")
    assert db.seen == [("SELECT id FROM {p}country WHERE code = ? OR name = ?", ["GB", "gb"]),
                       ("SELECT id FROM {p}zone WHERE country_id = ? AND name = ?", [44, "Kent"])]
    assert asyncio.run(SPEC.row(db, {**base, "b_country": "GB"}, "b_"))["zone_id"] is None


def test_a_lookup_not_found_is_109_and_a_required_one_missing_is_101():
    with pytest.raises(ApiError) as err:
        asyncio.run(SPEC.row(Db({"country": 44}), {"address1": "A", "city": "C", "country": "GB",
                                                   "zone": "Nowhere"}))
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'zone'" in err.value.message
    with pytest.raises(ApiError) as err:
        asyncio.run(SPEC.row(Db({}), {"address1": "A", "city": "C"}))
    assert err.value.code == ReturnCode.REQUIRED_PARAM_MISSING and "'country'" in err.value.message


class Places:
    """A country (44, no zones when ``zoneless``) and its zones."""

    def __init__(self, zoneless: bool) -> None:
        self.zoneless = zoneless

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        if "{p}country" in sql:
            return [{"id": 44, "name": "Land &amp; Sea"}] if "GB" in params else []
        if "SELECT 1" in sql:
            return [] if self.zoneless else [{"1": 1}]
        return [{"id": 9, "zone": "Kent"}] if "Kent" in params and not self.zoneless else []


PLACES = AddressColumns(lookups=(
    Lookup("country_id", "country", "SELECT id, name FROM {p}country WHERE code = :upper",
           "a country", refuse_blank=True, keeps=("name",)),
    Lookup("zone_id", "state", "SELECT id, name AS zone FROM {p}zone WHERE country_id = :country_id"
           " AND name = :text", lambda found: f"a state of {found['name']}", blank=0, keeps=("zone",),
           binds=lambda text: {"stored": text.replace("&", "&amp;")},
           free=("zone", "SELECT 1 FROM {p}zone WHERE country_id = :country_id"))))


def test_a_country_without_zones_keeps_the_state_text_one_with_zones_refuses_it():
    def found(zoneless: bool, **given: Any) -> dict[str, Any]:
        return asyncio.run(PLACES.found(Places(zoneless), given, ""))

    assert found(False, country="gb", state="Kent") == {
        "country_id": 44, "name": "Land &amp; Sea", "zone_id": 9, "zone": "Kent"}
    # no zones to choose from: the text is kept (as bound to :stored), the id is blank
    assert found(True, country="gb", state="Fen & Moor") == {
        "country_id": 44, "name": "Land &amp; Sea", "zone_id": 0, "zone": "Fen &amp; Moor"}
    assert found(True, country="gb")["zone"] == "" and found(True, country="gb")["zone_id"] == 0
    with pytest.raises(ApiError) as err:
        found(False, country="gb", state="Fen")
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "a state of Land &amp; Sea" in err.value.message
    with pytest.raises(ApiError) as err:  # refuse_blank: not given is 109, not 101
        found(False, state="Kent")
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'country'" in err.value.message


def test_a_part_converts_what_it_stores_given_or_defaulted():
    spec = AddressColumns(Part("city", ("city",), 6, default="", convert=lambda v: f"<{v}>"),
                          Part("zip", ("postcode",), default="", convert=str))
    assert spec.columns({"city": "Oslo", "postcode": 1234}) == {"city": "<Oslo>", "zip": "1234"}
    assert spec.columns({}) == {"city": "<>", "zip": ""}
    with pytest.raises(ApiError):  # the size is the given text's, before converting
        spec.columns({"city": "Bergen!"})


def test_an_address_read_like_another_inherits_its_stored_values_and_places():
    spec = AddressColumns(Part("first", ("first_name",), 4, default="", inherits=True, convert=str.upper),
                          Part("city", ("city",), default="", convert=str.upper), lookups=PLACES.lookups)
    bill = asyncio.run(spec.row(Places(False), {"b_first_name": "ann", "b_city": "york",
                                                "b_country": "gb", "b_state": "Kent"}, "b_"))
    assert bill == {"first": "ANN", "city": "YORK", "country_id": 44, "name": "Land &amp; Sea",
                    "zone_id": 9, "zone": "Kent"}
    # blank or whitespace-only: the billing value as stored (not converted, nor sized, again);
    # a part that does not inherit keeps its default; no place given: the billing place
    assert spec.columns({"s_first_name": "  ", "s_city": "  "}, "s_", like={**bill, "first": "Annabel"}) \
        == {"first": "Annabel", "city": "  "}
    ship = asyncio.run(spec.row(Places(False), {"s_first_name": "bo"}, "s_", like=bill))
    assert ship == {**bill, "first": "BO", "city": ""}
    # a state alone is looked up within the billing country; a country given ends inheriting
    db = Places(False)
    assert asyncio.run(spec.found(db, {"s_state": "Kent"}, "s_", {}, bill))["zone_id"] == 9
    assert asyncio.run(spec.found(db, {"s_country": "gb"}, "s_", {}, bill))["zone_id"] == 0
    with pytest.raises(ApiError) as err:  # the state's refusal names the inherited country
        asyncio.run(spec.found(db, {"s_state": "Fen"}, "s_", {}, {**bill, "name": "Old Land"}))
    assert "'s_state'" in err.value.message and "a state of Old Land" in err.value.message
    assert spec.columns({}, "s_", like={}) == {"first": "", "city": ""}  # nothing to inherit
