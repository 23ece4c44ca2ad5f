"""Which contract parameters the WooCommerce driver applies, per method (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.

WooCommerce serves one store and one language: ``store_id`` and ``lang_id`` are applied
nowhere, and ``store_id=0`` (the store ``cart.info`` lists) counts as not given.
``tests/bridge/test_params_audit.py`` calls every method with every parameter left out here and expects 109.
"""

from __future__ import annotations

_SORT = {"sort_by", "sort_direction"}
#: The contract parameters each write applies; any other given parameter is refused (109).
_PRODUCT_FIELDS = {"name", "model", "sku", "description", "short_description", "price",
                   "special_price", "sprice_create", "sprice_expire", "quantity", "manage_stock",
                   "in_stock", "weight", "width", "height", "length", "gtin", "upc", "ean",
                   "is_virtual", "status", "available_for_view", "visible", "seo_url",
                   "categories_ids"}
_PRODUCT_ADD = _PRODUCT_FIELDS | {"category_id", "type", "created_at"}
_PRODUCT_UPDATE = _PRODUCT_FIELDS | {"id", "avail", "increase_quantity", "reduce_quantity"}
_CUSTOMER_FIELDS = {"email", "first_name", "last_name", "password", "phone", "company", "group",
                    "group_id", "address"}
_CUSTOMER_ADD = _CUSTOMER_FIELDS | {"login", "created_time"}
_CUSTOMER_UPDATE = _CUSTOMER_FIELDS | {"id"}
_CATEGORY_ADD = {"name", "description", "parent_id", "seo_url", "sort_order"}
_CATEGORY_UPDATE = _CATEGORY_ADD | {"id"}
_ORDER_PARTS = ("first_name", "last_name", "company", "address_1", "address_2", "city", "state",
                "postcode", "country", "phone")
_ORDER_ADD = {"order_status", "customer_email", "customer_first_name", "customer_last_name",
              "customer_phone", "is_guest", "order_payment_method", "transaction_id", "currency",
              "date", "date_modified", "date_finished", "subtotal_price", "tax_price",
              "total_price", "prices_inc_tax", "shipping_price", "shipping_tax", "discount",
              "coupon_discount", "coupons", "order_shipping_method", "comment", "admin_comment",
              "admin_private_comment", "inventory_behaviour", "order_item",
              *(f"{side}_{part}" for side in ("bill", "shipp") for part in _ORDER_PARTS)}
#: The filters each read applies (any other given filter: 109, never an unfiltered answer).
_DATES = {"created_from", "created_to", "modified_from", "modified_to"}
_PRODUCT_FILTERS = _DATES | {"product_ids", "since_id", "categories_ids", "category_id",
                             "avail_view", "avail_sale", "status", "visible", "sku", "type",
                             "product_type", "find_value", "find_where"}
_CUSTOMER_FILTERS = _DATES | {"ids", "since_id", "group_id", "avail", "find_value", "find_where"}
_ORDER_FILTERS = _DATES | {"ids", "order_ids", "since_id", "customer_id", "customer_email",
                           "order_status", "order_status_ids", "allow_user_defined_order_statuses"}
_CATEGORY_FILTERS = _DATES | {"parent_id", "avail", "find_value", "find_where"}  # dates: own 109
_IMAGE_ADD = {"product_id", "type", "url", "content", "image_name", "label", "mime"}
_SHIPMENT_ADD = {"order_id", "tracking_numbers", "carrier_id", "tracking_provider", "tracking_link",
                 "ship_date", "shipment_provider"}
_TRACKING_ADD = {"order_id", "shipment_id", "carrier_id", "tracking_provider", "tracking_number",
                 "tracking_link"}
_ADDRESS_ADD = {"customer_id", "types", "first_name", "last_name", "company", "address1",
                "address2", "city", "postcode", "country", "state", "phone"}
_CHILD_FILTERS = _DATES | {"product_id", "product_ids", "sku", "avail_sale", "find_value",
                           "find_where"}
