"""Magento 2 records -> the unified model, from payloads shaped as Magento's REST reference and
its devdocs tutorials show them (the configurable "Champ Tee" of the configurable-product
tutorial, an order of the order-processing tutorial), and the searchCriteria the connector
writes, read back by the simulator kit's own parser."""

from __future__ import annotations

import copy

import httpx

from anycart.platforms.kit.fields import merge
from anycart.platforms.kit.pagination import SearchCriteria, criteria
from anycart.platforms.magento2_api import entities as E
from anycart.platforms.magento2_api import mapping as M
from anycart.platforms.magento2_api import returns as R
from anycart.platforms.magento2_api.client import message
from anycart.platforms.magento2_api.mapping import ATTRIBUTES
from anycart.sandbox import SearchCriteria as ServerCriteria

MEDIA = "https://shop.example/media/catalog/product"

CHAMP = ATTRIBUTES.read({
    "id": 2078, "sku": "MS-Champ", "name": "Champ Tee", "attribute_set_id": 9, "price": 25,
    "status": 1, "visibility": 4, "type_id": "configurable",
    "created_at": "2017-11-29 20:40:46", "updated_at": "2017-11-29 20:40:46", "weight": 0.5,
    "extension_attributes": {
        "website_ids": [1], "category_links": [{"position": 0, "category_id": "11"}],
        "stock_item": {"item_id": 2078, "product_id": 2078, "stock_id": 1, "qty": 0,
                       "is_in_stock": True, "manage_stock": True, "backorders": 0},
        "configurable_product_options": [{"id": 338, "attribute_id": "141", "label": "Size",
                                          "position": 0, "values": [{"value_index": 168},
                                                                    {"value_index": 169}],
                                          "product_id": 2078}],
        "configurable_product_links": [2079, 2080]},
    "product_links": [], "options": [], "tier_prices": [],
    "media_gallery_entries": [
        {"id": 3, "media_type": "image", "label": "Back", "position": 2, "disabled": False,
         "types": [], "file": "/m/s/ms-champ-back.jpg"},
        {"id": 2, "media_type": "image", "label": "Front", "position": 1, "disabled": False,
         "types": ["image", "small_image", "thumbnail"], "file": "/m/s/ms-champ.jpg"}],
    "custom_attributes": [
        {"attribute_code": "description", "value": "<p>The Champ Tee keeps you cool.</p>"},
        {"attribute_code": "url_key", "value": "champ-tee"},
        {"attribute_code": "meta_title", "value": "Champ Tee"},
        {"attribute_code": "special_price", "value": "19.990000"},
        {"attribute_code": "special_from_date", "value": "2017-11-29 00:00:00"},
        {"attribute_code": "tax_class_id", "value": "2"},
        {"attribute_code": "category_ids", "value": ["11"]},
        {"attribute_code": "gender", "value": "80"}],
})

CHAMP_SMALL = ATTRIBUTES.read({
    "id": 2079, "sku": "MS-Champ-S", "name": "Champ Tee Small", "attribute_set_id": 9,
    "price": 25, "status": 1, "visibility": 1, "type_id": "simple", "weight": 0.5,
    "created_at": "2017-11-29 20:41:00", "updated_at": "2017-11-30 08:00:00",
    "extension_attributes": {"stock_item": {"qty": 100, "is_in_stock": True, "manage_stock": True,
                                            "backorders": 0}},
    "custom_attributes": [{"attribute_code": "size", "value": "168"},
                          {"attribute_code": "gender", "value": "80"},
                          {"attribute_code": "url_key", "value": "champ-tee-small"}],
})


