"""kit.addresses and kit.dates.Dates on shapes unlike Shift4Shop's: a WooCommerce-style
nested ``billing``/``shipping`` object, and a platform answering ``dd.mm.yyyy`` dates."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.addresses import ORDER_PARAMS, AddressBook, AddressMap, BookAdd
from anycart.platforms.kit.dates import Dates
from anycart.platforms.kit.entities import Filter, contract_names, date_filters
from anycart.platforms.kit.fields import Field, number, unified
from tests.kit.calls import call

NESTED = AddressMap({"first_name": "first_name", "last_name": "last_name", "address1": "address_1",
                     "city": "city", "state": "state", "postcode": "postcode",
                     "country": "country", "phone": "phone"}, default=None)
CUSTOMER = {"id": 5, "billing": {"first_name": "Ada", "last_name": "L", "address_1": "1 Way",
                                 "city": "Oslo", "country": "NO", "state": "", "phone": ""},
            "shipping": {"first_name": "", "city": "", "country": ""}}


def test_reads_an_address_under_a_prefix_or_none():
    billing = NESTED.read(CUSTOMER, "billing.", "billing")
    assert billing is not None
    assert (billing.id, billing.type, billing.first_name, billing.address1, billing.city) == (
        "billing", "billing", "Ada", "1 Way", "Oslo")
    assert billing.country is not None and billing.country.code3 == "NOR"
    assert billing.state is None and billing.phone is None and billing.default is None
    assert NESTED.read(CUSTOMER, "shipping.", "shipping") is None  # nothing in it
    flat = AddressMap({"city": "City", "state": "State"}).read({"ShipCity": "Rome", "ShipState": "RM"},
                                                               "Ship", "shipping", ident="7")
    assert flat is not None and flat.id == "7" and flat.state is not None and flat.state.code == "RM"
    assert NESTED.paths("billing.") >= {"billing.address_1", "billing.phone"}


#: An address record of its own (Shopify-like, no prefix): its id and default flag, the
#: state's and country's codes with their names beside them.
OWN = AddressMap({"city": "town", "state": "region_code", "country": "land_code"},
                 names={"state": "region", "country": "land"}, id_key="ref",
                 default_key="primary")


def test_reads_an_address_record_with_its_own_id_default_and_named_codes():
    a = OWN.read({"ref": 9, "town": "Turin", "region_code": "TO", "region": "Torino",
                  "land_code": "", "land": "Italy", "primary": False}, "", "shipping")
    assert a is not None and (a.id, a.type, a.default, a.city) == ("9", "shipping", False, "Turin")
    assert a.state is not None and (a.state.code, a.state.name) == ("TO", "Torino")
    assert a.country is not None and a.country.code2 == "IT"  # by its name, no code given
    bare = OWN.read({"town": "Pisa", "region": "Toscana"}, "", "billing", ident="3")
    # the contract types `default` boolean: an address that says nothing is not the default
    assert bare is not None and bare.id == "3" and bare.default is False
    assert bare.state is not None and (bare.state.code, bare.state.name) == (None, "Toscana")
    assert OWN.body({"city": "Rome", "state": "RM"}, "") == {"town": "Rome", "region_code": "RM"}


def test_writes_what_is_given_under_any_prefix_and_parameter_names():
    params = {"bill_first_name": "Ada", "bill_address_1": "1 Way", "bill_city": None,
              "ship_first_name": "Bo"}
    assert NESTED.body(params, "billing.", "bill_", {"address1": "address_1"}) == {
        "billing": {"first_name": "Ada", "address_1": "1 Way"}}
    fields = NESTED.fields("shipping.", "ship_", skip=("phone",))
    assert "ship_phone" not in {p for f in fields for p in f.params}
    assert {f.path for f in fields} >= {"shipping.first_name", "shipping.address_1"}


DOTTED = Dates(formats=("%d.%m.%Y %H:%M", "%d.%m.%Y"), query_format="%Y%m%d%H%M%S", bare="%Y%m%d",
               none=("00.00.0000",))


def test_dates_read_the_platform_formats_and_write_its_queries():
    assert DOTTED.parse("03.02.2024 10:30") == datetime(2024, 2, 3, 10, 30)
    assert DOTTED.parse("2024-02-03T10:30:00Z") is not None  # ISO 8601 always
    assert DOTTED.parse("00.00.0000") is None and DOTTED.parse("soon") is None
    assert DOTTED.parse(20240203) is None
    a2c = DOTTED.a2c("03.02.2024")
    assert a2c is not None and a2c.value.startswith("2024-02-03")
    assert DOTTED.query("2024-02-03 10:30:00") == "20240203103000"
    assert DOTTED.query("2024-02-03T10:30:00+02:00") == "20240203083000"  # in UTC
    assert DOTTED.query("2024-02-03") == "20240203"  # a bare date stays one
    with pytest.raises(ValueError):
        DOTTED.query("when")
    f = Filter("created_to", "before", DOTTED.query)
    with pytest.raises(ApiError) as bad:
        f.apply({"created_to": "when"}, {}, "Dotted")
    assert bad.value.code == 109 and "created_to" in bad.value.message


BOOK = AddressBook(NESTED, {"billing": "billing.", "shipping": "shipping."})


def test_an_address_book_of_two_fixed_kinds():
    assert [a.type for a in BOOK.read(CUSTOMER)] == ["billing"]  # the shipping one is empty
    assert BOOK.paths() >= {"billing.city", "shipping.city"}
    assert BOOK.entries([{"address_book_type": "both", "address_book_city": "Rome"},
                         {"address_book_type": "shipping", "address_book_phone": "1"},
                         {"address_book_first_name": "Bo"}]) == {
        "billing": {"city": "Rome", "first_name": "Bo"}, "shipping": {"city": "Rome", "phone": "1"}}
    assert BOOK.typed({"types": ["shipping"], "city": "Pisa"}) == ({"shipping": {"city": "Pisa"}},
                                                                     "shipping")
    both, first = BOOK.typed({"types": ["both"], "postcode": "1"})
    assert both == {"billing": {"postcode": "1"}, "shipping": {"postcode": "1"}} and first == "billing"
    assert BOOK.typed({"city": "Oslo"})[1] == "billing"  # the default kind
    assert set(BOOK.entry_keys()) == {"address_book_type", *(f"address_book_{k}" for k in NESTED.keys)}


def test_date_filters_map_the_contract_bounds():
    both = date_filters(DOTTED.query, created=("after", "before"), modified=("changed_after",
                                                                             "changed_before"))
    assert [(f.names, f.to) for f in both] == [
        (("created_from",), "after"), (("created_to",), "before"),
        (("modified_from",), "changed_after"), (("modified_to",), "changed_before")]
    query: dict = {}
    for f in both:
        f.apply({"created_from": "2024-02-03", "modified_to": "2024-02-03 10:00:00"}, query, "D")
    assert query == {"after": "20240203", "changed_before": "20240203100000"}
    seen: list[str] = []
    only = date_filters(modified=("m1", "m2"), named=lambda p: seen.append(p) or str)
    assert [f.to for f in only] == ["m1", "m2"] and seen == ["modified_from", "modified_to"]


def test_iso_body_dates_and_plain_unified_records():
    assert DOTTED.iso("03.02.2024 10:30") == "2024-02-03T10:30:00"
    assert DOTTED.iso("2024-02-03T10:30:00+05:00") == "2024-02-03T10:30:00"  # its zone dropped
    with pytest.raises(ValueError):
        DOTTED.iso("soon")
    payment = (Field("id", "ref"), Field("amount", "sum", number))
    assert unified(payment, {"ref": 7, "sum": "2.5", "gw": "x"}) == {
        "id": "7", "amount": 2.5, "additional_fields": {"gw": "x"}}


class _Customers:
    """A connector's backend of customers, keeping the updates it is given."""

    def __init__(self) -> None:
        self.updates: list[tuple[str, dict[str, object]]] = []

    async def update(self, ident: str, body: dict[str, object]) -> None:
        self.updates.append((ident, body))


