"""The unified model: what every platform's mapping produces, named as the contract names it.

Field names and shapes follow the contract's response schemas (``Product``, ``Order``,
``Customer_Address``, ``A2CDateTime`` ...), so the JSON AnyCart answers parses in the models
of the SDKs generated from that contract. A platform field with no unified home goes into
``additional_fields``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, overload

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

DATE_FORMAT = "Y-m-d\\TH:i:sO"  # the PHP format string API2Cart reports beside each date


def _is_unset(value: Any) -> bool:
    return value is None or (isinstance(value, (list, dict)) and not value)


def unset() -> Any:
    """A contract property added to the model after its platforms' mappings were written:
    left out of the answer until a mapping fills it, so that no answer carries a null the
    contract does not allow (most of these properties are not nullable) and today's answers
    keep their shape."""
    return Field(default=None, exclude_if=_is_unset)


def unset_list() -> Any:
    """A list-valued :func:`unset`: absent while empty."""
    return Field(default_factory=list, exclude_if=_is_unset)


def unset_dict() -> Any:
    """A dict-valued :func:`unset` (``additional_fields`` of a nested object): absent while empty."""
    return Field(default_factory=dict, exclude_if=_is_unset)


class Part(BaseModel):
    """A nested contract object: its ``additional_fields`` / ``custom_fields`` only when filled."""

    model_config = ConfigDict(populate_by_name=True)

    additional_fields: dict[str, Any] = unset_dict()
    custom_fields: dict[str, Any] = unset_dict()


class _Compact(Part):
    """Answered without its unknown members: most members of the contract's nested objects are
    not nullable, so a member AnyCart cannot fill is left out rather than sent as null."""

    @model_serializer(mode="wrap")
    def _known(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        return {k: v for k, v in handler(self).items() if v is not None}


class Entity(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    additional_fields: dict[str, Any] = Field(default_factory=dict)
    custom_fields: dict[str, Any] = Field(default_factory=dict)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True)


class A2CDateTime(Part):
    value: str
    format: str = DATE_FORMAT

    @overload
    @classmethod
    def of(cls, moment: datetime) -> A2CDateTime: ...
    @overload
    @classmethod
    def of(cls, moment: None) -> None: ...
    @overload
    @classmethod
    def of(cls, moment: datetime | None) -> A2CDateTime | None: ...
    @classmethod
    def of(cls, moment: datetime | None) -> A2CDateTime | None:
        if moment is None:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return cls(value=moment.strftime("%Y-%m-%dT%H:%M:%S%z"))


class Image(Part):
    id: str | None = None
    http_path: str | None = None
    file_name: str | None = None
    alt: str | None = None
    sort_order: int | None = None
    type: str | None = None
    mime_type: str | None = Field(default=None, alias="mime-type", exclude_if=_is_unset)
    size: int | None = unset()
    create_at: A2CDateTime | None = unset()
    modified_at: A2CDateTime | None = unset()
    avail: bool | None = unset()


class Country(_Compact):
    """Built by :func:`anycart.platforms.countries.country`: both ISO codes, the full name."""

    code2: str | None = None
    code3: str | None = None
    name: str | None = None


class State(_Compact):
    code: str | None = None
    name: str | None = None


class Address(Entity):
    """``Customer_Address``."""

    id: str | None = None
    type: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    postcode: str | None = None
    state: State | None = None
    country: Country | None = None
    phone: str | None = None
    default: bool | None = None
    phone_mobile: str | None = unset()
    fax: str | None = unset()
    website: str | None = unset()
    gender: str | None = unset()
    region: str | None = unset()
    tax_id: str | None = unset()
    identification_number: str | None = unset()
    alias: str | None = unset()


class ProductOptionValue(Entity):
    """``Product_Option_Item``: one value of an option (``S`` of ``Size``)."""

    id: str | None = None
    product_option_item_id: str | None = None
    name: str | None = None
    sort_order: int | None = None
    price: float | None = None
    weight: float | None = None
    quantity: int | None = None
    type_price: str | None = None
    sku: str | None = None
    is_default: bool | None = None


class ProductOption(Entity):
    """``Product_Option``: an option of a product and its values."""

    id: str | None = None
    product_option_id: str | None = None
    name: str | None = None
    description: str | None = None
    sort_order: int | None = None
    type: str | None = None
    required: bool | None = None
    available: bool | None = None
    used_in_combination: bool | None = None
    option_items: list[ProductOptionValue] = Field(default_factory=list)


class ChildCombination(Entity):
    """``Product_ChildItem_Combination``: one option value a child item is made of."""

    option_id: str | None = None
    option_value_id: str | None = None


class AdvancedPrice(_Compact):
    """``Product_AdvancedPrice``: a price for a customer group, a quantity or a time window."""

    id: str | None = None
    value: float | None = None
    avail: bool | None = None
    group_id: str | None = None
    quantity_from: float | None = None
    start_time: A2CDateTime | None = None
    expire_time: A2CDateTime | None = None


class Inventory(_Compact):
    """``Product_Inventory``: the stock of one warehouse."""

    warehouse_id: str | None = None
    quantity: float | None = None
    in_stock: bool | None = None
    priority: int | None = None


class GroupItem(_Compact):
    """``Product_GroupItem``: one product of a grouped product or bundle."""

    child_item_id: str | None = None
    product_id: str | None = None
    default_qty_in_pack: float | None = None
    is_qty_in_pack_fixed: bool | None = None
    price: float | None = None


class TierPrice(_Compact):
    """``Product_TierPrice``: the price from a quantity on."""

    qty: float | None = None
    price: float | None = None


class GroupPrice(_Compact):
    """``Product_GroupPrice``: the price for a customer group."""

    id: str | None = None
    group_id: str | None = None
    price: float | None = None
    store_id: str | None = None
    quantity: float | None = None
    start_time: str | None = None
    expire_time: str | None = None


class Discount(_Compact):
    """``Discount``: a catalogue discount that applies to a product."""

    id: str | None = None
    name: str | None = None
    modifier_type: str | None = None
    value: float | None = None
    from_time: str | None = None
    to_time: str | None = None
    customer_group_ids: str | None = None
    sort_order: int | None = None


class Child(Entity):
    """``Child``: a child item (variant) of a product, as ``product.child_item.*`` answer it."""

    id: str
    parent_id: str | None = None
    sku: str | None = None
    upc: str | None = None
    ean: str | None = None
    mpn: str | None = None
    gtin: str | None = None
    isbn: str | None = None
    url: str | None = None
    seo_url: str | None = None
    sort_order: int | None = None
    created_time: A2CDateTime | None = None
    modified_time: A2CDateTime | None = None
    name: str | None = None
    short_description: str | None = None
    full_description: str | None = None
    images: list[Image] = Field(default_factory=list)
    combination: list[ChildCombination] = Field(default_factory=list)
    default_price: float | None = None
    cost_price: float | None = None
    list_price: float | None = None
    avail_for_sale: bool | None = None
    allow_backorders: bool | None = None
    in_stock: bool | None = None
    on_sale: bool | None = None
    manage_stock: bool | None = None
    inventory_level: float | None = None
    weight_unit: str | None = None
    weight: float | None = None
    width: float | None = None
    height: float | None = None
    length: float | None = None
    meta_title: str | None = None
    meta_description: str | None = None
    meta_keywords: str | None = None
    is_virtual: bool | None = None
    unit_price: float | None = unset()
    measure_unit: str | None = unset()
    wholesale_price: float | None = unset()
    advanced_price: list[AdvancedPrice] = unset_list()
    tax_class_id: str | None = unset()
    inventory: list[Inventory] = unset_list()
    min_quantity: float | None = unset()
    low_stock_threshold: float | None = unset()
    default_qty_in_pack: float | None = unset()
    is_qty_in_pack_fixed: bool | None = unset()
    dimensions_unit: str | None = unset()
    discounts: list[Discount] = unset_list()


class SpecialPrice(BaseModel):
    """A product's sale price and the window it applies in (contract ``SpecialPrice``)."""

    value: float | None = None
    avail: bool | None = None
    created_at: A2CDateTime | None = None
    modified_at: A2CDateTime | None = None
    expired_at: A2CDateTime | None = None
    additional_fields: dict[str, Any] = Field(default_factory=dict)
    custom_fields: dict[str, Any] = Field(default_factory=dict)


