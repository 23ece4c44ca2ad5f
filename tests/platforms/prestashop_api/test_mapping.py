"""The webservice's shapes as PrestaShop documents and writes them, read and written here
without the simulator: the cheat sheet's filter, sort and limit notation
(devdocs.prestashop-project.org/8/webservice/cheat-sheet), ``date=1`` (WebserviceRequest:
date_add/date_upd are filters only with it), multilingual values as WebserviceOutputJSON
renders them (a list of ``{"id", "value"}``, a plain value when one language is shown), the
XML a create sends (the "create a product" tutorial's ``<language id="1">``), error bodies
(``renderErrors``: ``{"errors": [{"code", "message"}]}`` and its XML form)."""

from __future__ import annotations

import httpx
import lxml.etree as ET
import pytest
import xmltodict

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.kit.pairlimit import OffsetCount
from anycart.platforms.prestashop_api import entities as E
from anycart.platforms.prestashop_api import mapping as M
from anycart.platforms.prestashop_api.client import ERRORS, error_text
from anycart.platforms.prestashop_api.webservice import Scope, _merge, _xml_value, query_params

SCOPE = Scope(lang="2", default="1", languages=("1", "2"))


def test_the_cheat_sheets_notation():
    assert query_params({"id": "1,5"}) == {"filter[id]": "[1|5]"}  # OR: [1|5]
    assert query_params({"name~": "oh"}) == {"filter[name]": "%[oh]%"}  # contains
    assert query_params({"price>=": "1", "price<=": "10"}) == {"filter[price]": "[1,10]"}
    assert query_params({"sort": "[id_DESC]"}) == {"sort": "[id_DESC]"}
    dated = query_params({"date_upd>=": "2024-01-02 03:04:05"})
    assert dated == {"filter[date_upd]": "[2024-01-02 03:04:05,9999-12-31 23:59:59]", "date": 1}
    assert query_params({"sort": "[date_add_ASC]"})["date"] == 1  # sorting by a date too


def test_contract_filters_become_webservice_filters():
    query = E.PRODUCT.query({"product_ids": "3,5", "created_from": "2024-01-02 03:04:05",
                             "sort_by": "name", "sort_direction": "desc"}, "PrestaShop")
    assert query_params(query) == {"filter[id]": "[3|5]", "sort": "[name_DESC]", "date": 1,
                                   "filter[date_add]": "[2024-01-02 03:04:05,9999-12-31 23:59:59]"}
    assert query_params(E.PRODUCT.query({"find_value": "shirt"}, "PrestaShop")) == {
        "filter[name]": "%[shirt]%"}


def test_limit_is_offset_and_count():
    pages = OffsetCount(records="products", page_size=250).fresh()
    assert pages.first({"display": "full"}, 500, 30) == {"display": "full", "limit": "500,30"}
    big = OffsetCount(records="products", page_size=250).fresh()
    assert big.first({}, 0, 300)["limit"] == "0,250"
    body = {"products": [{"id": n} for n in range(1, 251)]}
    assert len(big.take(httpx.Response(200, json=body, request=httpx.Request("GET", "https://x/")))) == 250
    assert big.next_params() == {"limit": "250,50"}
    # an empty list is answered ``[]``, not an object: the end
    empty = OffsetCount(records="products").fresh()
    empty.first({}, 0, 10)
    assert empty.take(httpx.Response(200, json=[], request=httpx.Request("GET", "https://x/"))) == []


def test_multilingual_values_in_the_language_asked():
    two = [{"id": "1", "value": "Hummingbird printed t-shirt"}, {"id": "2", "value": "T-shirt imprimé"}]
    assert SCOPE.pick(two) == "T-shirt imprimé"
    assert Scope("3", "1", ("1", "2", "3")).pick(two) == "Hummingbird printed t-shirt"  # the default
    assert SCOPE.pick("One language shown") == "One language shown"  # rendered plain
    assert SCOPE.pick([{"id": "2"}]) == [{"id": "2"}]  # an association list is no text


def test_a_create_writes_each_localized_text_in_every_language():
    body = E.PRODUCT.body({"name": "Mug", "price": 9.9, "categories_ids": "2,3", "seo_url": "Mug Café",
                           "available_for_view": True})
    sent = xmltodict.unparse({"prestashop": {"product": _xml_value(body, ("1", "2"))}})
    xml = ET.fromstring(sent.encode())
    assert [(n.get("id"), n.text) for n in xml.findall("product/name/language")] == [("1", "Mug"), ("2", "Mug")]
    assert xml.findtext("product/link_rewrite/language") == "mug-cafe"
    assert [n.text for n in xml.findall("product/associations/categories/category/id")] == ["2", "3"]
    assert (xml.findtext("product/price"), xml.findtext("product/active"),
            xml.findtext("product/id_category_default")) == ("9.90", "1", "2")


