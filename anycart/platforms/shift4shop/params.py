"""Which contract parameters the Shift4Shop connector applies, per method (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.

Each set lists what the handler, and the mapping function it calls, reads and sends to the REST
API or applies to what it answers. A store serves one shop (``store_id`` ``1``, as
``cart.info`` lists it) in one language: ``lang_id``, ``currency_id`` and other stores are
refused. Lists come in ascending id order, the contract's default ``sort_by``; any other
order is refused. Keep each set in step with its handler: ``tests/platforms/test_params_audit.py``
calls every method with every parameter left out here and expects 109.
"""

from __future__ import annotations

_CREATED = {"created_from", "created_to"}
_DATES = _CREATED | {"modified_from", "modified_to"}
_FIND = {"find_value", "find_where"}

_PRODUCT_FILTERS = {"product_ids", "sku", "category_id", "categories_ids", "manufacturer_id",
                    "avail_view", "avail_sale", *_FIND, *_DATES}
_PRODUCT_WRITE = {"name", "model", "sku", "price", "cost_price", "retail_price",
                  "special_price", "quantity", "description", "short_description", "weight",
                  "height", "width", "length", "gtin", "meta_title", "meta_keywords",
                  "meta_description", "seo_url", "search_keywords", "manufacturer",
                  "manufacturer_id", "brand_name", "available_for_view", "visible",
                  "categories_ids", "min_order_quantity", "max_order_quantity",
                  "is_free_shipping", "taxable"}
_CATEGORY_FILTERS = {"parent_id", "avail", *_FIND}
_CATEGORY_WRITE = {"name", "description", "short_description", "parent_id", "avail",
                   "sort_order", "meta_title", "meta_description", "meta_keywords", "seo_url"}
_CUSTOMER_FILTERS = {"ids", "group_id", *_FIND, *_DATES}
_CUSTOMER_WRITE = {"email", "first_name", "last_name", "phone", "company", "password", "note",
                   "country", "news_letter_subscription", "group_id", "group_ids", "status",
                   "is_tax_exempt"}
_ORDER_FILTERS = {"ids", "order_ids", "customer_id", "customer_email", "order_status",
                  "order_status_ids", *_DATES}
_ADDRESS = ("first_name", "last_name", "address_1", "address_2", "city", "state", "postcode",
            "country", "company", "phone")
_ORDER_ADD = {"order_status", "customer_email", "customer_phone", "is_guest",
              "order_payment_method", "date", "total_price", "tax_price", "discount",
              "comment", "admin_comment", "admin_private_comment", "order_shipping_method",
              "shipping_price", "order_item", *(f"bill_{n}" for n in _ADDRESS),
              *(f"shipp_{n}" for n in _ADDRESS)}
_RETURN_FILTERS = {"order_ids", "order_id", "customer_id", "status", *_CREATED}
#: The store's order statuses are all listed, its own ("user defined") included.
_USER_STATUSES = "allow_user_defined_order_statuses"