def test_a_configurable_product_reads_its_attributes_stock_gallery_and_options():
    p = E.PRODUCT.to_unified(CHAMP, {"media": MEDIA, "site": "https://shop.example"})
    assert (p["id"], p["u_sku"], p["u_model"], p["name"], p["type"]) == (
        "2078", "MS-Champ", "MS-Champ", "Champ Tee", "configurable")
    assert p["description"] == "<p>The Champ Tee keeps you cool.</p>" and p["seo_url"] == "champ-tee"
    assert p["url"] == "https://shop.example/champ-tee.html"
    assert p["price"] == 25 and p["quantity"] == 0 and p["in_stock"] is True
    assert p["avail_view"] is True and p["avail_sale"] is True
    assert p["categories_ids"] == ["11"] and p["tax_class_id"] == "2"
    assert p["special_price"]["value"] == 19.99
    assert p["create_at"]["value"].startswith("2017-11-29")
    # the base image first, whatever its position, with the store's media URL
    assert [i["id"] for i in p["images"]] == ["2", "3"]
    assert p["images"][0]["http_path"] == MEDIA + "/m/s/ms-champ.jpg"
    assert p["images"][0]["type"] == "base" and p["images"][1]["type"] == "additional"
    option = p["product_options"][0]
    assert (option["id"], option["name"], option["used_in_combination"]) == ("141", "Size", True)
    assert [v["id"] for v in option["option_items"]] == ["168", "169"]
    # custom attributes no field reads stay, by code
    assert p["additional_fields"]["custom_attributes"]["gender"] == "80"


def test_a_child_is_matched_to_its_option_values():
    c = E.CHILD.to_unified(CHAMP_SMALL, {"parent": CHAMP})
    assert (c["id"], c["parent_id"], c["sku"], c["inventory_level"]) == ("2079", "2078", "MS-Champ-S", 100)
    assert [(x["option_id"], x["option_value_id"]) for x in c["combination"]] == [("141", "168")]
    assert c["avail_for_sale"] is True and c["seo_url"] == "champ-tee-small"


def test_a_not_visible_or_disabled_product():
    hidden = E.PRODUCT.to_unified({**CHAMP_SMALL}, {})
    assert hidden["avail_view"] is False and hidden["avail_sale"] is True
    off = E.PRODUCT.to_unified({**CHAMP_SMALL, "status": 2}, {})
    assert off["avail_view"] is False and off["avail_sale"] is False


def test_product_writes_are_magento_bodies():
    body = E.PRODUCT.body({"name": "Tee", "sku": "T-1", "price": 9.5, "description": "d",
                           "quantity": 4, "categories_ids": "3,5", "visible": "catalog",
                           "available_for_sale": False, "sprice_create": "2024-01-02"})
    assert body["extension_attributes"]["stock_item"]["qty"] == 4.0
    assert body["extension_attributes"]["category_links"] == [
        {"category_id": "3", "position": 0}, {"category_id": "5", "position": 0}]
    assert (body["visibility"], body["status"]) == (2, 2)
    out = ATTRIBUTES.write(merge(copy.deepcopy(E.PRODUCT_DEFAULTS), body))
    assert {"attribute_code": "description", "value": "d"} in out["custom_attributes"]
    assert {"attribute_code": "special_from_date", "value": "2024-01-02"} in out["custom_attributes"]
    # a new product keeps the website default beside the stock given
    assert out["extension_attributes"]["website_ids"] == [1] and out["attribute_set_id"] == 4


ORDER = {
    "entity_id": 3, "increment_id": "000000003", "state": "processing", "status": "processing",
    "created_at": "2017-08-09 19:01:47", "updated_at": "2017-08-09 19:13:50",
    "customer_email": "jdoe@example.com", "customer_firstname": "Jane", "customer_lastname": "Doe",
    "customer_id": 2, "customer_is_guest": 0, "order_currency_code": "USD",
    "grand_total": 36.39, "subtotal": 22, "shipping_amount": 10, "tax_amount": 1.82,
    "discount_amount": 0, "store_id": 1, "shipping_description": "Flat Rate - Fixed",
    "items": [
        {"item_id": 5, "order_id": 3, "product_id": 1511, "sku": "MS-Champ-S", "name": "Champ Tee",
         "product_type": "configurable", "qty_ordered": 1, "price": 22, "price_incl_tax": 23.82,
         "row_total": 22, "tax_amount": 1.82, "tax_percent": 8.25, "qty_shipped": 0},
        {"item_id": 6, "order_id": 3, "parent_item_id": 5, "product_id": 1508,
         "sku": "MS-Champ-S", "name": "Champ Tee Small", "product_type": "simple", "qty_ordered": 1,
         "price": 0}],
    "billing_address": {"address_type": "billing", "city": "Calder", "country_id": "US",
                        "entity_id": 6, "firstname": "Jane", "lastname": "Doe",
                        "postcode": "49628-7978", "region": "Michigan", "region_code": "MI",
                        "street": ["6146 Honey Bluff Parkway", "Suite 1"], "telephone": "(555) 229-3326"},
    "payment": {"method": "checkmo", "additional_information": ["Check / Money order"]},
    "extension_attributes": {"shipping_assignments": [{"shipping": {
        "address": {"address_type": "shipping", "city": "Calder", "country_id": "US",
                    "entity_id": 5, "firstname": "Jane", "lastname": "Doe", "postcode": "49628-7978",
                    "region": "Michigan", "region_code": "MI", "street": ["6146 Honey Bluff Parkway"],
                    "telephone": "(555) 229-3326"},
        "method": "flatrate_flatrate"}, "items": []}]},
}