class Product(Entity):
    id: str
    type: str = "simple"
    u_model: str | None = None
    u_sku: str | None = None
    name: str | None = None
    description: str | None = None
    short_description: str | None = None
    price: float | None = None
    cost_price: float | None = None
    special_price: SpecialPrice | None = None
    quantity: float | None = None
    u_brand_id: str | None = None
    u_brand: str | None = None
    categories_ids: list[str] = Field(default_factory=list)
    url: str | None = None
    seo_url: str | None = None
    meta_title: str | None = None
    meta_keywords: str | None = None
    meta_description: str | None = None
    avail_sale: bool | None = None
    avail_view: bool | None = None
    weight: float | None = None
    weight_unit: str | None = None
    sort_order: int | None = None
    in_stock: bool | None = None
    on_sale: bool | None = None
    create_at: A2CDateTime | None = None
    modified_at: A2CDateTime | None = None
    images: list[Image] = Field(default_factory=list)
    product_options: list[ProductOption] = Field(default_factory=list)
    u_upc: str | None = None
    u_mpn: str | None = None
    u_gtin: str | None = None
    width: float | None = None
    height: float | None = None
    length: float | None = None
    advanced_price: list[AdvancedPrice] = unset_list()
    unit_price: float | None = unset()
    measure_unit: str | None = unset()
    inventory: list[Inventory] = unset_list()
    group_items: list[GroupItem] = unset_list()
    stores_ids: list[str] = unset_list()
    is_virtual: bool | None = unset()
    is_downloadable: bool | None = unset()
    backorders: str | None = unset()
    manage_stock: str | None = unset()
    is_stock_managed: bool | None = unset()
    tax_class_id: str | None = unset()
    tier_price: list[TierPrice] = unset_list()
    group_price: list[GroupPrice] = unset_list()
    u_isbn: str | None = unset()
    u_ean: str | None = unset()
    related_products_ids: list[str] = unset_list()
    up_sell_products_ids: list[str] = unset_list()
    cross_sell_products_ids: list[str] = unset_list()
    dimensions_unit: str | None = unset()
    discounts: list[Discount] = unset_list()

    def to_wire(self) -> dict[str, Any]:
        out = super().to_wire()
        # The contract's special_price is an object (never null) whose fields are not
        # nullable: absent when there is none, and only the fields known.
        if self.special_price is None:
            out.pop("special_price", None)
        else:
            out["special_price"] = self.special_price.model_dump(exclude_none=True)
        return out