APPLIED: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in {
    "cart.info": set(),
    "product.list": _PRODUCT_FILTERS,
    "product.count": _PRODUCT_FILTERS,
    "product.info": {"id"},
    "product.find": {"find_value", "find_where", "find_params"},
    "product.add": _PRODUCT_WRITE | {"category_id", "available_for_sale", "image_url", "url"},
    "product.update": _PRODUCT_WRITE | {"id", "avail", "on_sale", "increase_quantity",
                                        "reduce_quantity"},
    "product.delete": {"id"},
    "product.image.add": {"product_id", "type", "image_name", "url", "label", "position"},
    "product.image.update": {"product_id", "id", "image_name", "label", "position"},
    "product.manufacturer.add": {"manufacturer", "product_id", "meta_title", "meta_description",
                                 "image_url", "description"},
    "product.option.list": {"product_id"},
    "product.option.add": {"name", "type", "product_id", "values", "option_values",
                           "default_option_value", "description", "sort_order", "required"},
    "product.option.assign": {"product_id", "option_id", "option_values", "required",
                              "sort_order"},
    "product.option.value.add": {"product_id", "option_id", "option_value", "display_value",
                                 "is_default", "sort_order"},
    "product.option.value.update": {"product_id", "option_id", "option_value_id",
                                    "option_value", "display_value", "price"},
    "product.child_item.list": {"product_id", "product_ids", "sku", "avail_sale", *_FIND,
                                *_DATES},
    "product.child_item.info": {"product_id", "id"},
    "product.child_item.find": {"find_value", "find_where", "find_params"},
    "product.variant.update": {"id", "product_id", "price", "cost_price", "weight", "name",
                               "gtin", "quantity", "sku", "increase_quantity",
                               "reduce_quantity"},
    "category.list": _CATEGORY_FILTERS,
    "category.count": _CATEGORY_FILTERS,
    "category.info": {"id"},
    "category.find": {"find_value", "find_where", "find_params"},
    "category.add": _CATEGORY_WRITE,
    "category.update": _CATEGORY_WRITE | {"id"},
    "category.delete": {"id"},
    "customer.list": _CUSTOMER_FILTERS,
    "customer.count": _CUSTOMER_FILTERS,
    "customer.info": {"id"},
    "customer.find": {"find_value", "find_where"},
    "customer.add": _CUSTOMER_WRITE | {"address"},
    "customer.update": _CUSTOMER_WRITE | {"id", "address"},
    "customer.delete": {"id"},
    "customer.address.add": {"customer_id", "types", "first_name", "last_name", "company",
                             "address1", "address2", "city", "state", "postcode", "country",
                             "phone"},
    "customer.group.list": {"group_ids"},
    "customer.group.add": {"name"},
    "order.list": _ORDER_FILTERS | {_USER_STATUSES},
    "order.count": _ORDER_FILTERS,
    "order.info": {"id", "order_id", _USER_STATUSES},
    "order.add": _ORDER_ADD,
    "order.update": {"order_id", "order_status", "comment", "admin_comment",
                     "admin_private_comment", "order_payment_method"},
    "order.status.list": {_USER_STATUSES},
    "order.transaction.list": {"order_ids"},
    "order.shipment.list": {"order_id"},
    "order.shipment.info": {"id", "order_id"},
    "order.shipment.add": {"order_id", "items", "tracking_numbers", "shipment_provider",
                           "tracking_provider", "shipping_method", "is_shipped", "ship_date",
                           "weight", "admin_comment"},
    "order.shipment.update": {"shipment_id", "order_id", "tracking_numbers", "shipment_provider",
                              "tracking_provider", "is_shipped", "replace", "admin_comment"},
    "order.shipment.tracking.add": {"order_id", "shipment_id", "tracking_number",
                                    "tracking_provider"},
    "return.list": _RETURN_FILTERS,
    "return.count": _RETURN_FILTERS,
    "return.info": {"id", "order_id"},
    "return.status.list": set(),
}.items()}

#: The one shop a Shift4Shop store is (``cart.info``'s ``stores_info``).
SAME_AS_DEFAULT = {"store_id": {"1"}}

_ADDRESS_BOOK = ("type", "first_name", "last_name", "company", "address1", "address2", "city",
                 "state", "postcode", "country", "phone")
_TRACKING = {"tracking_number": None, "carrier_id": None}
#: Keys applied inside list-of-objects parameters. A shipment moves whole order lines, so an
#: item's ``quantity`` must be the line's; a tracking number's carrier is the shipment's one.
NESTED = {
    "customer.add": {"address": {f"address_book_{n}": None for n in _ADDRESS_BOOK}},
    "customer.update": {"address": {f"address_book_{n}": None for n in _ADDRESS_BOOK}},
    "order.add": {"order_item": {n: None for n in (
        "order_item_id", "order_item_model", "order_item_name", "order_item_price",
        "order_item_quantity", "order_item_weight")}},
    "order.shipment.add": {"items": {"order_product_id": None, "quantity": None},
                           "tracking_numbers": _TRACKING},
    "order.shipment.update": {"tracking_numbers": _TRACKING},
    "product.option.add": {"values": {"value": None, "is_default": None}},
}