def test_an_order_with_a_configurable_line():
    o = E.ORDER.to_unified(ORDER, {})
    assert (o["id"], o["order_id"], o["status"]["id"], o["status"]["name"]) == (
        "3", "000000003", "processing", "Processing")
    assert [li["order_product_id"] for li in o["order_products"]] == ["5"]  # the child line folded
    line = o["order_products"][0]
    assert (line["product_id"], line["variant_id"], line["price"], line["tax_percent"]) == (
        "1511", "1508", 22, 8.25)
    assert o["customer"]["email"] == "jdoe@example.com" and o["customer"]["id"] == "2"
    assert o["billing_address"]["address1"] == "6146 Honey Bluff Parkway"
    assert o["billing_address"]["address2"] == "Suite 1"
    assert o["billing_address"]["state"]["code"] == "MI"
    assert o["shipping_address"]["id"] == "5" and o["shipping_address"]["type"] == "shipping"
    assert o["totals"]["total"] == 36.39 and o["totals"]["shipping"] == 10
    assert o["payment_method"]["name"] == "Check / Money order"
    assert o["shipping_method"]["name"] == "Flat Rate - Fixed" and o["currency"]["iso3"] == "USD"


def test_a_customer_with_its_addresses():
    c = E.CUSTOMER.to_unified(ATTRIBUTES.read({
        "id": 1, "group_id": 1, "default_billing": "1", "default_shipping": "1",
        "created_at": "2017-08-09 18:56:43", "updated_at": "2017-08-09 18:56:43",
        "email": "roni_cost@example.com", "firstname": "Veronica", "lastname": "Costello",
        "gender": 2, "store_id": 1, "website_id": 1,
        "addresses": [{"id": 1, "customer_id": 1, "region": {"region_code": "MI", "region": "Michigan",
                                                             "region_id": 33},
                       "region_id": 33, "country_id": "US", "street": ["6146 Honey Bluff Parkway"],
                       "telephone": "(555) 229-3326", "postcode": "49628-7978", "city": "Calder",
                       "firstname": "Veronica", "lastname": "Costello", "default_shipping": True,
                       "default_billing": True}],
        "custom_attributes": [{"attribute_code": "loyalty", "value": "gold"}]}), {})
    assert (c["id"], c["email"], c["first_name"], c["last_name"]) == (
        "1", "roni_cost@example.com", "Veronica", "Costello")
    assert c["group"][0]["id"] == "1" and c["gender"] == "female" and c["phone"] == "(555) 229-3326"
    book = c["address_book"]
    assert book[0]["id"] == "1" and book[0]["state"]["code"] == "MI" and book[0]["default"] is True
    assert c["additional_fields"]["custom_attributes"] == {"loyalty": "gold"}


def test_shipment_and_credit_memo():
    s = E.SHIPMENT.to_unified({"entity_id": 4, "order_id": 3, "increment_id": "000000004",
                    "created_at": "2017-08-09 19:13:50", "updated_at": "2017-08-09 19:13:50",
                    "items": [{"order_item_id": 5, "product_id": 1511, "qty": 1, "sku": "MS-Champ-S",
                               "name": "Champ Tee"}],
                    "tracks": [{"entity_id": 1, "order_id": 3, "parent_id": 4, "track_number": "1Z999",
                                "title": "United Parcel Service", "carrier_code": "ups"}],
                    "comments": []})
    assert (s["id"], s["order_id"], s["shipment_provider"]) == ("4", "3", "United Parcel Service")
    assert s["tracking_numbers"] == [{"carrier_id": "ups", "tracking_number": "1Z999"}]
    assert s["items"][0]["order_product_id"] == "5" and s["items"][0]["quantity"] == 1
    memo = {"entity_id": 7, "order_id": 3, "increment_id": "000000007", "grand_total": 22,
            "created_at": "2017-08-10 10:00:00",
            "items": [{"order_item_id": 5, "product_id": 1511, "sku": "MS-Champ-S", "qty": 1},
                      {"order_item_id": 6, "product_id": 1508, "sku": "MS-Champ-S", "qty": 0}],
            "comments": [{"comment": "Too small"}]}
    other = {**memo, "entity_id": 8, "order_id": 4}
    [r] = [x.model_dump(exclude_none=True) for x in M.refunds({"entity_id": 3}, {"7": memo, "8": other})]
    assert (r["id"], r["total"], r["comment"]) == ("7", 22, "Too small")
    assert [p["order_product_id"] for p in r["items"]] == ["5"]  # what was given back