#: Keys read inside list parameters (others: 109 naming ``order_item[0][key]``).
_ORDER_ITEM = {**dict.fromkeys(("order_item_id", "order_item_variant_id", "order_item_quantity",
                                "order_item_price", "order_item_tax", "order_item_name",
                                "order_item_price_includes_tax")),
               "order_item_option": dict.fromkeys(("order_item_option_name", "order_item_option_value")),
               "order_item_property": dict.fromkeys(("order_item_property_name",
                                                     "order_item_property_value"))}
_ADDRESS_KEYS = ("first_name", "last_name", "company", "address1", "address2", "city", "postcode",
                 "country", "state", "phone")
#: customer.add/update address entries: the contract's address_book_* keys (and bare ones).
_ADDRESS_BOOK = dict.fromkeys((*(f"address_book_{k}" for k in (*_ADDRESS_KEYS, "type")),
                               *_ADDRESS_KEYS, "type"))
_ORDER_UPDATE = {"order_id", "order_status", "comment", "admin_comment", "admin_private_comment"}

APPLIED: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in {
    "cart.info": set(),
    "category.info": {"id"},
    "category.count": _CATEGORY_FILTERS,
    "category.list": _CATEGORY_FILTERS,
    "category.find": {"find_value", "find_where", "find_params"},
    "category.assign": {"category_id", "product_id"},
    "category.unassign": {"category_id", "product_id"},
    "category.add": _CATEGORY_ADD,
    "category.update": _CATEGORY_UPDATE,
    "category.delete": {"id"},
    "customer.info": {"id"},
    "customer.count": _CUSTOMER_FILTERS,
    "customer.list": _CUSTOMER_FILTERS | _SORT,
    "customer.find": {"find_value", "find_where"},
    "customer.add": _CUSTOMER_ADD,
    "customer.update": _CUSTOMER_UPDATE,
    "customer.delete": {"id"},
    "customer.address.add": _ADDRESS_ADD,
    "customer.group.list": {"group_ids"},
    "order.info": {"id", "order_id", "allow_user_defined_order_statuses"},
    "order.count": _ORDER_FILTERS,
    "order.list": _ORDER_FILTERS | _SORT,
    "order.add": _ORDER_ADD,
    "order.update": _ORDER_UPDATE,
    "order.shipment.info": {"id", "order_id"},
    "order.shipment.list": {"order_id"},
    "order.shipment.add": _SHIPMENT_ADD,
    "order.shipment.tracking.add": _TRACKING_ADD,
    "order.status.list": {"allow_user_defined_order_statuses"},
    "product.info": {"id"},
    "product.count": _PRODUCT_FILTERS,
    "product.list": _PRODUCT_FILTERS | _SORT,
    "product.find": {"find_value", "find_where", "find_params"},
    "product.add": _PRODUCT_ADD,
    "product.update": _PRODUCT_UPDATE,
    "product.delete": {"id"},
    "product.child_item.info": {"id", "product_id"},
    "product.child_item.list": _CHILD_FILTERS,
    "product.image.add": _IMAGE_ADD,
    "product.image.delete": {"id", "product_id"},
    "product.option.list": {"product_id"},
    "return.info": {"id"},
    "return.count": _DATES | {"order_id", "order_ids", "customer_id", "status", "return_type"},
    "return.list": _DATES | {"order_id", "order_ids", "customer_id", "status", "return_type"},
    "return.status.list": set(),
}.items()}

#: Values that mean "what the driver does anyway".
SAME_AS_DEFAULT = {"store_id": {"0"}}

#: Keys applied inside list-of-objects parameters (None: a value; a mapping: a list under it).
NESTED = {
    "customer.add": {"address": _ADDRESS_BOOK},
    "customer.update": {"address": _ADDRESS_BOOK},
    "order.add": {"order_item": _ORDER_ITEM},
}