class Category(Entity):
    id: str
    parent_id: str | None = None
    name: str | None = None
    description: str | None = None
    short_description: str | None = None
    avail: bool | None = None
    sort_order: int | None = None
    seo_url: str | None = None
    meta_title: str | None = None
    meta_description: str | None = None
    keywords: str | None = None
    created_at: A2CDateTime | None = None
    modified_at: A2CDateTime | None = None
    images: list[Image] = Field(default_factory=list)
    stores_ids: list[str] = unset_list()
    path: str | None = unset()


class CustomerGroup(Part):
    """``Customer_Group``."""

    id: str | None = None
    name: str | None = None


class Consent(_Compact):
    """``Customer_Consent``: one consent (newsletter, SMS ...) a customer gave or refused."""

    id: str | None = None
    type: str | None = None
    status: str | None = None
    source: str | None = None
    opt_in_level: str | None = None
    modified_time: str | None = None


class Customer(Entity):
    id: str
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    company: str | None = None
    created_time: A2CDateTime | None = None
    modified_time: A2CDateTime | None = None
    group: list[CustomerGroup] = Field(default_factory=list)
    status: str | None = None
    news_letter_subscription: bool | None = None
    address_book: list[Address] = Field(default_factory=list)
    login: str | None = unset()
    last_login: A2CDateTime | None = unset()
    birth_day: A2CDateTime | None = unset()
    is_guest: bool | None = unset()
    consents: list[Consent] = unset_list()
    gender: str | None = unset()
    stores_ids: list[str] = unset_list()
    website: str | None = unset()
    fax: str | None = unset()
    ip_address: str | None = unset()
    lang_id: str | None = unset()
    orders_count: int | None = unset()
    last_order_id: str | None = unset()


class BaseCustomer(Part):
    id: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None


class StatusHistoryItem(_Compact):
    """``Order_Status_HistoryItem``: one status the order went through."""

    id: str | None = None
    name: str | None = None
    modified_time: A2CDateTime | None = None
    notify: bool | None = None
    comment: str | None = None


class RefundItem(_Compact):
    """``Order_Status_Refund_Item``: what one refund gave back for one order line."""

    product_id: str | None = None
    variant_id: str | None = None
    order_product_id: str | None = None
    qty: float | None = None
    refund: float | None = None