def test_an_rma_is_a_return_named_by_its_order_lines():
    order = {"entity_id": 3, "items": [{"item_id": 5, "product_id": 1511, "sku": "MS-Champ-S",
                                        "name": "Champ Tee"}]}
    r = R.return_({"entity_id": 9, "order_id": 3, "customer_id": 0, "store_id": 1,
                   "date_requested": "2017-08-10 10:00:00", "status": "authorized",
                   "increment_id": "100000009", "comments": [{"comment": "Too small"}],
                   "items": [{"order_item_id": 5, "qty_requested": 2, "reason": "4",
                              "resolution": "7", "condition": "2", "status": "authorized"}]},
                  {"orders": {"3": order}})
    assert (r["id"], r["order_id"], r["customer_id"], r["comment"]) == ("9", "3", None, "Too small")
    assert r["status"] == {"id": "authorized", "name": "Authorized",
                           "additional_fields": {"unified_status": "approved"}}
    [line] = r["order_products"]
    assert (line["order_product_id"], line["product_id"], line["sku"], line["quantity"]) == (
        "5", "1511", "MS-Champ-S", 2)
    assert (line["reason"]["id"], line["action"]["id"], line["condition"]) == ("4", "7", "2")
    assert r["additional_fields"]["increment_id"] == "100000009"


def test_search_criteria_read_back_by_the_simulator_kit():
    query = criteria({"created_at:gteq": "2024-01-02 00:00:00", "entity_id:in": "3,5",
                      "name:like": "Tee", "sku": "MS-Champ", "sortOrders": "updated_at:DESC"})
    parsed = ServerCriteria().parse({k: str(v) for k, v in query.items()})
    assert [(c.field, c.value, c.condition_type) for group in parsed.groups for c in group] == [
        ("created_at", "2024-01-02 00:00:00", "gteq"), ("entity_id", "3,5", "in"),
        ("name", "%Tee%", "like"), ("sku", "MS-Champ", "eq")]
    assert parsed.sort == [("updated_at", True)]


def _page(body: dict) -> httpx.Response:
    return httpx.Response(200, json=body, request=httpx.Request("GET", "https://shop.example/"))


def test_a_page_past_the_end_is_empty_not_the_last_page_again():
    walk = SearchCriteria(page_size=10).fresh()
    params = walk.first({}, 10, 10)
    assert params["searchCriteria[currentPage]"] == 2
    # Magento answers currentPage 2 of a 5-record list with page 1 again
    again = walk.take(_page({"items": [{"id": i} for i in range(5)], "total_count": 5}))
    assert again == [] and not walk.has_more
    inside = SearchCriteria(page_size=2).fresh()
    inside.first({}, 0, 4)
    assert inside.take(_page({"items": [{"id": 1}, {"id": 2}], "total_count": 3})) == [{"id": 1}, {"id": 2}]
    assert inside.next_params()["searchCriteria[currentPage]"] == 2


def test_magento_error_texts_with_their_parameters():
    def answer(body: dict) -> httpx.Response:
        return httpx.Response(400, json=body, request=httpx.Request("GET", "https://shop.example/"))

    assert message(answer({"message": "The \"%1\" attribute value is empty. Set the attribute and try again.",
                           "parameters": ["sku"]})) == \
        "The \"sku\" attribute value is empty. Set the attribute and try again."
    assert message(answer({"message": "The consumer isn't authorized to access %resources.",
                           "parameters": {"resources": "Magento_Catalog::products"}})) == \
        "The consumer isn't authorized to access Magento_Catalog::products."
