"""Small kit pieces platforms share instead of writing their own: converters (``nonzero``,
``ids_in``), a record in an answer that is a list (``first_record``), a date as the
contract's moment text (``Dates.moment``), the host a store URL names (``store_host``), and
variants whose price, name and dates come from their product (``Variants``)."""

from __future__ import annotations

from datetime import UTC, datetime

from anycart.platforms.kit.dates import ISO, Dates
from anycart.platforms.kit.fields import (
    Entry,
    Field,
    as_ids,
    choice,
    first_record,
    ids_in,
    int_id,
    money,
    negated,
    nonzero,
    number,
    renamed,
    unified,
)
from anycart.platforms.kit.options import OptionSets
from anycart.platforms.kit.rest import site_url, store_host
from anycart.platforms.kit.variants import Variants


def test_converters():
    assert nonzero(0) is None and nonzero("0") == "0" and nonzero(12) == "12"
    assert nonzero(None) is None and nonzero("") is None
    read = ids_in("CategoryID")
    assert read([{"CategoryID": 3}, {"CategoryID": None}, "junk", {"x": 1}, {"CategoryID": 0}]) \
        == ["3", "0"]
    assert read(None) == []
    assert money(12.5) == "12.50" and money("3") == "3.00" and money(7) == "7.00"
    for bad in (None, "", "x"):
        try:
            money(bad)
        except (TypeError, ValueError):  # so 109 naming the parameter (fields.converted)
            continue
        raise AssertionError(bad)


def test_ids_and_entries_written_as_the_platform_names_them():
    assert as_ids("id", int_id)("3, 5,,") == [{"id": 3}, {"id": 5}]
    assert as_ids("CategoryID")("7") == [{"CategoryID": "7"}] and as_ids("id")("") == []
    attrs = renamed({"attribute_name": "name", "attribute_value": "option"})
    assert attrs([{"attribute_name": "Size", "attribute_value": 9}]) == [{"name": "Size", "option": "9"}]
    for bad in ([{"attribute_name": "Size"}], ["Size"], "Size", 5):
        try:
            attrs(bad)
        except (TypeError, ValueError):  # so 109 naming the parameter
            continue
        raise AssertionError(bad)


def test_an_entry_of_a_key_value_list_read_and_written():
    tracking = Entry("_tracking")
    order = {"meta_data": [{"key": "_other", "value": 1}, "junk", {"key": "_tracking", "value": [2]}]}
    assert tracking.read(order) == [2] and Entry("_none").read(order) is None
    assert tracking.read({}) is None and Entry("a", "x.meta").read({"x": {"meta": [{"key": "a", "value": 3}]}}) == 3
    assert tracking.write([5]) == {"meta_data": [{"key": "_tracking", "value": [5]}]}
    assert Entry("a", "x.meta").write(1) == {"x": {"meta": [{"key": "a", "value": 1}]}}


def test_unified_leaves_out_what_the_caller_consumed():
    record = {"id": 3, "kind": "percent", "_links": {}, "extra": 1}
    assert unified((Field("id", "id"),), record, ("kind", "_links")) == {
        "id": "3", "additional_fields": {"extra": 1}}
    assert unified((Field("id", "id"),), record)["additional_fields"] == {
        "kind": "percent", "_links": {}, "extra": 1}