async def test_customer_address_add_updates_the_customer_over_the_kinds_given():
    customers = _Customers()
    connector = SimpleNamespace(entity=lambda name: name, backend=lambda entity: customers)
    run, applied = BookAdd(BOOK).methods()["customer.address.add"]
    assert applied == {"customer_id", "types", *NESTED.keys}
    added = await run(connector, call("customer.address.add", customer_id=7, types=["both"],
                                      city="Pisa"))
    assert added == {"id": "billing"}
    assert customers.updates == [("7", {"billing": {"city": "Pisa"}, "shipping": {"city": "Pisa"}})]
    with pytest.raises(ApiError) as missing:
        await run(connector, call("customer.address.add", city="Pisa"))
    assert missing.value.code == 114 and "'customer_id'" in missing.value.message
    assert len(customers.updates) == 1  # nothing written


def test_order_params_name_the_contracts_order_address_parameters():
    lines = AddressMap({"address1": "street", "address2": "street2", "city": "town"})
    written = {p for side in ("bill_", "shipp_")
               for f in lines.fields("x.", side, ORDER_PARAMS) for p in f.params}
    assert written == {"bill_address_1", "bill_address_2", "bill_city", "shipp_address_1",
                       "shipp_address_2", "shipp_city"}
    assert written <= contract_names("order.add")