def test_an_update_changes_one_language_and_keeps_the_record():
    record = {"id": "1", "price": "1.0", "name": {"language": [{"@id": "1", "#text": "Mug"},
                                                               {"@id": "2", "#text": "Tasse"}]}}
    _merge(record, E.PRODUCT.body({"name": "Grande tasse", "price": 2}), "2")
    assert record["name"]["language"] == [{"@id": "1", "#text": "Mug"}, {"@id": "2", "#text": "Grande tasse"}]
    assert (record["id"], record["price"]) == ("1", "2.00")


def test_error_bodies_json_and_xml():
    request = httpx.Request("GET", "https://shop.example/api/customers")
    as_json = httpx.Response(401, request=request, json={"errors": [
        {"code": 26, "message": 'Resource of type "customers" is not allowed with this authentication key'}]})
    assert error_text(as_json) == 'Resource of type "customers" is not allowed with this authentication key [26]'
    err = ERRORS.error(as_json)
    assert isinstance(err, ApiError) and err.code == ReturnCode.PLATFORM_ERROR
    assert "customers" in err.message and "Advanced Parameters > Webservice" in err.message
    as_xml = httpx.Response(400, request=request, content=(
        b'<?xml version="1.0" encoding="UTF-8"?><prestashop xmlns:xlink="http://www.w3.org/1999/xlink">'
        b"<errors><error><code><![CDATA[93]]></code><message><![CDATA[parameter \"quantity\" not writable]]>"
        b"</message></error></errors></prestashop>"))
    assert error_text(as_xml) == 'parameter "quantity" not writable [93]'
    assert ERRORS.error(as_xml).code == ReturnCode.INCORRECT_VALUE


@pytest.mark.parametrize(("value", "read"), [("1", True), ("0", False), ("", None), (None, None)])
def test_prestashop_flags_are_text(value, read):
    assert M.flag(value) is read


def test_an_order_as_the_webservice_answers_it():
    order = {"id": 5, "id_customer": "2", "id_currency": "1", "id_address_invoice": "4",
             "id_address_delivery": "4", "current_state": "2", "payment": "Bank wire",
             "total_paid_tax_incl": "61.80", "total_paid_tax_excl": "51.50", "total_products": "48.50",
             "total_shipping_tax_incl": "8.40", "total_discounts_tax_incl": "0.00", "reference": "XKBKNABJK",
             "associations": {"order_rows": [
                 {"id": "7", "product_id": "1", "product_attribute_id": "1", "product_quantity": "2",
                  "product_name": "Hummingbird printed t-shirt - Size : S", "product_reference": "demo_1",
                  "unit_price_tax_incl": "23.90", "unit_price_tax_excl": "19.92"}]}}
    ctx = {"customers": {"2": {"email": "pub@prestashop.com", "firstname": "John", "lastname": "DOE"}},
           "addresses": {"4": {"id": "4", "firstname": "John", "lastname": "DOE", "address1": "16, Main street",
                               "city": "Miami", "postcode": "33133", "id_country": "21", "id_state": "0"}},
           "currencies": {"1": {"iso_code": "USD"}}, "states": {"2": {"name": "Payment accepted"}},
           "countries": {"21": {"iso_code": "US", "name": "United States"}}}
    got = M.order(order, ctx)
    assert (got["customer"].email, got["currency"].iso3, got["status"].name) == (
        "pub@prestashop.com", "USD", "Payment accepted")
    assert got["billing_address"].country.code2 == "US" and got["shipping_address"].city == "Miami"
    [row] = got["order_products"]
    assert (row.variant_id, row.quantity, row.price, row.total_price) == ("1", 2, 19.92, 39.84)
    assert row.tax_percent == 19.98 and got["totals"].tax == 10.3


def test_dates_in_the_shops_zone():
    """PrestaShop writes dates in the shop's zone (``PS_TIMEZONE``) without an offset: they
    are read with it, and a contract bound (UTC) is asked for in it."""
    paris = Scope("1", "1", ("1",), zone="Europe/Paris")
    assert paris.stamped("date_upd", "2024-07-01 12:00:00") == "2024-07-01T12:00:00+02:00"
    assert paris.stamped("date_upd", "0000-00-00 00:00:00") == "0000-00-00 00:00:00"
    assert paris.stamped("reference", "2024-07-01 12:00:00") == "2024-07-01 12:00:00"
    assert M.DATES.a2c(paris.stamped("date_add", "2024-01-15 08:30:00")).value == "2024-01-15T08:30:00+0100"
    bound = query_params(E.PRODUCT.query({"modified_from": "2024-07-01T10:00:00+00:00"}, "PrestaShop"), paris)
    assert bound["filter[date_upd]"] == "[2024-07-01 12:00:00,9999-12-31 23:59:59]"
    unknown = Scope("1", "1", ("1",))  # a key that may not read the configuration: as written
    assert unknown.stamped("date_upd", "2024-07-01 12:00:00") == "2024-07-01 12:00:00"
