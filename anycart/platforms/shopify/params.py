"""Which contract parameters the Shopify connector applies, per method (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.

Each set lists what the handler, and the mapping function it calls, sends to the Admin REST
API or applies to what it answers. A shop is one store (``store_id`` ``1``, as ``cart.info``
lists it) and its collections are flat (``parent_id`` ``0``); lists come in ascending id order,
the contract's default ``sort_by``. Keep each set in step with its handler:
``tests/platforms/test_params_audit.py`` calls every method with every parameter left out here
and expects 109.
"""

from __future__ import annotations

_DATES = {"created_from", "created_to", "modified_from", "modified_to"}
_FIND = {"find_value", "find_where"}

_PRODUCT_FILTERS = {"product_ids", "since_id", "brand_name", "category_id", "categories_ids",
                    "avail_view", *_FIND, *_DATES}
_PRODUCT_WRITE = {"name", "model", "description", "brand_name", "manufacturer", "seo_url",
                  "available_for_view", "tags", "sku", "barcode", "weight", "weight_unit",
                  "price", "old_price", "quantity"}
_CATEGORY_FILTERS = {"avail", "find_value", "find_where", "modified_from", "modified_to"}
_CATEGORY_WRITE = {"name", "description", "seo_url", "avail"}
_CUSTOMER_FILTERS = {"ids", "since_id", *_DATES}
_CUSTOMER_WRITE = {"email", "first_name", "last_name", "phone", "note",
                   "news_letter_subscription"}
_ORDER_FILTERS = {"ids", "order_ids", "since_id", "order_status", "financial_status",
                  "fulfillment_status", "customer_id", *_DATES}
_RETURN_FILTERS = {"order_ids", "order_id", "customer_id"}
#: Shopify's three order statuses are fixed: there are no user-defined ones to leave out.
_USER_STATUSES = "allow_user_defined_order_statuses"

APPLIED: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in {
    "cart.info": set(),
    "basket.live_shipping_service.list": set(),
    "basket.live_shipping_service.create": {"name", "callback"},
    "basket.live_shipping_service.delete": {"id"},
    "product.list": _PRODUCT_FILTERS | {"product_type"},
    "product.count": _PRODUCT_FILTERS,
    "product.info": {"id"},
    "product.find": {"find_value", "find_where"},
    "product.add": _PRODUCT_WRITE | {"product_type", "url"},
    "product.update": _PRODUCT_WRITE | {"id"},
    "product.delete": {"id"},
    "product.image.add": {"product_id", "url", "image_name", "label", "type", "position"},
    "product.image.delete": {"product_id", "id"},
    "product.child_item.list": {"product_id", "product_ids"},
    "product.child_item.info": {"product_id", "id"},
    "product.variant.update": {"id", "product_id", "sku", "barcode", "weight", "name", "price",
                               "quantity"},
    "category.list": _CATEGORY_FILTERS,
    "category.count": _CATEGORY_FILTERS,
    "category.info": {"id"},
    "category.find": {"find_value"},
    "category.add": _CATEGORY_WRITE,
    "category.update": _CATEGORY_WRITE | {"id"},
    "category.delete": {"id"},
    "category.assign": {"category_id", "product_id"},
    "category.unassign": {"category_id", "product_id"},
    "customer.list": _CUSTOMER_FILTERS,
    "customer.count": _CUSTOMER_FILTERS,
    "customer.info": {"id"},
    "customer.find": {"find_value", "find_where"},
    "customer.add": _CUSTOMER_WRITE,
    "customer.update": _CUSTOMER_WRITE | {"id"},
    "customer.delete": {"id"},
    "customer.address.add": {"customer_id", "first_name", "last_name", "company", "address1",
                             "address2", "city", "postcode", "state", "country", "phone"},
    "order.list": _ORDER_FILTERS | {_USER_STATUSES},
    "order.count": _ORDER_FILTERS,
    "order.info": {"id", "order_id", _USER_STATUSES},
    "order.update": {"order_id", "comment", "tags"},
    "order.status.list": {_USER_STATUSES},
    "order.shipment.list": {"order_id"},
    "order.shipment.info": {"order_id", "id"},
    "order.shipment.add": {"order_id", "items", "tracking_numbers", "shipment_provider",
                           "tracking_provider", "tracking_link", "send_notifications"},
    "order.shipment.tracking.add": {"order_id", "shipment_id", "tracking_number",
                                    "tracking_provider", "carrier_id"},
    "return.list": _RETURN_FILTERS,
    "return.count": _RETURN_FILTERS,
    "return.info": {"id", "order_id"},
}.items()}

#: The one store a shop is, and the root its flat collections hang from.
SAME_AS_DEFAULT = {"store_id": {"1"}, "parent_id": {"0"}}

NESTED = {
    "order.shipment.add": {"items": {"order_product_id": None, "quantity": None},
                           "tracking_numbers": {"tracking_number": None, "carrier_id": None}},
}
