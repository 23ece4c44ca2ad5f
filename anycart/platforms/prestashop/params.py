"""Which contract parameters the PrestaShop driver applies, per method (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.

``store_id`` and ``lang_id`` are applied only where the handler reads them; ``store_id=0`` (the
store ``cart.info`` lists) counts as not given elsewhere. ``tests/bridge/test_params_audit.py``
calls every method with every parameter left out here and expects 109.
"""

from __future__ import annotations

_SHOP = {"store_id"}
_LANG = {"lang_id"}
_SORT = {"sort_by", "sort_direction"}
#: The contract parameters product.add / product.update write (all others: 109).
_PRODUCT_FIELDS = {"name", "model", "sku", "description", "short_description", "price",
                   "cost_price", "wholesale_price", "special_price", "sprice_create",
                   "sprice_expire", "weight", "width", "height", "length", "upc", "mpn", "gtin",
                   "ean", "isbn", "available_for_view", "avail", "visible", "status", "on_sale",
                   "is_virtual", "meta_title", "meta_keywords", "meta_description", "seo_url",
                   "categories_ids", "quantity", "manufacturer_id"}
_PRODUCT_ADD = _PRODUCT_FIELDS | {"available_for_sale", "category_id", "created_at", "type"}
_PRODUCT_UPDATE = _PRODUCT_FIELDS | {"id", "increase_quantity", "reduce_quantity"}
_CUSTOMER_FIELDS = {"email", "first_name", "last_name", "company", "website", "note", "status",
                    "news_letter_subscription", "partner_offers_subscription", "gender",
                    "birth_day", "password", "group", "group_id", "group_ids"}
_CUSTOMER_ADD = _CUSTOMER_FIELDS | {"created_time", "modified_time", "address"}
_CUSTOMER_UPDATE = _CUSTOMER_FIELDS | {"id"}
_CATEGORY_FIELDS = {"name", "description", "short_description", "parent_id", "avail",
                    "sort_order", "meta_title", "meta_description", "meta_keywords", "seo_url",
                    "modified_time"}
_CATEGORY_ADD = _CATEGORY_FIELDS | {"created_time"}
_CATEGORY_UPDATE = _CATEGORY_FIELDS | {"id"}
_ADDRESS_PARTS = ("first_name", "last_name", "address_1", "address_2", "city", "postcode",
                  "state", "country", "company", "phone")
_ORDER_ADD = {"order_status", "customer_email", "customer_first_name", "customer_last_name",
              "currency", "carrier_id", "order_shipping_method", "date", "subtotal_price",
              "shipping_price", "tax_price", "discount", "total_price", "total_paid",
              "order_payment_method", "transaction_id", "admin_private_comment", "comment",
              "order_item", "inventory_behaviour",
              *(f"{side}_{part}" for side in ("bill", "shipp") for part in _ADDRESS_PARTS)}
#: The filters each read applies (any other given filter: 109, never an unfiltered answer).
_DATES = {"created_from", "created_to", "modified_from", "modified_to"}
_PRODUCT_FILTERS = _DATES | {"product_ids", "since_id", "categories_ids", "category_id",
                             "avail_view", "avail_sale", "status", "visible", "sku", "brand_name",
                             "manufacturer_id", "find_value", "find_where"}
_CUSTOMER_FILTERS = _DATES | {"ids", "since_id", "group_id", "avail", "include_guests",
                              "find_value", "find_where"}
_ORDER_FILTERS = _DATES | {"ids", "order_ids", "skip_order_ids", "since_id", "customer_id",
                           "customer_email", "currency_id", "order_status", "order_status_ids",
                           "allow_user_defined_order_statuses"}
_CATEGORY_FILTERS = _DATES | {"parent_id", "avail", "find_value", "find_where"}
_IMAGE_ADD = {"product_id", "type", "url", "content", "image_name", "label", "position"}
_SHIPMENT_ADD = {"order_id", "items", "tracking_numbers", "weight"}
_TRACKING_ADD = {"order_id", "shipment_id", "tracking_number"}
_ADDRESS_ADD = {"customer_id", "first_name", "last_name", "company", "address1", "address2",
                "city", "country", "state", "postcode", "identification_number", "phone",
                "phone_mobile", "tax_id", "alias"}
_CHILD_FILTERS = _DATES | {"product_id", "product_ids", "sku", "avail_sale", "find_value",
                           "find_where"}