class RefundInfo(_Compact):
    """``Order_Status_Refund``: the refunds of an order, summed."""

    shipping: float | None = None
    fee: float | None = None
    tax: float | None = None
    total_refunded: float | None = None
    time: A2CDateTime | None = None
    comment: str | None = None
    refunded_items: list[RefundItem] = unset_list()


class OrderStatus(Part):
    id: str | None = None
    name: str | None = None
    history: list[StatusHistoryItem] = unset_list()
    refund_info: RefundInfo | None = unset()


class OrderTotals(Part):
    total: float | None = None
    subtotal: float | None = None
    shipping: float | None = None
    tax: float | None = None
    discount: float | None = None


class OrderTotal(_Compact):
    """``Order_Total``: the order's sums as the platform computed them, tax kept apart."""

    subtotal_ex_tax: float | None = None
    wrapping_ex_tax: float | None = None
    shipping_ex_tax: float | None = None
    total_discount: float | None = None
    total_tax: float | None = None
    total: float | None = None
    total_paid: float | None = None


class OrderDiscount(_Compact):
    """``Order_Totals_NewDiscount``: one discount (coupon, rule) applied to the order."""

    code: str | None = None
    value: float | None = None
    type: str | None = None


class OrderItemOption(_Compact):
    """``Order_Item_Option``: an option value chosen on an order line."""

    option_id: str | None = None
    name: str | None = None
    value: str | None = None
    price: float | None = None
    weight: float | None = None
    type: str | None = None
    product_option_value_id: str | None = None


class OrderItem(Entity):
    order_product_id: str | None = None
    product_id: str | None = None
    variant_id: str | None = None
    model: str | None = None
    name: str | None = None
    price: float | None = None
    quantity: float | None = None
    total_price: float | None = None
    tax_percent: float | None = None
    weight: float | None = None
    price_inc_tax: float | None = unset()
    discount_amount: float | None = unset()
    tax_value: float | None = unset()
    tax_value_after_discount: float | None = unset()
    options: list[OrderItemOption] = unset_list()
    weight_unit: str | None = unset()
    barcode: str | None = unset()
    parent_order_product_id: str | None = unset()


class NamedMethod(Part):
    """``Order_PaymentMethod`` and ``Order_ShippingMethod`` (the same shape: a name)."""

    name: str | None = None


class Currency(Part):
    id: str | None = None
    iso3: str | None = None
    name: str | None = unset()
    symbol_left: str | None = unset()
    symbol_right: str | None = unset()
    rate: float | None = unset()
    avail: bool | None = unset()
    default: bool | None = unset()


class OrderRefund(_Compact):
    """``Order_Refund``: one refund of the order."""

    id: str | None = None
    shipping: float | None = None
    fee: float | None = None
    tax: float | None = None
    total: float | None = None
    modified_time: A2CDateTime | None = None
    comment: str | None = None
    items: list[RefundItem] = unset_list()


class Order(Entity):
    id: str
    order_id: str | None = None
    customer: BaseCustomer | None = None
    create_at: A2CDateTime | None = None
    modified_at: A2CDateTime | None = None
    currency: Currency | None = None
    billing_address: Address | None = None
    shipping_address: Address | None = None
    payment_method: NamedMethod | None = None
    shipping_method: NamedMethod | None = None
    status: OrderStatus | None = None
    totals: OrderTotals | None = None
    order_products: list[OrderItem] = Field(default_factory=list)
    comment: str | None = None
    store_id: str | None = None
    basket_id: str | None = unset()
    channel_id: str | None = unset()
    shipping_methods: list[NamedMethod] = unset_list()
    total: OrderTotal | None = unset()
    discounts: list[OrderDiscount] = unset_list()
    bundles: list[OrderItem] = unset_list()
    finished_time: A2CDateTime | None = unset()
    warehouses_ids: list[str] = unset_list()
    refunds: list[OrderRefund] = unset_list()
    gift_message: str | None = unset()
    order_details_url: str | None = unset()


class TrackingNumber(Part):
    carrier_id: str | None = None
    tracking_number: str | None = None


class ShipmentItem(Part):
    order_product_id: str | None = None
    product_id: str | None = None
    name: str | None = None
    quantity: float | None = None
    variant_id: str | None = unset()
    model: str | None = unset()
    price: float | None = unset()