def test_choice_and_naive_utc():
    kind = choice({"simple": "simple", "configurable": "variable"}, str.lower)
    assert kind("Configurable") == "variable" and kind("simple") == "simple"
    for bad in ("variable", None, ""):
        try:
            kind(bad)
        except ValueError:  # so 109 naming the parameter (fields.converted)
            continue
        raise AssertionError(bad)
    assert ISO.utc("2025-03-01T10:00:00+02:00") == datetime(2025, 3, 1, 8, 0)
    assert ISO.utc("2025-03-01 10:00:00") == datetime(2025, 3, 1, 10, 0)  # no zone: UTC
    for bad in ("", "soon", None):
        try:
            ISO.utc(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_unix_dates_read_and_written():
    unix = Dates(unix=True)
    moment = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    assert unix.parse("1740816000") == unix.parse(1740816000) == moment
    assert unix.parse(0) == datetime(1970, 1, 1, tzinfo=UTC)  # a time, not "no date"
    assert unix.parse("2025-03-01T08:00:00Z") == moment  # ISO 8601 still read
    assert unix.parse("") is None and unix.parse(None) is None and unix.parse("-5") is None
    assert unix.stamp(moment) == "1740816000" and ISO.stamp(moment) == "2025-03-01T08:00:00+00:00"
    assert ISO.parse("1740816000") is None  # only a unix platform reads numbers so


def test_first_record_of_an_answer():
    assert first_record([{"a": 1}, {"a": 2}]) == {"a": 1}
    assert first_record({"data": [{"a": 1}]}, "data") == {"a": 1}
    assert first_record({"data": {"a": 1}}, "data") == {"a": 1}
    assert first_record({"a": 1}) == {"a": 1}
    assert first_record([], "") is None and first_record(["x"]) is None
    assert first_record([{"a": 1}], "data") is None  # a path into a list names nothing


def test_moment_and_store_host():
    dates = Dates(formats=("%m/%d/%Y",))
    assert dates.moment("12/31/2024") == "2024-12-31T00:00:00+0000"
    assert dates.moment("") is None and dates.moment("soon") is None
    assert store_host("https://Demo.Example.com/") == "demo.example.com"
    assert store_host(" shop.example:8443/path ") == "shop.example"
    assert store_host("") == ""
    assert site_url(" shop.example/blog/ ", "/wp-json/wc/v3/") == "https://shop.example/blog/wp-json/wc/v3/"
    assert site_url("http://10.0.0.5:8080", "/api/") == "http://10.0.0.5:8080/api/"  # its scheme kept


SETS = OptionSets(sets="sets", set_id="id", set_name="name", set_type="type", set_sort="sort",
                  set_required="required", values="values", value_id="id", value_name="name",
                  value_sort="sort", value_default="default", value_price="delta",
                  product_id="id", types={"option_type_select": "list"})
KIDS = Variants(items="kids", code="code", product_id="id", product_sku="sku", options=SETS,
                fields=(Field("inventory_level", "stock", number, param="quantity"),
                        Field("name", "title", param="name")),
                inherited=(Field("name", "title"), Field("avail_for_sale", "blocked", negated)),
                price="price", product_price="price", managed=True)
PRODUCT = {"id": 5, "sku": "P", "title": "Shirt", "price": 10.0, "blocked": False,
           "sets": [{"id": 1, "values": [{"id": 11, "delta": 2.5}, {"id": 12, "delta": 1}]}],
           "kids": [{"code": "11", "stock": 0, "price": 0},
                    {"code": "11,12", "stock": 4, "price": 0, "title": "Big shirt"},
                    {"code": "12", "price": 19.999}]}


def test_a_variant_takes_what_it_leaves_unset_from_its_product():
    plain, both, own = KIDS.children(PRODUCT)
    assert plain["name"] == "Shirt" and plain["default_price"] == 12.5  # 10 + 2.5
    assert plain["in_stock"] is False and plain["manage_stock"] is True
    assert plain["avail_for_sale"] is True
    assert both["name"] == "Big shirt" and both["default_price"] == 13.5 and both["in_stock"]
    assert own["default_price"] == 20.0 and "in_stock" not in {k for k, v in own.items()
                                                               if v is not None}


def test_a_model_less_answer_holds_wire_values():
    dates = Dates(formats=("%m/%d/%Y",))
    fields = (Field("id", "Id"), Field("created_at", "When", dates.a2c))
    assert unified(fields, {"Id": 3, "When": "01/02/2025", "Extra": 1}) == {
        "id": "3", "created_at": {"value": "2025-01-02T00:00:00+0000",
                                  "format": "Y-m-d\\TH:i:sO"},
        "additional_fields": {"Extra": 1}}
    assert unified(fields, {"Id": 3})["created_at"] is None


def test_last_four_never_gives_more_of_a_card_number():
    from anycart.platforms.kit.fields import last_four

    assert last_four("************1234") == "1234"
    assert last_four("4111 1111 1111 4242") == "4242"  # even an unmasked number
    assert last_four("XXXX-12") == "12"
    assert last_four("") is None and last_four(None) is None and last_four("****") is None