#: Keys read inside list parameters (others: 109 naming ``order_item[0][key]``).
_ORDER_ITEM = dict.fromkeys(("order_item_id", "order_item_quantity", "order_item_price",
                             "order_item_tax", "order_item_name", "order_item_model",
                             "order_item_variant_id", "order_item_weight"))
_ADDRESS_BOOK = dict.fromkeys(f"address_book_{k}" for k in (
    "first_name", "last_name", "company", "address1", "address2", "city", "country", "state",
    "postcode", "phone", "phone_mobile", "tax_id", "identification_number", "alias"))
_SHIPMENT_LISTS = {"items": dict.fromkeys(("order_product_id", "quantity")),
                   "tracking_numbers": dict.fromkeys(("carrier_id", "tracking_number"))}
_ORDER_UPDATE = {"order_id", "order_status", "order_payment_method", "comment", "admin_comment",
                 "admin_private_comment", "date_modified"}

APPLIED: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in {
    "cart.info": set(),
    "category.info": {"id"} | _SHOP | _LANG,
    "category.count": _CATEGORY_FILTERS | _SHOP | _LANG,
    "category.list": _CATEGORY_FILTERS | _SHOP | _LANG,
    "category.find": {"find_value", "find_where", "find_params"} | _SHOP | _LANG,
    "category.assign": {"category_id", "product_id"},
    "category.unassign": {"category_id", "product_id"},
    "category.add": _CATEGORY_ADD | _SHOP | _LANG,
    "category.update": _CATEGORY_UPDATE | _SHOP | _LANG,
    "category.delete": {"id"},
    "customer.info": {"id"},
    "customer.count": _CUSTOMER_FILTERS,
    "customer.list": _CUSTOMER_FILTERS | _SORT,
    "customer.find": {"find_value", "find_where", "find_params", "include_guests"},
    "customer.add": _CUSTOMER_ADD | _SHOP,
    "customer.update": _CUSTOMER_UPDATE,
    "customer.delete": {"id"},
    "customer.address.add": _ADDRESS_ADD,
    "customer.group.list": {"group_ids"} | _SHOP | _LANG,
    "order.info": {"id", "order_id", "allow_user_defined_order_statuses"} | _SHOP,
    "order.count": _ORDER_FILTERS | _SHOP,
    "order.list": _ORDER_FILTERS | _SHOP | _SORT,
    "order.add": _ORDER_ADD | _SHOP,
    "order.update": _ORDER_UPDATE | _SHOP,
    "order.shipment.info": {"id", "order_id"} | _SHOP,
    "order.shipment.list": _DATES | {"order_id"} | _SHOP,
    "order.shipment.add": _SHIPMENT_ADD | _SHOP,
    "order.shipment.tracking.add": _TRACKING_ADD | _SHOP,
    "order.status.list": {"allow_user_defined_order_statuses"},
    "product.info": {"id"} | _SHOP | _LANG,
    "product.count": _PRODUCT_FILTERS | _SHOP | _LANG,
    "product.list": _PRODUCT_FILTERS | _SHOP | _LANG | _SORT,
    "product.find": {"find_value", "find_where", "find_params"} | _SHOP | _LANG,
    "product.add": _PRODUCT_ADD | _SHOP | _LANG,
    "product.update": _PRODUCT_UPDATE | _SHOP | _LANG,
    "product.delete": {"id"},
    "product.child_item.info": {"id", "product_id"} | _SHOP | _LANG,
    "product.child_item.list": _CHILD_FILTERS | _SHOP | _LANG,
    "product.image.add": _IMAGE_ADD | _SHOP | _LANG,
    "product.image.delete": {"id", "product_id"},
    "product.option.list": {"product_id"} | _SHOP | _LANG,
    "return.info": {"id", "order_id"} | _SHOP,
    "return.count": _DATES | {"order_id", "order_ids", "customer_id", "status"} | _SHOP,
    "return.list": _DATES | {"order_id", "order_ids", "customer_id", "status"} | _SHOP,
    "return.status.list": set(),
}.items()}

#: Values that mean "what the driver does anyway".
SAME_AS_DEFAULT = {"store_id": {"0"}}

#: Keys applied inside list-of-objects parameters (None: a value; a mapping: a list under it).
NESTED = {
    "customer.add": {"address": _ADDRESS_BOOK},
    "order.add": {"order_item": _ORDER_ITEM},
    "order.shipment.add": _SHIPMENT_LISTS,
}