class Shipment(Entity):
    id: str
    order_id: str | None = None
    name: str | None = None
    shipment_provider: str | None = None
    tracking_numbers: list[TrackingNumber] = Field(default_factory=list)
    created_at: A2CDateTime | None = None
    modified_time: A2CDateTime | None = None
    items: list[ShipmentItem] = Field(default_factory=list)
    is_shipped: bool | None = None
    warehouse_id: str | None = unset()
    delivered_at: A2CDateTime | None = unset()


class ReturnStatus(_Compact):
    id: str | None = None
    name: str | None = None


class ReturnReason(_Compact):
    """A reason given by id alone (Magento's RMA item keeps only its option's id) has no name."""

    id: str | None = None
    name: str | None = None


class ReturnAction(_Compact):
    """``Return_Action``: what the merchant does with a returned item (refund, exchange ...)."""

    id: str | None = None
    name: str | None = None


class ReturnOrderProduct(Part):
    product_id: str | None = None
    order_product_id: str | None = None
    sku: str | None = None
    name: str | None = None
    quantity: int | None = None
    reason: ReturnReason | None = None
    customer_comment: str | None = None
    action: ReturnAction | None = unset()
    condition: str | None = unset()


class Return(Entity):
    id: str
    order_id: str | None = None
    customer_id: str | None = None
    created_at: str | None = None
    modified_at: str | None = None
    status: ReturnStatus | None = None
    order_products: list[ReturnOrderProduct] = Field(default_factory=list)
    comment: str | None = None
    staff_note: str | None = None
    name: str | None = unset()
    store_id: str | None = unset()


# -- cart.info: the store itself -------------------------------------------------------------
class Language(_Compact):
    id: str | None = None
    iso_code: str | None = None
    name: str | None = None


class Carrier(_Compact):
    id: str | None = None
    name: str | None = None
    active: bool | None = None
    shipping_methods: list[NamedMethod] = unset_list()


class OwnerInfo(_Compact):
    """``Info``: the store owner's contact details."""

    owner: str | None = None
    country: str | None = None
    state: str | None = None
    state_code: str | None = None
    city: str | None = None
    street_address: str | None = None
    street_address_line_2: str | None = None
    zip_code: str | None = None
    email: str | None = None
    phone: str | None = None


class Channel(_Compact):
    """``Cart_Channel``: a sales channel (online store, POS, marketplace) of the store."""

    id: str | None = None
    name: str | None = None
    platform: str | None = None
    is_enabled: bool | None = None


class PickupLocation(_Compact):
    """``Cart_PickupLocation``."""

    id: str | None = None
    name: str | None = None
    avail: bool | None = None
    address: Address | None = unset()
    pickup_instructions: str | None = None
    expected_ready_time: str | None = None


class StoreInfo(_Compact):
    """``Cart_StoreInfo``: one store (shop, website, language view) of the cart."""

    store_id: str | None = None
    name: str | None = None
    language: str | None = None
    store_languages: list[Language] = unset_list()
    currency: Currency | None = unset()
    store_currencies: list[Currency] = unset_list()
    timezone: str | None = None
    country: str | None = None
    root_category_id: str | None = None
    multi_store_url: str | None = None
    active: bool | None = None
    weight_unit: str | None = None
    dimension_unit: str | None = None
    prices_include_tax: bool | None = None
    carrier_info: list[Carrier] = unset_list()
    store_owner_info: OwnerInfo | None = unset()
    default_warehouse_id: str | None = None
    channels: list[Channel] = unset_list()
    pickup_locations: list[PickupLocation] = unset_list()


class Warehouse(_Compact):
    """``Cart_Warehouse``."""

    id: str | None = None
    name: str | None = None
    description: str | None = None
    avail: bool | None = None
    address: Address | None = unset()
    carriers_ids: list[str] = unset_list()
    stores_ids: list[str] = unset_list()


class ShippingZone(_Compact):
    """``Cart_ShippingZone``."""

    id: str | None = None
    code: str | None = None
    name: str | None = None
    country: str | None = None
    country_iso2_codes: list[str] = unset_list()


class Cart(Part):
    """``Cart``: what ``cart.info`` answers about the store."""

    name: str | None = None
    url: str | None = None
    version: str | None = None
    bridge_version: str | None = None
    default_rounding_precision: int | None = None
    db_prefix: str | None = None
    stores_info: list[StoreInfo] = Field(default_factory=list)
    warehouses: list[Warehouse] = Field(default_factory=list)
    shipping_zones: list[ShippingZone] = Field(default_factory=list)
